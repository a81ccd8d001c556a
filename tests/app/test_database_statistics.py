"""Closing the database lets SQLite refresh the query planner's statistics (PRAGMA optimize),
so a database that grows for years keeps choosing its indexes well without anyone running
ANALYZE; a file another program is writing still closes."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from sqlalchemy import event

from db.engine import make_engine
from db.models.task import OPEN_STATUS_CLAUSE, OPEN_STATUSES
from desktop_app.records.vocabulary import OPEN_TASK_STATUSES
from desktop_app.services import ListQuery, Services
from desktop_app.storage import statistics
from desktop_app.storage.database import Database


def _stat_tables(path) -> set[str]:
    connection = sqlite3.connect(path)
    try:
        if not connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
                                  ).fetchone():
            return set()
        return {row[0] for row in connection.execute("SELECT DISTINCT tbl FROM sqlite_stat1")}
    finally:
        connection.close()


def _town_with_tasks(path) -> Database:
    db = Database(path)
    services = Services(db)
    town = services.towns.create(name="大王镇").id
    cluster = services.clusters.create(town_id=town, name="黄璩联合党总支").id
    village = services.villages.create(cluster_id=cluster, name="黄璩村").id
    officer = services.people.create(name="王建国", village_id=village).id
    services.duty.start(cluster, [officer])
    for number in range(30):
        services.tasks.create(cluster_id=cluster, title=f"第{number}号任务",
                              found_on=date(2026, 1, 1), due_on=date(2026, 2, 1 + number % 28),
                              status="pending" if number % 3 else "solved")
    return db


def test_closing_after_indexed_queries_leaves_statistics(tmp_path):
    path = tmp_path / "town.db"
    db = _town_with_tasks(path)
    services = Services(db)
    cluster = services.clusters.list().items[0].id
    page = services.tasks.list(ListQuery(cluster_id=cluster, status="pending"))
    assert page.total == 20
    assert "work_task" not in _stat_tables(path)  # nobody ran ANALYZE
    db.close()
    assert "work_task" in _stat_tables(path)


def test_a_file_locked_by_another_writer_still_closes(tmp_path):
    path = tmp_path / "town.db"
    db = _town_with_tasks(path)
    Services(db).tasks.ids()
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        db.close()  # PRAGMA optimize cannot write now: skipped, no error
    finally:
        other.rollback()
        other.close()
    reopened = Database(path)
    assert len(Services(reopened).tasks.ids()) == 30
    reopened.close()


def test_optimize_runs_at_open_only_where_sqlite_checks_every_table(tmp_path, monkeypatch):
    """``PRAGMA optimize=0x10002`` at open needs SQLite 3.46; on older versions (ours is
    3.40) only the run at close is made."""
    ran: list[str] = []
    monkeypatch.setattr(statistics, "_optimize", lambda _connection, pragma: ran.append(pragma))
    for version, expected in (((3, 46, 0), ["PRAGMA optimize=0x10002", "PRAGMA optimize"]),
                              ((3, 40, 1), ["PRAGMA optimize"])):
        ran.clear()
        engine = make_engine(tmp_path / f"{version[1]}.db")
        statistics.keep_statistics(engine, version=version)
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
        engine.dispose()
        assert ran == expected


# The planner's statistics of a five-year town (500,600 tasks, 20,000 of them open): every
# status holds a fifth of the tasks, a due date 250 of them, the open ones 20,000.
FIVE_YEAR_STATISTICS = {
    "ix_work_task_list_order": "500600 250 84 1 1",
    "ix_work_task_status": "500600 100120",
    "ix_work_task_live_due": "500600 500600 250",
    "ix_work_task_cluster_status_due": "500600 17262 3452 4",
    "ix_work_task_open_due": "20000 40 14 1",
    "ix_work_task_live_status": "500600 500600 100120 1",
    "ix_work_task_cluster_live": "500600 17262 17262 3452 1",
    "ix_work_task_title_sort": "500600 2",
    "ix_work_task_assignee_id": "500600 729",
    "ix_work_task_agenda_item_id": "500600 1572",
    "ix_work_task_decision_id": "500600 7739",
    "sqlite_autoindex_work_task_1": "500600 1",
}
CLAIM_STATISTICS = {
    "ix_task_claim_task_live": "588347 2 2 1",
    "ix_task_claim_village_task": "588347 6065 2",
    "ix_task_claim_village_id": "588347 6065",
    "sqlite_autoindex_task_claim_1": "588347 1",
}


# The large sample's, as ``PRAGMA optimize`` (its limited analysis) left them.
LARGE_SAMPLE_STATISTICS = {
    "ix_work_task_cluster_live": "55924 401 401 201 1",
    "ix_work_task_live_status": "113664 401 401 1",
    "ix_work_task_open_due": "53676 31 12 1",
    "ix_work_task_title_sort": "145152 101",
    "ix_work_task_list_order": "115830 26 9 1 1",
    "ix_work_task_status": "69616 401",
    "ix_work_task_live_due": "91728 401 26",
    "ix_work_task_decision_id": "111804 35",
    "ix_work_task_cluster_status_due": "104253 401 201 3",
    "ix_work_task_assignee_id": "100845 401",
    "ix_work_task_agenda_item_id": "109593 8",
    "sqlite_autoindex_work_task_1": "99600 1",
}


def _five_years_of_statistics(path, tasks: dict[str, str] = FIVE_YEAR_STATISTICS) -> None:
    """The town of ``path`` as the planner sees a five-year town (or, given its ``tasks``'
    statistics, another)."""
    raw = sqlite3.connect(path)
    raw.execute("ANALYZE")
    for table, stats in (("work_task", tasks),
                         ("task_claim", CLAIM_STATISTICS)):
        raw.execute("DELETE FROM sqlite_stat1 WHERE tbl = ?", (table,))
        raw.executemany("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)",
                        [(table, index, stat) for index, stat in stats.items()])
    raw.commit()
    raw.close()


def _plan_of_last_select(db, action) -> tuple[str, str]:
    """(the query plan, the SQL) of the last SELECT ``action`` ran."""
    statements: list[str] = []

    def keep(_connection, _cursor, sql, *_rest) -> None:
        statements.append(sql)

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        action()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    query = next(sql for sql in reversed(statements) if sql.lstrip().startswith("SELECT"))
    with db.engine.connect() as connection:
        plan = " | ".join(str(row[-1]) for row in connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + query, ("2026-12-02",) * query.count("?")))
    return plan, query


def test_the_overdue_list_reads_the_open_tasks_index_whatever_the_statistics(tmp_path):
    """With statistics, SQLite once walked every past due date in the list's index to spare
    a sort (0.4 s → 4 s on a five-year town); the open tasks' own index keeps it a range."""
    path = tmp_path / "town.db"
    _town_with_tasks(path).close()
    _five_years_of_statistics(path)
    db = Database(path)
    overdue: list[str] = []
    plan, query = _plan_of_last_select(db, lambda: overdue.extend(
        Services(db).tasks.ids(ListQuery(overdue=True, limit=None))))
    db.close()
    assert len(overdue) == 20  # the pending ones; all were due in February
    assert "'pending', 'in_progress'" in query  # literals: a bound value misses the index
    assert "ix_work_task_open_due" in plan, (plan, query)


@pytest.mark.parametrize("statistics", [FIVE_YEAR_STATISTICS, LARGE_SAMPLE_STATISTICS],
                         ids=["five years", "large sample"])
def test_a_blocks_overdue_marks_look_its_rows_up_by_id_whatever_the_statistics(tmp_path,
                                                                               statistics):
    """The list marks the overdue rows of each block of 200 it shows: asked as a WHERE,
    SQLite walked the statuses' index instead of looking up the 200 ids (46 ms a block on
    the large sample, on the GUI thread while scrolling)."""
    path = tmp_path / "town.db"
    _town_with_tasks(path).close()
    _five_years_of_statistics(path, statistics)
    db = Database(path)
    tasks = Services(db).tasks
    ids = tasks.ids(ListQuery(limit=None))
    block = ids + [f"not-a-task-{n}" for n in range(200 - len(ids))]  # a list's block
    overdue: set[str] = set()
    with db.session() as session:
        plan, _query = _plan_of_last_select(db, lambda: overdue.update(
            tasks.overdue_among(session, block)))
    db.close()
    assert len(overdue) == 20  # the pending ones, all due in February 2026
    assert plan.startswith("SEARCH work_task USING INDEX sqlite_autoindex_work_task_1"), plan


def test_the_dashboards_tasks_per_village_read_indexes_only(tmp_path):
    """Every live task joined with its claims: from indexes alone, not a row looked up
    (five-year town: 2.7 s → 0.45 s for the whole town, 0.37 → 0.03 s for a cluster)."""
    from desktop_app.reports.stats import tasks_by_village

    path = tmp_path / "town.db"
    _town_with_tasks(path).close()
    _five_years_of_statistics(path)
    db = Database(path)
    cluster = Services(db).clusters.list().items[0].id
    for scope, index in ((None, "ix_work_task_live_status"),
                         (cluster, "ix_work_task_cluster_live")):
        plan, _query = _plan_of_last_select(db, lambda s=scope: tasks_by_village(db, s))
        assert f"USING COVERING INDEX {index}" in plan, plan
        assert "USING COVERING INDEX ix_task_claim_task_live" in plan, plan
    db.close()


def test_the_open_statuses_are_the_indexed_ones():
    assert OPEN_TASK_STATUSES == OPEN_STATUSES
    assert OPEN_STATUS_CLAUSE == "status IN ({})".format(
        ", ".join(f"'{status}'" for status in OPEN_STATUSES))
