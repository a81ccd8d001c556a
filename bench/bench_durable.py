"""Durable saves: what ``synchronous=FULL`` costs per save on the large sample.

Run from the project folder::

    .venv/bin/python bench/bench_durable.py            # writes bench/durable_report.md
    .venv/bin/python bench/bench_durable.py --saves 20 # quicker, noisier

Builds the large demo (the town and 100,000 extra tasks) once, on a real disk (not tmpfs,
where fsync costs nothing), then times one user save -- ``Services(db).tasks.update`` of one
task's title, its own transaction, stamped, logged for sync and indexed for search -- with the
app's ``synchronous=FULL`` and, for comparison, the old ``NORMAL``, in alternation so both see
the same load. The target is the GUI rule: under 50 ms for a save.
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
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import db.engine  # noqa: E402
from db.models import WorkTask  # noqa: E402
from desktop_app.demo import build_demo  # noqa: E402
from desktop_app.services import Services  # noqa: E402
from desktop_app.storage.database import Database  # noqa: E402

TODAY = date(2026, 6, 30)
TARGET_MS = 50.0
MODES = ("FULL", "NORMAL")


def loadavg() -> str:
    try:
        return " / ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


def disk_type(folder: Path) -> str:
    """The file system under ``folder`` (Linux: from /proc/mounts), or "?"."""
    try:
        mounts = [line.split() for line in Path("/proc/mounts").read_text().splitlines()]
    except OSError:
        return "?"
    best = ("", "?")
    for fields in mounts:
        if len(fields) > 2 and str(folder.resolve()).startswith(fields[1]) \
                and len(fields[1]) >= len(best[0]):
            best = (fields[1], fields[2])
    return best[1]


def open_with(path: Path, mode: str) -> Database:
    db.engine.SYNCHRONOUS = mode  # read by make_engine when the Database opens
    try:
        return Database(path)
    finally:
        db.engine.SYNCHRONOUS = "FULL"


def task_ids(database: Database, count: int) -> list[str]:
    """Tasks of this office's own cluster (a central village PC edits only those)."""
    table = WorkTask.__table__
    query = table.select().with_only_columns(table.c.id).order_by(table.c.id).limit(count)
    if database.node.cluster_id:
        query = query.where(table.c.cluster_id == database.node.cluster_id)
    with database.session() as session:
        return list(session.scalars(query))


def bench(path: Path, saves: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {mode: [] for mode in MODES}
    opened = {mode: open_with(path, mode) for mode in MODES}
    try:
        with opened["FULL"].engine.connect() as connection:
            officer = connection.exec_driver_sql("SELECT id FROM person LIMIT 1").scalar()
        for database in opened.values():
            database.officer_id = officer  # as if on shift (the tasks' town writes anywhere)
        ids = task_ids(opened["FULL"], saves)
        for i, task_id in enumerate(ids):
            for mode in (MODES if i % 2 == 0 else MODES[::-1]):
                services = Services(opened[mode])
                start = time.perf_counter()
                services.tasks.update(task_id, title=f"整修村道第{i}段（{mode}）")
                samples[mode].append((time.perf_counter() - start) * 1000)
        with opened["FULL"].engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA synchronous").scalar()
            assert mode == 2, f"the app's engine should run synchronous=FULL (2), got {mode}"
    finally:
        for database in opened.values():
            database.close()
    return samples


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def write_report(path: Path, facts: dict) -> str:
    full, normal = facts["samples"]["FULL"], facts["samples"]["NORMAL"]
    ok = statistics.median(full) < TARGET_MS and p95(full) < TARGET_MS
    lines = [
        "# Durable saves",
        "",
        f"Run {facts['started']:%Y-%m-%d %H:%M} by `bench/bench_durable.py` "
        f"({len(full)} saves per mode, alternating).",
        "",
        "| machine | |",
        "| --- | --- |",
        f"| CPUs (nproc) | {os.cpu_count()} |",
        f"| Python | {platform.python_version()} |",
        f"| SQLite | {sqlite3.sqlite_version} |",
        f"| platform | {platform.platform()} |",
        f"| disk | {facts['disk']} |",
        f"| load average at start → end | {facts['load_start']} → {facts['load_end']} |",
        "",
        "## Results: one save (`tasks.update`, one title) among "
        f"{facts['tasks']:,} tasks",
        "",
        "| synchronous | median | p95 | max | target | result |",
        "| --- | ---: | ---: | ---: | --- | --- |",
    ]
    for mode in MODES:
        values = facts["samples"][mode]
        result = ("PASS" if ok else "FAIL") if mode == "FULL" else "(comparison)"
        lines.append(
            f"| {mode}{' (the app)' if mode == 'FULL' else ''} | "
            f"{statistics.median(values):.2f} ms | {p95(values):.2f} ms | "
            f"{max(values):.2f} ms | < {TARGET_MS:.0f} ms | {result} |")
    lines += [
        "",
        "## Notes",
        "",
        "- FULL syncs the WAL before each commit (one fsync per transaction), so a save the "
        "window confirmed survives a power cut; NORMAL syncs only at checkpoints and may lose "
        "the last commits (sqlite.org/pragma.html#pragma_synchronous). The difference in the "
        "median is the price of that fsync on this disk: "
        f"{statistics.median(full) - statistics.median(normal):+.2f} ms.",
        "- Bulk writes (the demo, a sync import) are one transaction each and pay the fsync "
        f"once. Building the large demo with FULL took {facts['build_s']:.1f} s here.",
        "- This machine's virtual disk acknowledges an fsync quickly. "
        "Not measured here: a cheap office PC's spinning disk needs roughly one or two "
        "revolutions per fsync (8–20 ms at 5400–7200 rpm), which would still leave one save "
        "well inside the 50 ms rule; rerun this script on such a PC to confirm.",
        "",
    ]
    text = "\n".join(lines)
    path.write_text(text, encoding="utf-8")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=60, help="saves per mode")
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "durable_report.md")
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / ".work",
                        help="a folder on a real disk (fsync is free on tmpfs)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the large database in --work and reuse it next time")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    work = args.work if args.keep else Path(tempfile.mkdtemp(prefix="durable-", dir=args.work))
    facts: dict = {"started": datetime.now(), "load_start": loadavg(), "build_s": float("nan")}
    try:
        path = work / "large.db"
        if not path.exists():
            database = Database(path)
            print("building the large demo ...", flush=True)
            start = time.perf_counter()
            build_demo(database, "large", today=TODAY)
            facts["build_s"] = time.perf_counter() - start
            database.close()
        with sqlite3.connect(path) as connection:
            facts["tasks"] = connection.execute("SELECT count(*) FROM work_task").fetchone()[0]
        facts["disk"] = disk_type(work)
        print(f"timing {args.saves} saves per mode ...", flush=True)
        facts["samples"] = bench(path, args.saves)
        facts["load_end"] = loadavg()
        print(write_report(args.report, facts))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
