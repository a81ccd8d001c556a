"""Dates a record may carry: from 2000-01-01 to ten years after today, one rule for every date
the services accept; and a 四议两公开 step is not dated before its item was raised."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from desktop_app.records.errors import ValidationError
from desktop_app.services import ListQuery
from desktop_app.services.base import plausible_dates, require_plausible_date

TODAY = date.today()
EARLIEST, LATEST = plausible_dates(TODAY)
TOO_EARLY, TOO_LATE = date(1800, 1, 1), date(9999, 12, 31)


def out_of_range(label: str, day: date) -> str:
    return f"{label}（{day}）不在合理范围内（{EARLIEST} 至 {LATEST}）"


def test_the_range_runs_from_2000_to_ten_years_ahead():
    assert plausible_dates(date(2026, 11, 29)) == (date(2000, 1, 1), date(2036, 11, 29))
    assert plausible_dates(date(2028, 2, 29)) == (date(2000, 1, 1), date(2038, 2, 28))
    with pytest.raises(ValidationError) as error:
        require_plausible_date("held_on", date(1800, 1, 1), today=date(2026, 11, 29))
    assert (error.value.field, str(error.value)) == (
        "held_on", "日期（1800-01-01）不在合理范围内（2000-01-01 至 2036-11-29）")
    require_plausible_date("start", datetime(2036, 11, 29, 23, 59), today=date(2026, 11, 29))
    require_plausible_date("start", None)


# --- tasks ---------------------------------------------------------------------------------

@pytest.mark.parametrize("field, label, day", [
    ("found_on", "发现日期", TOO_EARLY),
    ("due_on", "截止日期", TOO_LATE),
    ("due_on", "截止日期", LATEST + timedelta(days=1)),
])
def test_task_dates_out_of_range_are_refused(services, on_shift, field, label, day):
    values = {"found_on": date(2026, 1, 5), field: day}
    with pytest.raises(ValidationError) as error:
        services.tasks.create(cluster_id=on_shift.huangqu, title="清淤", **values)
    assert (error.value.field, str(error.value)) == (field, out_of_range(label, day))
    assert services.tasks.list(ListQuery(include_deleted=True)).total == 0


def test_task_dates_at_the_edges_are_kept(services, on_shift):
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清淤",
                                 found_on=EARLIEST, due_on=LATEST)
    stored = services.tasks.get(task.id)
    assert (stored.found_on, stored.due_on) == (EARLIEST, LATEST)


def test_task_edits_and_progress_out_of_range_are_refused(services, on_shift):
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清淤",
                                 found_on=date(2026, 1, 5), due_on=date(2026, 2, 1))
    with pytest.raises(ValidationError, match=out_of_range("截止日期", TOO_LATE)):
        services.tasks.update(task.id, due_on=TOO_LATE)
    with pytest.raises(ValidationError) as error:
        services.tasks.update(task.id, status="solved", solved_at=datetime(9999, 1, 1, 9))
    assert error.value.field == "solved_at"
    with pytest.raises(ValidationError) as error:
        services.tasks.add_progress(task.id, "已清理一半", noted_at=datetime(9999, 1, 1, 9))
    assert error.value.field == "noted_at" and "进展时间（9999-01-01）" in str(error.value)
    stored = services.tasks.get(task.id)
    assert (stored.due_on, stored.status) == (date(2026, 2, 1), "pending")
    assert services.tasks.progress(task.id) == []
    services.tasks.update(task.id, due_on=date(2026, 3, 1))
    services.tasks.add_progress(task.id, "已清理一半", noted_at=datetime(2026, 1, 20, 9))
    assert len(services.tasks.progress(task.id)) == 1


# --- agenda items and their 四议两公开 steps -------------------------------------------------

def test_agenda_raised_out_of_range_is_refused(services, on_shift):
    with pytest.raises(ValidationError) as error:
        services.agenda.create(cluster_id=on_shift.huangqu, title="路灯", raised_on=TOO_EARLY)
    assert (error.value.field, str(error.value)) == ("raised_on",
                                                     out_of_range("提出日期", TOO_EARLY))
    assert services.agenda.list(ListQuery(include_deleted=True)).total == 0


@pytest.fixture
def item(services, on_shift):
    return services.agenda.create(cluster_id=on_shift.huangqu, title="村东道路硬化",
                                  raised_on=date(2026, 3, 1))


def test_a_step_far_in_the_future_is_refused(services, item):
    """A step dated 9999-12-31 would make every later step impossible: refused."""
    with pytest.raises(ValidationError) as error:
        services.agenda.record_step(item.id, 1, held_on=TOO_LATE)
    assert (error.value.field, str(error.value)) == ("held_on", out_of_range("日期", TOO_LATE))
    assert services.agenda.steps(item.id) == []
    services.agenda.record_step(item.id, 1, held_on=date(2026, 3, 2))
    services.agenda.record_step(item.id, 2, held_on=date(2026, 3, 5), present=5, votes_for=5)
    assert services.agenda.next_step(item.id) == 3


def test_a_step_before_the_item_was_raised_is_refused(services, item):
    with pytest.raises(ValidationError) as error:
        services.agenda.record_step(item.id, 1, held_on=date(2026, 2, 28))
    assert (error.value.field, str(error.value)) == (
        "held_on", "日期（2026-02-28）不能早于议题的提出日期（2026-03-01）")
    assert services.agenda.steps(item.id) == []
    step, _ = services.agenda.record_step(item.id, 1, held_on=date(2026, 3, 1))
    assert step.held_on == date(2026, 3, 1)


def test_raising_an_item_after_its_first_step_is_refused(services, item):
    services.agenda.record_step(item.id, 1, held_on=date(2026, 3, 4))
    with pytest.raises(ValidationError) as error:
        services.agenda.update(item.id, raised_on=date(2026, 3, 5))
    assert error.value.field == "raised_on" and "2026-03-04" in str(error.value)
    assert services.agenda.get(item.id).raised_on == date(2026, 3, 1)
    services.agenda.update(item.id, raised_on=date(2026, 3, 4))
    assert services.agenda.get(item.id).raised_on == date(2026, 3, 4)


# --- meetings, activities, shifts, certificates ---------------------------------------------

@pytest.mark.parametrize("start", [datetime(1800, 1, 1, 9), datetime(2099, 1, 1, 9)])
def test_meeting_out_of_range_is_refused(services, on_shift, start):
    with pytest.raises(ValidationError) as error:
        services.meetings.create(cluster_id=on_shift.huangqu, title="联席会议", start=start)
    assert (error.value.field, str(error.value)) == (
        "start", out_of_range("会议时间", start.date()))
    assert services.meetings.list(ListQuery(include_deleted=True)).total == 0


def test_meeting_edit_and_decision_out_of_range_are_refused(services, on_shift):
    start = datetime(2026, 11, 20, 9)
    meeting = services.meetings.create(cluster_id=on_shift.huangqu, title="联席会议", start=start)
    with pytest.raises(ValidationError, match="会议时间（2099-01-01）不在合理范围内"):
        services.meetings.update(meeting.id, start=datetime(2099, 1, 1, 9))
    with pytest.raises(ValidationError, match="决定的截止日期（9999-12-31）不在合理范围内"):
        services.meetings.update(meeting.id, decisions=[{"text": "修路", "deadline": TOO_LATE}])
    assert services.meetings.get(meeting.id).start == start
    assert services.meetings.decisions(meeting.id) == []


@pytest.mark.parametrize("held_on", [TOO_EARLY, date(2099, 5, 1)])
def test_activity_out_of_range_is_refused(services, on_shift, held_on):
    with pytest.raises(ValidationError) as error:
        services.activities.create(cluster_id=on_shift.huangqu, title="义务理发", held_on=held_on,
                                   start_time=time(9), end_time=time(11))
    assert (error.value.field, str(error.value)) == (
        "held_on", out_of_range("活动日期", held_on))
    assert services.activities.list(ListQuery(include_deleted=True)).total == 0


def test_activity_edit_out_of_range_is_refused(services, on_shift):
    activity = services.activities.create(cluster_id=on_shift.huangqu, title="义务理发",
                                          held_on=date(2026, 11, 8), start_time=time(9),
                                          end_time=time(11))
    with pytest.raises(ValidationError, match="活动日期（1800-01-01）"):
        services.activities.update(activity.id, held_on=TOO_EARLY)
    assert services.activities.get(activity.id).held_on == date(2026, 11, 8)
    services.activities.update(activity.id, held_on=date(2026, 11, 9))
    assert services.activities.get(activity.id).held_on == date(2026, 11, 9)


def test_shift_times_out_of_range_are_refused(services, small_town):
    officer = small_town.people["王建国"]
    with pytest.raises(ValidationError) as error:
        services.duty.start(small_town.huangqu, [officer], start=datetime(1800, 1, 1, 8))
    assert error.value.field == "start" and "接班时间（1800-01-01）" in str(error.value)
    assert services.duty.current() is None
    shift = services.duty.start(small_town.huangqu, [officer], start=datetime(2026, 11, 1, 8))
    with pytest.raises(ValidationError, match="交班时间（9999-12-31）不在合理范围内"):
        services.duty.end("交班", end=datetime(9999, 12, 31, 17))
    assert services.duty.current().id == shift.id
    services.duty.end("交班", end=datetime(2026, 11, 1, 17))
    assert services.duty.current() is None


def test_certificate_period_out_of_range_is_refused(services, on_shift):
    volunteer = on_shift.people["张志强"]
    services.activities.create(cluster_id=on_shift.huangqu, title="义诊进村",
                               held_on=date(2026, 3, 8), start_time=time(9), end_time=time(11),
                               participants={volunteer: 2})
    with pytest.raises(ValidationError) as error:
        services.certificates.issue(volunteer, TOO_EARLY, date(2026, 12, 31))
    assert (error.value.field, str(error.value)) == (
        "period_start", out_of_range("开始日期", TOO_EARLY))
    assert services.certificates.list().total == 0
    record = services.certificates.issue(volunteer, date(2026, 1, 1), date(2026, 12, 31),
                                         issued_on=date(2026, 12, 31))
    assert record.hours == 2
