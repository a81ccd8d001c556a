"""The sample town's 轮值排班: each cluster's pool (its 包村干部 and 两委 cadres), a pattern,
the year's holidays, and a rota that matches the duty shifts already drawn — three months
back (each shift's officers were due that day, with a few swaps, leave and 缺岗 days) and
four weeks ahead from the generator, so that today and tomorrow have officers due.

Drawn from a generator of its own after the rest of the town, so the rest keeps its
content and ids."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING

from db.models import DutyLeave, DutyPoolMember, Holiday, RotaPattern, RotaSwap, RotaTurn
from desktop_app.demo.rows import at
from desktop_app.rota.generator import Pattern, PoolEntry, generate
from desktop_app.rota.holidays import official_days

if TYPE_CHECKING:
    from desktop_app.demo.town import TownBuilder

WEEKS_AHEAD = 4
SWAP_REASONS = ["参加镇里培训", "家中老人住院", "外出招商", "配合镇里防汛检查", "孩子开家长会"]
LEAVE_REASONS = ["因病请假", "外出务工", "家中有事", "参加县里学习"]


def build_rota(town: TownBuilder, seed: int) -> None:
    """Add the rota records of every cluster of ``town`` to its writer."""
    rng = random.Random(f"lianjian-demo:{seed}:rota")
    w, today = town.w, town.today
    first_liaison = town.clusters[0].liaison
    calendar: dict[date, tuple[str, str]] = {}
    for year in sorted({town.rota_start.year, today.year,
                        (today + timedelta(weeks=WEEKS_AHEAD)).year}):
        for day, kind, name in official_days(year):
            calendar[day] = (kind, name)
            w.add(Holiday, at(date(year, 1, 2) if year <= today.year else today), first_liaison,
                  day=day, kind=kind, name=name)
    village_of = {row["id"]: row["village_id"] for row in w.rows.get("person", [])}
    shifts = {row["id"]: row for row in w.rows.get("duty_shift", [])}
    signed: dict[tuple[str, date], list[str]] = defaultdict(list)  # (cluster, day) -> people
    for row in w.rows.get("shift_officer", []):
        shift = shifts[row["shift_id"]]
        signed[(shift["cluster_id"], shift["start"].date())].append(row["person_id"])
    taken: set[tuple[date, str]] = set()  # (day, person): one turn a day
    for cluster in town.clusters:
        _cluster_rota(town, cluster, rng, calendar, village_of, signed, taken)


def _cluster_rota(town, cluster, rng, calendar, village_of, signed, taken) -> None:
    w, today = town.w, town.today
    set_up = at(town.rota_start - timedelta(days=7))
    pool = [(cluster.liaison, "town_liaison"), *((p, "village_committee")
                                                 for p in cluster.committee)]
    for person_id, role in pool:
        w.add(DutyPoolMember, set_up, cluster.liaison, cluster_id=cluster.id,
              person_id=person_id, village_id=village_of.get(person_id), role=role)
    w.add(RotaPattern, set_up, cluster.liaison, cluster_id=cluster.id, weekdays="12345",
          officers_per_day=2, note="包村干部与各村两委干部轮流到中心村值班")
    committee = list(cluster.committee)

    def turn(day: date, person_id: str, moment, **values) -> dict | None:
        if (day, person_id) in taken:
            return None
        taken.add((day, person_id))
        on_holiday = calendar.get(day, ("", ""))[0] == "holiday"
        return w.add(RotaTurn, moment, cluster.liaison, cluster_id=cluster.id, day=day,
                     person_id=person_id, on_holiday=on_holiday, **values)

    # The past: each shift's officers were due; now and then one more was due and did not
    # come (缺岗), or was excused (请假), or the turn had been swapped (替班).
    for index, day in enumerate(cluster.shift_days):
        moment = at(day - timedelta(days=3), 16)
        officers = signed.get((cluster.id, day), [])
        pooled = [p for p in officers if p in committee or p == cluster.liaison]
        draw = rng.random()
        if draw < 0.12 and len(committee) > 1 and pooled:
            giver = rng.choice([p for p in committee if p not in officers] or committee)
            taker = pooled[0]
            if giver != taker and (day, taker) not in taken:
                reason = rng.choice(SWAP_REASONS)
                w.add(RotaSwap, moment, cluster.liaison, cluster_id=cluster.id,
                      kind="substitute", from_person_id=giver, to_person_id=taker, day=day,
                      reason=reason, from_agreed=True, to_agreed=True)
                turn(day, taker, moment, swapped_from_id=giver)
        for person_id in pooled:
            turn(day, person_id, moment)
        others = [p for p in committee if p not in officers]
        if others and len(pooled) < 2 and draw > 0.75 and index < len(cluster.shift_days) - 1:
            missing = rng.choice(others)
            if turn(day, missing, moment) is not None and draw > 0.9:
                w.add(DutyLeave, at(day - timedelta(days=1), 18), cluster.liaison,
                      cluster_id=cluster.id, person_id=missing, start_on=day, end_on=day,
                      reason=rng.choice(LEAVE_REASONS))
    # The weeks ahead: as the generator spreads them.
    entries = [PoolEntry(p, village_of.get(p), role) for p, role in pool]
    ahead = generate(entries, Pattern(per_day=2), today, today + timedelta(weeks=WEEKS_AHEAD),
                     {d: kind for d, (kind, _) in calendar.items()})
    for day, person_id in ahead.turns:
        turn(day, person_id, at(today - timedelta(days=1), 16))
