"""The rota generator: fair turns, holidays skipped and 调休 days worked, required roles."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app.rota.generator import (
    Pattern,
    PoolEntry,
    generate,
    read_weekdays,
    staffed_days,
    weekdays_text,
)
from desktop_app.rota.holidays import official_days

ROLES = ("town_liaison", "party_instructor", "village_committee")
CALENDAR_2026 = {day: kind for day, kind, _ in official_days(2026)}


@st.composite
def pools(draw) -> list[PoolEntry]:
    size = draw(st.integers(1, 14))
    villages = draw(st.integers(1, 5))
    return [PoolEntry(f"p{n}", f"v{draw(st.integers(0, villages - 1))}",
                      draw(st.sampled_from(ROLES))) for n in range(size)]


@settings(max_examples=60, deadline=None)
@given(pool=pools(), per_day=st.integers(1, 4), month=st.integers(1, 12),
       weekdays=st.sets(st.integers(1, 7), min_size=1))
def test_turns_per_person_differ_by_at_most_one_over_a_month(pool, per_day, month, weekdays):
    """Over any month, whatever the pool, the pattern and the holidays, nobody has two turns
    more than anybody else; each staffed day has its officers, nobody twice."""
    first = date(2026, month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    rota = generate(pool, Pattern(frozenset(weekdays), per_day), first, last, CALENDAR_2026)
    counts = Counter({p.person_id: 0 for p in pool}) + rota.counts()
    every = [counts[p.person_id] for p in pool]
    assert max(every) - min(every) <= 1
    by_day = Counter(day for day, _ in rota.turns)
    assert set(by_day) == set(rota.days)
    assert all(n == min(per_day, len(pool)) for n in by_day.values())
    assert len(set(rota.turns)) == len(rota.turns)


@settings(max_examples=40, deadline=None)
@given(pool=pools(), per_day=st.integers(2, 3))
def test_a_required_role_is_on_every_staffed_day_when_the_pool_has_it(pool, per_day):
    """Each day gets a 包村干部 if the pool has one; the days it cannot are named; holders
    and the others are each fair among themselves."""
    first, last = date(2026, 12, 1), date(2026, 12, 31)
    rota = generate(pool, Pattern(frozenset({1, 2, 3, 4, 5}), per_day, "town_liaison"),
                    first, last, CALENDAR_2026)
    role = {p.person_id: p.role for p in pool}
    holders = {p.person_id for p in pool if p.role == "town_liaison"}
    if holders:
        assert rota.uncovered == []
        for day in rota.days:
            assert any(role[p] == "town_liaison" for d, p in rota.turns if d == day)
    else:
        assert rota.uncovered == rota.days
    counts = Counter({p.person_id: 0 for p in pool}) + rota.counts()
    for group in (holders, set(role) - holders):
        if group:
            assert max(counts[p] for p in group) - min(counts[p] for p in group) <= 1


def test_holidays_are_skipped_and_tiaoxiu_working_days_are_staffed():
    """October 2026: 1-7 off (国庆节), Saturday the 10th a working day (调休上班)."""
    days = staffed_days(date(2026, 9, 28), date(2026, 10, 11), Pattern(), CALENDAR_2026)
    assert date(2026, 10, 1) not in days and date(2026, 10, 7) not in days
    assert date(2026, 10, 10) in days  # a Saturday, worked
    assert date(2026, 10, 11) not in days  # an ordinary Sunday
    assert date(2026, 10, 8) in days and date(2026, 9, 28) in days


def test_turns_spread_over_villages_and_rotate():
    """Two a day from four people of two villages: never two of one village on a day."""
    pool = [PoolEntry("a", "v1"), PoolEntry("b", "v1"), PoolEntry("c", "v2"),
            PoolEntry("d", "v2")]
    rota = generate(pool, Pattern(per_day=2), date(2026, 12, 1), date(2026, 12, 31), {})
    for day in rota.days:
        villages = [p.village_id for p in pool for d, who in rota.turns
                    if d == day and who == p.person_id]
        assert len(set(villages)) == 2


def test_the_2026_holidays_are_the_state_councils():
    """The arrangement of the State Council's notice of 4 November 2025."""
    days = {day: (kind, name) for day, kind, name in official_days(2026)}
    assert days[date(2026, 2, 15)] == ("holiday", "春节")
    assert days[date(2026, 2, 28)][0] == "workday"
    assert sum(1 for k, _ in days.values() if k == "holiday") == 33
    assert sorted(d for d, (k, _) in days.items() if k == "workday") == [
        date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9),
        date(2026, 9, 20), date(2026, 10, 10)]


@pytest.mark.parametrize(("digits", "words"), [
    ("12345", "周一至周五"), ("135", "周一、三、五"), ("1234567", "每天"),
    ("12346", "周一至周四、周六"), ("67", "周六、日"), ("1237", "周一至周三、周日")])
def test_weekdays_read_as_people_say_them(digits, words):
    assert weekdays_text(digits) == words
    assert read_weekdays(words) == read_weekdays(digits) == frozenset(map(int, digits))


@given(st.sets(st.integers(1, 7), min_size=1))
def test_the_weekdays_words_read_back_as_the_same_days(days):
    """What a list or an exported sheet shows (周一至周五) is taken back as those days."""
    assert read_weekdays(weekdays_text(frozenset(days))) == frozenset(days)


@pytest.mark.parametrize("text", ["", "8", "周八", "周五至周一", "工作日", "1-5"])
def test_what_names_no_weekday_is_not_read(text):
    assert read_weekdays(text) is None
