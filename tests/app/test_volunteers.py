"""Volunteer activities: participants' hours are checked against the activity's length."""

from __future__ import annotations

from datetime import date, time

import pytest

from desktop_app.records.errors import ValidationError
from desktop_app.services import ListQuery


@pytest.fixture
def team(services, on_shift):
    return services.teams.create(cluster_id=on_shift.huangqu, name="黄璩党员志愿服务队",
                                 kind="党员")


def activity(on_shift, team, **extra):
    values = dict(cluster_id=on_shift.huangqu, team_id=team.id, title="为民服务大集",
                  held_on=date(2026, 11, 8), start_time=time(8, 30), end_time=time(11, 30),
                  place="黄璩村广场", people_served=120)
    values.update(extra)
    return values


def test_activity_with_three_participants(services, on_shift, team):
    """Three volunteers' hours are kept and add up."""
    p = on_shift.people
    created = services.activities.create(**activity(on_shift, team, participants={
        p["张志强"]: 3, p["刘芳"]: 2.5, p["王建国"]: 1}))
    assert services.activities.total_hours(created.id) == pytest.approx(6.5)
    assert len(services.activities.participants(created.id)) == 3
    row = services.activities.rows([created.id])[created.id]
    assert (row["team"], row["participants"], row["hours"]) == ("黄璩党员志愿服务队", 3, 6.5)
    found = services.activities.list(ListQuery(extra={"person_id": p["刘芳"]}))
    assert [a.id for a in found.items] == [created.id]


@pytest.mark.parametrize("hours, message",
                         [(0, "应大于 0"), (-1, "应大于 0"), (3.5, "超过活动时长")])
def test_bad_hours_are_refused(services, on_shift, team, hours, message):
    """Hours of zero, negative or longer than the activity name the volunteer."""
    with pytest.raises(ValidationError, match=message) as error:
        services.activities.create(**activity(on_shift, team,
                                              participants={on_shift.people["刘芳"]: hours}))
    assert "刘芳" in str(error.value) and error.value.field == "participants"
    assert services.activities.list().total == 0


def test_end_before_start_is_refused(services, on_shift, team):
    with pytest.raises(ValidationError) as error:
        services.activities.create(**activity(on_shift, team, end_time=time(8, 0)))
    assert error.value.field == "end_time"


def test_shortening_an_activity_rechecks_hours(services, on_shift, team):
    """Moving the end time earlier than volunteers' hours allow is refused."""
    created = services.activities.create(**activity(on_shift, team,
                                                    participants={on_shift.people["刘芳"]: 3}))
    with pytest.raises(ValidationError, match="超过活动时长"):
        services.activities.update(created.id, end_time=time(10, 0))
    assert services.activities.get(created.id).end_time == time(11, 30)


def test_team_of_another_cluster_is_refused(services, on_shift):
    other = services.teams.create(cluster_id=on_shift.zhangdan, name="张淡巾帼志愿服务队")
    with pytest.raises(ValidationError, match="其他联合党组织"):
        services.activities.create(**activity(on_shift, other))


def test_a_service_fair_names_its_services_and_is_listed_apart(services, on_shift, team):
    """为民服务大集 is an activity of the kind 为民服务大集: its 服务内容 says the services
    offered (refused empty, by name), 服务人数 the people served; the list filters fairs."""
    with pytest.raises(ValidationError, match="为民服务大集须在服务内容中写明") as error:
        services.activities.create(**activity(on_shift, team, kind="fair"))
    assert error.value.field == "content" and services.activities.list().total == 0
    fair = services.activities.create(**activity(
        on_shift, team, kind="fair", content="医保参保登记、义诊、法律咨询、农技指导"))
    services.activities.create(**activity(on_shift, team, title="义务理发", content=""))
    row = services.activities.rows([fair.id])[fair.id]
    assert (row["kind"], row["people_served"]) == ("fair", 120)
    fairs = services.activities.list(ListQuery(extra={"kind": "fair"})).items
    assert [a.id for a in fairs] == [fair.id]
    assert services.activities.list(ListQuery(extra={"kind": "regular"})).total == 1
    with pytest.raises(ValidationError, match="写明提供的服务项目"):
        services.activities.update(fair.id, content=" ")
    with pytest.raises(ValidationError, match="活动类别"):
        services.activities.create(**activity(on_shift, team, kind="集市", content="义诊"))
