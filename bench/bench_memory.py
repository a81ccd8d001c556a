"""Resident memory on the large sample: ``lianjian-cli`` commands, and the window after a visit
to every screen.

- CLI: each command is a new process on a copy of the large sample; its peak resident set
  (``ru_maxrss`` of that child, from ``os.wait4``) is reported. Target: under 150 MB for any
  command but the large exports (a whole-town Excel, Word ledger or sync file).
- Window: a child process (offscreen) opens ``MainWindow`` on a copy of the large sample at
  1024×768, opens each screen of the navigation in turn, lets its background loading finish,
  and reports its resident set after each screen (``VmRSS``) and its peak (``VmHWM``).
  Target: under 350 MB after every screen has been visited.

    .venv/bin/python bench/bench_memory.py                  # writes bench/memory_report.md
    .venv/bin/python bench/bench_memory.py --db /tmp/large.db

The large sample (``lianjian-cli --db X demo --size large``) is built once at ``--db``
(default ``.demo/lianjian-large.db``) if missing; the runs use copies of it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from bench_core import copy_db

ROOT = Path(__file__).resolve().parent.parent
CLI_TARGET_MB = 150
WINDOW_TARGET_MB = 350
# Measured the same way (2026-12-02, commit 72e6084) before long lists were printed a chunk
# at a time (issue 19).
BEFORE = ("Before long lists were read and printed a thousand records at a time (2026-12-02): "
          "`task list --limit 0` took 803 MB, `task list --overdue --json --limit 0` 268 MB and "
          "`visit list --limit 0` 278 MB (every record's ORM object and display dict held at "
          "once). The whole-town Word ledger is a large export and not held to the target; it "
          "took 2,898 MB while the document held every row as elements, and much less since "
          "its rows wait in a temporary file until it is saved (2026-12-03).")
CLI = [sys.executable, "-c", "import sys; from desktop_app.cli.main import main; sys.exit(main())"]


def environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["LIANJIAN_HOME"] = str(home)  # settings of the run, not the person's
    return env


def peak_mb(command: list[str], env: dict[str, str]) -> tuple[float, int, str]:
    """(peak resident MB, exit code, last line of stderr) of ``command`` run to its end."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read().decode("utf-8", "replace").strip().splitlines()
    return usage.ru_maxrss / 1024, process.returncode, tail[-1] if tail else ""


def cli_commands(db: Path, folder: Path, env: dict[str, str]) -> list[tuple[str, list[str], bool]]:
    """(what, argv after --db, is a large export) of each command measured."""
    def first_id(kind: str) -> str:
        done = subprocess.run([*CLI, "--db", str(db), "--json", kind, "list", "--limit", "1"],
                              env=env, cwd=ROOT, capture_output=True, text=True, check=True)
        return json.loads(done.stdout)["items"][0]["id"]

    task, meeting = first_id("task"), first_id("meeting")
    (folder / "stick").mkdir()
    return [
        ("--version", ["--version"], False),
        ("task list (first 100)", ["task", "list"], False),
        ("task list --limit 1", ["task", "list", "--limit", "1"], False),
        ("task list --limit 0 (all 100,600 tasks)", ["task", "list", "--limit", "0"], False),
        ("task list --overdue --json (all)", ["--json", "task", "list", "--overdue", "--limit",
                                              "0"], False),
        ("task show", ["task", "show", task], False),
        ("search 排水", ["search", "排水"], False),
        ("visit list --limit 0 (all visits)", ["visit", "list", "--limit", "0"], False),
        ("dispute list", ["dispute", "list"], False),
        ("meeting show", ["meeting", "show", meeting], False),
        ("governance indicators (a year)", ["governance", "indicators", "--from",
                                            "2026-01-01", "--to", "2026-12-31"], False),
        ("report town", ["report", "town"], False),
        ("sync status", ["sync", "status"], False),
        ("check", ["check"], False),
        ("export minutes (one meeting, Word)", ["export", "minutes", meeting, "--out",
                                                str(folder / "minutes.docx")], False),
        ("export xlsx task (whole town, 100,600 rows)",
         ["export", "xlsx", "task", "--out", str(folder / "tasks.xlsx")], True),
        ("export ledger (whole town, Word)", ["export", "ledger", "--out",
                                              str(folder / "ledger.docx")], True),
        ("sync export --full (whole town)", ["sync", "export", "--full", "--out",
                                             str(folder / "stick")], True),
    ]


WINDOW = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QThreadPool
from ui.app import make_application
from ui.main_window import MainWindow
from desktop_app.services import Services
from desktop_app.storage.database import Database


def resident():
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields


app = make_application()


def settle(seconds=120.0):
    # Until no worker has run for 0.3 s: each screen loads its rows and figures off the GUI
    # thread and shows them when they come back.
    pool, quiet, end = QThreadPool.globalInstance(), 0, time.monotonic() + seconds
    while time.monotonic() < end and quiet < 6:
        app.processEvents()
        quiet = quiet + 1 if pool.activeThreadCount() == 0 else 0
        time.sleep(0.05)
    app.processEvents()


before = resident()
services = Services(Database(Path(sys.argv[1])))
window = MainWindow(services)
window.resize(1024, 768)
window.show()
settle()
rows = [["窗口与首页（打开时）", resident()]]
for title in window.screen_titles():
    window.screen(title)
    settle()
    rows.append([title, resident()])
print("MEMORY " + json.dumps({"before": before, "rows": rows}, ensure_ascii=False))
window.close()
services.db.close()
"""


def window_memory(db: Path, env: dict[str, str]) -> dict:
    done = subprocess.run([sys.executable, "-c", WINDOW, str(db)], env=env, cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=1800)
    for line in done.stdout.splitlines():
        if line.startswith("MEMORY "):
            return json.loads(line[len("MEMORY "):])
    raise SystemExit(f"the window run failed:\n{done.stderr[-3000:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / ".demo" / "lianjian-large.db")
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "memory_report.md")
    parser.add_argument("--skip-window", action="store_true", help="the CLI part only")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lianjian-bench-memory-") as name:
        folder = Path(name)
        env = environment(folder / "home")
        if not options.db.exists():
            print(f"building the large sample at {options.db} ...", flush=True)
            options.db.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([*CLI, "--db", str(options.db), "demo", "--size", "large"], env=env,
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        load_before = os.getloadavg()
        db = folder / "large.db"
        copy_db(options.db, db)
        size_mb = db.stat().st_size / 1e6
        cli = []
        for what, argv, large_export in cli_commands(db, folder, env):
            megabytes, code, tail = peak_mb([*CLI, "--db", str(db), *argv], env)
            cli.append((what, megabytes, code, tail, large_export))
            print(f"{what}: {megabytes:.0f} MB (exit {code})", flush=True)
        window = None
        if not options.skip_window:
            copy_db(options.db, folder / "window.db")
            window = window_memory(folder / "window.db", env)
        load_after = os.getloadavg()
    write_report(options, size_mb, cli, window, load_before, load_after)
    print(options.report.read_text(encoding="utf-8"))
    return 0


def write_report(options, size_mb, cli, window, load_before, load_after) -> None:
    lines = [
        "# Memory report", "",
        f"Written by `bench/bench_memory.py` on {datetime.now():%Y-%m-%d %H:%M}: "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average {load_before[0]:.1f} / "
        f"{load_before[1]:.1f} / {load_before[2]:.1f} before and {load_after[0]:.1f} / "
        f"{load_after[1]:.1f} / {load_after[2]:.1f} after. Database: a copy of the large "
        f"sample town ({size_mb:.0f} MB, 100,600 tasks).", "",
        "## lianjian-cli", "",
        f"Peak resident set of each command's process (`ru_maxrss`). Target: under "
        f"{CLI_TARGET_MB} MB for every command but the large exports.", "",
        "| command | peak resident | exit | within target |", "| --- | ---: | ---: | --- |",
    ]
    worst = 0.0
    for what, megabytes, code, tail, large_export in cli:
        verdict = ("(large export: not held to it)" if large_export
                   else "yes" if megabytes < CLI_TARGET_MB else "**no**")
        if not large_export:
            worst = max(worst, megabytes)
        note = f" — {tail}" if code else ""
        lines.append(f"| `{what}`{note} | {megabytes:.0f} MB | {code} | {verdict} |")
    lines += ["", f"CLI target: {'**met**' if worst < CLI_TARGET_MB else '**not met**'} "
              f"(largest {worst:.0f} MB outside the large exports).", "", BEFORE, ""]
    if window is not None:
        rows = window["rows"]
        lines += ["## The window", "",
                  "Resident set of the process after each screen was opened (in navigation "
                  "order, each left to finish loading), and the peak so far. After importing Qt "
                  "and the app's modules, before the database: "
                  f"{window['before']['VmRSS']:.0f} MB.", "",
                  "| after opening | resident | peak so far |", "| --- | ---: | ---: |"]
        for title, fields in rows:
            lines.append(f"| {title} | {fields['VmRSS']:.0f} MB | {fields['VmHWM']:.0f} MB |")
        final = rows[-1][1]
        met = final["VmRSS"] < WINDOW_TARGET_MB and final["VmHWM"] < WINDOW_TARGET_MB
        lines += ["", f"Window target: under {WINDOW_TARGET_MB} MB after visiting every screen: "
                  f"{'**met**' if met else '**not met**'} ({final['VmRSS']:.0f} MB resident, "
                  f"peak {final['VmHWM']:.0f} MB).", ""]
    options.report.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
