"""擂台比武 benchmark on the large sample (100,600 tasks): computing a quarter and opening a
figure's evidence.

Run from the project folder::

    .venv/bin/python bench/bench_assessment.py       # writes bench/assessment_report.md

(a) ``assessment.view`` of the draft quarter: every automatic indicator computed from the
    records, the judges' averages, the ranking and the flags (target: under 2 s);
(b) ``assessment.view`` of a finalised quarter: the stored figures, plus the live automatic
    figures to count the records that arrived after 定稿;
(c) the evidence list of the figure with the most records, as the results page opens it:
    the ids are already in the computed quarter, the list fetches the display rows of its
    first block (100) (target: under 200 ms); and ``assessment.evidence`` asked from nothing
    (the one source computed again for a draft);
median of ``--repeats`` runs after two warm-up runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desktop_app.assessment.quarters import previous_quarter, quarter_of  # noqa: E402
from desktop_app.demo import build_demo  # noqa: E402
from desktop_app.services import Services  # noqa: E402
from desktop_app.storage.database import Database  # noqa: E402

TODAY = date(2026, 12, 2)
COMPUTE_TARGET_MS = 2000.0
EVIDENCE_TARGET_MS = 200.0


def median_ms(action: Callable[[], object], repeats: int) -> float:
    for _ in range(2):
        action()
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "assessment_report.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        db = Database(Path(work) / "large.db")
        build_demo(db, "large", today=TODAY)
        services = Services(db)
        tasks = services.tasks.list().total
        draft, final = quarter_of(TODAY), previous_quarter(quarter_of(TODAY))
        assessment = services.assessment
        view = assessment.view(draft)
        busiest = max(((c.cluster_id, i) for c in view.result.clusters for i in c.indicators),
                      key=lambda k: len(view.result.by_cluster(k[0]).indicators[k[1]].evidence))
        evidence_count = len(view.result.by_cluster(busiest[0]).indicators[busiest[1]].evidence)
        counted = sum(len(i.evidence) for c in view.result.clusters
                      for i in c.indicators.values())
        draft_ms = median_ms(lambda: assessment.view(draft), args.repeats)
        final_ms = median_ms(lambda: assessment.view(final), args.repeats)
        late = assessment.view(final).late_records
        evidence_ms = median_ms(lambda: assessment.evidence(draft, *busiest), args.repeats)
        found = assessment.evidence(draft, *busiest)
        kind_service = services.by_kind(found.table)
        ids = view.result.by_cluster(busiest[0]).indicators[busiest[1]].evidence
        open_ms = median_ms(lambda: kind_service.rows(ids[:100]), args.repeats)
        db.close()
    verdict = "✓" if draft_ms < COMPUTE_TARGET_MS else "✗"
    lines = [
        "# 擂台比武 benchmark (large sample)", "",
        f"Sample built for {TODAY}: {tasks:,} tasks, 29 clusters; median of {args.repeats} "
        "runs after two warm-ups (`bench/bench_assessment.py`).", "",
        "| what | time | target |", "| --- | ---: | ---: |",
        f"| compute the draft quarter {draft} ({len(view.indicators)} indicators, "
        f"{counted:,} evidence records) | {draft_ms:.0f} ms {verdict} | < 2000 ms |",
        f"| show the finalised quarter {final} (stored figures + late-record count: "
        f"{late:,}) | {final_ms:.0f} ms | < 2000 ms |",
        f"| open the evidence list of the busiest figure ({evidence_count:,} records): "
        f"first 100 rows | {open_ms:.0f} ms {'✓' if open_ms < EVIDENCE_TARGET_MS else '✗'} | "
        "< 200 ms |",
        f"| `assessment.evidence` of that figure from nothing (its source computed again) | "
        f"{evidence_ms:.0f} ms | |", "",
        "The finalised quarter's late records are the large sample's bulk tasks, added after "
        "the sample town's quarters were finalised: they are counted, not scored.",
    ]
    text = "\n".join(lines) + "\n"
    args.report.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
