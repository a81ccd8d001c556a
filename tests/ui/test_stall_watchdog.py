"""The stall watchdog: a GUI thread kept busy is caught, with the action and the code."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from ui import stall_watchdog
from ui.stall_watchdog import StallWatchdog


def _keep_the_gui_thread_busy(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_a_busy_gui_thread_is_a_stall_with_its_action_and_place(qtbot):
    with StallWatchdog() as dog:
        dog.action = "打开首页"
        qtbot.wait(30)
        QTimer.singleShot(0, lambda: _keep_the_gui_thread_busy(0.3))
        qtbot.wait(100)
        dog.action = "空闲"
        qtbot.wait(30)
    stalls = [s for s in dog.stalls if s.gap_ms >= 250]
    assert stalls, dog.stalls
    assert stalls[0].action == "打开首页"
    assert "test_stall_watchdog.py" in stalls[0].doing
    assert "_keep_the_gui_thread_busy" in stalls[0].doing
    assert dog.worst_by_action()["打开首页"].gap_ms >= 250
    assert "打开首页" in stalls[0].describe()


def test_an_idle_window_is_no_stall_and_the_watchdog_stops(qtbot):
    dog = StallWatchdog(limit_ms=10_000)
    dog.start()
    qtbot.wait(50)
    dog.stop()
    assert dog.stalls == []
    assert dog.worst_gap  # it ticked
    assert dog._sampler is None  # noqa: SLF001 (the sampler thread was joined)


def test_off_unless_asked(monkeypatch):
    monkeypatch.delenv(stall_watchdog.ENV_VAR, raising=False)
    assert not stall_watchdog.enabled()
    monkeypatch.setenv(stall_watchdog.ENV_VAR, "0")
    assert not stall_watchdog.enabled()
    monkeypatch.setenv(stall_watchdog.ENV_VAR, "1")
    assert stall_watchdog.enabled()


def test_the_app_starts_it_when_asked(qapp, monkeypatch):
    from ui.app import make_application

    monkeypatch.setenv(stall_watchdog.ENV_VAR, "1")
    app = make_application()
    dogs = app.findChildren(StallWatchdog)
    try:
        assert len(dogs) == 1
        make_application()
        assert len(app.findChildren(StallWatchdog)) == 1  # once per application
    finally:
        for dog in dogs:
            dog.stop()
            dog.setParent(None)
            dog.deleteLater()


def test_what_the_sampler_looked_at_is_let_go_on_the_gui_thread(qtbot, monkeypatch):
    """The sampler holds the GUI thread's frames while it reads them; a window whose last
    reference was a local of a frame that returned meanwhile must still be deleted on the
    GUI thread, not on the sampler's (a QWidget deleted there corrupted Qt's memory: the
    next window crashed in ``QScreen::virtualSiblings``)."""
    import threading
    import weakref

    from PySide6.QtCore import QObject

    sampled, returned = threading.Event(), threading.Event()
    let_go_on: list[str] = []
    read = stall_watchdog._frame_name

    def slow_read(frame) -> str:
        if frame.f_code.co_name == "stalled" and not sampled.is_set():
            sampled.set()
            returned.wait(5)  # the GUI thread's function returns while this frame is held
        return read(frame)

    monkeypatch.setattr(stall_watchdog, "_frame_name", slow_read)

    def stalled() -> None:
        window = QObject()  # a stand-in for a dialog only this function held
        weakref.finalize(window, lambda: let_go_on.append(threading.current_thread().name))
        deadline = time.perf_counter() + 5
        while not sampled.is_set() and time.perf_counter() < deadline:
            time.sleep(0.001)  # no event processed: a stall

    with StallWatchdog():
        qtbot.wait(30)
        stalled()
        returned.set()
        qtbot.wait(50)
    assert sampled.is_set()
    assert let_go_on == [threading.main_thread().name]


def test_a_stall_names_what_was_seen_most_not_what_was_seen_first():
    # On a loaded PC the first sample can land in the event loop before the work begins.
    samples = stall_watchdog._Samples()  # noqa: SLF001
    outside = "(Qt's event loop or outside ui/)"
    samples.add(outside, "pytestqt/qt_compat.py:160 exec")
    for _ in range(3):
        samples.add(outside, "ui/test_stall_watchdog.py:17 _keep_the_gui_thread_busy")
    samples.add("ui/list_page.py:1 reload", "ui/list_page.py:1 reload")
    assert samples.most_seen() == (
        outside, "ui/test_stall_watchdog.py:17 _keep_the_gui_thread_busy")
