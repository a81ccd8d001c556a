"""The duty page: an officer starts a shift, keeps a log, and hands over with a note."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QMessageBox

from ui.duty_page import DutyPage, HandoverDialog


@pytest.fixture
def page(qtbot, services, small_town):
    services.db.set_node(cluster_id=small_town.huangqu)
    page = DutyPage(services)
    qtbot.addWidget(page)
    page.show()
    return page


def test_start_a_shift_and_end_it_with_a_note(qtbot, services, small_town, page):
    """Picking my name starts the shift; ending it records the handover note for the next one."""
    shifts = []
    page.shift_changed.connect(lambda: shifts.append(1))
    page.officer.set_key(small_town.people["李秀英"])
    page.start_shift()
    assert services.db.officer_id == small_town.people["李秀英"]
    assert "李秀英 正在值班" in page.state.text() and page.on_shift_row.isVisible()
    page.log.setPlainText("接待群众 2 人")
    page.save_log()
    page.end_with("黄店村路灯已报修，明天回访", page.log.toPlainText())
    assert services.duty.current() is None and services.db.officer_id is None
    last = services.duty.last_handover(small_town.huangqu)
    assert (last.handover_note, last.log) == ("黄店村路灯已报修，明天回访", "接待群众 2 人")
    assert "黄店村路灯已报修" in page.previous_note.text()
    assert len(shifts) == 2


def test_starting_without_a_name_says_so(qtbot, page, monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    page.officer.set_key(None)
    page.officer.setCurrentIndex(-1)
    page.start_shift()
    assert messages == ["请先选择值班人员"]


def test_handover_note_is_required(qtbot):
    """交班 with an empty note is refused in the dialog, with the reason shown."""
    dialog = HandoverDialog("")
    qtbot.addWidget(dialog)
    dialog._check()
    assert "请填写交接事项" in dialog.error.text() and dialog.result() == 0
    dialog.note.setPlainText("无")
    dialog._check()
    assert dialog.result() == dialog.DialogCode.Accepted
