"""设置 → 备份到… and 从备份恢复…: a checked copy on a stick; a restore that says what it
replaces, keeps the current file, reopens the window on the backup and does not fork sync."""

from __future__ import annotations

from datetime import datetime

import pytest

from PySide6.QtWidgets import QMessageBox

from desktop_app.records.errors import UserError
from desktop_app.storage import backups
from desktop_app.sync.identity import record_sent
from ui.backup_dialogs import RestoreDialog, back_up_to, restore_into
from ui.main_window import MainWindow
from ui.settings_page import SettingsPage

WAIT_MS = 20_000


@pytest.fixture
def said(monkeypatch):
    """Every message box shown, as (kind, title, text); questions are answered 是."""
    shown: list[tuple[str, str, str]] = []

    def box(kind, answer=None):
        def show(_parent, title, text, *_rest):
            shown.append((kind, title, text))
            return answer
        return show

    monkeypatch.setattr(QMessageBox, "information", box("information"))
    monkeypatch.setattr(QMessageBox, "warning", box("warning"))
    monkeypatch.setattr(QMessageBox, "critical", box("critical"))
    monkeypatch.setattr(QMessageBox, "question", box("question", QMessageBox.StandardButton.Yes))
    return shown


def test_back_up_to_a_stick_writes_a_checked_copy(qtbot, services, small_town, tmp_path, said):
    stick = tmp_path / "U盘"
    stick.mkdir()
    page = SettingsPage(services)
    qtbot.addWidget(page)
    task = back_up_to(page, services, str(stick))
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass
    copies = list(stick.glob("*.db"))
    assert len(copies) == 1 and backups.integrity_problem(copies[0]) is None
    assert not list(stick.glob("*.part"))
    assert said[-1][1] == "备份完成" and str(copies[0]) in said[-1][2] and "检查" in said[-1][2]


def test_back_up_to_a_pulled_stick_says_so(qtbot, services, tmp_path, said):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    task = back_up_to(page, services, str(tmp_path / "已拔出"))
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass
    assert said[-1][0] == "warning" and "找不到文件夹" in said[-1][2]


def test_the_restore_dialog_lists_backups_and_says_what_is_replaced(qtbot, services, said):
    path = services.db.path
    backups.create(path, datetime(2026, 11, 30, 18, 5))
    backups.create(path, datetime(2026, 12, 1, 17, 40))
    dialog = RestoreDialog(services.backups)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 0).text() == "2026年12月01日 17:40"  # newest first, selected
    assert dialog.table.item(0, 1).text().endswith(("KB", "MB"))
    assert not dialog.empty.isVisibleTo(dialog)
    dialog.confirm()
    question = said[-1][2]
    assert str(path) in question and "before-restore" in question and "找回" in question
    assert dialog.chosen is not None and dialog.chosen.at == datetime(2026, 12, 1, 17, 40)


def test_without_backups_the_dialog_says_so_and_takes_a_file(qtbot, services, tmp_path, said):
    dialog = RestoreDialog(services.backups)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    assert dialog.empty.isVisibleTo(dialog)
    stick = tmp_path / "U盘"
    stick.mkdir()
    copy = backups.copy_to(services.db.path, stick)
    dialog.choose_file(str(copy.path))
    assert dialog.table.rowCount() == 1 and dialog.restore_button.isEnabled()


@pytest.fixture
def window(qtbot, services, on_shift):
    services.db.set_node(name="黄璩中心村值班室", cluster_id=on_shift.huangqu)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.screen("设置")
    return window


def _restore(qtbot, window, backup):
    task = restore_into(window, backup)
    with qtbot.waitSignal(task.finished, timeout=WAIT_MS):
        pass


def test_restore_reopens_the_window_on_the_backup(qtbot, window, on_shift, said):
    services = window.services
    services.tasks.create(cluster_id=on_shift.huangqu, title="备份前的任务")
    backup = backups.create(services.db.path)
    services.tasks.create(cluster_id=on_shift.huangqu, title="备份后的任务")
    _restore(qtbot, window, backup.path)
    assert window.services is not services  # opened again, on the restored file
    titles = {t.title for t in window.services.tasks.list().items}
    assert "备份前的任务" in titles and "备份后的任务" not in titles
    kept = list(services.db.path.parent.glob("*.before-restore-*.bak"))
    assert len(kept) == 1
    assert said[-1][1] == "恢复完成" and str(kept[0]) in said[-1][2]
    assert type(window.screen("任务")).__name__ == "ListPage"  # screens built again
    window.services.tasks.create(cluster_id=on_shift.huangqu, title="恢复后的任务")


def test_a_restored_pc_waits_for_the_town_before_writing(qtbot, window, on_shift, said):
    """What it sent after the backup is at the town: writing now would fork the history."""
    services = window.services
    backup = backups.create(services.db.path)
    services.tasks.create(cluster_id=on_shift.huangqu, title="已发给镇里的任务")
    with services.db.engine.connect() as connection:
        from desktop_app.sync.oplog import last_op

        sent = last_op(connection, services.db.node.node_id)[0]
    record_sent(services.db.key_path, sent)  # as an export does
    _restore(qtbot, window, backup.path)
    assert window.services.db.history_gap == 1
    assert "还在镇里" in said[-1][2]
    with pytest.raises(UserError, match="从备份恢复"):
        window.services.tasks.create(cluster_id=on_shift.huangqu, title="太早")


def test_a_damaged_backup_is_refused_and_the_window_keeps_working(qtbot, window, tmp_path,
                                                                 said):
    services = window.services
    damaged = tmp_path / "坏的备份.db"
    damaged.write_bytes(b"not a database" * 100)
    _restore(qtbot, window, damaged)
    assert window.services is services
    assert said[-1][0] == "warning" and "不能用来恢复" in said[-1][2]
    assert services.tasks.list().total >= 0  # still open
