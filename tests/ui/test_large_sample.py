"""The screens on the large sample town (100,600 tasks): the GUI thread stays free.

The check itself is ``tests/conftest.py``'s: a test fails if code in ``ui/`` runs database work
on the GUI thread for over 50 ms at a stretch. These tests only do what a person does.
"""

from __future__ import annotations

import shutil

import pytest

from PySide6.QtWidgets import QMessageBox

from desktop_app.demo import build_demo
from desktop_app.services import ListQuery, Services
from desktop_app.storage.database import Database
from ui import list_specs
from ui.forms.meeting_form import MeetingForm
from ui.forms.task_form import TaskForm
from ui.list_page import ListPage

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def large_sample(tmp_path_factory):
    """The large sample town, built once a test run."""
    folder = tmp_path_factory.mktemp("large")
    db = Database(folder / "large.db")
    try:
        build_demo(db, size="large")
    finally:
        db.close()
    return folder / "large.db"


@pytest.fixture
def large(large_sample, tmp_path):
    """A copy of the large sample with an officer of the office's cluster on shift."""
    path = tmp_path / "large.db"
    shutil.copy(large_sample, path)
    for suffix in ("-wal", "-shm", ".key"):
        if large_sample.with_name(large_sample.name + suffix).exists():
            shutil.copy(large_sample.with_name(large_sample.name + suffix),
                        path.with_name(path.name + suffix))
    db = Database(path)
    services = Services(db)
    office = db.node.cluster_id
    officer = services.people.ids(ListQuery(cluster_id=office, limit=1))[0]
    if db.officer_id is None:
        services.duty.start(office, [officer])
    yield services
    db.close()


def test_the_task_list_opens_and_scrolls_to_the_end(qtbot, large):
    """The office's task list shows its thousands of tasks; scrolling to the last row fills it."""
    page = ListPage(large, list_specs.TASKS)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"), timeout=30000)
    assert page.model.rowCount() > 1000
    page.table.scrollToBottom()
    last = page.model.rowCount() - 1
    assert page.model.data(page.model.index(last, 0))


def test_open_edit_and_save_a_task_and_a_meeting(qtbot, large, monkeypatch):
    """Editing a task (its villages, people and agenda items listed) and saving it, deleting
    and restoring it from the list, and opening a meeting all keep the window free."""
    office = large.db.node.cluster_id
    page = ListPage(large, list_specs.TASKS)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"), timeout=30000)
    task_id = large.tasks.ids(ListQuery(cluster_id=office, limit=1))[0]
    form = TaskForm(large, task_id, page)
    qtbot.addWidget(form)
    assert form.villages.count() > 0 and form.assignee.count() > 1
    form.title.setText(form.title.text() + "（复核）")
    form.save()
    assert form.visible_errors() == {} and large.tasks.get(task_id).title.endswith("（复核）")

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.select_id(task_id)
    with qtbot.waitSignal(page.reloaded, timeout=30000):
        page.delete_selected()
    assert task_id in large.tasks.ids(ListQuery(cluster_id=office, only_deleted=True,
                                                limit=None))

    meeting_id = large.meetings.ids(ListQuery(cluster_id=office, limit=1))[0]
    meeting = MeetingForm(large, meeting_id, page)
    qtbot.addWidget(meeting)
    assert meeting.title.text()
