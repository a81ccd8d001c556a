"""Build the sample town (大王镇示例数据) into an empty database, fast and deterministically.

``build_demo(db)`` writes the town of ``town.py``: 29 clusters, 97 villages, about 150
people in their roles, three months of duty shifts, agenda items at every step of
四议两公开, work tasks in every status, meetings with decisions, volunteer teams and
activities. The same ``seed`` and ``today`` give the same content and the same ids.
``size="large"`` adds :data:`LARGE_TASKS` more tasks with their claims, for benchmarks;
``size="years"`` the town after five years of use (``years.py``), all of it in the sync log.

Everything is written in one transaction with bulk inserts (``rows.py``), stamped as the
ORM write path would stamp it, and indexed for search. The database is then marked as
sample data (:func:`is_sample`): its office is named :data:`SAMPLE_NODE_NAME`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, update
from sqlmodel import col

from db.ids import member_id
from db.models import LocalNode, TaskClaim, TaskProgress, WorkTask
from desktop_app.demo import names
from desktop_app.demo.assessment import build_assessment
from desktop_app.demo.certificates import build_certificates
from desktop_app.demo.governance import governance_rows
from desktop_app.demo.industry import build_industry
from desktop_app.demo.rota import build_rota
from desktop_app.demo.rows import DeterministicIds, RowWriter, at
from desktop_app.demo.talent import build_talent
from desktop_app.demo.town import (
    OPEN,
    ROTA_DAYS,
    SAMPLE_CLUSTER,
    TASK_STATUS_WEIGHTS,
    TASKS,
    TownBuilder,
)
from desktop_app.records.errors import UserError
from desktop_app.storage.database import Database

SAMPLE_NODE_NAME = "大王镇示例数据（演示）"
SIZES = ("town", "large", "years")
LARGE_TASKS = 100_000  # extra tasks of size="large"; tests patch it smaller
BUILD_CACHE_KIB = -65536  # PRAGMA cache_size while building (negative: KiB)

NOT_EMPTY = "数据库中已有数据：示例数据只能在空数据库中创建"

# --- public API -----------------------------------------------------------------------


def build_demo(
    db: Database, size: str = "town", *, seed: int = 2023, today: date | None = None
) -> dict[str, int]:
    """Build the sample town into ``db`` (or, for ``size="large"``, add the bulk tasks).

    ``"town"`` needs an empty database. ``"large"`` builds the town first when the database
    is empty, or adds the tasks to a database holding the sample town. Returns the number
    of live records of each kind in the database afterwards.
    """
    if size not in SIZES:
        raise UserError(f"示例数据规模应为 town、large 或 years，收到：{size}")
    today = today or date.today()
    with db.begin() as connection, _big_page_cache(connection):
        has_town = connection.exec_driver_sql("SELECT 1 FROM town LIMIT 1").first() is not None
        if has_town and (size == "town" or not _is_sample(connection)):
            raise UserError(NOT_EMPTY)
        if not has_town:
            start = at(today - timedelta(days=ROTA_DAYS + 120))
            writer = RowWriter(db, DeterministicIds(f"lianjian-demo:{seed}:ids", start))
            town = TownBuilder(writer, random.Random(seed), today)
            town.build()
            build_rota(town, seed)
            build_industry(town, seed)
            build_talent(town, seed)
            build_certificates(town, seed)
            writer.flush(connection)
            governance_rows(connection, db, seed=seed, today=today).flush(connection)
            build_assessment(connection, db, seed=seed, today=today)  # counts all of it
        if size == "large":
            large_task_rows(connection, db, seed=seed, today=today).flush(connection)
        if size == "years":  # five years of tasks, visits and meetings, all in the sync log
            from desktop_app.demo.years import build_years

            build_years(connection, db, seed=seed, today=today)
        cluster_id = connection.exec_driver_sql(
            "SELECT id FROM cluster WHERE name = ? ORDER BY rowid LIMIT 1", (SAMPLE_CLUSTER,)
        ).scalar()
        connection.execute(
            update(LocalNode)
            .where(col(LocalNode.id) == 1)
            .values(name=SAMPLE_NODE_NAME, cluster_id=cluster_id, hlc=db.clock.last)
        )
        counts = _counts(connection)
    db.set_node(name=SAMPLE_NODE_NAME, cluster_id=cluster_id)  # refresh db.node
    return counts


@contextmanager
def _big_page_cache(connection: Connection) -> Iterator[None]:
    """A 64 MB page cache while building: random-order member ids (claims) and the
    indexes of 100,000 tasks thrash SQLite's default 2 MB."""
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
    connection.exec_driver_sql(f"PRAGMA cache_size = {BUILD_CACHE_KIB}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before)}")


def is_sample(db: Database) -> bool:
    """Whether ``db`` holds the sample town (so the window can say it is sample data)."""
    with db.engine.connect() as connection:
        return _is_sample(connection)


def _is_sample(connection: Connection) -> bool:
    name = connection.exec_driver_sql("SELECT name FROM local_node WHERE id = 1").scalar()
    return name == SAMPLE_NODE_NAME


_COUNTED = {
    "clusters": "cluster",
    "villages": "village",
    "people": "person",
    "shifts": "duty_shift",
    "agenda_items": "agenda_item",
    "tasks": "work_task",
    "teams": "volunteer_team",
    "activities": "volunteer_activity",
    "certificates": "certificate_record",
    "meetings": "meeting",
    "projects": "aid_project", "cooperatives": "cooperative", "workshops": "workshop",
    "talents": "talent_profile", "rotations": "post_rotation", "trainings": "training_session",
    "grids": "grid",
    "micro_grids": "micro_grid",
    "visits": "grid_visit",
    "disputes": "dispute",
    "zero_reports": "dispute_zero_report",
    "service_items": "service_item",
    "service_requests": "service_request",
}


def _counts(connection: Connection) -> dict[str, int]:
    return {
        key: connection.exec_driver_sql(
            f"SELECT count(*) FROM {table} WHERE deleted = 0").scalar_one()
        for key, table in _COUNTED.items()
    }


# --- the large data set ---------------------------------------------------------------


def large_task_rows(connection: Connection, db: Database, *, seed: int = 2023,
                    today: date | None = None, count: int | None = None, years_ago: int = 0,
                    notes: bool = False, writer: RowWriter | None = None) -> RowWriter:
    """:data:`LARGE_TASKS` (or ``count``) more tasks with their claims, spread over the
    villages of the sample town in ``connection``, stamped and ready to flush.

    ``years_ago`` moves the year of tasks that many years back (all of them closed by now:
    the five-year town of ``years.py`` is this year and four earlier ones); ``notes`` adds
    each started task's progress notes; ``writer`` collects into a writer of the caller."""
    today = today or date.today()
    count = LARGE_TASKS if count is None else count
    ago = f":{years_ago}" if years_ago else ""  # year 0 keeps the large sample's ids
    shift = timedelta(days=365 * years_ago)
    ids_seed = f"lianjian-demo:{seed}:large-ids{ago}"
    ids_start = at(today - shift - timedelta(days=60))
    first_id = DeterministicIds(ids_seed, ids_start)()
    if connection.exec_driver_sql("SELECT 1 FROM work_task WHERE id = ?", (first_id,)).first():
        raise UserError("示例数据中已有大数据量任务，无需再次添加")
    ids = DeterministicIds(ids_seed, ids_start)
    clusters = {cid: name for cid, name in connection.exec_driver_sql(
        "SELECT id, name FROM cluster WHERE deleted = 0 ORDER BY rowid")}
    villages = connection.exec_driver_sql(
        "SELECT id, cluster_id, name FROM village WHERE deleted = 0 ORDER BY rowid").all()
    by_cluster: dict[str, list[tuple[str, str, str]]] = {}
    for village in villages:
        by_cluster.setdefault(village[1], []).append(tuple(village))
    committee: dict[str, str] = {}  # village id -> a member of its committee
    liaisons: dict[str, str] = {}  # cluster id -> its town liaison
    for person_id, cluster_id, village_id, role in connection.exec_driver_sql(
        "SELECT p.id, p.cluster_id, p.village_id, r.role FROM person p"
        " JOIN person_role r ON r.person_id = p.id AND r.deleted = 0"
        " WHERE p.deleted = 0 AND r.role IN ('village_committee', 'town_liaison')"
        " ORDER BY p.rowid"
    ):
        if role == "village_committee":
            committee.setdefault(village_id, person_id)
        else:
            liaisons.setdefault(cluster_id, person_id)
    # The loop runs 100,000 times: draw with random() and tables, not choices()/randint().
    rng = random.Random(f"lianjian-demo:{seed}:large{ago}")
    r = rng.random
    if writer is None:
        writer = RowWriter(db, ids)
    else:
        writer.ids = ids
    status_table = [s for s, weight in TASK_STATUS_WEIGHTS.items() for _ in range(weight)
                    if not (years_ago and s in OPEN)]  # a task of years ago is closed
    progress = _ProgressNotes(writer, r) if notes else None
    priority_table = [1] * 25 + [2] * 60 + [3] * 15
    templates = names.TASK_TEMPLATES
    yesterday = today - timedelta(days=1)
    latest_report = at(yesterday, 18)
    day = timedelta(days=1)
    for _ in range(count):
        village_id, cluster_id, village_name = villages[int(r() * len(villages))]
        status = status_table[int(r() * len(status_table))]
        solved_at = reported_at = None
        if status in OPEN:
            found = today - day * int(r() * 61)
            age = (today - found).days
            if age >= 5 and r() < 0.35:  # overdue
                due = found + day * (3 + int(r() * (age - 3)))
            else:
                due = max(found + 3 * day, today + day * int(r() * 31))
        else:
            found = today - shift - day * (3 + int(r() * 363))
            due = found + day * (5 + int(r() * 41))
            if status in ("solved", "reported"):
                span = (min(yesterday, due + 7 * day) - found).days
                solved_at = at(found + day * (1 + int(r() * span)), 9 + int(r() * 8))
                if status == "reported":
                    reported_at = solved_at + timedelta(days=int(r() * 4), hours=1 + int(r() * 3))
                    if reported_at > latest_report:
                        reported_at = solved_at + timedelta(hours=1)
        moment = at(found, 9 + int(r() * 8))
        recorder = liaisons.get(cluster_id)
        task = writer.add(
            WorkTask, moment, recorder, updated=reported_at or solved_at or moment,
            cluster_id=cluster_id,
            title=templates[int(r() * len(templates))].format(village=village_name),
            description=f"{clusters[cluster_id]}轮值办公时交办，由{village_name}认领办理"
                        "（大数据量演示任务）。",
            assignee_id=committee.get(village_id) if r() < 0.8 else recorder,
            priority=priority_table[int(r() * 100)], status=status,
            found_on=found, due_on=due, solved_at=solved_at, reported_at=reported_at)
        claimed = [village_id]
        siblings = by_cluster[cluster_id]
        if len(siblings) > 1 and r() < 0.25:
            other = siblings[int(r() * len(siblings))][0]
            if other != village_id:
                claimed.append(other)
        for claim in claimed:
            writer.add(TaskClaim, moment, recorder, task_id=task["id"], village_id=claim,
                       row_id=member_id(TaskClaim.__tablename__, task["id"], claim))
        if progress is not None and status != "pending":
            progress.add(task, recorder, solved_at or at(yesterday, 17))
    return writer


class _ProgressNotes:
    """One to three progress notes of a started task, between its finding and its solving
    (a closed task's last note says so), drawn from the town's own notes."""

    def __init__(self, writer: RowWriter, draw) -> None:
        self.writer, self.r = writer, draw
        self.notes = names.PROGRESS_NOTES[:20]

    def add(self, task: dict, recorder: str | None, until: datetime) -> None:
        r, notes = self.r, self.notes
        found = at(task["found_on"], 9)
        span = max(1, int((until - found).total_seconds() // 3600))
        count = 1 + int(r() * 3)
        for n in range(count):
            noted = found + timedelta(hours=span * (n + 1) // (count + 1))
            self.writer.add(TaskProgress, noted, recorder, task_id=task["id"], noted_at=noted,
                            text=notes[int(r() * len(notes))], percent=(n + 1) * 90 // count)
        if task["solved_at"] is not None:
            self.writer.add(TaskProgress, task["solved_at"], recorder, task_id=task["id"],
                            noted_at=task["solved_at"], text="已完成，待组织验收", percent=100)


__all__ = ["LARGE_TASKS", "SAMPLE_NODE_NAME", "TASKS", "build_demo", "is_sample", "large_task_rows"]
