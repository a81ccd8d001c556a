"""Forms get plain values: whatever a screen asks of a service comes back as plain data, not
as an object tied to a database session (which a widget must never hold)."""

from __future__ import annotations

from desktop_app.records.plain import Plain
from desktop_app.services import ListQuery
from ui.background import in_place, off_thread, unwrapped
from ui.forms.task_form import TaskForm


def test_a_record_a_page_and_child_rows_come_back_as_plain_data(services, on_shift, qtbot):
    """A task, a page of people and a task's progress notes reach the form as plain copies
    with the same values."""
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
    services.tasks.add_progress(task.id, "已联系施工队", percent=30)
    for view in (off_thread(services), in_place(services)):
        got = view.tasks.get(task.id)
        assert isinstance(got, Plain) and not hasattr(got, "__table__")
        assert (got.id, got.title, got.status) == (task.id, "清理排水沟", "in_progress")
        people = view.people.list(ListQuery(limit=None))
        assert people.total == len(people.items) > 0
        assert all(isinstance(person, Plain) for person in people.items)
        [note] = view.tasks.progress(task.id)
        assert isinstance(note, Plain) and note.text == "已联系施工队" and note.percent == 30
        assert unwrapped(view) is services


def test_a_form_holds_no_database_object(services, on_shift, qtbot):
    """The task form loads a saved task through plain data and shows it as saved."""
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟",
                                 village_ids=[on_shift.villages["黄璩村"]])
    form = TaskForm(services, task.id)
    qtbot.addWidget(form)
    assert form.title.text() == "清理排水沟"
    assert form.villages.checked() == [on_shift.villages["黄璩村"]]
    assert not any(hasattr(value, "__table__") for value in vars(form).values())
