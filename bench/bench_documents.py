"""Word document benchmarks: the minutes of a 50-item meeting and a 2,000-task ledger.

Run from the project folder::

    .venv/bin/python bench/bench_documents.py            # writes bench/documents_report.md
    .venv/bin/python bench/bench_documents.py --rounds 3 # quicker, noisier

Data: the sample town (600 tasks) in a temporary database, plus 1,400 bulk tasks
(``large_task_rows``) so the town-wide ledger has 2,000 rows; a meeting with 50 agenda
items, 50 decisions and 30 attendees is recorded through the services. Each figure is the
median of several runs of the whole export (reading through the services, filling the
template, saving the .docx atomically), which is what a clerk waits for.

Targets: minutes of a 50-item meeting under 0.5 s; a ledger of 2,000 tasks under 5 s.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app import documents  # noqa: E402
from desktop_app.demo import build_demo  # noqa: E402
from desktop_app.demo.builder import large_task_rows  # noqa: E402
from desktop_app.services import ListQuery, Services  # noqa: E402
from desktop_app.storage.database import Database  # noqa: E402

TODAY = date(2026, 6, 30)  # fixed, so every run measures the same data
LEDGER_TASKS = 2000
MEETING_ITEMS = 50
MINUTES_TARGET_S, LEDGER_TARGET_S = 0.5, 5.0
REPORT = ROOT / "bench" / "documents_report.md"


def build(db: Database) -> tuple[Services, str]:
    """The sample town topped up to 2,000 tasks, and a 50-item meeting; returns its id."""
    build_demo(db, today=TODAY)
    with db.engine.begin() as connection:
        have = connection.exec_driver_sql("SELECT count(*) FROM work_task").scalar()
        large_task_rows(connection, db, today=TODAY, count=LEDGER_TASKS - have).flush(connection)
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


def timed(action: Callable[[], object], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        os.environ["LIANJIAN_HOME"] = str(folder / "home")  # shipped templates only
        db = Database(folder / "bench.db")
        services, meeting_id = build(db)
        tasks = services.tasks.list(ListQuery(limit=1)).total
        minutes = timed(lambda: documents.export_minutes(services, meeting_id,
                                                         folder / "minutes.docx"), args.rounds)
        ledger = timed(lambda: documents.export_ledger(services, folder / "ledger.docx"),
                       max(3, args.rounds // 2))
        sizes = {name: (folder / name).stat().st_size // 1024
                 for name in ("minutes.docx", "ledger.docx")}
        db.close()
    rows = [
        (f"会议记录，{MEETING_ITEMS} 项议题", minutes, MINUTES_TARGET_S, sizes["minutes.docx"]),
        (f"工作任务台账，{tasks} 项任务（全镇，横向）", ledger, LEDGER_TARGET_S,
         sizes["ledger.docx"]),
    ]
    lines = [
        "# Word 文书基准（bench/bench_documents.py）",
        "",
        f"- 机器：{platform.platform()}，Python {platform.python_version()}，"
        f"{os.cpu_count()} 个 CPU",
        f"- 日期：{datetime.now():%Y-%m-%d %H:%M}；"
        "每项取多次运行的中位数（含读取、填充模板、原子保存）",
        "",
        "| 文书 | 中位数 | 最快 | 目标 | 结果 | 文件大小 |",
        "| --- | ---: | ---: | ---: | --- | ---: |",
    ]
    for name, times, target, size in rows:
        median = statistics.median(times)
        verdict = "达标" if median < target else "未达标"
        lines.append(f"| {name} | {median:.3f} s | {min(times):.3f} s | < {target:g} s | "
                     f"{verdict} | {size} KB |")
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
