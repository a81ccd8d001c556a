"""The five-year town (``demo --size years``), built small: it grows by the year, and every
row is in the operation log as the write path would have logged it (a new PC replaying the
log gets the same records)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date

import pytest

from desktop_app.demo import build_demo
from desktop_app.demo.years import YEAR_MEETINGS, YEAR_TASKS, build_years
from desktop_app.storage.database import Database
from desktop_app.sync.exchange import apply, collect
from desktop_app.sync.oplog import GENESIS, op_hash

pytestmark = pytest.mark.slow

TODAY = date(2026, 11, 30)
TASKS = 1_000  # a year's tasks here (the real town: YEAR_TASKS)


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    """The sample town, built once; each test copies it."""
    path = tmp_path_factory.mktemp("years") / "town.db"
    db = Database(path)
    build_demo(db, today=TODAY)
    db.close()
    return path


def grown(town, folder, years: int) -> Database:
    path = folder / f"years-{years}.db"
    shutil.copy(town, path)
    db = Database(path)
    with db.begin() as connection:
        build_years(connection, db, seed=2023, today=TODAY, years=years, tasks=TASKS)
    return db


def counts(db: Database) -> dict[str, int]:
    with sqlite3.connect(db.path) as connection:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("work_task", "task_progress", "grid_visit", "meeting", "sync_op")}


def test_each_year_adds_its_tasks_notes_visits_and_meetings(town, tmp_path):
    plain = Database(town)
    before = counts(plain)
    plain.close()
    one, two = grown(town, tmp_path, 1), grown(town, tmp_path, 2)
    first, second = counts(one), counts(two)
    one.close()
    two.close()
    meetings = YEAR_MEETINGS * TASKS // YEAR_TASKS
    assert first["work_task"] - before["work_task"] == TASKS
    assert second["work_task"] - first["work_task"] == TASKS
    assert first["meeting"] - before["meeting"] == meetings
    assert second["meeting"] - first["meeting"] == meetings
    assert first["grid_visit"] == before["grid_visit"]  # this year's visits are the town's
    assert second["grid_visit"] - first["grid_visit"] > 20_000  # a year of visits
    assert second["task_progress"] - first["task_progress"] >= TASKS  # closed: 2+ notes each
    assert before["sync_op"] == 0  # the plain sample is not in the log
    assert second["sync_op"] > first["sync_op"] > first["work_task"] + first["grid_visit"]


def test_every_row_is_logged_in_one_chain_with_a_closing_edit_per_closed_task(town, tmp_path):
    db = grown(town, tmp_path, 2)
    with sqlite3.connect(db.path) as connection:
        assert connection.execute("SELECT count(*) FROM work_task WHERE clocks IS NULL"
                                  ).fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM grid_visit WHERE clocks IS NULL"
                                  ).fetchone() == (0,)
        chain = connection.execute(
            "SELECT seq, prev_hash, hash, body FROM sync_op WHERE origin = ? ORDER BY seq",
            (db.node.node_id,)).fetchall()
        closed = connection.execute(
            "SELECT count(*) FROM work_task WHERE status != 'pending'").fetchone()[0]
        edits = connection.execute(
            "SELECT count(*) FROM sync_op WHERE tbl = 'work_task' GROUP BY row_id"
            " HAVING count(*) = 2").fetchall()
    db.close()
    previous = GENESIS
    for number, (seq, prev_hash, digest, body) in enumerate(chain, 1):
        assert (seq, prev_hash) == (number, previous)
        assert digest == op_hash(prev_hash, body)
        previous = digest
    assert len(edits) == closed


def test_a_new_pc_replaying_the_log_gets_the_same_records(town, tmp_path):
    db = grown(town, tmp_path, 1)
    replica = Database(tmp_path / "new-pc.db")
    report = apply(replica, collect(db))
    assert (report.waiting, report.new_conflicts) == (0, 0)
    columns = {"work_task": "id, cluster_id, title, status, found_on, due_on, solved_at,"
                            " reported_at, created_at, deleted",
               "task_progress": "id, task_id, noted_at, text, percent",
               "meeting": "id, cluster_id, title, start", "grid_visit": "id, visited_on, heard"}
    with sqlite3.connect(db.path) as a, sqlite3.connect(replica.path) as b:
        for table, names in columns.items():
            query = f"SELECT {names} FROM {table} ORDER BY id"
            assert a.execute(query).fetchall() == b.execute(query).fetchall(), table
    db.close()
    replica.close()
