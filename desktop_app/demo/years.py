"""The five-year town (``demo --size years``): the sample town after five years of use.

Each year is the large sample's year of tasks (``builder.large_task_rows``) moved that many
years back, with progress notes, a year of household visits (``governance.add_visits``) and
:data:`YEAR_MEETINGS` meetings: about 500,000 tasks, 150,000 visits, 3,000 meetings. Every
row is then in the operation log as the write path would have logged it (``oplog_rows``),
so sync files, onboarding a new PC and the log's growth can be measured on it. A year is
written and logged at a time, so memory stays that of one year.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import Connection

from db.models import Meeting
from desktop_app.demo import names
from desktop_app.demo.builder import large_task_rows
from desktop_app.demo.governance import add_visits, read_town
from desktop_app.demo.oplog_rows import log_bulk_rows
from desktop_app.demo.rows import DeterministicIds, RowWriter, at
from desktop_app.storage.database import Database

YEARS = 5  # this year and four before it; tests patch it smaller
YEAR_TASKS = 100_000  # the large sample's tasks, once a year
YEAR_MEETINGS = 588  # with the town's 60: 3,000 meetings in five years
MEETING_KINDS = ("joint", "committees", "theme_day", "contest")


def build_years(connection: Connection, db: Database, *, seed: int, today: date,
                years: int | None = None, tasks: int | None = None) -> int:
    """Add the years of tasks, visits and meetings to the sample town in ``connection`` and
    log every row not yet in the operation log; returns the operations logged."""
    years = YEARS if years is None else years
    tasks = YEAR_TASKS if tasks is None else tasks
    logged = log_bulk_rows(connection, db)  # the town itself, first in the log
    for ago in range(years):
        writer = RowWriter(db, DeterministicIds(f"lianjian-demo:{seed}:years:{ago}",
                                                at(today - timedelta(days=365 * ago + 400))))
        if ago:  # this year's visits are the town's own
            add_visits(writer, random.Random(f"lianjian-demo:{seed}:visits:{ago}"),
                       _with_micro_grids(connection), today - timedelta(days=365 * ago))
        add_meetings(connection, writer, random.Random(f"lianjian-demo:{seed}:meetings:{ago}"),
                     today - timedelta(days=365 * ago), YEAR_MEETINGS * tasks // YEAR_TASKS)
        large_task_rows(connection, db, seed=seed, today=today, count=tasks, years_ago=ago,
                        notes=True, writer=writer)
        writer.flush(connection)
        logged += log_bulk_rows(connection, db)
    return logged


def _with_micro_grids(connection: Connection):
    """The town as ``add_visits`` reads it, with the micro-grids the town has."""
    town = read_town(connection)
    town.micro_grids = [
        {"id": i, "cluster_id": c, "village_id": v, "leader_id": leader, "key_households": k}
        for i, c, v, leader, k in connection.exec_driver_sql(
            "SELECT id, cluster_id, village_id, leader_id, key_households FROM micro_grid"
            " WHERE deleted = 0 ORDER BY rowid")]
    return town


def add_meetings(connection: Connection, writer: RowWriter, rng: random.Random, last: date,
                 count: int) -> None:
    """``count`` meetings of the clusters in the year up to ``last``, each with its summary."""
    villages: dict[str, list[str]] = {}
    for cluster_id, name in connection.exec_driver_sql(
            "SELECT cluster_id, name FROM village WHERE deleted = 0 ORDER BY rowid"):
        villages.setdefault(cluster_id, []).append(name)
    clusters = connection.exec_driver_sql(
        "SELECT id, name FROM cluster WHERE deleted = 0 ORDER BY rowid").all()
    for n in range(count):
        cluster_id, cluster = clusters[n % len(clusters)]
        kind = MEETING_KINDS[n % len(MEETING_KINDS)]
        day = last - timedelta(days=rng.randint(0, 364))
        village = villages[cluster_id][0]
        values = {"village": village, "cluster": cluster, "stem": cluster,
                  "quarter": f"{(day.month - 1) // 3 + 1}季度", "month": f"{day.month}月",
                  "topic": "重点工作"}
        patterns = [p for p in names.MEETING_TITLES[kind]
                    if "{topic}" not in p and not p.startswith("大王镇")]
        start = at(day, *rng.choice(((9, 0), (14, 30))))
        writer.add(Meeting, start, None, cluster_id=cluster_id, kind=kind,
                   title=rng.choice(patterns).format(**values),
                   start=start, place=rng.choice(names.MEETING_PLACES).format(**values),
                   summary=f"会议研究了{cluster}近期重点工作，明确了责任人和完成时限。")
