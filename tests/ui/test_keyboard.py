"""The list screens from the keyboard: Ctrl+N, Ctrl+F, Enter on a row, Delete in the search box.

(Delete on a selected row asking first is tested in test_task_screen.py.)
"""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.forms.agenda_form import AgendaForm
from ui.forms.base import RecordForm
from ui.forms.task_form import TaskForm
from ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, services, on_shift):
    """The main window of the 黄璩 office with three tasks and an agenda item."""
    services.db.set_node(cluster_id=on_shift.huangqu)
    for title in ("路灯维修", "清理排水沟", "道路修补"):
        services.tasks.create(cluster_id=on_shift.huangqu, title=title)
    services.agenda.create(cluster_id=on_shift.huangqu, title="生产路硬化")
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


@pytest.fixture
def opened(monkeypatch):
    """Forms the list opens are recorded (type and record id) instead of being shown."""
    forms: list[tuple[type, str | None]] = []

    def exec_(form):
        forms.append((type(form), form.record_id))
        return 0

    monkeypatch.setattr(RecordForm, "exec", exec_)
    return forms


def open_list(qtbot, window, title):
    page = window.screen(title)
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"))
    page.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
    return page


def test_ctrl_n_opens_a_new_form_for_the_screen_shown(qtbot, window, opened):
    """With the task table focused, Ctrl+N opens a new task form; on 议题 it opens a new
    agenda item — each screen's own form, even after both were visited."""
    agenda = open_list(qtbot, window, "议题")
    tasks = open_list(qtbot, window, "任务")
    qtbot.keyClick(tasks.table, Qt.Key.Key_N, CTRL)
    assert opened == [(TaskForm, None)]
    agenda = open_list(qtbot, window, "议题")
    qtbot.keyClick(agenda.table, Qt.Key.Key_N, CTRL)
    assert opened == [(TaskForm, None), (AgendaForm, None)]


def test_ctrl_f_puts_the_cursor_in_the_search_box(qtbot, window):
    """From the table, Ctrl+F moves the cursor to the search box and selects what is there."""
    tasks = open_list(qtbot, window, "任务")
    tasks.search.setText("路灯")
    tasks.table.setFocus()
    qtbot.keyClick(tasks.table, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is tasks.search
    assert tasks.search.selectedText() == "路灯"


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_a_row_opens_that_record(qtbot, window, opened, key):
    """Moving down to the second task with the arrow key and pressing Enter opens that task."""
    tasks = open_list(qtbot, window, "任务")
    assert tasks.count_label.text() == "共 3 条"
    qtbot.keyClick(tasks.table, Qt.Key.Key_Home)
    qtbot.keyClick(tasks.table, Qt.Key.Key_Down)
    second = tasks.model.id_at(1)
    assert tasks.selected_id() == second
    qtbot.keyClick(tasks.table, key)
    assert opened == [(TaskForm, second)]


def tasks_with_a_row_selected(qtbot, window, monkeypatch, answer):
    """The task list with its first row selected; every question is answered ``answer`` and
    recorded in the list returned."""
    tasks = open_list(qtbot, window, "任务")
    tasks.table.selectRow(0)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or answer)
    return tasks, asked


def test_delete_in_the_search_box_edits_the_text_not_the_list(qtbot, services, window,
                                                              monkeypatch):
    """Pressing Delete while typing a search removes a character; no task is deleted or asked
    about, even with a row selected."""
    tasks, asked = tasks_with_a_row_selected(qtbot, window, monkeypatch,
                                             QMessageBox.StandardButton.Yes)
    tasks.search.setFocus()
    tasks.search.setText("路灯x")
    tasks.search.setCursorPosition(2)
    qtbot.keyClick(tasks.search, Qt.Key.Key_Delete)
    assert tasks.search.text() == "路灯"
    assert asked == [] and services.tasks.list().total == 3


def test_delete_elsewhere_in_the_window_does_not_touch_the_list(qtbot, services, window,
                                                                monkeypatch):
    """With a row selected but the focus on the navigation, Delete asks nothing; in the
    table it asks before deleting."""
    tasks, asked = tasks_with_a_row_selected(qtbot, window, monkeypatch,
                                             QMessageBox.StandardButton.No)
    window.navigation.setFocus()
    qtbot.keyClick(window.navigation, Qt.Key.Key_Delete)
    assert asked == []
    tasks.table.setFocus()
    qtbot.keyClick(tasks.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and services.tasks.list().total == 3


def test_opening_screens_keeps_the_keyboard_in_the_window(qtbot, window):
    """Visiting every screen flashes no stray little windows and leaves the main window active,
    so the shortcuts keep working without clicking into the window first."""
    shown = []
    for title in window.screen_titles():
        window.screen(title)
        qtbot.wait(20)
        shown += [type(w).__name__ for w in QApplication.topLevelWidgets()
                  if w.isVisible() and w is not window]
        assert QApplication.activeWindow() is window, title
    assert shown == []
