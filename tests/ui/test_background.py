"""Work off the GUI thread: results and errors come back, and a finished job is let go."""

from __future__ import annotations

import gc

import pytest

from PySide6.QtCore import QCoreApplication, QEvent

from ui import background


def live_jobs() -> int:
    gc.collect()
    return sum(1 for thing in gc.get_objects() if isinstance(thing, background._Job))


def test_wait_for_returns_the_result_or_raises_the_error(qapp) -> None:
    assert background.wait_for(lambda: 6 * 7) == 42
    with pytest.raises(ZeroDivisionError):
        background.wait_for(lambda: 1 / 0)


def test_finished_jobs_are_not_kept(qapp, qtbot) -> None:
    """A window runs thousands of jobs a day: none may stay alive once done."""
    before = live_jobs()
    for number in range(20):
        assert background.wait_for(lambda n=number: n) == number
    done: list[int] = []
    tasks = [background.run_in_background(None, lambda _progress, n=number: n,
                                          on_done=done.append) for number in range(20)]
    qtbot.waitUntil(lambda: len(done) == 20)
    for task in tasks:
        task.deleteLater()
    del tasks
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert live_jobs() <= before
