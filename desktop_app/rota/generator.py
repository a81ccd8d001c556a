"""The rota generator: which days a cluster's office is staffed, and who takes each turn.

Pure: it is given the pool, the pattern and the calendar (holidays and 调休 working days)
and returns the turns; ``services.rota`` writes them. Fairness: each day's officers are those
with the fewest turns so far (then from the village with the fewest turns that day and in
all, then who has waited longest), so over any span the turns of two people differ by at most
one; a required role is filled first by the least-used person who has it, and a day the pool
cannot give it is reported, not silently left short.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

WEEKDAY_NAMES = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "日"}


@dataclass(frozen=True)
class PoolEntry:
    """One person who takes turns, with their village and duty role."""

    person_id: str
    village_id: str | None = None
    role: str = "village_committee"


@dataclass(frozen=True)
class Pattern:
    """Days of the week staffed (ISO: 1 = Monday), officers a day, a role one must have."""

    weekdays: frozenset[int] = frozenset({1, 2, 3, 4, 5})
    per_day: int = 2
    required_role: str | None = None


@dataclass
class Rota:
    """A generated rota: ``turns`` (day, person_id) in date order, the days staffed and the
    staffed days left without the required role."""

    turns: list[tuple[date, str]] = field(default_factory=list)
    days: list[date] = field(default_factory=list)
    uncovered: list[date] = field(default_factory=list)

    def counts(self) -> Counter[str]:
        return Counter(person for _, person in self.turns)


def parse_weekdays(text: str) -> frozenset[int]:
    """``"12345"`` -> {1..5}; anything but the digits 1 to 7 is ignored."""
    return frozenset(int(c) for c in text if c in "1234567")


_DAY_OF_NAME = {**{name: day for day, name in WEEKDAY_NAMES.items()}, "天": 7, "七": 7,
                **{str(day): day for day in range(1, 8)}}


def read_weekdays(text: str) -> frozenset[int] | None:
    """The weekdays in ``text``, written as digits (``12345``, ``1,3,5``) or as
    ``weekdays_text`` says them (周一至周五, 周一、三、五, 每天: what a list or an exported
    sheet shows); None if it is neither, or names no day."""
    words = text.strip()
    if words == "每天":
        return frozenset(range(1, 8))
    days: set[int] = set()
    for part in words.replace("，", "、").replace(",", "、").replace(" ", "").split("、"):
        part = part.replace("星期", "").replace("周", "")
        first, _, last = part.partition("至")
        try:
            if last:
                span = range(_DAY_OF_NAME[first], _DAY_OF_NAME[last] + 1)
                if not span:
                    return None
                days.update(span)
            else:  # one day's name, or digits
                days.update(_DAY_OF_NAME[name] for name in part)
        except KeyError:
            return None
    return frozenset(days) or None


def weekdays_text(weekdays: frozenset[int] | str) -> str:
    """A pattern's weekdays as a person says them: 周一至周五, 周一、三、五, 周一至周三、周六,
    每天; three days or more in a row are a span."""
    days = sorted(parse_weekdays(weekdays) if isinstance(weekdays, str) else weekdays)
    if not days:
        return "（无）"
    if len(days) == 7:
        return "每天"
    runs: list[list[int]] = []
    for day in days:
        if runs and day == runs[-1][-1] + 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    if all(len(run) < 3 for run in runs):
        return "周" + "、".join(WEEKDAY_NAMES[d] for d in days)
    parts = [f"周{WEEKDAY_NAMES[run[0]]}至周{WEEKDAY_NAMES[run[-1]]}" if len(run) >= 3
             else "、".join(f"周{WEEKDAY_NAMES[d]}" for d in run) for run in runs]
    return "、".join(parts)


def staffed_days(first: date, last: date, pattern: Pattern,
                 calendar: Mapping[date, str]) -> list[date]:
    """The days from ``first`` to ``last`` the office is staffed: the pattern's weekdays, less
    the holidays (``calendar[day] == "holiday"``), plus the 调休 working days
    (``"workday"``) if the office works on ordinary weekdays at all."""
    works_weekdays = bool(pattern.weekdays & {1, 2, 3, 4, 5})
    days = []
    day = first
    while day <= last:
        kind = calendar.get(day)
        if kind == "holiday":
            pass
        elif day.isoweekday() in pattern.weekdays or (kind == "workday" and works_weekdays):
            days.append(day)
        day += timedelta(days=1)
    return days


def generate(pool: Sequence[PoolEntry], pattern: Pattern, first: date, last: date,
             calendar: Mapping[date, str], *,
             prior: Mapping[str, int] | None = None) -> Rota:
    """Spread the turns of the staffed days from ``first`` to ``last`` over ``pool``.

    ``prior`` carries turns already taken (e.g. earlier in the quarter), so that a month
    generated after another keeps the whole span fair."""
    rota = Rota(days=staffed_days(first, last, pattern, calendar))
    people = sorted(pool, key=lambda p: (p.village_id or "", p.person_id))
    if not people:
        rota.uncovered = list(rota.days) if pattern.required_role else []
        return rota
    order = {p.person_id: n for n, p in enumerate(people)}
    count: Counter[str] = Counter({p.person_id: (prior or {}).get(p.person_id, 0)
                                   for p in people})
    village_count: Counter[str | None] = Counter()
    last_turn: dict[str, int] = {p.person_id: -1 for p in people}
    per_day = min(pattern.per_day, len(people))
    for index, day in enumerate(rota.days):
        chosen: list[PoolEntry] = []

        def key(p: PoolEntry, chosen: list[PoolEntry] = chosen) -> tuple:
            same_village = sum(1 for c in chosen if c.village_id == p.village_id)
            return (count[p.person_id], same_village, village_count[p.village_id],
                    last_turn[p.person_id], order[p.person_id])

        if pattern.required_role:
            holders = [p for p in people if p.role == pattern.required_role]
            if holders:
                chosen.append(min(holders, key=key))
            else:
                rota.uncovered.append(day)
        while len(chosen) < per_day:
            chosen.append(min((p for p in people if p not in chosen), key=key))
        for p in sorted(chosen, key=lambda p: order[p.person_id]):
            rota.turns.append((day, p.person_id))
            count[p.person_id] += 1
            village_count[p.village_id] += 1
            last_turn[p.person_id] = index
    return rota
