"""Meetings as the meeting form needs them: which decisions became tasks, whole-day date filters."""

from __future__ import annotations

from datetime import date, datetime

from desktop_app.services import ListQuery


def test_decision_tasks_names_the_task_each_decision_became(services, on_shift):
    """After one of two decisions becomes a task, only that one is listed, with its title;
    deleting the task lists it no more."""
    item = services.agenda.create(cluster_id=on_shift.huangqu, title="黄店村路灯安装")
    meeting = services.meetings.create(
        cluster_id=on_shift.huangqu, title="联席会议", start=datetime(2026, 11, 20, 9, 0),
        agenda=[{"agenda_item_id": item.id, "outcome": "approved"}],
        decisions=[{"text": "安装路灯", "agenda_item_id": item.id}, {"text": "做好公示"}])
    assert services.meetings.decision_tasks(meeting.id) == {}
    first = next(d for d in services.meetings.decisions(meeting.id) if d.text == "安装路灯")
    task = services.meetings.decision_to_task(first.id, village_ids=[on_shift.villages["黄店村"]])
    assert services.meetings.decision_tasks(meeting.id) == {
        first.id: {"id": task.id, "title": "安装路灯"}}
    services.tasks.delete(task.id)
    assert services.meetings.decision_tasks(meeting.id) == {}


def test_date_filter_includes_meetings_on_the_last_day(services, on_shift):
    """Filtering meetings from 11-20 to 11-20 finds the meeting held at 9:00 that day."""
    meeting = services.meetings.create(cluster_id=on_shift.huangqu, title="联席会议",
                                       start=datetime(2026, 11, 20, 9, 0))
    day = date(2026, 11, 20)
    assert services.meetings.ids(ListQuery(date_from=day, date_to=day)) == [meeting.id]
    assert services.meetings.ids(ListQuery(date_to=date(2026, 11, 19))) == []
