"""Five years of a town beside the large sample: the same queries on both, so growth shows.

Run from the project folder (builds either database if its file is missing)::

    .venv/bin/python bench/bench_years.py --large /tmp/years-large.db --years /tmp/years-five.db

For each database:
(a) size: the file, rows of the main tables, the operation log's rows and bytes (``dbstat``);
(b) queries, median of ``--repeats`` runs, three times: as built (no ``sqlite_stat1``), after
    ``PRAGMA optimize`` (what the app may run at close) and after a full ``ANALYZE``: the task
    list's ids (whole town, one cluster, one cluster + 办理中, overdue, a text filter), the first
    page of 100 tasks, the search box's queries of ``bench_search.py`` (``fts.search`` and
    ``services.search.grouped``), the dashboard (``reports.build_dashboard``) of the town and
    of one cluster;
(c) sync, on a copy made the town's PC (the large sample's rows logged first, as the
    five-year town's are): a full export; onboarding a new office PC of one cluster from a
    signed snapshot (``sync snapshot``: written, quarantined, the town approved, taken) and by
    the real path without it (its first file to the town, approved, the town's file for it,
    approved there and merged: the whole log replayed); after each an incremental round (the
    PC's file back to the town, 10 edits at the town, the town's file for the PC, imported).

Timings are wall-clock on a shared machine: the load average is in the report.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_search import TERMS  # noqa: E402

from desktop_app.demo import build_demo  # noqa: E402
from desktop_app.demo.builder import SAMPLE_CLUSTER  # noqa: E402
from desktop_app.demo.oplog_rows import log_bulk_rows  # noqa: E402
from desktop_app.reports.dashboard import build_dashboard  # noqa: E402
from desktop_app.search.fts import Filters, search  # noqa: E402
from desktop_app.services import ListQuery, Services  # noqa: E402
from desktop_app.storage.database import Database  # noqa: E402
from desktop_app.sync.merge import SyncError  # noqa: E402
from desktop_app.sync.snapshot import write_snapshot  # noqa: E402
from desktop_app.sync.transfer import approve, export, import_file  # noqa: E402

TABLES = ("work_task", "task_claim", "task_progress", "grid_visit", "meeting", "sync_op")
STATES = ("as built", "PRAGMA optimize", "ANALYZE")


def load() -> str:
    return "/".join(f"{v:.2f}" for v in os.getloadavg())


def median_ms(action: Callable[[], object], repeats: int) -> float:
    action()  # warm the page cache and the statement cache
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def timed_s(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


# --- (a) size ------------------------------------------------------------------------------
def sizes(path: Path) -> dict[str, Any]:
    connection = sqlite3.connect(path)
    try:
        facts: dict[str, Any] = {"file_mib": path.stat().st_size / 2**20}
        for table in TABLES:
            facts[table] = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        facts["op_log_mib"] = (connection.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name = 'sync_op' OR name LIKE '%sync_op%'"
        ).fetchone()[0] or 0) / 2**20
        facts["search_mib"] = (connection.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE '%search%'").fetchone()[0]
            or 0) / 2**20
    finally:
        connection.close()
    return facts


# --- (b) queries ---------------------------------------------------------------------------
def queries(services: Services, cluster: str) -> list[tuple[str, Callable[[], object]]]:
    tasks = services.tasks
    cases: list[tuple[str, Callable[[], object]]] = [
        ("task ids: whole town", lambda: tasks.ids(ListQuery(limit=None))),
        ("task ids: one cluster", lambda: tasks.ids(ListQuery(cluster_id=cluster, limit=None))),
        ("task ids: cluster + 办理中", lambda: tasks.ids(
            ListQuery(cluster_id=cluster, status="in_progress", limit=None))),
        ("task ids: overdue, whole town", lambda: tasks.ids(
            ListQuery(overdue=True, limit=None))),
        ("task ids: text filter 排水沟", lambda: tasks.ids(ListQuery(text="排水沟", limit=None))),
        ("first page of 100 tasks (with total)", lambda: tasks.list(ListQuery(limit=100))),
        ("dashboard: whole town", lambda: build_dashboard(services, None)),
        ("dashboard: one cluster", lambda: build_dashboard(services, cluster)),
    ]
    for label, term in TERMS:
        cases.append((f"search {label} “{term}”: fts.search (CLI, 50)",
                      lambda t=term: _cli_search(services, t)))
        cases.append((f"search {label} “{term}”: search box (grouped)",
                      lambda t=term: services.search.grouped(t, per_kind=10)))
    return cases


def _cli_search(services: Services, term: str) -> object:
    with services.db.engine.connect() as connection:
        return search(connection, term, filters=Filters())


def query_times(path: Path, repeats: int) -> dict[str, dict[str, float]]:
    """label -> state -> median ms; the states run one after the other on the same file."""
    db = Database(path)
    services = Services(db)
    cluster = _cluster(db)
    results: dict[str, dict[str, float]] = {}
    try:
        for state in STATES:
            if state == "PRAGMA optimize":
                with db.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA optimize")
                    connection.commit()
            elif state == "ANALYZE":
                with db.engine.connect() as connection:
                    connection.exec_driver_sql("ANALYZE")
                    connection.commit()
            print(f"  queries {state} …", flush=True)
            for label, action in queries(services, cluster):
                results.setdefault(label, {})[state] = median_ms(action, repeats)
    finally:
        db.close()
    return results


def _cluster(db: Database) -> str:
    with db.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT id FROM cluster WHERE name = ? ORDER BY rowid LIMIT 1",
            (SAMPLE_CLUSTER,)).scalar_one()


def drop_statistics(path: Path) -> None:
    """Back to "as built": no statistics for the planner (a later run must not inherit them)."""
    connection = sqlite3.connect(path)
    try:
        if connection.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'"
                              ).fetchone():
            connection.execute("DELETE FROM sqlite_stat1")
            connection.commit()
    finally:
        connection.close()


# --- (c) sync --------------------------------------------------------------------------------
def sync_times(path: Path, folder: Path) -> dict[str, Any]:
    """Full export, onboarding a new office PC, an incremental round (see the docstring)."""
    copy = folder / "town.db"
    shutil.copy(path, copy)
    for suffix in (".key",):
        if Path(str(path) + suffix).exists():
            shutil.copy(str(path) + suffix, str(copy) + suffix)
    town = Database(copy)
    facts: dict[str, Any] = {}
    cluster = _cluster(town)
    town.set_node(name="大王镇办公室（基准）", cluster_id=None)  # the town's PC writes for all
    with town.engine.connect() as connection:
        officer = connection.exec_driver_sql(
            "SELECT id FROM person WHERE cluster_id = ? AND deleted = 0 ORDER BY rowid LIMIT 1",
            (cluster,)).scalar_one()
    Services(town).duty.start(cluster, [officer])  # the 10 edits are made on a shift
    with town.begin() as connection:
        facts["log_s"], facts["logged"] = timed_s(lambda: log_bulk_rows(connection, town))
    print("  onboarding from a snapshot …", flush=True)
    try:
        facts.update(snapshot_onboarding(town, folder, cluster))
    except SyncError as error:
        facts["snap_error"] = str(error)
    pc = new_office(town, folder, "new-pc", cluster)
    print("  onboarding by replay …", flush=True)
    # The town's first file for a new PC is everything it holds: the full export.
    facts["first_export_s"], (first, facts["first_ops"]) = timed_s(
        lambda: export(town, folder / "first", for_peer=pc.node.node_id))
    facts["first_mib"] = first.stat().st_size / 2**20
    try:
        quarantine_s, _ = timed_s(lambda: import_file(pc, first))
        merge_s, _ = timed_s(lambda: approve(pc, town.node.node_id))
        facts["first_import_s"] = quarantine_s + merge_s
        facts["onboarding_s"] = facts["first_export_s"] + facts["first_import_s"]
        facts["replay_pc_mib"] = Path(pc.path).stat().st_size / 2**20
    except SyncError as error:
        facts["first_import_error"] = str(error)
        pc.close()
        town.close()
        return facts
    print("  incremental round …", flush=True)
    facts.update(incremental(town, pc, folder, cluster))
    pc.close()
    town.close()
    return facts


def new_office(town: Database, folder: Path, name: str, cluster: str) -> Database:
    """A new office PC of ``cluster``: its first file taken at the town and approved."""
    pc = Database(folder / f"{name}.db")
    pc.set_node(name=f"新中心村值班室（{name}）", cluster_id=cluster)
    import_file(town, export(pc, folder / f"hello-{name}")[0])
    approve(town, pc.node.node_id, cluster_id=cluster)
    return pc


def snapshot_onboarding(town: Database, folder: Path, cluster: str) -> dict[str, Any]:
    """A new PC started from ``sync snapshot``: written at the town, taken in whole at the
    PC (quarantined, the town approved, merged), then an incremental round."""
    pc = new_office(town, folder, "snapshot-pc", cluster)
    facts: dict[str, Any] = {}
    facts["snap_export_s"], (path, facts["snap_records"]) = timed_s(
        lambda: write_snapshot(town, folder / "snap", cluster))
    facts["snap_mib"] = path.stat().st_size / 2**20
    quarantine_s, _ = timed_s(lambda: import_file(pc, path))
    take_s, _ = timed_s(lambda: approve(pc, town.node.node_id))
    facts["snap_import_s"] = quarantine_s + take_s
    facts["snap_onboarding_s"] = facts["snap_export_s"] + facts["snap_import_s"]
    facts["snap_pc_mib"] = Path(pc.path).stat().st_size / 2**20
    facts.update({f"snap_{k}": v for k, v in incremental(town, pc, folder, cluster).items()})
    pc.close()
    return facts


def incremental(town: Database, pc: Database, folder: Path, cluster: str) -> dict[str, Any]:
    """The PC's file back at the town, 10 edits there, the town's file for the PC taken.
    (The run of 2026-12-02 edited every task of the cluster: ``ids`` ignored the limit.)"""
    facts: dict[str, Any] = {}
    back = export(pc, folder / f"back-{pc.node.node_id}", for_peer=town.node.node_id)[0]
    facts["back_import_s"], _ = timed_s(lambda: import_file(town, back))
    services = Services(town)
    for task_id in services.tasks.ids(ListQuery(cluster_id=cluster))[:10]:  # ids: no limit
        services.tasks.update(task_id, description=f"基准：为{pc.node.name}补充说明")
    facts["inc_export_s"], (inc, facts["inc_ops"]) = timed_s(
        lambda: export(town, folder / f"inc-{pc.node.node_id}", for_peer=pc.node.node_id))
    facts["inc_kib"] = inc.stat().st_size / 1024
    facts["inc_import_s"], report = timed_s(lambda: import_file(pc, inc))
    facts["inc_waiting"] = report.waiting
    return facts


# --- the report ----------------------------------------------------------------------------
def ensure(path: Path, size: str) -> float | None:
    """Build the sample at ``path`` if it is missing; its build time in seconds."""
    if path.exists():
        return None
    db = Database(path)
    seconds, _ = timed_s(lambda: build_demo(db, size, today=date.today()))
    db.close()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=Path, default=Path("/tmp/years-large.db"))
    parser.add_argument("--years", type=Path, default=Path("/tmp/years-five.db"))
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--no-sync", action="store_true", help="skip (c)")
    parser.add_argument("--only", action="append", choices=("large", "years"),
                        help="measure this sample only (the other's figures from its last run)")
    parser.add_argument("--report-only", action="store_true",
                        help="write the report from both samples' last runs")
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "years_report.md")
    args = parser.parse_args()
    samples = {"large": args.large, "years": args.years}
    for name in args.only or ([] if args.report_only else list(samples)):
        path = samples[name]
        facts = {"load_start": load(), "built_s": ensure(path, name), "repeats": args.repeats}
        print(f"{name}: size, queries …", flush=True)
        drop_statistics(path)
        facts["size"] = sizes(path)
        facts["queries"] = query_times(path, args.repeats)
        drop_statistics(path)
        if not args.no_sync:
            with tempfile.TemporaryDirectory(dir="/tmp") as folder:
                facts["sync"] = sync_times(path, Path(folder))
        facts["load_end"] = load()
        facts_file(name).write_text(json.dumps(facts, ensure_ascii=False), encoding="utf-8")
    both = {name: json.loads(facts_file(name).read_text(encoding="utf-8")) for name in samples}
    text = report(both, both["years"].get("repeats", args.repeats))
    args.report.write_text(text, encoding="utf-8")
    print(text)


def facts_file(name: str) -> Path:
    return Path(tempfile.gettempdir()) / f"bench-years-{name}.json"


def report(facts, repeats: int) -> str:
    large, years = facts["large"], facts["years"]
    lines = ["# Five years of a town beside the large sample", "",
             f"Machine: {os.cpu_count()} cores, shared with other engineers' runs; load average "
             f"(1/5/15 min) at the start and end of each sample's run: large "
             f"{large['load_start']} → {large['load_end']}, five years {years['load_start']} → "
             f"{years['load_end']}.", "",
             "## Size", "", "| | large | five years | growth |", "| --- | ---: | ---: | ---: |"]
    for key, label in [("file_mib", "file (MiB)"), ("work_task", "tasks"),
                       ("task_claim", "claims"), ("task_progress", "progress notes"),
                       ("grid_visit", "visits"), ("meeting", "meetings"),
                       ("sync_op", "operation log rows"), ("op_log_mib", "operation log (MiB)"),
                       ("search_mib", "search index (MiB)")]:
        a, b = large["size"][key], years["size"][key]
        growth = f"{b / a:.1f}×" if a else "—"
        lines.append(f"| {label} | {a:,.0f} | {b:,.0f} | {growth} |")
    lines += ["", f"## Queries (median of {repeats}, ms)", "",
              "Each query as built (no planner statistics), after `PRAGMA optimize`, after "
              "`ANALYZE`.", "",
              "| query | large | five years | five years, optimize | five years, ANALYZE |",
              "| --- | ---: | ---: | ---: | ---: |"]
    for label, times in years["queries"].items():
        base = large["queries"][label]["as built"]
        lines.append(f"| {label} | {base:.1f} | {times['as built']:.1f} | "
                     f"{times['PRAGMA optimize']:.1f} | {times['ANALYZE']:.1f} |")
    if "sync" in large:
        lines += ["", "## Sync (the town's PC; a new office PC of 黄璩)", "",
                  "| | large | five years |", "| --- | ---: | ---: |"]
        for key, label, unit in [
                ("logged", "operations logged (bench: the large sample's rows)", ""),
                ("first_export_s", "full export: the town's first file for a new PC", "s"),
                ("first_ops", "full export: operations", ""),
                ("first_mib", "full export: file (MiB)", ""),
                ("first_import_s", "onboarding: new PC imports it (replays the log)", "s"),
                ("onboarding_s", "onboarding in all", "s"),
                ("replay_pc_mib", "the new PC's database after replay (MiB)", ""),
                ("snap_export_s", "snapshot: written at the town (`sync snapshot`)", "s"),
                ("snap_records", "snapshot: records", ""), ("snap_mib", "snapshot: file (MiB)", ""),
                ("snap_import_s", "snapshot: taken at the new PC (with the search index)", "s"),
                ("snap_onboarding_s", "onboarding from the snapshot in all", "s"),
                ("snap_pc_mib", "the new PC's database after the snapshot (MiB)", ""),
                ("snap_inc_export_s", "after the snapshot: edits at the town, exported", "s"),
                ("snap_inc_ops", "after the snapshot: operations", ""),
                ("snap_inc_import_s", "after the snapshot: imported at the PC", "s"),
                ("snap_inc_waiting", "after the snapshot: operations left waiting", ""),
                ("back_import_s", "incremental: the PC's file back, imported at the town", "s"),
                ("inc_export_s", "incremental: edits at the town, exported for the PC", "s"),
                ("inc_ops", "incremental: operations", ""), ("inc_kib", "incremental (KiB)", ""),
                ("inc_import_s", "incremental: imported at the PC", "s")]:
            cells = [_cell(facts[n]["sync"].get(key), unit) for n in ("large", "years")]
            lines.append(f"| {label} | {cells[0]} | {cells[1]} |")
        for name in ("large", "years"):
            for key, what in (("first_import_error", "the town's full file"),
                              ("snap_error", "the snapshot")):
                if key in facts[name]["sync"]:
                    lines.append(f"\n{name}: the new PC refused {what}: "
                                 f"{facts[name]['sync'][key]}")
    return "\n".join(lines) + "\n"


def _cell(value: Any, unit: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.1f}{' ' + unit if unit else ''}"
    return f"{value:,}{' ' + unit if unit else ''}"


if __name__ == "__main__":
    main()
