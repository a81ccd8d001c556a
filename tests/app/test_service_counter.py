"""便民服务代办: the town's catalogue and the counter's register — time limits from the
catalogue in working days, 退回 with a reason, ratings 1–5 after the request is closed, and a
差评 opening a fix due in 15 working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.records.errors import ValidationError
from desktop_app.rota.working_days import add_working_days
from desktop_app.services import ListQuery

TODAY = date.today()


@pytest.fixture
def item(services, small_town):
    return services.service_items.create(department="人社", name="居民养老参保",
                                         kind="promised", time_limit_days=5,
                                         materials="身份证、户口本")


def request(services, town, item, **extra):
    values = dict(village_id=town.villages["黄璩村"], applicant="张桂兰", phone="13905461234",
                  item_id=item.id, received_on=TODAY - timedelta(days=3),
                  agent_id=town.people["王建国"])
    values.update(extra)
    return services.service_requests.create(**values)


def test_working_days_skip_weekends():
    friday = date(2026, 11, 27)
    assert add_working_days(friday, 1) == date(2026, 11, 30)
    assert add_working_days(friday, 5) == date(2026, 12, 4)
    assert add_working_days(friday, 15) == date(2026, 12, 18)


def test_a_request_takes_its_time_limit_from_the_catalogue(services, small_town, item):
    created = request(services, small_town, item)
    assert created.cluster_id == small_town.huangqu and created.status == "accepted"
    assert created.due_on == add_working_days(created.received_on, 5)
    row = services.service_requests.rows([created.id])[created.id]
    assert (row["item"], row["agent"], row["phone"]) == ("居民养老参保", "王建国", "139****1234")


def test_a_sensitive_item_shows_only_its_department_in_the_register(services, small_town):
    item = services.service_items.create(department="民政", name="低保申请",
                                         time_limit_days=15, sensitive=True)
    created = request(services, small_town, item)
    row = services.service_requests.rows([created.id])[created.id]
    assert row["item"] == "民政事项（涉及个人敏感信息）"
    whole = services.service_requests.rows([created.id], unmasked=True)[created.id]
    assert whole["item"] == "低保申请"


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_a_rating_outside_1_to_5_is_refused(services, small_town, item, rating):
    created = request(services, small_town, item, status="done")
    with pytest.raises(ValidationError, match="应在 1～5 之间") as error:
        services.service_requests.update(created.id, rating=rating)
    assert error.value.field == "rating"
    assert services.service_requests.get(created.id).rating is None


def test_a_rating_waits_for_the_request_to_close(services, small_town, item):
    with pytest.raises(ValidationError, match="办结或退回后"):
        request(services, small_town, item, rating=5)  # a new request is 受理
    created = request(services, small_town, item)
    with pytest.raises(ValidationError, match="办结或退回后") as error:
        services.service_requests.update(created.id, rating=5)
    assert error.value.field == "rating"


def test_a_poor_rating_opens_a_fix_due_in_15_working_days(services, small_town, item):
    created = request(services, small_town, item)
    done = services.service_requests.update(created.id, status="done", result="已办结参保",
                                            rating=2)
    assert done.done_on == TODAY
    assert done.fix_due_on == add_working_days(TODAY, 15)
    fixed = services.service_requests.update(created.id, fix_note="已上门解释并补办")
    assert fixed.fix_due_on == add_working_days(TODAY, 15)
    good = request(services, small_town, item, status="done", rating=4)
    assert good.fix_due_on is None
    poor = services.service_requests.list(ListQuery(extra={"poor": True})).items
    assert [r.id for r in poor] == [created.id]


def test_a_return_needs_a_reason(services, small_town, item):
    created = request(services, small_town, item)
    with pytest.raises(ValidationError, match="退回须写明原因") as error:
        services.service_requests.update(created.id, status="returned")
    assert error.value.field == "return_reason"
    returned = services.service_requests.update(created.id, status="returned",
                                                return_reason="材料不全，缺户口本")
    assert returned.status == "returned" and returned.done_on is None


def test_a_bad_phone_and_a_future_date_are_refused(services, small_town, item):
    with pytest.raises(ValidationError) as error:
        request(services, small_town, item, phone="12345")
    assert error.value.field == "phone"
    with pytest.raises(ValidationError, match="不能晚于今天") as error:
        request(services, small_town, item, received_on=TODAY + timedelta(days=1))
    assert error.value.field == "received_on"
    assert services.service_requests.list().total == 0


def test_requests_past_their_limit_are_overdue(services, small_town, item):
    late = request(services, small_town, item, received_on=TODAY - timedelta(days=20))
    done = request(services, small_town, item, received_on=TODAY - timedelta(days=20),
                   status="done")
    fresh = request(services, small_town, item)
    overdue = services.service_requests.list(ListQuery(overdue=True)).items
    assert [r.id for r in overdue] == [late.id]
    rows = services.service_requests.rows([late.id, done.id, fresh.id])  # the list's, in red
    assert {key for key, row in rows.items() if row["overdue"]} == {late.id}


def test_the_catalogue_is_the_town_s(services, small_town, item):
    services.db.set_node(cluster_id=small_town.huangqu)
    with pytest.raises(ValidationError, match="由镇里统一维护"):
        services.service_items.create(department="医保", name="异地就医备案")
    with pytest.raises(ValidationError, match="由镇里统一维护"):
        services.service_items.update(item.id, time_limit_days=3)
    assert services.service_items.get(item.id).time_limit_days == 5


def test_a_stopped_item_takes_no_new_requests(services, small_town, item):
    services.service_items.update(item.id, active=False)
    with pytest.raises(ValidationError, match="已停用") as error:
        request(services, small_town, item)
    assert error.value.field == "item_id"
