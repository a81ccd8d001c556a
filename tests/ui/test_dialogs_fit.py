"""Every dialog under ui/ that is not a record form (those are checked in
test_window_fits.py) opens with realistic data on a 1024×768 screen and fits it: its size
hint, its minimum size and its geometry once shown, with no label cut off."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from PySide6.QtWidgets import QDialog, QLabel

import ui
import ui.forms
from tests.app.assessment.helpers import make_scheme
from ui import window_state
from ui.forms.base import RecordForm

SCREEN_W, SCREEN_H = 1024, 768
LONG_LOG = "\n".join(f"{hour:02d}:00 巡查黄璩村主街，路灯三盏不亮，已报电工维修。"
                     for hour in range(8, 20))


def every_dialog() -> set[str]:
    """The names of the QDialog subclasses under ui/ that are not record forms."""
    for package in (ui, ui.forms):
        for module in pkgutil.iter_modules(package.__path__):
            if module.name != "smoke":
                importlib.import_module(f"{package.__name__}.{module.name}")
    found, todo = set(), list(QDialog.__subclasses__())
    while todo:
        dialog = todo.pop()
        todo += dialog.__subclasses__()
        if dialog.__module__.startswith("ui.") and not issubclass(dialog, RecordForm):
            found.add(dialog.__name__)
    return found


# --- each dialog, opened as the app opens it, with data a real office has ---------------

def _visit(services, town) -> QDialog:
    from ui.forms.coop_visits import VisitDialog

    coop = services.coops.create(cluster_id=town.huangqu, name="黄璩瓜菜专业合作社",
                                 village_id=town.villages["黄璩村"], standing="fair")
    return VisitDialog(services, coop.id)


def _welcome(services, town) -> QDialog:
    from ui.welcome import WelcomeDialog

    return WelcomeDialog("/home/干部/文档/联建台账/lianjian.db")


def _approval(services, town) -> QDialog:
    from desktop_app.sync.status import PeerStatus
    from ui.sync_approval import ApprovalDialog

    peer = PeerStatus("n1", "北张淡村中心村值班室", "village", None, "pending",
                      "1234-5678-9012-3456", None, datetime(2026, 11, 30, 9, 0), 3, 0)
    return ApprovalDialog(peer, [(town.huangqu, "黄璩联合党总支"),
                                 (town.zhangdan, "张淡联合党总支")])


def _generate(services, town) -> QDialog:
    from ui.rota_page import GenerateDialog

    return GenerateDialog(date(2026, 12, 1), date(2026, 12, 31))


def _claim(services, town) -> QDialog:
    from ui.forms.meeting_form import ClaimDialog

    villages = [(vid, name) for name, vid in town.villages.items()]
    return ClaimDialog("黄璩村、韩璩村联合整治主干道两侧排水沟，汛期前完工，各村出工十人",
                       villages, [villages[0][0]])


def _import(services, town) -> QDialog:
    from ui.import_dialog import ImportDialog

    return ImportDialog(services, "person")


def _history(services, town) -> QDialog:
    from ui.history_dialog import HistoryDialog

    person = town.people["王建国"]
    services.people.update(person, phone="13905461234")
    return HistoryDialog(services, person, "人员：王建国")


def _guide(services, town) -> QDialog:
    from ui.guide import GuideWindow

    return GuideWindow()


def _handover(services, town) -> QDialog:
    from ui.duty_page import HandoverDialog

    return HandoverDialog(LONG_LOG)


def _period(services, town) -> QDialog:
    from ui.exports import PeriodDialog

    return PeriodDialog(date(2026, 11, 1), date(2026, 11, 30),
                        note="导出所选期间的值班日志，交镇里存档")


def _record_list(services, town) -> QDialog:
    from desktop_app.services import ListQuery
    from ui.dashboard_widgets import RecordListDialog

    for n in range(12):
        services.tasks.create(cluster_id=town.huangqu, title=f"清理黄璩村第{n + 1}段排水沟",
                              village_ids=[town.villages["黄璩村"]],
                              due_on=date(2026, 12, 20))
    return RecordListDialog(services, "今日到期的任务", "tasks", ListQuery())


def _scheme(services, town) -> QDialog:
    from ui.assessment_scheme_dialog import SchemeDialog

    make_scheme(services)
    return SchemeDialog(services, services.assessment.view("2026Q4"))


def _group_editor(services, town) -> QDialog:
    scheme = _scheme(services, town)
    return scheme.group_editor(scheme.groups[0])


def _indicator_editor(services, town) -> QDialog:
    scheme = _scheme(services, town)
    return scheme.indicator_editor(scheme.indicators[-1])


def _evidence(services, town) -> QDialog:
    from ui.assessment_evidence import EvidenceDialog

    services.tasks.create(cluster_id=town.huangqu, title="清理排水沟",
                          found_on=date(2026, 10, 2), due_on=date(2026, 10, 20),
                          status="solved", solved_at=datetime(2026, 10, 19, 9, 0))
    made = make_scheme(services)
    return EvidenceDialog(services, services.assessment.view("2026Q4"), town.huangqu,
                          made.tasks)


def _restore(services, town) -> QDialog:
    from desktop_app.storage import backups
    from ui.backup_dialogs import RestoreDialog

    for day in range(1, 8):
        backups.create(services.db.path, datetime(2026, 11, day, 17, 40))
    return RestoreDialog(services.backups)


def _with_password(services) -> Any:
    from desktop_app.security.password import StartupPassword

    StartupPassword(services.db.path).set("黄璩2026", repeated="黄璩2026")
    return services.db.path


def _password_prompt(services, town) -> QDialog:
    from ui.password_dialogs import PasswordPrompt

    return PasswordPrompt(_with_password(services))


def _set_password(services, town) -> QDialog:
    from ui.password_dialogs import SetPasswordDialog

    return SetPasswordDialog(services.db.path)


def _remove_password(services, town) -> QDialog:
    from ui.password_dialogs import RemovePasswordDialog

    return RemovePasswordDialog(_with_password(services))


def _lock(services, town) -> QDialog:
    from PySide6.QtWidgets import QMainWindow

    from ui.idle_lock import LockDialog

    window = QMainWindow()
    window.resize(SCREEN_W, SCREEN_H - 40)
    dialog = LockDialog(window, _with_password(services))
    # Measured as a window of its own (the test closes it; a parent closed first by Python's
    # collector would take the dialog with it).
    dialog.setParent(None)
    dialog.locked_window = window  # type: ignore[attr-defined]
    return dialog


def _reset_code(services, town) -> QDialog:
    from ui.password_reset_dialog import ResetCodeDialog

    return ResetCodeDialog(services.sync, [("n79c2f0a", "北张淡村中心村值班室"),
                                           ("n4d1e7b2", "黄璩中心村值班室")])


def _about(services, town) -> QDialog:
    from ui.about import AboutDialog

    return AboutDialog(services)


OPENERS: dict[str, Callable[[Any, Any], QDialog]] = {
    "VisitDialog": _visit, "WelcomeDialog": _welcome, "ApprovalDialog": _approval,
    "GenerateDialog": _generate, "ClaimDialog": _claim, "ImportDialog": _import,
    "HistoryDialog": _history, "GuideWindow": _guide, "HandoverDialog": _handover,
    "PeriodDialog": _period, "RecordListDialog": _record_list, "SchemeDialog": _scheme,
    "EvidenceDialog": _evidence, "AboutDialog": _about, "GroupEditor": _group_editor,
    "IndicatorEditor": _indicator_editor, "RestoreDialog": _restore,
    "PasswordPrompt": _password_prompt, "SetPasswordDialog": _set_password,
    "RemovePasswordDialog": _remove_password, "LockDialog": _lock, "ResetCodeDialog": _reset_code,
}


def test_every_dialog_is_walked():
    """A new dialog under ui/ must be added here, so it is checked at 1024×768 too."""
    assert every_dialog() == set(OPENERS)


def clipped_labels(dialog: QDialog) -> list[str]:
    """The texts of visible labels narrower or lower than their text needs."""
    clipped = []
    for label in dialog.findChildren(QLabel):
        if not label.isVisibleTo(dialog) or not label.text() or label.pixmap() is not None \
                and not label.pixmap().isNull():
            continue
        if label.wordWrap():
            if label.height() < label.heightForWidth(label.width()):
                clipped.append(label.text())
        elif label.width() < label.minimumSizeHint().width():
            clipped.append(label.text())
    return clipped


@pytest.mark.parametrize("name", sorted(OPENERS))
def test_every_dialog_fits_1024_by_768(qtbot, services, on_shift, monkeypatch, name):
    area = window_state.QRect(0, 0, SCREEN_W, SCREEN_H - 40)  # a 40-pixel taskbar
    monkeypatch.setattr(window_state, "available_area", lambda widget=None: area)
    dialog = OPENERS[name](services, on_shift)
    qtbot.addWidget(dialog)
    room_w = area.width() - window_state.FRAME.width()
    room_h = area.height() - window_state.FRAME.height()
    assert dialog.minimumSizeHint().width() <= room_w
    assert dialog.minimumSizeHint().height() <= room_h
    assert dialog.sizeHint().width() <= room_w, dialog.sizeHint()
    assert dialog.sizeHint().height() <= room_h, dialog.sizeHint()
    dialog.show()
    qtbot.wait(50)
    assert dialog.width() <= room_w and dialog.height() <= room_h, dialog.size()
    assert dialog.frameGeometry().bottom() <= area.bottom() + window_state.FRAME.height()
    assert clipped_labels(dialog) == []
