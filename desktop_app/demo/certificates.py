"""The sample office's 志愿服务时长证明登记簿: certificates for its busiest volunteers' hours,
worked out and numbered as ``services.certificates`` does, so that the register is not empty
and the next certificate issued in the window continues its sequence."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta
from typing import TYPE_CHECKING

from db.models import CertificateRecord
from desktop_app.demo.rows import at
from desktop_app.services.certificates import SUFFIX, ServiceLine, ServiceRecord, format_number

if TYPE_CHECKING:
    from desktop_app.demo.town import TownBuilder

CERTIFICATES = 8
FIRST_AFTER_DAYS = 30  # the first one a month into the sample's three months of activities


def build_certificates(town: TownBuilder, seed: int) -> None:
    rng = random.Random(f"lianjian-demo:{seed}:certificates")
    cluster = town.office_cluster()
    rows = town.w.rows
    activities = {row["id"]: row for row in rows.get("volunteer_activity", [])
                  if row["cluster_id"] == cluster.id}
    teams = {row["id"]: row["name"] for row in rows.get("volunteer_team", [])}
    served: dict[str, list[ServiceLine]] = defaultdict(list)
    for row in rows.get("activity_participant", []):
        activity = activities.get(row["activity_id"])
        if activity is not None:
            served[row["person_id"]].append(ServiceLine(
                activity["held_on"], activity["title"], teams.get(activity["team_id"], ""),
                activity["place"], activity["content"], row["hours"]))
    busiest = sorted(served, key=lambda person: (-sum(line.hours for line in served[person]),
                                                 person))[:CERTIFICATES]
    span = (town.yesterday - town.rota_start).days - FIRST_AFTER_DAYS
    days = sorted(town.rota_start + timedelta(days=FIRST_AFTER_DAYS + rng.randint(0, span))
                  for _ in busiest)
    prefix = f"{cluster.name}{SUFFIX}"
    serials: dict[int, int] = defaultdict(int)
    responsible = town.people[cluster.central.committee[0]][0]
    for person, issued_on in zip(busiest, days, strict=True):
        lines = sorted((line for line in served[person]
                        if town.rota_start <= line.held_on <= issued_on),
                       key=lambda line: line.held_on)
        if not lines:
            continue
        record = ServiceRecord(person, town.rota_start, issued_on, lines)
        serials[issued_on.year] += 1
        clerk = town.officer(cluster, issued_on)
        town.w.add(
            CertificateRecord, at(issued_on, 10), clerk,
            number=format_number(prefix, issued_on.year, serials[issued_on.year]),
            prefix=prefix, year=issued_on.year, serial=serials[issued_on.year],
            person_id=person, period_start=record.period_start,
            period_end=record.period_end, hours=record.hours, activities=len(lines),
            issued_on=issued_on, issuer=cluster.name, responsible=responsible,
            clerk=town.people[clerk][0], content=record.summary())
