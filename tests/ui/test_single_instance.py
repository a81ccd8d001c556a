"""One window per database: a second start brings the running window to the front instead
of opening another (whose duty log would be saved over the first's)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from PySide6.QtWidgets import QWidget

from desktop_app.logs import log_path
from ui.single_instance import CONNECT_MS, SingleInstance, bring_to_front, instance_key

ROOT = Path(__file__).resolve().parents[2]


def test_a_second_start_on_the_same_database_wakes_the_first(qtbot, tmp_path):
    """The first window on a file keeps it; a second start on the same file (spelled
    differently) is told no and the first is asked to come to the front."""
    db = tmp_path / "台账.db"
    first = SingleInstance(db)
    assert first.claim()
    try:
        second = SingleInstance(tmp_path / "." / "台账.db")
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert not second.claim()
    finally:
        first.release()


def test_a_start_while_the_first_window_paints_still_wakes_it(qtbot, tmp_path):
    """The first window takes the lock before its first paint and listens only after it: a
    second start in between keeps calling, and once the first listens, wakes it."""
    db = tmp_path / "台账.db"
    first = SingleInstance(db)
    assert first.lock()
    answers: list[bool] = []
    second = threading.Thread(target=lambda: answers.append(SingleInstance(db).claim()))
    try:
        second.start()
        qtbot.wait(300)  # the second start calls and finds nobody listening yet
        with qtbot.waitSignal(first.activated, timeout=5000):
            first.listen()
        second.join(timeout=5)
        assert answers == [False]
    finally:
        first.release()


def test_a_caller_that_says_nothing_does_not_hold_up_the_window(qtbot, tmp_path):
    """The window never waits for a caller's message: one that connects and says nothing
    leaves it answering, and the next start still wakes it at once."""
    from PySide6.QtNetwork import QLocalSocket

    db = tmp_path / "台账.db"
    first = SingleInstance(db)
    assert first.claim()
    silent = QLocalSocket()
    try:
        silent.connectToServer(first.key)
        assert silent.waitForConnected(CONNECT_MS)
        started = time.monotonic()
        qtbot.wait(100)  # the window takes the silent call
        with qtbot.waitSignal(first.activated, timeout=5000):
            assert not SingleInstance(db).claim()
        assert time.monotonic() - started < CONNECT_MS / 1000  # it never sat out a timeout
    finally:
        silent.abort()
        first.release()


def test_another_database_may_have_its_own_window(qtbot, tmp_path):
    """Two different files may each be open in a window of its own."""
    first, other = SingleInstance(tmp_path / "a.db"), SingleInstance(tmp_path / "b.db")
    try:
        assert first.claim() and other.claim()
        assert instance_key(tmp_path / "a.db") != instance_key(tmp_path / "b.db")
    finally:
        first.release()
        other.release()


def test_after_the_window_closes_the_next_start_opens_one(qtbot, tmp_path):
    """Once the window has closed (its lock released), starting again opens a window."""
    first = SingleInstance(tmp_path / "a.db")
    assert first.claim()
    first.release()
    again = SingleInstance(tmp_path / "a.db")
    assert again.claim()
    again.release()


def test_bringing_to_front_restores_a_minimised_window(qtbot):
    """A minimised window comes back when the program is started again."""
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    bring_to_front(window)
    assert window.isVisible() and not window.isMinimized()


def _gui(db: Path, home: Path) -> subprocess.Popen:
    env = dict(os.environ, LIANJIAN_HOME=str(home), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "desktop_app", "--db", str(db)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_log(path: Path, words: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and words in path.read_text(encoding="utf-8"):
            return
        time.sleep(0.2)
    raise AssertionError(f"{words!r} not in {path}")


@pytest.mark.slow
def test_two_real_starts_make_one_window_and_the_cli_still_writes(tmp_path, services,
                                                                   on_shift):
    """Starting 联建台账 twice on one database: the second process ends at once and the
    first window is brought to the front; meanwhile the command line still adds a task."""
    db_path = services.db.path
    services.db.close()
    home = tmp_path / "home"
    first = _gui(db_path, home)
    try:
        log = home / "logs" / log_path().name
        _wait_for_log(log, "单窗口：本窗口负责")
        second = _gui(db_path, home)
        assert second.wait(timeout=120) == 0, second.stderr.read() if second.stderr else ""
        _wait_for_log(log, "单窗口：又一次启动，把窗口调到前面")
        env = dict(os.environ, LIANJIAN_HOME=str(home), PYTHONPATH=str(ROOT))
        added = subprocess.run(
            [sys.executable, "-m", "desktop_app", "--db", str(db_path), "task", "add",
             "--cluster", on_shift.huangqu, "--title", "窗口开着时从命令行添加"],
            cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
        assert added.returncode == 0, added.stderr
        assert first.poll() is None  # the window is still running
    finally:
        first.kill()
        first.wait(timeout=30)
