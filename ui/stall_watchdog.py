"""A debug watchdog for the GUI thread: every stall over 50 ms, with what was running.

A ``QTimer`` ticks every 10 ms on the GUI thread; a gap between two ticks longer than the
limit is a *stall* (the window could not paint or answer a click). Knowing that the window
froze is not enough to mend it, so a small sampler thread looks at the GUI thread's Python
stack while a tick is late and the stall keeps where it was: the innermost frame in ``ui/``
(the window's code that asked for the work) and the innermost frame of all (what did it).
Each stall also keeps the *action* set by whoever drives the window (a test's name, a
benchmark's step: ``watchdog.action = "打开首页"``).

Off by default. ``LIANJIAN_WATCHDOG=1`` starts it in the app (``ui/app.py``), which writes
each stall to the log as it happens; the GUI tests (``tests/ui/conftest.py``) and
``bench/bench_gui.py`` start it themselves. Only the standard library and QtCore here: it
must cost nothing when off and little when on.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

ENV_VAR = "LIANJIAN_WATCHDOG"
STALL_LIMIT_MS = 50.0
HEARTBEAT_MS = 10

_UI_DIR = str(Path(__file__).resolve().parent) + os.sep
_THIS_FILE = str(Path(__file__).resolve())
_log = logging.getLogger(__name__)


def enabled() -> bool:
    """Whether the app should start the watchdog (``LIANJIAN_WATCHDOG=1``)."""
    return os.environ.get(ENV_VAR, "") not in ("", "0")


@dataclass
class Stall:
    """One gap of the heartbeat longer than the limit."""

    action: str
    gap_ms: float
    where: str = "?"  # the innermost ui/ frame seen most often while the tick was late
    doing: str = "?"  # the innermost frame of all seen most often with it

    def describe(self) -> str:
        return f"{self.gap_ms:6.1f} ms  {self.action}  at {self.where}  (in {self.doing})"


def _frame_name(frame) -> str:
    filename = frame.f_code.co_filename
    shown = filename[len(_UI_DIR) - 3:] if filename.startswith(_UI_DIR) else (
        "/".join(Path(filename).parts[-2:]))
    return f"{shown}:{frame.f_lineno} {frame.f_code.co_name}"


def _describe_stack(frame, seen: list) -> tuple[str, str]:
    """(innermost ui/ frame, innermost frame) of a thread's stack; '?' when none. Every
    frame looked at is added to ``seen``: the caller decides where it is let go."""
    if frame is None:
        return "?", "?"
    doing = _frame_name(frame)
    while frame is not None:
        seen.append(frame)
        filename = frame.f_code.co_filename
        if filename.startswith(_UI_DIR) and filename != _THIS_FILE:
            return _frame_name(frame), doing
        frame = frame.f_back
    return "(Qt's event loop or outside ui/)", doing


@dataclass
class _Samples:
    seen: Counter = field(default_factory=Counter)
    doing: Counter = field(default_factory=Counter)  # (where, doing) -> samples

    def add(self, where: str, doing: str) -> None:
        self.seen[where] += 1
        self.doing[where, doing] += 1

    def most_seen(self) -> tuple[str, str]:
        """(where, doing) seen most often: not the first sample, which on a loaded PC can
        land in the event loop just before the work that made the tick late begins."""
        where = self.seen.most_common(1)[0][0]
        with_it = Counter({d: n for (w, d), n in self.doing.items() if w == where})
        return where, with_it.most_common(1)[0][0]


class StallWatchdog(QObject):
    """Records heartbeat gaps over ``limit_ms`` on the GUI thread, with where they happened.

    ``with StallWatchdog() as dog: dog.action = "..."; ...`` then ``dog.stalls``,
    ``dog.worst_by_action()``. Must be made on the GUI thread (the timer ticks there).
    """

    def __init__(self, limit_ms: float = STALL_LIMIT_MS, interval_ms: int = HEARTBEAT_MS,
                 on_stall: Callable[[Stall], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit_ms = limit_ms
        self.action = ""
        self.stalls: list[Stall] = []
        self.worst_gap: dict[str, float] = {}  # action -> its longest gap, stall or not
        self._on_stall = on_stall
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._gui_ident = threading.get_ident()
        self._last_tick = time.perf_counter()
        self._samples = _Samples()
        self._held: list = []  # what the sampler looked at, let go on the GUI thread
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._sampler: threading.Thread | None = None

    # --- running ---------------------------------------------------------------------
    def start(self) -> None:
        self._gui_ident = threading.get_ident()
        self._last_tick = time.perf_counter()
        self._stop.clear()
        self._timer.start()
        self._sampler = threading.Thread(target=self._sample, name="stall-watchdog",
                                         daemon=True)
        self._sampler.start()

    def stop(self) -> None:
        self._timer.stop()
        self._stop.set()
        if self._sampler is not None:
            self._sampler.join()
            self._sampler = None
        self._let_go()

    def __enter__(self) -> StallWatchdog:
        self.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._tick()  # a stall running up to the end counts too
        self.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        gap_ms = (now - self._last_tick) * 1000
        self._last_tick = now
        action = self.action
        if gap_ms > self.worst_gap.get(action, 0.0):
            self.worst_gap[action] = gap_ms
        with self._lock:
            samples, self._samples = self._samples, _Samples()
        self._let_go()
        if gap_ms <= self.limit_ms:
            return
        stall = Stall(action, gap_ms)
        if samples.seen:
            stall.where, stall.doing = samples.most_seen()
        self.stalls.append(stall)
        if self._on_stall is not None:
            self._on_stall(stall)

    def _let_go(self) -> None:
        """On the GUI thread: drop the frames the sampler looked at."""
        with self._lock:
            held, self._held = self._held, []
        del held

    def _sample(self) -> None:
        """On its own thread: while a tick is late, note the GUI thread's stack.

        What it looks at is let go on the GUI thread (``_let_go`` at the next tick), never
        here: a frame that returned while the sampler held it keeps its locals, and if the
        sampler dropped the last reference, a window only that function held would be
        deleted on this thread (Qt's memory corrupted; the next window crashed in
        ``QScreen::virtualSiblings``)."""
        period = self._timer.interval() / 1000
        late_after = max(self.limit_ms / 2000, period * 2)
        while not self._stop.wait(period):
            if time.perf_counter() - self._last_tick < late_after:
                continue
            frames = sys._current_frames()  # noqa: SLF001 (every thread's, the workers' too)
            seen: list = [frames]
            where, doing = _describe_stack(frames.get(self._gui_ident), seen)
            with self._lock:
                self._samples.add(where, doing)
                self._held.append(seen)
            del frames, seen

    # --- reading -----------------------------------------------------------------------
    def worst_by_action(self) -> dict[str, Stall]:
        """Each action's longest stall (actions without one are left out)."""
        worst: dict[str, Stall] = {}
        for stall in self.stalls:
            if stall.action not in worst or stall.gap_ms > worst[stall.action].gap_ms:
                worst[stall.action] = stall
        return worst

    def reset(self) -> None:
        self.stalls.clear()
        self.worst_gap.clear()


def start_for_app(parent: QObject) -> StallWatchdog:
    """The app's watchdog (``LIANJIAN_WATCHDOG=1``): each stall goes to the log."""
    dog = StallWatchdog(on_stall=lambda stall: _log.warning("GUI stall %s", stall.describe()),
                        parent=parent)
    dog.start()
    return dog
