"""The GUI tests run under the stall watchdog (``ui/stall_watchdog.py``), and every piece of
work they hand a worker is checked to hold no Qt object.

A stall is recorded, not failed on: how long the GUI thread stops depends on the machine and
its load, and unit tests carry no timings. Each stall over 50 ms is written, with the test and
the window's code it was in, to ``gui-stalls.txt`` in pytest's temporary folder, and the
longest are shown at the end of the run; ``bench/bench_gui.py`` measures them on the large
sample.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_STALLS: list = []  # ui.stall_watchdog.Stall, of every GUI test in this session
_REPORT: list[Path] = []


@pytest.fixture
def font_size(request, qapp):
    """The 字号 a screen is built at (``indirect`` parameter: "standard", "large", "huge"), on
    the app's own fonts as the program sets them up; set back to 标准 afterwards."""
    from ui import theme
    from ui.app import make_application

    make_application()
    theme.apply_font_size(request.param, qapp)
    yield request.param
    theme.apply_font_size("standard", qapp)


@pytest.fixture(autouse=True)
def _switch_interval_as_in_the_app():
    """A GUI test hands the GIL over as the window does (``ui.app.SWITCH_INTERVAL_S``, 1 ms
    rather than Python's 5): workers and the GUI thread take turns at the app's pace."""
    from ui.app import SWITCH_INTERVAL_S

    before = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    yield
    sys.setswitchinterval(before)


@pytest.fixture(autouse=True)
def _stall_watchdog(request, tmp_path_factory):
    """A GUI test runs with the watchdog on; its stalls are kept for the session's summary."""
    if "qtbot" not in request.fixturenames:
        yield None
        return
    request.getfixturevalue("qapp")
    from ui.stall_watchdog import StallWatchdog

    if not _REPORT:
        _REPORT.append(tmp_path_factory.getbasetemp() / "gui-stalls.txt")
    with StallWatchdog() as dog:
        dog.action = request.node.nodeid
        yield dog
    if dog.stalls:
        _STALLS.extend(dog.stalls)
        with _REPORT[0].open("a", encoding="utf-8") as report:
            report.writelines(stall.describe() + "\n" for stall in dog.stalls)


@pytest.fixture(autouse=True)
def work_held_qobjects(monkeypatch):
    """Each job started in a GUI test is checked when it starts: its work may reach no
    ``QObject`` (``ui/background.py``: a worker never touches a widget). The test fails,
    naming the path to the object, if one does. (Yields the paths found so far: a test of
    this check reads and clears them.)"""
    import ui.background as background

    from .widget_free_work import qobjects_held

    held: list[str] = []

    class _CheckedJob(background._Job):
        __slots__ = ()

        def __init__(self, work, progress, task) -> None:
            held.extend(f"{getattr(work, '__qualname__', work)!s}: {path}"
                        for path in qobjects_held(work))
            super().__init__(work, progress, task)

    monkeypatch.setattr(background, "_Job", _CheckedJob)
    yield held
    if held:
        pytest.fail("work handed to a worker holds a Qt object:\n" + "\n".join(held))


def pytest_terminal_summary(terminalreporter):
    """The GUI tests' longest stalls (recorded, not failed on)."""
    if not _STALLS:
        return
    terminalreporter.section("GUI thread stalls over 50 ms (recorded, not failed on)")
    for stall in sorted(_STALLS, key=lambda s: s.gap_ms, reverse=True)[:8]:
        terminalreporter.write_line(stall.describe()[:220])
    terminalreporter.write_line(f"{len(_STALLS)} stall(s) in all; each one in {_REPORT[0]}")
