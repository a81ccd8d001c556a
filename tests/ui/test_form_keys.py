"""Enter on a form moves on to the next field, as on a paper form; only Ctrl+S or 保存 saves.

A duty officer used to typing a title and pressing Enter had a task saved with no village and
no due date."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from ui.forms.task_form import TaskForm


@pytest.fixture(autouse=True)
def _discard_on_close(monkeypatch):
    """Closing a form with typing in it asks first; here the answer is 放弃 (no dialog left
    waiting for a click when a test ends)."""
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Discard)


def _form(qtbot, services):
    form = TaskForm(services)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def test_enter_in_the_title_moves_on_and_saves_nothing(qtbot, services, on_shift):
    """Typing the title and pressing Enter leaves the form open, with nothing saved, and the
    cursor in the next field."""
    form = _form(qtbot, services)
    form.title.setFocus()
    form.title.insert("清理排水沟")  # QTest types ASCII only
    qtbot.keyClick(form.title, Qt.Key.Key_Return)
    assert form.isVisible() and form.saved_id is None
    assert services.tasks.list().total == 0
    assert form.focusWidget() is not form.title


def test_ctrl_s_saves_and_save_is_never_the_default_button(qtbot, services, on_shift):
    """Ctrl+S saves the form; 保存 is not a button that Enter presses by itself."""
    form = _form(qtbot, services)
    save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert not save.isDefault() and not save.autoDefault()
    form.title.setText("清理排水沟")
    form.villages.set_checked([on_shift.villages["黄璩村"]])
    qtbot.keyClick(form.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.saved_id is not None
    assert services.tasks.get(form.saved_id).title == "清理排水沟"


def test_enter_in_the_description_starts_a_new_line(qtbot, services, on_shift):
    """In a text box Enter is a new line, not a save and not a jump."""
    form = _form(qtbot, services)
    form.description.setFocus()
    form.description.insertPlainText("第一行")
    qtbot.keyClick(form.description, Qt.Key.Key_Return)
    form.description.insertPlainText("第二行")
    assert form.description.toPlainText() == "第一行\n第二行"
    assert form.saved_id is None
