"""Start-up: the window appears before the database is opened, and `--smoke-test` works."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.app import SWITCH_INTERVAL_S
from ui.first_paint import FIRST_PAINT_MARKER
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIANJIAN_HOME=str(tmp_path / "home"),
               **extra)
    env.pop("LIANJIAN_DB", None)
    return env


def test_window_shows_before_the_database_is_open(qtbot, services):
    """The window first says the database is opening; once it is, the status bar and the
    dashboard appear."""
    services.db.set_node(name="黄璩中心村值班室")
    window = MainWindow(None)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "联建台账"
    assert window.db_label.text() == "正在打开数据库…"
    window.screen("任务")  # clicking around before the file is open does no harm
    window.navigation.setCurrentRow(0)
    dashboard_loaded = []
    window.attach(services)
    window.pages.widget(0).loaded.connect(lambda: dashboard_loaded.append(True))
    assert "黄璩中心村值班室" in window.windowTitle()
    assert str(services.db.path) in window.db_label.text()
    # A PC serving no cluster is the town's: its 工作台 is 全镇概况.
    assert type(window.pages.widget(0)).__name__ == "TownOverviewPage"
    qtbot.waitUntil(lambda: bool(dashboard_loaded), timeout=10000)


def test_the_first_frame_is_the_window_without_its_entries(qtbot):
    """The first frame shows the title, the menu, the empty navigation column and the status
    bar; the entries with their icons come right after, and nothing moves when they do."""
    window = MainWindow(None, first_frame_only=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.windowTitle() == "联建台账"
    assert window.db_label.text() == "正在打开数据库…"
    assert window.navigation.count() == 0 and window.menuBar().actions()[0].text() == "帮助"
    places = [w.geometry() for w in (window.navigation, window.search_box, window.pages,
                                     window.statusBar(), window.menuBar())]
    window.finish()
    qtbot.wait(50)
    assert window.screen_titles()[0] == "工作台" and window.navigation.currentRow() == 0
    assert window.search_box.placeholderText() == "搜索 Ctrl+K"
    assert [w.geometry() for w in (window.navigation, window.search_box, window.pages,
                                   window.statusBar(), window.menuBar())] == places


def test_first_paint_comes_before_the_database_layer(db, tmp_path):
    """With LIANJIAN_EXIT_AFTER_FIRST_PAINT=1 the app paints its window, says so and quits,
    without having imported SQLAlchemy or matplotlib (they load after the first paint), nor
    what only comes after it: the one-window server's QtNetwork, the log file's handlers,
    the password dialogs."""
    db.close()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "desktop_app", "--db", str(db.path)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
        env=_env(tmp_path, LIANJIAN_EXIT_AFTER_FIRST_PAINT="1"))
    assert done.returncode == 0, done.stderr[-3000:]
    assert FIRST_PAINT_MARKER in done.stdout.split()
    modules = {line.rsplit("|", 1)[1].strip()
               for line in done.stderr.splitlines() if line.startswith("import time:")}
    imported = {name.split(".")[0] for name in modules}
    assert "PySide6" in imported
    assert not imported & {"sqlalchemy", "sqlmodel", "matplotlib", "docx", "cryptography"}
    assert not modules & {"PySide6.QtNetwork", "logging.handlers", "ui.password_dialogs"}


def test_the_window_asks_a_busy_worker_for_the_gil_after_a_millisecond(tmp_path):
    """The GUI sets Python's switch interval to 1 ms (5 ms by default): each Python slot of a
    turn of the event loop waited up to that long beside a worker running Python
    (bench/bench_switch.py). Set with the application, before any worker starts."""
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from ui.app import application_for_first_frame; "
         "print(sys.getswitchinterval()); application_for_first_frame(); "
         "print(sys.getswitchinterval())"],
        capture_output=True, text=True, cwd=ROOT, timeout=60, env=_env(tmp_path))
    assert done.returncode == 0, done.stderr[-3000:]
    assert [float(line) for line in done.stdout.split()] == [0.005, SWITCH_INTERVAL_S]


@pytest.mark.slow  # starts the whole app and builds the sample town
def test_smoke_test_unfrozen(tmp_path):
    """`python -m desktop_app --smoke-test --db NEW` makes the sample town, shows the dashboard
    with its charts, and exits 0 saying it passed."""
    target = tmp_path / "smoke.db"
    shot = tmp_path / "dashboard.png"
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--smoke-test", "--db", str(target)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
        env=_env(tmp_path, LIANJIAN_SMOKE_SCREENSHOT=str(shot)))
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "通过" in done.stdout and "3 张图表" in done.stdout
    assert target.exists()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_smoke_test_fails_loudly(tmp_path):
    """A file that is not a database makes the smoke test fail with a message, not hang."""
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "--smoke-test", "--db", str(broken)],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env=_env(tmp_path))
    assert done.returncode == 1
    assert "失败" in done.stderr


def test_smoke_test_needs_a_database_path(tmp_path):
    """`--smoke-test` without `--db` is a usage error (it never touches the real database)."""
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--smoke-test"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60,
                          env=_env(tmp_path))
    assert done.returncode == 2
    assert "--smoke-test --db PATH" in done.stderr
