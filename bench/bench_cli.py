"""CLI start-up: ``lianjian-cli task list --limit 1`` beside a script that imports the same ORM
stack (SQLModel and the app's tables) and runs the same query.

Each run is a new process, so every import is paid again; compiled bytecode is used (written
on the first run) as in an installed or frozen app, and the disk cache is warm. Runs alternate
between the commands; the median of ``--runs`` runs each is reported, after one warm-up run
each. ``--version`` and ``--help`` are timed too (they import no ORM), and a bare interpreter
for scale. ``python -X importtime`` of the CLI run gives the heaviest imports, grouped.

    .venv/bin/python bench/bench_cli.py                     # writes bench/cli_report.md
    .venv/bin/python bench/bench_cli.py --runs 15 --db /tmp/large.db

The large sample database (``lianjian-cli --db X demo --size large``) is built once, at
``--db`` (default ``.demo/lianjian-large.db``), if missing.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 1.2
# Packages the app uses in some commands only; none may load for ``task list``.
HEAVY = ("pypinyin", "cryptography", "docx", "lxml", "matplotlib", "numpy", "PIL", "openpyxl",
         "python_calamine", "xlsxwriter", "alembic", "PySide6")
ORM = ("sqlalchemy", "sqlmodel", "pydantic")
# Measured the same way (5 runs each, load average 1.7) before the services were made on first
# use and only the command run had its parsers built (issue 19).
BEFORE = ("Before (2026-12-02, commit 72e6084): `task list --limit 1` 0.92 s against the "
          "baseline's 0.72 s, 1.27×; it imported every service's module (the rota's reports, "
          "the sync merge, the assessment ...), built all 250-odd parsers and compiled the "
          "search's character classes, about 200 ms beyond the ORM.")

# The baseline: the same ORM stack and the same query as ``task list --limit 1`` (the count
# of live tasks, then the first one in the list's order), printed.
BASELINE = """
import sys
import sqlmodel
from sqlmodel import Session, col, func, select

import db.models
from db.engine import make_engine
from db.models import WorkTask

engine = make_engine(sys.argv[1])
with Session(engine) as session:
    live = select(WorkTask).where(col(WorkTask.deleted).is_(False))
    total = session.scalar(select(func.count()).select_from(live.subquery()))
    first = session.scalars(live.order_by(col(WorkTask.due_on), col(WorkTask.priority),
                                          col(WorkTask.id)).limit(1)).one()
    print(total, first.id, first.title)
"""

CLI = [sys.executable, "-c", "import sys; from desktop_app.cli.main import main; sys.exit(main())"]


def environment() -> dict[str, str]:
    """The bench's processes: this checkout first on the path, bytecode written and used."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def run_once(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return elapsed


IMPORTTIME_RUNS = 3


def import_times(command: list[str], env: dict[str, str]) -> tuple[list[tuple[int, str]],
                                                                  Counter[str], set[str]]:
    """``-X importtime`` of ``command``, the run of IMPORTTIME_RUNS whose imports took the
    median time: (self µs, module) of each import, self time per top package
    (``desktop_app`` and ``db`` by sub-package), and every module's name."""
    runs: list[dict[str, int]] = []
    for _run in range(IMPORTTIME_RUNS):
        done = subprocess.run([command[0], "-X", "importtime", *command[1:]], env=env, cwd=ROOT,
                              capture_output=True, text=True)
        times: dict[str, int] = {}
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            self_us, _cumulative, name = line.split(":", 1)[1].split("|")
            times[name.strip()] = int(self_us)
        runs.append(times)
    middle = sorted(runs, key=lambda run: sum(run.values()))[len(runs) // 2]
    names = set(middle)
    modules = [(self_us, name) for name, self_us in middle.items()]
    packages: Counter[str] = Counter()
    for self_us, name in modules:
        parts = name.split(".")
        packages[".".join(parts[:2]) if parts[0] in ("desktop_app", "db") else parts[0]] += self_us
    return modules, packages, names


def ensure_database(path: Path, env: dict[str, str]) -> None:
    if path.exists():
        return
    print(f"building the large sample at {path} ...", flush=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([*CLI, "--db", str(path), "demo", "--size", "large"], env=env, cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / ".demo" / "lianjian-large.db")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--report", type=Path, default=ROOT / "bench" / "cli_report.md")
    options = parser.parse_args()
    env = environment()
    ensure_database(options.db, env)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        baseline = Path(folder) / "baseline.py"
        baseline.write_text(BASELINE, encoding="utf-8")
        commands = {
            "baseline: import sqlmodel + the tables, same query": [sys.executable,
                                                                   str(baseline),
                                                                   str(options.db)],
            "lianjian-cli task list --limit 1": [*CLI, "--db", str(options.db), "task", "list",
                                                 "--limit", "1"],
            "lianjian-cli --version": [*CLI, "--version"],
            "lianjian-cli --help": [*CLI, "--help"],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for command in commands.values():  # warm-up: bytecode written, files in the cache
            run_once(command, env)
        for _run in range(options.runs):
            for name, command in commands.items():
                times[name].append(run_once(command, env))
        cli_imports = import_times(commands["lianjian-cli task list --limit 1"], env)
        base_imports = import_times(commands["baseline: import sqlmodel + the tables, "
                                             "same query"], env)
        version_imports = import_times(commands["lianjian-cli --version"], env)
        help_imports = import_times(commands["lianjian-cli --help"], env)
    load_after = os.getloadavg()
    medians = {name: statistics.median(values) for name, values in times.items()}
    write_report(options, times, medians, cli_imports, base_imports,
                 {"--version": version_imports[2], "--help": help_imports[2]},
                 load_before, load_after)
    print(options.report.read_text(encoding="utf-8"))
    return 0


def _package_table(cli: Counter[str], base: Counter[str], count: int) -> list[str]:
    lines = ["| package | CLI, self ms | baseline, self ms | CLI − baseline |",
             "| --- | ---: | ---: | ---: |"]
    for package, _us in (cli + base).most_common(count):
        lines.append(f"| {package} | {cli[package] / 1000:.1f} | {base[package] / 1000:.1f} | "
                     f"{(cli[package] - base[package]) / 1000:+.1f} |")
    lines.append(f"| **all imports** | {sum(cli.values()) / 1000:.1f} | "
                 f"{sum(base.values()) / 1000:.1f} | "
                 f"{(sum(cli.values()) - sum(base.values())) / 1000:+.1f} |")
    return lines


def write_report(options, times, medians, cli_imports, base_imports, quick_modules,
                 load_before, load_after) -> None:
    base_name, cli_name = list(times)[:2]
    ratio = medians[cli_name] / medians[base_name]
    met = "**met**" if ratio <= TARGET_RATIO else "**not met**"
    cli_modules, cli_packages, cli_names = cli_imports
    _base_modules, base_packages, base_names = base_imports
    size_mb = options.db.stat().st_size / 1e6
    lines = [
        "# CLI start-up report", "",
        f"Written by `bench/bench_cli.py` on {datetime.now():%Y-%m-%d %H:%M}: "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}; load average {load_before[0]:.1f} / "
        f"{load_before[1]:.1f} / {load_before[2]:.1f} before and {load_after[0]:.1f} / "
        f"{load_after[1]:.1f} / {load_after[2]:.1f} after (2 cores shared with other work). "
        f"Database: the large sample town ({size_mb:.0f} MB). Each run a new process, bytecode "
        f"compiled, disk cache warm; median of {options.runs} runs each, alternating, after one "
        "warm-up run each.", "",
        "| what | median | × baseline | runs (s) |",
        "| --- | ---: | ---: | --- |",
    ]
    for name, values in times.items():
        lines.append(f"| {name} | {medians[name]:.3f} s | "
                     f"{medians[name] / medians[base_name]:.2f}× | "
                     + " ".join(f"{value:.2f}" for value in values) + " |")
    lines += [
        "", f"Target: `task list --limit 1` within {TARGET_RATIO}× the baseline: {met} "
        f"({ratio:.2f}×).", "",
        "The baseline is the least any command that reads the database through the app's ORM "
        "must import and do: SQLAlchemy, SQLModel and pydantic, the tables (`db.models`), an "
        "engine with the app's pragmas, and the list's two queries (count, first row).", "",
        BEFORE, "",
    ]
    for name, modules in quick_modules.items():
        orm = sorted(package for package in ORM if package in modules)
        heavy = sorted(package for package in HEAVY if package in modules)
        lines.append(f"- `lianjian-cli {name}` imports of the ORM: "
                     f"{', '.join(orm) if orm else 'none'}; of the heavy packages: "
                     f"{', '.join(heavy) if heavy else 'none'}.")
    heavy = sorted(package for package in HEAVY if package in cli_names)
    lines += [f"- `task list` imports of the heavy packages ({', '.join(HEAVY)}): "
              f"{', '.join(heavy) if heavy else 'none'}.", "",
              f"## `python -X importtime`, the median of {IMPORTTIME_RUNS} runs each", "",
              "Self time of every import, summed per package (`desktop_app` and `db` per "
              "sub-package); what the CLI imports beyond the baseline is its own code:", ""]
    lines += _package_table(cli_packages, base_packages, 20)
    lines += ["", "The CLI's twenty slowest modules (self time):", "",
              "| module | self ms | also in the baseline |", "| --- | ---: | --- |"]
    for self_us, name in sorted(cli_modules, reverse=True)[:20]:
        lines.append(f"| {name} | {self_us / 1000:.1f} | "
                     f"{'yes' if name in base_names else 'no'} |")
    lines += ["", f"Modules imported: {len(cli_names)} by the CLI, {len(base_names)} by the "
              f"baseline; {len(cli_names - base_names)} of the CLI's are not in the baseline.",
              ""]
    options.report.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
