"""Meetings: attendance, agenda outcomes, decisions and turning a decision into a task."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.errors import ValidationError


@pytest.fixture
def meeting_parts(services, on_shift):
    p = on_shift.people
    item = services.agenda.create(cluster_id=on_shift.huangqu, title="黄店村路灯安装")
    held = services.agenda.create(cluster_id=on_shift.huangqu, title="集体土地流转")
    return p, item, held


def test_meeting_records_attendance_outcomes_and_decisions(services, on_shift, meeting_parts):
    """A joint meeting keeps who came, who was absent and why, and what it decided."""
    p, item, held = meeting_parts
    meeting = services.meetings.create(
        cluster_id=on_shift.huangqu, kind="joint", title="十一月联席会议",
        start=datetime(2026, 11, 20, 9, 0), place="黄璩村党群服务中心",
        chair_id=p["王建国"], recorder_id=p["李秀英"],
        attendees=[{"person_id": p["王建国"]}, {"person_id": p["李秀英"]},
                   {"person_id": p["孙包村"], "attendance": "non_voting"},
                   {"person_id": p["刘芳"], "attendance": "absent", "reason": "外出务工"}],
        agenda=[{"agenda_item_id": item.id, "outcome": "approved", "votes_for": 2},
                {"agenda_item_id": held.id, "outcome": "deferred"}],
        decisions=[{"text": "黄店村路灯由李秀英负责安装", "owner_id": p["李秀英"],
                    "deadline": date(2026, 12, 20), "agenda_item_id": item.id}],
    )
    attendance = {a.person_id: a.attendance for a in services.meetings.attendees(meeting.id)}
    assert attendance[p["刘芳"]] == "absent" and attendance[p["孙包村"]] == "non_voting"
    outcomes = {a.agenda_item_id: a.outcome for a in services.meetings.agenda(meeting.id)}
    assert outcomes == {item.id: "approved", held.id: "deferred"}
    [decision] = services.meetings.decisions(meeting.id)
    row = services.meetings.rows([meeting.id])[meeting.id]
    assert (row["kind_label"], row["chair"], row["present"], row["items"]) == (
        "联合党组织联席会议", "王建国", 2, 2)

    task = services.meetings.decision_to_task(decision.id,
                                              village_ids=[on_shift.villages["黄店村"]])
    assert task.decision_id == decision.id and task.agenda_item_id == item.id
    assert task.assignee_id == p["李秀英"] and task.due_on == date(2026, 12, 20)
    assert services.tasks.village_ids(task.id) == [on_shift.villages["黄店村"]]
    with pytest.raises(ValidationError, match="已生成任务"):
        services.meetings.decision_to_task(decision.id)


def test_only_concluded_items_become_tasks(services, on_shift, meeting_parts):
    """A decision on a deferred (暂缓) item cannot become a task."""
    p, _, held = meeting_parts
    meeting = services.meetings.create(
        cluster_id=on_shift.huangqu, title="两委会", start=datetime(2026, 11, 21, 14, 0),
        agenda=[{"agenda_item_id": held.id, "outcome": "deferred"}])
    decision = services.meetings.add_decision(meeting.id, "再议土地流转", agenda_item_id=held.id)
    with pytest.raises(ValidationError, match="暂缓"):
        services.meetings.decision_to_task(decision.id)
    assert services.tasks.list().total == 0


def test_bad_meeting_input_is_refused(services, on_shift, meeting_parts):
    """Absent without reason, unknown outcome, an item of another cluster: each refused."""
    p, item, _ = meeting_parts
    start = datetime(2026, 11, 22, 9, 0)
    base = {"cluster_id": on_shift.huangqu, "title": "会议", "start": start}
    with pytest.raises(ValidationError, match="缺席原因"):
        services.meetings.create(**base,
                                 attendees=[{"person_id": p["刘芳"], "attendance": "absent"}])
    with pytest.raises(ValidationError, match="议定结果"):
        services.meetings.create(**base, agenda=[{"agenda_item_id": item.id, "outcome": "ok"}])
    with pytest.raises(ValidationError, match="超过实到人数"):
        services.meetings.create(**base, agenda=[{"agenda_item_id": item.id, "outcome": "approved",
                                                  "present": 3, "votes_for": 4}])
    with pytest.raises(ValidationError, match="其他联合党组织"):
        services.meetings.create(**{**base, "cluster_id": on_shift.zhangdan},
                                 agenda=[{"agenda_item_id": item.id, "outcome": "approved"}])
    with pytest.raises(ValidationError) as error:
        services.meetings.create(**{**base, "title": ""})
    assert error.value.field == "title"
    assert services.meetings.list().total == 0


def test_changing_attendees_keeps_one_row_per_person(services, on_shift, meeting_parts):
    p, _, _ = meeting_parts
    meeting = services.meetings.create(cluster_id=on_shift.huangqu, title="会议",
                                       start=datetime(2026, 11, 23, 9, 0),
                                       attendees=[{"person_id": p["王建国"]}])
    services.meetings.update(meeting.id, attendees=[{"person_id": p["李秀英"]}])
    services.meetings.update(meeting.id, attendees=[{"person_id": p["王建国"]},
                                                    {"person_id": p["李秀英"]}])
    assert sorted(a.person_id for a in services.meetings.attendees(meeting.id)) == sorted(
        [p["王建国"], p["李秀英"]])
