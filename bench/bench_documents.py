"""Word document benchmarks: the minutes of a 50-item meeting, and town-wide ledgers of
2,000, 20,000 and 100,600 tasks (the large sample town).

Run from the project folder::

    .venv/bin/python bench/bench_documents.py            # writes bench/documents_report.md
    .venv/bin/python bench/bench_documents.py --rounds 3 # quicker, noisier
    .venv/bin/python bench/bench_documents.py --sizes 2000,20000   # leave out the largest

Data: the sample town (600 tasks) in a temporary database, topped up with bulk tasks
(``large_task_rows``) to each size; a meeting with 50 agenda items, 50 decisions and 30
attendees is recorded through the services. Each figure is the median of several runs of
the whole export (reading through the services, filling the template, saving the .docx
atomically), which is what a clerk waits for. Meanwhile a thread ticks every 10 ms, as the
window's heartbeat does: its longest gap is how long one call held the interpreter (a
window would freeze that long).

Targets: minutes of a 50-item meeting under 0.5 s; a ledger of 2,000 tasks under 5 s and
of the large sample town (100,600 tasks) under 25 s; time linear in the rows; no gap of the
heartbeat over 100 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app import documents  # noqa: E402
from desktop_app.demo import build_demo  # noqa: E402
from desktop_app.demo.builder import large_task_rows  # noqa: E402
from desktop_app.documents.process import export_in_process  # noqa: E402
from desktop_app.services import ListQuery, Services  # noqa: E402
from desktop_app.storage.database import Database  # noqa: E402

TODAY = date(2026, 6, 30)  # fixed, so every run measures the same data
SIZES = (2000, 20000, 100600)
MEETING_ITEMS = 50
MINUTES_TARGET_S = 0.5
LEDGER_TARGETS_S = {2000: 5.0, 100600: 25.0}  # others: linear between them
GAP_TARGET_MS = 100
REPORT = ROOT / "bench" / "documents_report.md"


def top_up(db: Database, tasks: int) -> None:
    """Bulk tasks until the database holds ``tasks``."""
    with db.engine.begin() as connection:
        have = connection.exec_driver_sql("SELECT count(*) FROM work_task").scalar()
        if tasks > have:
            large_task_rows(connection, db, today=TODAY, count=tasks - have).flush(connection)


def build(db: Database, tasks: int) -> tuple[Services, str]:
    """The sample town topped up to ``tasks`` tasks, and a 50-item meeting; returns its id."""
    build_demo(db, today=TODAY)
    top_up(db, tasks)
    services = Services(db)
    cluster = db.node.cluster_id
    officer = services.people.list(ListQuery(cluster_id=cluster, limit=1)).items[0]
    people = services.people.list(ListQuery(limit=30)).items
    services.duty.start(cluster, [officer.id], start=datetime(2026, 6, 30, 8, 30))
    items = [services.agenda.create(cluster_id=cluster, title=f"第{n}项议题：村内道路第{n}段硬化",
                                    description="群众反映路面破损，雨天积水。",
                                    raised_on=TODAY) for n in range(1, MEETING_ITEMS + 1)]
    meeting = services.meetings.create(
        cluster_id=cluster, title="联合党组织联席会议（基准测试）", start=datetime(2026, 6, 30, 9),
        place="中心村党群服务中心", chair_id=people[0].id, recorder_id=people[1].id,
        attendees=[{"person_id": p.id, "attendance": "present"} for p in people],
        agenda=[{"agenda_item_id": item.id, "outcome": "approved", "votes_for": 25,
                 "votes_against": 3, "votes_abstain": 2,
                 "discussion": "与会人员逐一发表意见，一致认为应尽快实施，个别同志建议分段施工。"}
                for item in items],
        decisions=[{"text": f"会议决定，由{people[n % len(people)].name}负责第{n + 1}段道路硬化。",
                    "owner_id": people[n % len(people)].id, "deadline": TODAY + timedelta(days=30),
                    "agenda_item_id": item.id} for n, item in enumerate(items)])
    services.duty.end("基准测试结束。", end=datetime(2026, 6, 30, 17, 30))
    return services, meeting.id


class Heartbeat:
    """A thread ticking every 10 ms; ``worst_ms`` is the longest extra wait between ticks
    (bench_excel.py uses it too)."""

    def __init__(self) -> None:
        self.worst_ms = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        last = time.perf_counter()
        while not self._stop.wait(0.01):
            now = time.perf_counter()
            self.worst_ms = max(self.worst_ms, (now - last - 0.01) * 1000)
            last = now

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()


def timed(action: Callable[[], object], rounds: int) -> tuple[list[float], float]:
    """Wall times of ``rounds`` runs, and the heartbeat's longest gap in ms over them."""
    times = []
    with Heartbeat() as beat:
        for _ in range(rounds):
            start = time.perf_counter()
            action()
            times.append(time.perf_counter() - start)
    return times, beat.worst_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="ledger sizes, comma-separated")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    ledgers = []
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        os.environ["LIANJIAN_HOME"] = str(folder / "home")  # shipped templates only
        db = Database(folder / "bench.db")
        services, meeting_id = build(db, sizes[0])
        minutes, minutes_gap = timed(lambda: documents.export_minutes(
            services, meeting_id, folder / "minutes.docx"), args.rounds)
        minutes_size = (folder / "minutes.docx").stat().st_size // 1024
        db.close()
        for size in sizes:  # the bulk tasks go in once: a database of each size
            db = Database(folder / f"ledger-{size}.db")
            build_demo(db, today=TODAY)
            top_up(db, size)
            services = Services(db)
            tasks = services.tasks.list(ListQuery(limit=1)).total
            rounds = max(1, args.rounds // 2) if size <= 20000 else 1
            out = folder / "ledger.docx"
            # as the window does it, first (this process still small): in a child process,
            # this process only waiting
            child, child_gap = timed(lambda p=db.path, o=out: export_in_process(
                "export_ledger", p, o, progress=lambda done, total: None), rounds)
            times, gap = timed(lambda s=services, o=out: documents.export_ledger(s, o), rounds)
            size_kb = out.stat().st_size // 1024
            ledgers.append((tasks, times, gap, size_kb, child, child_gap))
            db.close()
    rows = [(f"会议记录，{MEETING_ITEMS} 项议题", minutes, MINUTES_TARGET_S, minutes_gap,
             minutes_size)]
    smallest = statistics.median(ledgers[0][1]) / ledgers[0][0]
    for tasks, times, gap, size, child, child_gap in ledgers:
        target = LEDGER_TARGETS_S.get(tasks, max(LEDGER_TARGETS_S.values()) * tasks / 100600)
        rows.append((f"工作任务台账，{tasks:,} 项任务（全镇，横向）", times, target, gap, size))
        rows.append((f"同上，在子进程中（窗口的做法），{tasks:,} 项", child, target, child_gap,
                     size))
    lines = [
        "# Word 文书基准（bench/bench_documents.py）",
        "",
        f"- 机器：{platform.platform()}，Python {platform.python_version()}，"
        f"{os.cpu_count()} 个 CPU",
        f"- 日期：{datetime.now():%Y-%m-%d %H:%M}；"
        "每项取多次运行的中位数（含读取、填充模板、原子保存；十万行的台账运行一次）",
        "- 心跳：导出时另一线程每 10 ms 计时一次，“最长停顿”是两次计时之间多出的最长时间，"
        f"即窗口最久会卡住多久（目标 < {GAP_TARGET_MS} ms）。窗口把台账和值班日志放在子进程中"
        "生成（desktop_app/documents/process.py），本进程只等待；“子进程”一行含启动子进程的时间",
        "",
        "| 文书 | 中位数 | 最快 | 目标 | 结果 | 每千行 | 最长停顿 | 文件大小 |",
        "| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: |",
    ]
    for index, (name, times, target, gap, size) in enumerate(rows):
        median = statistics.median(times)
        verdict = "达标" if median < target else "未达标"
        verdict += "" if gap < GAP_TARGET_MS else "（停顿超标）"
        per_thousand = (f"{median / ledgers[(index - 1) // 2][0] * 1000:.2f} s" if index
                        else "—")
        lines.append(f"| {name} | {median:.3f} s | {min(times):.3f} s | < {target:.1f} s | "
                     f"{verdict} | {per_thousand} | {gap:.0f} ms | {size:,} KB |")
    largest = statistics.median(ledgers[-1][1]) / ledgers[-1][0]
    lines += ["", f"每行用时：最大台账为最小台账的 {largest / smallest:.2f} 倍"
              "（1 即线性增长）。"]
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
