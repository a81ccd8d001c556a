"""Core benchmarks: building the large demo, bulk inserts, a filtered page and search.

Run from the project folder::

    .venv/bin/python bench/bench_core.py            # writes bench/report.md
    .venv/bin/python bench/bench_core.py --rounds 1 # quicker, noisier

Each figure of the app's own code is set beside plain ``sqlite3`` doing the same work on
the same schema (a database made by ``db.migrate.upgrade``), with the same pragmas. The
two are run in alternation and the median is reported, because this machine may be shared.

(a) building the large demo (the town and 100,000 extra tasks) into a fresh database, and
    the bulk insert of 100,000 tasks against raw ``executemany`` of the same rows;
(b) a filtered page of 100 tasks among 100,000, with its total count, through
    ``Services(db).tasks.list`` against the equivalent SQL;
(c) ``desktop_app.search.fts.search`` for 1-, 2- and 3-character Chinese terms and a pinyin
    term, beside a ``LIKE '%term%'`` scan of the tasks.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy  # noqa: E402

from db.engine import BUSY_TIMEOUT_MS  # noqa: E402
from db.models import WorkTask  # noqa: E402
from desktop_app.demo import build_demo  # noqa: E402
from desktop_app.demo.builder import (  # noqa: E402
    BUILD_CACHE_KIB,
    SAMPLE_CLUSTER,
    TASKS,
    large_task_rows,
)
from desktop_app.search.fts import search  # noqa: E402
from desktop_app.services import ListQuery, Services  # noqa: E402
from desktop_app.storage.bulk import _insert_plan, insert_rows, sql_values  # noqa: E402
from desktop_app.storage.database import Database  # noqa: E402

TODAY = date(2026, 6, 30)  # fixed, so every run measures the same data
INSERT_TARGET = 0.3  # our bulk insert at least 0.3x the speed of raw executemany
PAGE_TARGET_MS, PAGE_TARGET_RATIO = 50.0, 2.0
SEARCH_TARGET_MS = 100.0
SEARCH_TERMS = [("1 字", "灯"), ("2 字", "机井"), ("3 字", "排水沟"), ("拼音", "hq")]


def raw_connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the pragmas the app's engine sets (db/engine.py)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return connection


def copy_db(source: Path, target: Path) -> None:
    """A consistent copy (SQLite's backup API), WAL folded in, with the file's key beside it
    (``<name>.key``) where it has one."""
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    key = source.with_name(source.name + ".key")
    if key.exists():
        shutil.copy(key, target.with_name(target.name + ".key"))


def timed(action: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def loadavg() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


# --- (a) building -----------------------------------------------------------------------


def bench_build(work: Path) -> tuple[float, dict[str, int], Path]:
    path = work / "large.db"
    db = Database(path)
    seconds, counts = timed(lambda: build_demo(db, "large", today=TODAY))
    db.close()
    return seconds, counts, path


def bench_insert(work: Path, rounds: int) -> dict[str, float]:
    """100,000 tasks: the demo's bulk insert against raw executemany, same rows, same schema.

    The town is built first (the tasks refer to its clusters, villages and people); each
    round inserts into fresh copies of that database, ours and raw alternately.
    """
    town = work / "town.db"
    db = Database(town)
    build_demo(db, today=TODAY)
    with db.engine.begin() as connection:
        rows = large_task_rows(connection, db, today=TODAY).rows[WorkTask.__tablename__]
    db.close()
    table = WorkTask.__table__
    sql = _insert_plan(table)[0]
    raw_rows = sql_values(table, rows)  # raw sqlite3 gets them ready-made
    ours, raw = [], []
    for round_number in range(rounds):
        target = work / f"insert-ours-{round_number}.db"
        copy_db(town, target)
        db = Database(target)
        with db.engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA cache_size = {BUILD_CACHE_KIB}")
            start = time.perf_counter()
            insert_rows(connection, table, rows)
        ours.append(time.perf_counter() - start)  # conversion + executemany + commit
        db.close()

        target = work / f"insert-raw-{round_number}.db"
        copy_db(town, target)
        connection = raw_connect(target)
        connection.execute(f"PRAGMA cache_size = {BUILD_CACHE_KIB}")
        start = time.perf_counter()
        connection.execute("BEGIN")
        connection.executemany(sql, raw_rows)
        connection.execute("COMMIT")
        raw.append(time.perf_counter() - start)
        connection.close()
    return {"rows": len(rows), "ours": statistics.median(ours), "raw": statistics.median(raw),
            "ours_all": ours, "raw_all": raw}


# --- (b) a filtered page ----------------------------------------------------------------

RAW_COUNT = ("SELECT count(*) FROM work_task"
             " WHERE deleted = 0 AND cluster_id = ? AND status = ?")
RAW_PAGE = ("SELECT * FROM work_task WHERE deleted = 0 AND cluster_id = ? AND status = ?"
            " ORDER BY due_on, priority, id LIMIT 100 OFFSET ?")


def bench_page(path: Path, repeats: int) -> dict[str, object]:
    db = Database(path)
    services = Services(db)
    with db.engine.connect() as connection:
        cluster_id = connection.exec_driver_sql(
            "SELECT id FROM cluster WHERE name = ?", (SAMPLE_CLUSTER,)).scalar()
    status = "in_progress"
    total = services.tasks.list(ListQuery(cluster_id=cluster_id, status=status, limit=1)).total
    offset = (total // 2) // 100 * 100
    query = ListQuery(cluster_id=cluster_id, status=status, limit=100, offset=offset)
    raw = raw_connect(path)

    def ours_once():
        page = services.tasks.list(query)
        return page.total, [t.id for t in page.items]

    def raw_once():
        count = raw.execute(RAW_COUNT, (cluster_id, status)).fetchone()[0]
        items = raw.execute(RAW_PAGE, (cluster_id, status, offset)).fetchall()
        return count, [row[0] for row in items]

    assert ours_once() == raw_once(), "the service and the raw SQL disagree"
    for _ in range(5):  # warm both caches
        ours_once()
        raw_once()
    ours, raws = [], []
    for _ in range(repeats):
        ours.append(timed(ours_once)[0])
        raws.append(timed(raw_once)[0])
    plan = [row[3] for row in raw.execute("EXPLAIN QUERY PLAN " + RAW_PAGE,
                                          (cluster_id, status, offset))]
    raw.close()
    db.close()
    return {"total": total, "offset": offset, "ours": median_ms(ours), "raw": median_ms(raws),
            "plan": plan, "status": status}


# --- (c) search -------------------------------------------------------------------------

RAW_LIKE = ("SELECT id FROM work_task WHERE title LIKE ?1 OR description LIKE ?1"
            " ORDER BY rowid DESC LIMIT 50")


def bench_search(path: Path, repeats: int) -> list[dict[str, object]]:
    db = Database(path)
    raw = raw_connect(path)
    results = []
    with db.engine.connect() as connection:
        for label, term in SEARCH_TERMS:
            hits = search(connection, term)
            like = raw.execute(RAW_LIKE, (f"%{term}%",)).fetchall()
            for _ in range(3):
                search(connection, term)
                raw.execute(RAW_LIKE, (f"%{term}%",)).fetchall()
            ours, raws = [], []
            for _ in range(repeats):
                ours.append(timed(lambda t=term: search(connection, t))[0])
                raws.append(timed(lambda t=term: raw.execute(RAW_LIKE, (f"%{t}%",)).fetchall())[0])
            matching = raw.execute(
                "SELECT count(*) FROM work_task WHERE title LIKE ?1 OR description LIKE ?1",
                (f"%{term}%",)).fetchone()[0]
            results.append({"label": label, "term": term, "hits": len(hits),
                            "like_hits": len(like), "tasks_matching": matching,
                            "ours": median_ms(ours), "raw": median_ms(raws)})
    raw.close()
    db.close()
    return results


# --- the report -------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def write_report(path: Path, facts: dict[str, object]) -> str:
    build_s, counts = facts["build"], facts["counts"]
    ins, page, searches = facts["insert"], facts["page"], facts["search"]
    speed = ins["raw"] / ins["ours"]
    page_ratio = page["ours"] / page["raw"]
    lines = [
        "# Core benchmarks",
        "",
        f"Run {facts['started']:%Y-%m-%d %H:%M} by `bench/bench_core.py` "
        f"({facts['rounds']} insert rounds, {facts['repeats']} query repeats; medians).",
        "",
        "| machine | |",
        "| --- | --- |",
        f"| CPUs (nproc) | {os.cpu_count()} |",
        f"| Python | {platform.python_version()} ({platform.python_implementation()}) |",
        f"| SQLite | {sqlite3.sqlite_version} |",
        f"| SQLAlchemy | {sqlalchemy.__version__} |",
        f"| platform | {platform.platform()} |",
        f"| load average at start → end | {facts['load_start']} → {facts['load_end']} |",
        "",
        "## Results",
        "",
        "| measure | ours | raw sqlite3 | ratio | target | result |",
        "| --- | ---: | ---: | ---: | --- | --- |",
        f"| (a) build the large demo (town + {counts['tasks'] - TASKS:,} tasks, claims, "
        f"search index) | {build_s:.1f} s | — | — | < 60 s | {verdict(build_s < 60)} |",
        f"| (a) bulk insert of {ins['rows']:,} tasks | {ins['ours']:.2f} s | "
        f"{ins['raw']:.2f} s | {speed:.2f}× raw speed | ≥ {INSERT_TARGET}× | "
        f"{verdict(speed >= INSERT_TARGET)} |",
        f"| (b) page of 100 tasks + total ({page['total']:,} matching of "
        f"{counts['tasks']:,}, offset {page['offset']}) | {page['ours']:.2f} ms | "
        f"{page['raw']:.2f} ms | {page_ratio:.2f}× raw time | < {PAGE_TARGET_MS:.0f} ms and "
        f"≤ {PAGE_TARGET_RATIO:.0f}× | "
        f"{verdict(page['ours'] < PAGE_TARGET_MS and page_ratio <= PAGE_TARGET_RATIO)} |",
    ]
    for s in searches:
        lines.append(
            f"| (c) search {s['label']} “{s['term']}” ({s['hits']} hits shown; "
            f"{s['tasks_matching']:,} tasks contain it) | {s['ours']:.2f} ms | "
            f"{s['raw']:.2f} ms (LIKE) | — | < {SEARCH_TARGET_MS:.0f} ms | "
            f"{verdict(s['ours'] < SEARCH_TARGET_MS)} |")
    lines += [
        "",
        "## Notes",
        "",
        f"- (a) The large demo: {', '.join(f'{k} {v:,}' for k, v in counts.items())}.",
        "- (a) Bulk insert: `desktop_app.storage.bulk.insert_rows` (values converted to "
        "SQLAlchemy's "
        "SQLite storage format, then one `executemany` through the SQLAlchemy connection, "
        "commit included) against `sqlite3.Connection.executemany` of the same, ready-made "
        "tuples in a copy of the same database (built by `db.migrate.upgrade` and the sample "
        "town, since the tasks refer to its clusters and people), with the same pragmas "
        "(WAL, synchronous=FULL, foreign_keys=ON, 64 MB page cache). Rounds, ours: "
        + ", ".join(f"{x:.2f}" for x in ins["ours_all"]) + " s; raw: "
        + ", ".join(f"{x:.2f}" for x in ins["raw_all"]) + " s. Ratio = raw time / our time.",
        "- (b) `Services(db).tasks.list(ListQuery(cluster_id=黄璩, status="
        f"\"{page['status']}\", limit=100, offset={page['offset']}))` — a count and a page "
        "of ORM objects — against `SELECT count(*)` and `SELECT * … ORDER BY due_on, "
        "priority, id LIMIT 100 OFFSET …` returning tuples. Both return the same total and "
        "ids (checked). Raw query plan: " + "; ".join(f"`{p}`" for p in page["plan"]) + ".",
        "- (c) `desktop_app.search.fts.search(connection, term)` (FTS5, newest 50 of every kind) "
        "beside `SELECT id FROM work_task WHERE title LIKE '%term%' OR description LIKE "
        "'%term%' ORDER BY rowid DESC LIMIT 50` (which cannot match pinyin: for “hq” it scans "
        "every task and finds none).",
        "- The machine may be shared with other jobs (see the load average): figures of ours "
        "and raw were taken alternately so both see the same load.",
        "",
    ]
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="bulk-insert rounds")
    parser.add_argument("--repeats", type=int, default=30, help="query repeats")
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "report.md")
    args = parser.parse_args()
    facts: dict[str, object] = {"started": datetime.now(), "load_start": loadavg(),
                                "rounds": args.rounds, "repeats": args.repeats}
    work = Path(tempfile.mkdtemp(prefix="lianjian-bench-"))
    try:
        print("(a) building the large demo ...", flush=True)
        facts["build"], facts["counts"], large = bench_build(work)
        print(f"    {facts['build']:.1f} s {facts['counts']}", flush=True)
        print("(a) bulk insert vs raw executemany ...", flush=True)
        facts["insert"] = bench_insert(work, args.rounds)
        print(f"    ours {facts['insert']['ours']:.2f} s, raw {facts['insert']['raw']:.2f} s",
              flush=True)
        print("(b) filtered page ...", flush=True)
        facts["page"] = bench_page(large, args.repeats)
        print(f"    ours {facts['page']['ours']:.2f} ms, raw {facts['page']['raw']:.2f} ms",
              flush=True)
        print("(c) search ...", flush=True)
        facts["search"] = bench_search(large, args.repeats)
        facts["load_end"] = loadavg()
        print(write_report(args.report, facts))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
