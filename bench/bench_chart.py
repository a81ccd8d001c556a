"""The whole town's 各村任务状态 (97 villages) made and drawn on a worker thread while the main
thread keeps a 10 ms heartbeat, as ``ChartCanvas.show_chart`` does beside the GUI thread.

Run from the project folder::

    .venv/bin/python bench/bench_chart.py --db large.db   # the large sample (copied first)
    .venv/bin/python bench/bench_chart.py                 # builds the large demo first

and writes ``bench/chart_report.md``. Four ways of drawing the same chart, each in a fresh
interpreter, in alternation (the machine may be shared), each drawing on a new thread:

- before: one ``axes.bar`` per status (485 rectangles), the names as the x axis's ticks, the
  fonts read from their files (the code before these changes);
- bars as collections: one ``PolyCollection`` per status (``ui.chart_marks.stacked_bars``);
- names as one artist: and ``ui.chart_marks.CategoryLabels`` instead of 97 ticks;
- now: and the fonts read from memory (``ui.chart_fonts.read_fonts_from_memory``).

For each drawing: the worker's CPU time (``time.thread_time()``, which leaves out the time it
waited for a CPU) to make the chart and to draw it, the number of artists, and the longest
gap between two ticks of the heartbeat (``time.sleep(0.01)`` in a loop: wall clock, so it
includes waiting for a CPU on a loaded machine; see the load). Python's automatic garbage
collector is off, as the reproduction in bench/gui_report.md had it.

Then why a worker can freeze the GUI thread although each of its calls is short: a worker
running Python that lets go of the GIL for a moment (an unbuffered ``os.lseek``, as FreeType's
reads of a font file through Python did) every 5 µs … 10 ms, beside the same heartbeat.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEARTBEAT_S = 0.010
SIZE = (12.8, 3.6)  # inches at 100 dpi: the dashboard's wide chart in a 1280-pixel window
GIL_STEPS_US = (5, 50, 200, 1000, 2000, 10_000)
VARIANTS = {
    "before": "before: axes.bar, ticks, fonts from files",
    "collections": "bars as collections",
    "labels": "names as one artist",
    "now": "now: and fonts from memory",
}


# --- in the child: one way of drawing ----------------------------------------------------------
def _draw_before(figure, data) -> None:
    """ui.charts.draw_tasks_by_village as it was before (git show cf5455b:ui/charts.py)."""
    from matplotlib.ticker import MaxNLocator

    from desktop_app.records.vocabulary import TASK_STATUSES
    from ui.charts import STATUS_COLOURS

    axes = figure.add_subplot()
    villages = list(data)
    bottoms = [0] * len(villages)
    for status, label in TASK_STATUSES.items():
        counts = [data[v].get(status, 0) for v in villages]
        axes.bar(villages, counts, bottom=bottoms, label=label, color=STATUS_COLOURS[status])
        bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    axes.set_title("各村任务状态")
    axes.set_ylabel("任务数")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="x", labelrotation=45 if len(villages) > 5 else 0, labelsize="small")
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)


def _draw_collections(figure, data) -> None:
    """The bars as collections, the names still as ticks."""
    from matplotlib.ticker import MaxNLocator

    from desktop_app.records.vocabulary import TASK_STATUSES
    from ui.chart_marks import stacked_bars
    from ui.charts import STATUS_COLOURS

    axes = figure.add_subplot()
    villages = list(data)
    bottoms = [0] * len(villages)
    for status, label in TASK_STATUSES.items():
        counts = [data[v].get(status, 0) for v in villages]
        stacked_bars(axes, bottoms, counts, STATUS_COLOURS[status], label)
        bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    axes.set_xticks(range(len(villages)), villages)
    axes.set_title("各村任务状态")
    axes.set_ylabel("任务数")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="x", labelrotation=45 if len(villages) > 5 else 0, labelsize="small")
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)


def _fonts_from_files() -> None:
    """Undo ``read_fonts_from_memory`` (which ``ui.charts`` calls on import)."""
    from matplotlib import font_manager, ft2font

    get_font = getattr(font_manager._get_font, "__wrapped__", None)
    if get_font is not None:
        font_manager._get_font = get_font
        font_manager.ft2font = ft2font
        get_font.cache_clear()


def child(variant: str, data_file: Path, drawings: int) -> None:
    from matplotlib.figure import Figure

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from ui import charts

    if variant != "now":
        _fonts_from_files()
    fill = {"before": _draw_before, "collections": _draw_collections}.get(
        variant, lambda figure, data: charts.draw_tasks_by_village(figure, data, []))
    data = json.loads(data_file.read_text(encoding="utf-8"))
    gc.disable()
    for _ in range(drawings):
        result: dict[str, float] = {}

        def work(result=result) -> None:
            figure = Figure(figsize=SIZE, dpi=100, layout="constrained")
            FigureCanvasAgg(figure)
            cpu = time.thread_time()
            fill(figure, data)
            made = time.thread_time()
            renderer = figure.canvas.get_renderer()
            renderer.clear()
            figure.draw(renderer)
            result.update(make_ms=(made - cpu) * 1000,
                          draw_ms=(time.thread_time() - made) * 1000,
                          artists=sum(1 for _ in figure.findobj()))

        worker = threading.Thread(target=work)
        gaps: list[float] = []
        start = last = time.perf_counter()
        worker.start()
        while worker.is_alive():
            time.sleep(HEARTBEAT_S)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now
        worker.join()
        result.update(wall_ms=(last - start) * 1000, worst_gap_ms=max(gaps) * 1000,
                      gaps_over_50=sum(gap > 0.05 for gap in gaps), load=os.getloadavg()[0])
        print(json.dumps(result), flush=True)


def gil_child(python_us: float, let_go: bool) -> None:
    """A worker running Python for about ``python_us`` between two moments without the GIL
    (an ``lseek`` on an unbuffered file, or none), for a second, beside the heartbeat."""
    import io

    file = open(__file__, "rb", buffering=0) if let_go else io.BytesIO(b"x")  # noqa: SIM115

    def spin(n: int) -> None:
        total = 0
        for i in range(n):
            total += i

    start = time.perf_counter()
    spin(100_000)
    steps = max(1, int(python_us * 1e-6 / ((time.perf_counter() - start) / 100_000)))

    def work() -> None:
        end = time.perf_counter() + 1.0
        while time.perf_counter() < end:
            spin(steps)
            file.seek(0)

    worker = threading.Thread(target=work)
    gaps: list[float] = []
    last = time.perf_counter()
    worker.start()
    while worker.is_alive():
        time.sleep(HEARTBEAT_S)
        now = time.perf_counter()
        gaps.append(now - last)
        last = now
    print(json.dumps({"worst_gap_ms": max(gaps) * 1000, "ticks": len(gaps),
                      "load": os.getloadavg()[0]}), flush=True)


# --- in the parent ----------------------------------------------------------------------------
def town_data(db_arg: str | None, folder: Path) -> dict[str, dict[str, int]]:
    from bench_core import copy_db

    from desktop_app.reports.stats import dashboard_figures
    from desktop_app.storage.database import Database

    path = folder / "chart.db"
    if db_arg:
        copy_db(Path(db_arg), path)
    else:
        subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(path), "demo",
                        "--size", "large"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    db = Database(path)
    try:
        return dashboard_figures(db, None).tasks_by_village
    finally:
        db.close()


def loadavg() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def summary(runs: list[dict]) -> dict[str, float]:
    def med(key: str) -> float:
        return statistics.median(r[key] for r in runs)

    return {"make": med("make_ms"), "make_max": max(r["make_ms"] for r in runs),
            "draw": med("draw_ms"), "draw_max": max(r["draw_ms"] for r in runs),
            "artists": med("artists"), "gap": med("worst_gap_ms"),
            "gap_max": max(r["worst_gap_ms"] for r in runs),
            "over_50": sum(r["gaps_over_50"] for r in runs), "n": len(runs),
            "load_min": min(r["load"] for r in runs), "load_max": max(r["load"] for r in runs)}


def write_report(out: Path, facts: dict) -> str:
    lines = [
        "# The whole town's 各村任务状态 drawn beside a heartbeat",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} by `bench/bench_chart.py` ({facts['rounds']} "
        f"rounds of {facts['drawings']} drawings per way, in alternation; medians, worst in "
        "brackets).",
        "",
        "| machine | |",
        "| --- | --- |",
        f"| CPUs (nproc) | {os.cpu_count()} |",
        f"| Python | {platform.python_version()} ({platform.python_implementation()}) |",
        f"| matplotlib / numpy | {facts['matplotlib']} / {facts['numpy']} |",
        f"| platform | {platform.platform()} |",
        f"| load average at start → end | {facts['load_start']} → {facts['load_end']} |",
        "",
        f"Data: the large sample town's tasks by village and status ({facts['villages']} "
        f"villages, the bars adding up to {facts['tasks']:,}: a task claimed by two villages "
        f"counts in both), a {SIZE[0] * 100:.0f}×{SIZE[1] * 100:.0f} pixel figure with "
        "constrained layout, drawn with Agg.",
        "",
        "| way | artists | worker CPU to make | worker CPU to draw | heartbeat's worst gap "
        "| gaps over 50 ms | load (1 min) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for variant, label in VARIANTS.items():
        s = facts["results"][variant]
        lines.append(
            f"| {label} | {s['artists']:,.0f} | {s['make']:.0f} ms ({s['make_max']:.0f}) | "
            f"{s['draw']:.0f} ms ({s['draw_max']:.0f}) | {s['gap']:.0f} ms ({s['gap_max']:.0f})"
            f" | {s['over_50']} of {s['n']} drawings | {s['load_min']:.1f}–"
            f"{s['load_max']:.1f} |")
    lines += [
        "",
        "## Why: a worker that lets go of the GIL often",
        "",
        "A worker runs Python for a while, then lets go of the GIL for a moment (an `lseek` "
        "on an unbuffered file), for one second, beside the same 10 ms heartbeat; beside it "
        "the same worker without letting go (an in-memory file). Each in a fresh interpreter.",
        "",
        "| Python between two let-gos | heartbeat's worst gap, letting go | ticks in 1 s "
        "| without letting go | ticks in 1 s | load (1 min) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for python_us, (with_, without) in facts["gil"].items():
        lines.append(f"| {python_us:,} µs | {with_['worst_gap_ms']:.0f} ms | {with_['ticks']} "
                     f"| {without['worst_gap_ms']:.0f} ms | {without['ticks']} "
                     f"| {with_['load']:.1f} |")
    lines += ["", "## Notes", ""] + [f"- {note}" for note in NOTES]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "\n".join(lines)


NOTES = [
    "“gaps over 50 ms” counts drawings with at least one heartbeat gap over 50 ms. The "
    "heartbeat's gaps are wall clock: on a loaded machine they include waiting for a CPU, and "
    "the GIL hand-over below then misbehaves less often (both threads wait for CPUs anyway), "
    "so the ways differ most on an idle machine.",
    "Each drawing runs on a new thread, so matplotlib makes its fonts again (they are cached "
    "per thread): the first drawing on a worker, as at the dashboard's first opening. The CPU "
    "times are of the worker thread alone; on a loaded machine they still grow (shared caches, "
    "clock), so compare the ways within one run.",
    "Where the time went (2026-12-03, load 1-5; not part of this script, it needs root): "
    "`perf probe` on libpython's `take_gil` and `drop_gil`, `perf record --call-graph dwarf` "
    "of `drop_gil`, `py-spy record --native --threads`. Drawing the town's chart the worker let "
    "go of the GIL about 83,500 times per drawing, nearly all in ft2font's "
    "`read_from_file_callback`: matplotlib hands FreeType each font file as a Python file "
    "object and FreeType reads it through Python, a `seek` and a `read` (two system calls, "
    "each letting go of the GIL) per few bytes, from `FT2Font::layout`, `set_text` and "
    "`load_glyph` while texts are measured and drawn; the rest was numpy's `dot` through BLAS "
    "in matplotlib's transforms (one per tick label per measure). In one gap the heartbeat "
    "thread waited 146 ms in `take_gil` while the worker let go of the GIL 291 times and took "
    "it back each time within microseconds, holding it at most 2 ms at a stretch.",
    "Why that starves the waiting thread (CPython 3.11, `Python/ceval_gil.h`): a thread "
    "waiting for the GIL sleeps on a condition for the switch interval (5 ms) and, if it times "
    "out with no other thread having taken the GIL meanwhile, asks the holder to let go. Each "
    "let-go signals the condition, so the waiter wakes before its 5 ms are up and does not "
    "ask; by the time it runs, the worker, back from its system call within microseconds, "
    "has the GIL again. As long as the worker lets go every few hundred microseconds the "
    "waiter can wait indefinitely, though no single call is long (`sys.setprofile` sees "
    "nothing over 8 ms) and a shorter switch interval changes nothing; the table above shows it "
    "without matplotlib. A worker that never lets go is interrupted every 5 ms.",
    "What changed: the bars of one status are one `PolyCollection` "
    "(`ui.chart_marks.stacked_bars`), the village names one artist of plain texts placed with "
    "one transform (`CategoryLabels`, no `Tick`s), and the fonts charts are drawn with are "
    "memory-mapped (`ui.chart_fonts.read_fonts_from_memory`: `mmap`'s `seek` and `read` hold "
    "the GIL). The picture is the same pixel for pixel (tests/ui/test_chart_marks.py). The "
    "worker's GIL let-gos per drawing: about 83,500 → 69,000 (fewer transforms) → 370-460 "
    "(fonts from memory: what is left is numpy's BLAS `dot`).",
    "Left: most of the worker's remaining CPU is FreeType measuring and drawing the 97 names "
    "(and the constrained layout around them); the names overlap at this width as before "
    "(the picture was kept as it was on purpose). Any worker that lets go of the GIL every "
    "50 µs-2 ms (SQLite steps, reads, numpy calls in a loop) can starve the GUI thread the "
    "same way.",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="the large sample (copied, never changed)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--drawings", type=int, default=3, help="per way and round")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "chart_report.md")
    parser.add_argument("--child", choices=list(VARIANTS), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--gil", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--no-let-go", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data, args.drawings)
        return
    if args.gil is not None:
        gil_child(args.gil, not args.no_let_go)
        return
    import matplotlib
    import numpy

    load_start = loadavg()
    with tempfile.TemporaryDirectory() as folder:
        data = town_data(args.db, Path(folder))
        data_file = Path(folder) / "town.json"
        data_file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        runs: dict[str, list[dict]] = {variant: [] for variant in VARIANTS}
        for round_ in range(args.rounds):
            order = list(VARIANTS) if round_ % 2 == 0 else list(reversed(VARIANTS))
            for variant in order:
                out = subprocess.run(
                    [sys.executable, __file__, "--child", variant, "--data", str(data_file),
                     "--drawings", str(args.drawings)],
                    cwd=ROOT, check=True, capture_output=True, text=True).stdout
                runs[variant] += [json.loads(line) for line in out.splitlines()
                                  if line.startswith("{")]
                print(variant, runs[variant][-1], flush=True)
    gil: dict[int, tuple[dict, dict]] = {}
    for python_us in GIL_STEPS_US:
        runs_of = [json.loads(subprocess.run(
            [sys.executable, __file__, "--gil", str(python_us), *extra], cwd=ROOT, check=True,
            capture_output=True, text=True).stdout) for extra in ([], ["--no-let-go"])]
        gil[python_us] = (runs_of[0], runs_of[1])
        print("GIL", python_us, gil[python_us], flush=True)
    facts = {"gil": gil, "rounds": args.rounds, "drawings": args.drawings, "load_start": load_start,
             "load_end": loadavg(), "matplotlib": matplotlib.__version__,
             "numpy": numpy.__version__, "villages": len(data),
             "tasks": sum(sum(counts.values()) for counts in data.values()),
             "results": {variant: summary(r) for variant, r in runs.items()}}
    print(write_report(args.out, facts))


if __name__ == "__main__":
    main()
