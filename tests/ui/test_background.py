"""Work off the GUI thread: results and errors come back, a finished job is let go, and
nothing a job held is let go on a worker thread (a window deleted while its job runs, a
cancelled job, a failed one)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtWidgets import QApplication, QWidget

from ui import background


class Held:
    """Something a job's closure holds (a stand-in for the services, a form, a query)."""


class LetGo:
    """Where each ``Held`` was let go: on the GUI thread, on a worker, or not yet."""

    def __init__(self) -> None:
        self.refs: list[weakref.ref[Held]] = []
        self.threads: list[str] = []

    def held(self) -> Held:
        thing = Held()
        self.refs.append(weakref.ref(thing, self._gone))
        return thing

    def _gone(self, _ref: object) -> None:
        thread = threading.current_thread()
        self.threads.append("GUI" if thread is threading.main_thread() else thread.name)

    def alive(self) -> int:
        return sum(ref() is not None for ref in self.refs)

    def off_the_gui_thread(self) -> list[str]:
        return [name for name in self.threads if name != "GUI"]


def settle() -> None:
    """Every worker done and everything it sent delivered, deleteLater()s done."""
    assert QThreadPool.globalInstance().waitForDone(30000), "jobs still running after 30 s"
    for _ in range(3):
        QCoreApplication.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not background._jobs


def jobs_of_every_kind(let_go: LetGo, iterations: int) -> None:
    """What the window does to jobs, over and over: waits for them (results and errors),
    starts them from a widget that is deleted right away, deletes a task while its worker
    still reports progress, cancels, and has jobs raise."""

    def returning(thing: Held) -> Callable[[background.Progress], Any]:
        return lambda progress: (progress(1, 2), thing, [1, 2, 3])[2]

    def raising(thing: Held) -> Callable[[background.Progress], Any]:
        def work(progress: background.Progress) -> None:
            progress(1, 2)
            raise ValueError(f"失败 {thing!r}")

        return work

    def reporting(thing: Held) -> Callable[[background.Progress], Any]:
        def work(progress: background.Progress) -> Held:
            for done in range(20):
                progress(done, 20)
                time.sleep(0.0001)
            return thing

        return work

    def until_cancelled(thing: Held) -> Callable[[background.Progress], Any]:
        def work(progress: background.Progress) -> None:
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                progress.check()
                progress(0, 0)
                time.sleep(0.0001)
            raise AssertionError(f"never cancelled: {thing!r}")

        return work

    app = QCoreApplication.instance()
    assert app is not None
    for _ in range(iterations):
        thing = let_go.held()
        assert background.wait_for(lambda thing=thing: (thing, 42)[1]) == 42
        thing = let_go.held()
        with pytest.raises(ZeroDivisionError):
            background.wait_for(lambda thing=thing: (thing, 1 / 0))
        owners = [QWidget() for _ in range(3)]
        for owner in owners:
            title = owner.setWindowTitle  # called on a deleted window, it would raise
            background.run_in_background(owner, returning(let_go.held()),
                                         on_done=lambda _r, title=title: title("完成"))
            background.run_in_background(owner, raising(let_go.held()),
                                         on_error=lambda _e, title=title: title("错"))
            owner.deleteLater()  # the screen closes while its jobs run
        del owners, owner, title
        task = background.run_in_background(None, reporting(let_go.held()), label="正在查询…")
        task.deleteLater()  # while its worker still reports progress
        del task
        task = background.run_in_background(None, until_cancelled(let_go.held()),
                                            on_error=lambda error: None)
        task.cancel()
        del task
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        app.processEvents()


def test_wait_for_returns_the_result_or_raises_the_error(qtbot) -> None:
    """A form's service call answers as if it ran in place."""
    assert background.wait_for(lambda: 6 * 7) == 42
    with pytest.raises(ZeroDivisionError):
        background.wait_for(lambda: 1 / 0)


def test_run_in_background_reports_progress_result_and_error(qtbot) -> None:
    """A long job's dialog moves, and its result or its error reaches the screen."""
    window = QWidget()
    qtbot.addWidget(window)
    results: list[object] = []
    errors: list[BaseException] = []

    def work(progress: background.Progress) -> str:
        for done in range(3):
            progress(done, 3)
        return "完成"

    task = background.run_in_background(window, work, on_done=results.append)
    seen: list[tuple[int, int]] = []
    task._progressed = lambda done, total: seen.append((done, total))  # type: ignore[method-assign]
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert results == ["完成"]
    assert seen == [(0, 3), (1, 3), (2, 3)]
    task = background.run_in_background(window, lambda _p: 1 / 0, on_error=errors.append)
    with qtbot.waitSignal(task.finished, timeout=10000):
        pass
    assert isinstance(errors[0], ZeroDivisionError)
    assert "ZeroDivisionError" in errors[0].__traceback_text__  # type: ignore[attr-defined]


def test_a_job_of_a_deleted_window_tells_nobody(qtbot) -> None:
    """A screen closed while its job runs: the job's result is dropped, nothing is called on
    the gone screen."""
    called: list[object] = []
    release = threading.Event()
    window = QWidget()
    background.run_in_background(window, lambda _p: release.wait(10), on_done=called.append,
                                 on_error=called.append)
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release.set()
    settle()
    assert called == []


def test_a_window_kept_only_by_its_jobs_callback(qtbot) -> None:
    """A window nobody holds but its job's callback (``on_done=dialog.show_plan`` of a
    closed dialog): once the job is done the window goes, and its task with it, once (a
    task that let go of the callback only in its own destructor deleted the window there,
    and itself a second time: SIGSEGV)."""
    shown: list[object] = []
    window = QWidget()
    background.run_in_background(window, lambda _p: "完成",
                                 on_done=lambda result, window=window: shown.append(result))
    gone = weakref.ref(window)
    del window
    settle()
    assert shown == ["完成"]
    assert gone() is None


def test_finished_jobs_are_let_go(qtbot) -> None:
    """A window runs thousands of jobs a day: none may stay alive once done, neither what
    its work held, nor its ``Progress``, nor a task on the window (PySide6's
    ``QThreadPool.start(runnable)`` kept every QRunnable with its signals and Progress, and
    every task stayed on its window with its timer and callbacks)."""
    let_go = LetGo()
    window = QWidget()
    qtbot.addWidget(window)

    def work(progress: background.Progress, number: int, thing: Held) -> int:
        let_go.refs.append(weakref.ref(progress))  # type: ignore[arg-type]
        return number

    for _ in range(20):
        thing = let_go.held()
        assert background.wait_for(lambda thing=thing: thing is not None) is True
    done: list[int] = []
    tasks = []
    for number in range(20):
        thing = let_go.held()
        background.run_in_background(window, lambda p, n=number, thing=thing: work(p, n, thing),
                                     on_done=done.append)
        thing = let_go.held()
        tasks.append(background.run_in_background(
            None, lambda p, n=number, thing=thing: work(p, n, thing), on_done=done.append))
    del thing
    qtbot.waitUntil(lambda: len(done) == 40, timeout=10000)
    del tasks
    settle()
    assert len(let_go.refs) == 20 + 40 + 40
    assert let_go.alive() == 0  # without a garbage collection: no cycle holds them either
    assert window.findChildren(background.Task) == []
    assert not background._jobs


def test_what_a_job_held_is_let_go_on_the_gui_thread(qtbot) -> None:
    """A job's closure (and the widgets and services it holds) is let go on the GUI
    thread, never on the worker: a QObject freed on a worker crashed the window (SIGSEGV
    in ``wait_for`` while a deleted screen's task was destroyed)."""
    let_go = LetGo()
    jobs_of_every_kind(let_go, iterations=20)
    settle()
    assert let_go.alive() == 0  # without a garbage collection, failed jobs' errors too
    assert let_go.off_the_gui_thread() == []
    assert len(let_go.threads) == len(let_go.refs) == 20 * 10


def test_many_jobs_whose_windows_go_at_once(qtbot) -> None:
    """200 rounds of jobs started, cancelled, failing and orphaned, in this process."""
    let_go = LetGo()
    jobs_of_every_kind(let_go, iterations=200)
    settle()
    assert let_go.off_the_gui_thread() == []


def test_many_jobs_whose_windows_go_at_once_in_dev_mode() -> None:
    """The same 200 rounds in a fresh ``python -X dev`` (faulthandler on): a crash there is
    a failure here with the native thread's stack, not the end of the test run."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-X", "dev", __file__, "200"], env=env,
                            cwd=Path(__file__).parents[2], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "let go on the GUI thread: 2000 of 2000" in result.stdout


QUIT_WHILE_A_JOB_RUNS = """
import threading, time
from PySide6.QtWidgets import QApplication
from ui import background
application = QApplication([])
started = threading.Event()
background.run_in_background(None, lambda _progress: (started.set(), time.sleep(0.5)))
started.wait(5)
"""


def test_a_script_that_ends_while_a_job_runs_ends_quietly() -> None:
    """A script (a benchmark) that ends while a job still runs: the job's end is told to
    nobody, with no "Signal source has been deleted" from the worker."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", QUIT_WHILE_A_JOB_RUNS], env=env,
                            cwd=Path(__file__).parents[2], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0 and "Error" not in result.stderr, result.stderr


if __name__ == "__main__":  # the subprocess of the test above
    from ui import gc_guard

    application = QApplication([])
    gc_guard.install(application)
    rounds = int(sys.argv[1])
    let_go = LetGo()
    jobs_of_every_kind(let_go, iterations=rounds)
    settle()
    assert let_go.off_the_gui_thread() == [], let_go.off_the_gui_thread()
    assert let_go.alive() == 0, let_go.alive()
    print(f"let go on the GUI thread: {len(let_go.threads)} of {len(let_go.refs)}")


def test_only_work_that_stops_when_asked_offers_to_cancel(qtbot) -> None:
    """A long job's dialog has 取消 only if the job polls it: approving a PC or taking a
    snapshot runs to its end, and a button that closed the dialog meanwhile would mislead."""
    from PySide6.QtWidgets import QPushButton

    window = QWidget()
    qtbot.addWidget(window)
    release = threading.Event()
    buttons = {}
    for cancellable in (False, True):
        task = background.run_in_background(window, lambda _p: release.wait(10),
                                            label="正在批准…", cancellable=cancellable)
        task._show_dialog()  # as after SHOW_PROGRESS_AFTER_MS
        buttons[cancellable] = [b.text() for b in task.dialog.findChildren(QPushButton)
                                if b.isVisible()]
    release.set()
    settle()
    assert buttons == {False: [], True: ["取消"]}
