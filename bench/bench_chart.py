"""The whole town's 各村任务状态 (97 villages) made and drawn on a worker thread while the main
thread keeps a 10 ms heartbeat, as ``ChartCanvas.show_chart`` does beside the GUI thread.

Run from the project folder::

    .venv/bin/python bench/bench_chart.py --db large.db   # the large sample (copied first)
    .venv/bin/python bench/bench_chart.py                 # builds the large demo first

and writes ``bench/chart_report.md``. Four ways of drawing the same chart, each in a fresh
interpreter, in alternation (the machine may be shared), each drawing on a new thread:

- before: one ``axes.bar`` per status (485 rectangles), the names as the x axis's ticks (the
  code before these changes);
- bars as collections: one ``PolyCollection`` per status (``ui.chart_marks.stacked_bars``);
- now: and the names one artist, ``ui.chart_marks.CategoryLabels``, instead of 97 ticks
  (``ui.charts.draw_tasks_by_village``);
- now, fonts from memory: tried and not kept. FreeType reads the fonts from a memory map
  instead of through Python file objects (``fonts_from_memory`` below): a third less CPU,
  but longer waits for the GUI thread (the notes say why).

For each drawing: the worker's CPU time (``time.thread_time()``, which leaves out the time it
waited for a CPU) to make the chart and to draw it, the number of artists, and the longest
gap between two ticks of the heartbeat (``time.sleep(0.01)`` in a loop: wall clock, so it
includes waiting for a CPU on a loaded machine; see the load). The worker and the heartbeat
are pinned to two CPUs (``--cpus``; Linux), as on an office PC whose cores are idle: the
hand-over of the GIL that froze the window goes wrong when the two threads are on different
CPUs, and on a shared machine the scheduler otherwise often puts them on one. Python's
automatic garbage collector is off, as the reproduction in bench/gui_report.md had it.

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
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEARTBEAT_S = 0.010
SIZE = (12.8, 3.6)  # inches at 100 dpi: the dashboard's wide chart in a 1280-pixel window
GIL_STEPS_US = (5, 50, 200, 1000, 2000, 10_000)
CPUS = {"apart": "pinned to CPUs 0 and 1 (an office PC with idle cores)",
        "same": "both pinned to CPU 1", "none": "placed by the scheduler"}
VARIANTS = {
    "before": "before: axes.bar, ticks",
    "collections": "bars as collections",
    "now": "now: and names as one artist",
    "memory": "now, fonts from memory (not kept)",
}


# --- in the child: one way of drawing ----------------------------------------------------------
def fonts_from_memory() -> None:
    """The ``FT2Font`` objects ``font_manager._get_font`` makes for drawing get their file as a
    read-only memory map (whose ``seek`` and ``read`` hold the GIL) instead of a Python file
    object; the font list (``addfont``) keeps reading files by path. Reaches into matplotlib
    3.11's font_manager: for this measure only."""
    import mmap
    import types

    from matplotlib import font_manager, ft2font

    making = threading.local()

    def ft2font_from_memory(filename, *args, **kwargs):
        if getattr(making, "on", False) and isinstance(filename, (str, os.PathLike)):
            with open(filename, "rb") as file:
                filename = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        return ft2font.FT2Font(filename, *args, **kwargs)

    get_font = font_manager._get_font

    def from_memory(*args, **kwargs):
        making.on = True
        try:
            return get_font(*args, **kwargs)
        finally:
            making.on = False

    fonts = types.ModuleType(ft2font.__name__)
    fonts.__dict__.update(ft2font.__dict__)
    fonts.FT2Font = ft2font_from_memory
    get_font.cache_clear()
    font_manager.ft2font = fonts
    font_manager._get_font = from_memory


def place(cpus: str, worker: bool) -> None:
    """Pin the calling thread (Linux): "apart" puts the worker on CPU 0 and the heartbeat on
    CPU 1, as on an office PC whose cores are idle; "same" puts both on CPU 1."""
    if cpus == "none" or not hasattr(os, "sched_setaffinity") or (os.cpu_count() or 1) < 2:
        return
    os.sched_setaffinity(0, {0} if worker and cpus == "apart" else {1})


def run_delay(fd: int | None) -> float:
    """Seconds the calling thread has waited on a run queue for a CPU (Linux schedstat)."""
    if fd is None:
        return 0.0
    return int(os.pread(fd, 100, 0).split()[1]) / 1e9


def beside_heartbeat(work: Callable[[], None], cpus: str) -> dict[str, float]:
    """Run ``work`` on a new thread while this one ticks every 10 ms: the longest gap between
    two ticks, and the longest less the time this thread waited for a CPU in it (what is left
    is the 10 ms sleep and the wait for the GIL)."""
    def placed() -> None:
        place(cpus, worker=True)
        work()

    place(cpus, worker=False)
    try:
        schedstat: int | None = os.open("/proc/thread-self/schedstat", os.O_RDONLY)
    except OSError:
        schedstat = None
    worker = threading.Thread(target=placed)
    gaps: list[tuple[float, float]] = []  # (gap, of it waiting for a CPU)
    start = last = time.perf_counter()
    waited = run_delay(schedstat)
    worker.start()
    while True:  # one tick at least: a worker may keep this thread waiting until it ends
        time.sleep(HEARTBEAT_S)
        now, now_waited = time.perf_counter(), run_delay(schedstat)
        gaps.append((now - last, now_waited - waited))
        last, waited = now, now_waited
        if not worker.is_alive():
            break
    worker.join()
    if schedstat is not None:
        os.close(schedstat)
    worst = max(gaps)
    return {"wall_ms": (last - start) * 1000, "worst_gap_ms": worst[0] * 1000,
            "worst_cpu_wait_ms": worst[1] * 1000,
            "worst_net_gap_ms": max(gap - wait for gap, wait in gaps) * 1000,
            "ticks": len(gaps), "gaps_over_50": sum(gap > 0.05 for gap, _ in gaps),
            "load": os.getloadavg()[0]}


def child(variant: str, data_file: Path, drawings: int, cpus: str) -> None:
    from matplotlib.figure import Figure

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from tests.ui.chart_helpers import draw_as_before
    from ui import charts

    if variant == "memory":
        fonts_from_memory()
    fill = {"before": draw_as_before,
            "collections": partial(draw_as_before, bars_as_collections=True)}.get(
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

        result.update(beside_heartbeat(work, cpus))
        print(json.dumps(result), flush=True)


def gil_child(python_us: float, let_go: bool, cpus: str) -> None:
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

    print(json.dumps(beside_heartbeat(work, cpus)), flush=True)


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
            "net": med("worst_net_gap_ms"), "net_max": max(r["worst_net_gap_ms"] for r in runs),
            "over_50": sum(1 for r in runs if r["gaps_over_50"]), "n": len(runs),
            "load_min": min(r["load"] for r in runs), "load_max": max(r["load"] for r in runs)}


def write_report(out: Path, facts: dict) -> str:
    lines = [
        "# The whole town's 各村任务状态 drawn beside a heartbeat",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M')} by `bench/bench_chart.py` ({facts['rounds']} "
        f"rounds of {facts['drawings']} drawings per way, in alternation; medians, worst in "
        f"brackets). Worker and heartbeat: {CPUS[facts['cpus']]}.",
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
        "| less its wait for a CPU | gaps over 50 ms | load (1 min) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for variant, label in VARIANTS.items():
        s = facts["results"][variant]
        lines.append(
            f"| {label} | {s['artists']:,.0f} | {s['make']:.0f} ms ({s['make_max']:.0f}) | "
            f"{s['draw']:.0f} ms ({s['draw_max']:.0f}) | {s['gap']:.0f} ms ({s['gap_max']:.0f})"
            f" | {s['net']:.0f} ms ({s['net_max']:.0f})"
            f" | {s['over_50']} of {s['n']} drawings | {s['load_min']:.1f}–"
            f"{s['load_max']:.1f} |")
    lines += [
        "",
        "## Why: a worker that lets go of the GIL often",
        "",
        "A worker runs Python for a while, then lets go of the GIL for a moment (an `lseek` "
        "on an unbuffered file), for one second, beside the same 10 ms heartbeat: the worker "
        "and the heartbeat on two CPUs, then on one; and the same worker without letting go "
        "(an in-memory file), on two CPUs. Each in a fresh interpreter; the worst gap between "
        "two ticks (in brackets: the longest less the heartbeat's wait for a CPU), and the ticks "
        "in the second (98 or so if never late).",
        "",
        "| Python between two let-gos | letting go, two CPUs | letting go, one CPU "
        "| never letting go, two CPUs | load (1 min) |",
        "| ---: | ---: | ---: | ---: | ---: |",
    ]
    for python_us, (apart, same, held) in facts["gil"].items():
        lines.append(f"| {python_us:,} µs | " + " | ".join(
            f"{r['worst_gap_ms']:.0f} ms ({r['worst_net_gap_ms']:.0f}), "
            f"{r['ticks']} tick{'s' if r['ticks'] != 1 else ''}"
            for r in (apart, same, held))
            + f" | {apart['load']:.1f} |")
    lines += ["", "## Notes", ""] + [f"- {note}" for note in NOTES]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return "\n".join(lines)


NOTES = [
    "“gaps over 50 ms” counts drawings with at least one heartbeat gap over 50 ms. The "
    "heartbeat's gaps are wall clock: on a loaded machine they include waiting for a CPU "
    "(pinned, the heartbeat cannot move to the other one). “Less its wait for a CPU” takes "
    "that out of each gap (the thread's run-queue time from /proc/thread-self/schedstat): "
    "what is left is the 10 ms sleep and waiting for the GIL.",
    "Each drawing runs on a new thread, so matplotlib makes its fonts again (they are cached "
    "per thread): the first drawing on a worker, as at the dashboard's first opening. The CPU "
    "times are of the worker thread alone; on a loaded machine they still grow (shared caches, "
    "clock), so compare the ways within one run.",
    "Where the time went (2026-12-03, load 1-5; not part of this script, it needs root): "
    "`perf probe` on libpython's `take_gil` and `drop_gil` (counts, and the heartbeat "
    "thread's waits in `take_gil`), `perf record --call-graph dwarf` of them (who lets go, "
    "during which wait), `py-spy record --native --threads`. Before, the worker let go of the "
    "GIL about 83,500 times per drawing. By count nearly all were FreeType's reads "
    "(matplotlib hands FreeType each font file as a Python file object, and FreeType reads it "
    "through Python from ft2font's `read_from_file_callback`, a `seek` and a `read` per few "
    "bytes, each a system call that lets go), in bursts a few microseconds apart while a text "
    "is measured or drawn. But in every wait of the heartbeat over 30 ms each let-go was "
    "numpy's `dot` through BLAS (numpy lets go of the GIL around the BLAS call even for 3×3 "
    "matrices) in matplotlib's transforms, composed anew for each of the 485 rectangles as "
    "they were added and for each tick label at each measure: about 7,500 per drawing, about "
    "0.5 ms apart. In one such wait the heartbeat waited 146 ms in `take_gil` while the worker "
    "let go 291 times and took the GIL back each time within microseconds, holding it at most "
    "2 ms at a stretch. No single call was long.",
    "Why that starves the waiting thread (CPython 3.11, `Python/ceval_gil.h`): a thread "
    "waiting for the GIL sleeps on a condition for the switch interval (5 ms) and, if it times "
    "out with no other thread having taken the GIL meanwhile, asks the holder to let go. Each "
    "let-go signals the condition, so the waiter wakes before its 5 ms are up and does not "
    "ask; by the time it runs, the worker, back from its system call within microseconds, "
    "has the GIL again. The table above shows it without matplotlib: let-gos 50 µs to 2 ms "
    "apart keep a heartbeat on another CPU waiting up to the whole second; let-gos every few "
    "microseconds do not (the GIL is free so often that a woken waiter soon finds it free), "
    "nor any rhythm when both threads share one CPU, nor a worker that never lets go (it is "
    "interrupted every 5 ms). A shorter switch interval changes nothing.",
    "What changed: the bars of one status are one `PolyCollection` "
    "(`ui.chart_marks.stacked_bars`), the village names one artist of plain texts placed with "
    "one transform (`CategoryLabels`, no `Tick`s). The picture is the same pixel for pixel "
    "(tests/ui/test_chart_marks.py). numpy's `dot` in matplotlib's transforms now runs under "
    "300 times per drawing, mostly in bursts while the y axis's ten tick labels are "
    "measured; the worker's other let-gos (69,000 per drawing) are FreeType's reads, a few "
    "microseconds apart: the harmless rhythm.",
    "Fonts from memory, tried and not kept: memory-mapped fonts leave 360-460 let-gos per "
    "drawing, mostly numpy's `dot`, tens to hundreds of microseconds apart with no FreeType "
    "reads between them (the harmful rhythm), and the GUI thread waited longer "
    "(worst gaps 26-48 ms against 21-35 ms in 15 alternating drawings each; in earlier runs "
    "of this script two of its drawings reached 157 and 259 ms), though the worker's CPU fell "
    "by a third.",
    "On the GUI thread, the mouse over the chart: `ChartCanvas.target_at` asks each of the 485 "
    "bars whether it holds the mouse at every move; as `Rectangle`s that took 8 ms of CPU to "
    "find the last village's lowest bar and about 50 ms where no bar is (all 485 asked), as "
    "`chart_marks.Bar`s (a comparison in data coordinates) 0.03 and 0.14 ms (2026-12-03, "
    "load 4).",
    "Left: most of the worker's remaining CPU is FreeType measuring and drawing the 97 names "
    "and the constrained layout around them; the names overlap at this width as before (the "
    "picture was kept as it was on purpose). Any worker that lets go of the GIL 50 µs to "
    "2 ms apart for long (a SQLite row at a time, reads, small numpy calls in a loop) can "
    "starve the GUI thread the same way.",
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
    parser.add_argument("--cpus", choices=["apart", "same", "none"], default="apart",
                        help="the drawing worker and the heartbeat pinned to two CPUs (default), "
                             "one, or left to the scheduler")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data, args.drawings, args.cpus)
        return
    if args.gil is not None:
        gil_child(args.gil, not args.no_let_go, args.cpus)
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
                     "--drawings", str(args.drawings), "--cpus", args.cpus],
                    cwd=ROOT, check=True, capture_output=True, text=True).stdout
                runs[variant] += [json.loads(line) for line in out.splitlines()
                                  if line.startswith("{")]
                print(variant, runs[variant][-1], flush=True)
    gil: dict[int, list[dict]] = {}
    for python_us in GIL_STEPS_US:
        gil[python_us] = [json.loads(subprocess.run(
            [sys.executable, __file__, "--gil", str(python_us), *extra], cwd=ROOT, check=True,
            capture_output=True, text=True).stdout)
            for extra in (["--cpus", "apart"], ["--cpus", "same"],
                          ["--cpus", "apart", "--no-let-go"])]
        print("GIL", python_us, gil[python_us], flush=True)
    facts = {"gil": gil, "cpus": args.cpus, "rounds": args.rounds, "drawings": args.drawings,
             "load_start": load_start,
             "load_end": loadavg(), "matplotlib": matplotlib.__version__,
             "numpy": numpy.__version__, "villages": len(data),
             "tasks": sum(sum(counts.values()) for counts in data.values()),
             "results": {variant: summary(r) for variant, r in runs.items()}}
    print(write_report(args.out, facts))


if __name__ == "__main__":
    main()
