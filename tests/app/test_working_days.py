"""Working days skip the town's holidays and count its 调休 days: one function
(``rota.working_days.add_working_days``) for the service counter's time limits and a 差评's
15-working-day fix, fed by the rota's 节假日 records."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.rota.working_days import add_working_days, is_working_day, official_calendar
from desktop_app.services import governance_rules

# 2026: 国庆节 and 中秋节 — 10月1日至7日放假, 9月20日（周日）and 10月10日（周六）上班.
NATIONAL_DAY = official_calendar(2026)


@pytest.mark.parametrize(("start", "days", "due"), [
    (date(2026, 9, 30), 1, date(2026, 10, 8)),  # the whole holiday is skipped
    (date(2026, 9, 30), 3, date(2026, 10, 10)),  # the 调休 Saturday is worked
    (date(2026, 9, 30), 4, date(2026, 10, 12)),
    (date(2026, 9, 18), 1, date(2026, 9, 20)),  # a 调休 Sunday too
    (date(2026, 9, 28), 15, date(2026, 10, 23)),  # a 差评's fix across the holiday
    (date(2026, 10, 3), 0, date(2026, 10, 3)),  # 即办: the day itself
])
def test_working_days_across_national_day(start, days, due):
    assert add_working_days(start, days, NATIONAL_DAY) == due


def test_without_a_calendar_only_weekends_are_skipped():
    assert add_working_days(date(2026, 9, 30), 1) == date(2026, 10, 1)
    assert add_working_days(date(2026, 9, 28), 15) == date(2026, 10, 19)
    assert not is_working_day(date(2026, 10, 10)) and is_working_day(date(2026, 10, 10),
                                                                      NATIONAL_DAY)
    assert not is_working_day(date(2026, 10, 5), NATIONAL_DAY)


def test_the_holiday_records_are_the_calendar(services, small_town):
    """The town's 节假日 records (the State Council's arrangement loaded by the town), and a
    cluster's own day off, which counts for that cluster only."""
    services.holidays.load_official(2026)
    services.holidays.create(cluster_id=small_town.huangqu, day=date(2026, 10, 8),
                             kind="holiday", name="黄璩庙会")
    with services.db.session() as session:
        town = governance_rules.add_working_days(session, None, date(2026, 9, 30), 1)
        huangqu = governance_rules.add_working_days(session, small_town.huangqu,
                                                    date(2026, 9, 30), 1)
        saturday = governance_rules.add_working_days(session, None, date(2026, 9, 30), 3)
    assert (town, huangqu, saturday) == (date(2026, 10, 8), date(2026, 10, 9),
                                         date(2026, 10, 10))


def _monday_weeks_ago(weeks: int) -> date:
    today = date.today()
    return today - timedelta(days=today.weekday() + 7 * weeks)


def test_a_request_s_time_limit_skips_holidays_and_works_the_swapped_saturday(services,
                                                                             small_town):
    """Received on a Monday with Tuesday and Wednesday off and that Saturday worked: three
    working days end on the Saturday, not on the Thursday."""
    monday = _monday_weeks_ago(3)
    for offset in (1, 2):
        services.holidays.create(day=monday + timedelta(days=offset), kind="holiday",
                                 name="测试假日")
    services.holidays.create(day=monday + timedelta(days=5), kind="workday",
                             name="测试假日调休上班")
    item = services.service_items.create(department="人社", name="居民养老参保",
                                         time_limit_days=3)
    created = services.service_requests.create(
        village_id=small_town.villages["黄璩村"], applicant="张桂兰", item_id=item.id,
        received_on=monday)
    assert created.due_on == monday + timedelta(days=5)


def test_a_poor_rating_s_fix_skips_the_holidays_ahead(services, small_town):
    """The 15 working days of a 差评's fix start today and skip the holidays after it."""
    today = date.today()
    plain = add_working_days(today, 15)
    for offset in range(1, 4):
        services.holidays.create(day=today + timedelta(days=offset), kind="holiday",
                                 name="测试假日")
    off = sum(1 for n in range(1, 4) if (today + timedelta(days=n)).weekday() < 5)
    item = services.service_items.create(department="人社", name="居民养老参保",
                                         time_limit_days=0)
    created = services.service_requests.create(
        village_id=small_town.villages["黄璩村"], applicant="张桂兰", item_id=item.id,
        status="done")
    rated = services.service_requests.update(created.id, rating=1)
    assert rated.fix_due_on == add_working_days(plain, off)
    assert rated.fix_due_on > plain or off == 0
