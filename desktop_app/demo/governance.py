"""The sample town's 治理联抓: 168 grids and about 1,000 micro-grids over the 97 villages,
led by each village's committee members and the cluster's cadres.

Read from the town already written (villages, people and their roles), generated with its
own seeded random numbers, and written through the bulk path (``rows.RowWriter``)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection

from db.models import Grid, MicroGrid
from desktop_app.demo import names
from desktop_app.demo.rows import DeterministicIds, RowWriter, at
from desktop_app.storage.database import Database

GRIDS = 168
MICRO_GRIDS_PER_GRID = (4, 8)  # 168 grids × 6 on average ≈ 1,000 micro-grids
COUNTY_CODE = "370523"  # 广饶县
TOWN_CODE = "100"  # 大王镇 (sample)


@dataclass
class _Village:
    id: str
    cluster_id: str
    name: str
    households: int
    committee: list[str] = field(default_factory=list)  # its 两委 members


@dataclass
class Governance:
    """What later parts of the sample (visits, disputes, requests) draw on."""

    villages: list[_Village]
    cadres: dict[str, list[str]]  # cluster id -> its cadres (liaisons, instructors)
    micro_grids: list[dict] = field(default_factory=list)


def read_town(connection: Connection) -> Governance:
    villages = {row[0]: _Village(*row) for row in connection.exec_driver_sql(
        "SELECT id, cluster_id, name, households FROM village WHERE deleted = 0 ORDER BY rowid")}
    cadres: dict[str, list[str]] = {}
    for person_id, cluster_id, village_id, role in connection.exec_driver_sql(
        "SELECT p.id, p.cluster_id, p.village_id, r.role FROM person p"
        " JOIN person_role r ON r.person_id = p.id AND r.deleted = 0"
        " WHERE p.deleted = 0 AND r.role IN"
        " ('village_committee', 'town_liaison', 'party_instructor') ORDER BY p.rowid"
    ):
        if role == "village_committee" and village_id in villages:
            villages[village_id].committee.append(person_id)
        elif cluster_id:
            cadres.setdefault(cluster_id, []).append(person_id)
    return Governance(list(villages.values()), cadres)


def governance_rows(connection: Connection, db: Database, *, seed: int, today: date) -> RowWriter:
    """The grids and micro-grids of the sample town in ``connection``, ready to flush."""
    town = read_town(connection)
    start = at(today - timedelta(days=400))
    writer = RowWriter(db, DeterministicIds(f"lianjian-demo:{seed}:governance", start))
    rng = random.Random(f"lianjian-demo:{seed}:governance")
    add_grids(writer, rng, town, start.date())
    return writer


def _grid_counts(villages: list[_Village]) -> dict[str, int]:
    """One grid per village, a second for the largest until there are :data:`GRIDS`."""
    counts = {v.id: 1 for v in villages}
    for village in sorted(villages, key=lambda v: -v.households)[:GRIDS - len(villages)]:
        counts[village.id] = 2
    return counts


def add_grids(writer: RowWriter, rng: random.Random, town: Governance, day: date) -> None:
    counts = _grid_counts(town.villages)
    for number, village in enumerate(town.villages, 1):
        cadres = village.committee + town.cadres.get(village.cluster_id, [])
        leaders = village.committee or cadres
        group = 0
        for g in range(1, counts[village.id] + 1):
            moment = at(day + timedelta(days=rng.randint(0, 20)), rng.randint(9, 16))
            grid = writer.add(
                Grid, moment, None, cluster_id=village.cluster_id, village_id=village.id,
                code=f"{COUNTY_CODE}{TOWN_CODE}{number:03d}{g:02d}",
                name=f"{village.name}第{'一二'[g - 1]}网格",
                head_id=leaders[0] if leaders else None,
                worker_id=rng.choice(cadres) if cadres else None)
            micro_count = rng.randint(*MICRO_GRIDS_PER_GRID)
            households = village.households // counts[village.id]
            for _ in range(micro_count):
                group += 1
                share = households // micro_count + rng.randint(-6, 6)
                row = writer.add(
                    MicroGrid, moment, None, cluster_id=village.cluster_id,
                    village_id=village.id, grid_id=grid["id"], name=f"{village.name}{group}组",
                    leader_id=rng.choice(cadres) if cadres else None,
                    households=max(share, 8),
                    key_households=rng.choice((0, 0, 1, 2, 3, 4, 6)),
                    party_household=names.person_name(rng))
                town.micro_grids.append(row)
