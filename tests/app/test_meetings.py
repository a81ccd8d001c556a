"""Meetings: attendance, agenda outcomes, decisions and turning a decision into a task."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from db.models import MeetingAgendaItem
from desktop_app.records.errors import ValidationError
from desktop_app.services import ListQuery


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


# --- a decision's due date and the meeting's day ---------------------------------------------

MEETING_DAY = datetime(2026, 11, 20, 9, 0)


def test_decision_due_before_the_meeting_is_refused_on_create(services, on_shift):
    """A decision due 2026-01-01 on a meeting of 2026-11-20 could never become a task (the
    task is found on the meeting's day): refused naming both dates; nothing is saved."""
    with pytest.raises(ValidationError) as error:
        services.meetings.create(cluster_id=on_shift.huangqu, title="联席会议", start=MEETING_DAY,
                                 decisions=[{"text": "安装路灯", "deadline": date(2026, 1, 1)}])
    assert error.value.field == "decisions"
    assert str(error.value) == "决定的截止日期（2026-01-01）不能早于会议日期（2026-11-20）"
    assert services.meetings.list(ListQuery(include_deleted=True)).total == 0


def test_decision_due_before_the_meeting_is_refused_on_update_and_add(services, on_shift):
    meeting = services.meetings.create(cluster_id=on_shift.huangqu, title="联席会议",
                                       start=MEETING_DAY)
    with pytest.raises(ValidationError, match="不能早于会议日期（2026-11-20）") as error:
        services.meetings.update(meeting.id, decisions=[{"text": "安装路灯",
                                                         "deadline": date(2026, 11, 19)}])
    assert error.value.field == "decisions"
    with pytest.raises(ValidationError, match="不能早于会议日期（2026-11-20）"):
        services.meetings.add_decision(meeting.id, "安装路灯", deadline=date(2026, 1, 1))
    assert services.meetings.decisions(meeting.id) == []


def test_decision_due_on_the_meeting_day_becomes_a_task(services, on_shift):
    """Due the same day as the meeting is fine, and the decision becomes a task."""
    meeting = services.meetings.create(
        cluster_id=on_shift.huangqu, title="联席会议", start=MEETING_DAY,
        decisions=[{"text": "当天清理排水沟", "deadline": date(2026, 11, 20)}])
    services.meetings.add_decision(meeting.id, "月底前安装路灯", deadline=date(2026, 11, 30))
    decisions = services.meetings.decisions(meeting.id)
    tasks = [services.meetings.decision_to_task(d.id) for d in decisions]
    assert sorted((t.found_on, t.due_on) for t in tasks) == [
        (date(2026, 11, 20), date(2026, 11, 20)), (date(2026, 11, 20), date(2026, 11, 30))]


def test_moving_the_meeting_after_a_decisions_due_date_is_refused(services, on_shift):
    meeting = services.meetings.create(
        cluster_id=on_shift.huangqu, title="联席会议", start=MEETING_DAY,
        decisions=[{"text": "安装路灯", "deadline": date(2026, 11, 25)}])
    with pytest.raises(ValidationError, match="截止日期（2026-11-25）") as error:
        services.meetings.update(meeting.id, start=datetime(2026, 11, 26, 9, 0))
    assert error.value.field == "start"
    assert services.meetings.get(meeting.id).start == MEETING_DAY
    services.meetings.update(meeting.id, start=datetime(2026, 11, 25, 14, 0))
    assert services.meetings.get(meeting.id).start == datetime(2026, 11, 25, 14, 0)


# --- votes and the people present --------------------------------------------------------------

def five_present(p) -> list[dict]:
    return [{"person_id": p[name]} for name in ("王建国", "李秀英", "张志强", "刘芳", "孙包村")]


def test_votes_more_than_the_people_present_are_refused(services, on_shift, meeting_parts):
    """赞成 500 with 5 people present is refused, naming the item and the count."""
    p, item, _ = meeting_parts
    with pytest.raises(ValidationError) as error:
        services.meetings.create(
            cluster_id=on_shift.huangqu, title="联席会议", start=MEETING_DAY,
            attendees=five_present(p),
            agenda=[{"agenda_item_id": item.id, "outcome": "approved", "votes_for": 500}])
    assert error.value.field == "votes_for"
    assert str(error.value) == ("议题“黄店村路灯安装”的赞成、反对、弃权票数之和（500）超过实到人数"
                                "（参会人员中出席 5 人）")
    assert services.meetings.list(ListQuery(include_deleted=True)).total == 0


def test_only_people_present_count_for_votes(services, on_shift, meeting_parts):
    """列席 and 缺席 do not vote: 2 present allow 2 votes, not 3."""
    p, item, _ = meeting_parts
    attendees = [{"person_id": p["王建国"]}, {"person_id": p["李秀英"], "attendance": "present"},
                 {"person_id": p["孙包村"], "attendance": "non_voting"},
                 {"person_id": p["刘芳"], "attendance": "absent", "reason": "外出务工"}]
    base = {"cluster_id": on_shift.huangqu, "title": "联席会议", "start": MEETING_DAY,
            "attendees": attendees}
    with pytest.raises(ValidationError, match="票数之和（3）超过实到人数（参会人员中出席 2 人）"):
        services.meetings.create(**base, agenda=[{"agenda_item_id": item.id,
                                                  "outcome": "approved", "votes_for": 2,
                                                  "votes_abstain": 1}])
    meeting = services.meetings.create(**base, agenda=[{
        "agenda_item_id": item.id, "outcome": "approved", "votes_for": 1, "votes_against": 1}])
    [row] = services.meetings.agenda(meeting.id)
    assert (row.votes_for, row.votes_against) == (1, 1)


def test_editing_votes_or_attendance_rechecks_the_count(services, on_shift, meeting_parts):
    """Raising the votes, or marking voters absent, past those present is refused on edit;
    nothing changes."""
    p, item, _ = meeting_parts
    meeting = services.meetings.create(
        cluster_id=on_shift.huangqu, title="联席会议", start=MEETING_DAY,
        attendees=five_present(p),
        agenda=[{"agenda_item_id": item.id, "outcome": "approved", "votes_for": 5}])
    with pytest.raises(ValidationError, match="超过实到人数"):
        services.meetings.update(meeting.id, agenda=[
            {"agenda_item_id": item.id, "outcome": "approved", "votes_for": 6}])
    with pytest.raises(ValidationError, match="票数之和（5）超过实到人数（参会人员中出席 4 人）"):
        services.meetings.update(meeting.id, attendees=five_present(p)[:4])
    assert services.meetings.agenda(meeting.id)[0].votes_for == 5
    assert len(services.meetings.attendees(meeting.id)) == 5
    services.meetings.update(meeting.id, attendees=five_present(p)[:4], agenda=[
        {"agenda_item_id": item.id, "outcome": "approved", "votes_for": 3, "votes_against": 1}])
    assert services.meetings.agenda(meeting.id)[0].votes_for == 3


def test_a_party_members_meeting_may_list_fewer_people_than_voted(services, on_shift,
                                                                   meeting_parts):
    """At a 党员大会 only the officers are listed by name: 86 votes with 5 listed is fine (the
    vote's counts are checked on its 四议两公开 step)."""
    p, item, _ = meeting_parts
    meeting = services.meetings.create(
        cluster_id=on_shift.huangqu, title="党员大会", start=MEETING_DAY, kind="party_members",
        attendees=five_present(p),
        agenda=[{"agenda_item_id": item.id, "outcome": "approved", "votes_for": 86}])
    assert services.meetings.agenda(meeting.id)[0].votes_for == 86


def test_older_meeting_with_more_votes_than_attendees_stays_editable(services, on_shift,
                                                                     meeting_parts):
    """A joint meeting stored with more votes than listed attendees (written before votes were
    checked) can still get a new summary when its votes and attendance are sent back
    unchanged, as the form does; a changed count is checked."""
    p, item, _ = meeting_parts
    meeting = services.meetings.create(
        cluster_id=on_shift.huangqu, title="联席会议", start=MEETING_DAY,
        attendees=five_present(p),
        agenda=[{"agenda_item_id": item.id, "outcome": "approved", "votes_for": 5}])
    with services.db.transaction() as session:
        row = session.get(MeetingAgendaItem, services.meetings.agenda(meeting.id)[0].id)
        row.votes_for = 30
    agenda = [{"agenda_item_id": item.id, "outcome": "approved", "votes_for": 30,
               "votes_against": None, "votes_abstain": None}]
    services.meetings.update(meeting.id, summary="补记会议摘要", attendees=five_present(p),
                             agenda=agenda)
    assert services.meetings.get(meeting.id).summary == "补记会议摘要"
    with pytest.raises(ValidationError, match="超过实到人数"):
        services.meetings.update(meeting.id, agenda=[{**agenda[0], "votes_for": 31}])
