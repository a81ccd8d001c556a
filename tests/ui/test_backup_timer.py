"""The window backs up at close and at most daily while open."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui import backup_timer


def test_closing_the_window_leaves_a_checked_backup(services):
    """关闭程序时自动备份一份。"""
    backup_timer.at_close(services)
    [made] = services.backups.list()
    assert made.path.exists() and made.size > 0


def test_while_open_a_backup_is_made_only_when_a_day_has_passed(qtbot, services):
    """程序一直开着：没有备份就补一份，当天已有备份就不重复。"""
    window = QWidget()
    qtbot.addWidget(window)
    timer = backup_timer.start(window, services)
    assert timer.interval() == backup_timer.HOUR_MS
    backup_timer.back_up_if_due(window, services)
    qtbot.waitUntil(lambda: len(services.backups.list()) == 1)
    assert services.backups.create_if_due() is None


def test_a_window_closed_before_the_first_check_is_not_asked(qtbot, services):
    """The first check comes a minute after start from a timer the window owns: a window
    gone by then takes it along (a free single shot once raised 'Internal C++ object
    already deleted' in the event loop)."""
    from PySide6.QtCore import QTimer

    window = QWidget()
    backup_timer.start(window, services)
    first = [t for t in window.findChildren(QTimer) if t.isSingleShot()]
    assert len(first) == 1 and first[0].interval() == 60_000 and first[0].isActive()
