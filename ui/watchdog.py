"""Watching the GUI thread: database work done on it, and how long it stops answering.

Two watchers, used by the GUI tests (``tests/conftest.py``) and ``bench/bench_gui.py``:

``GuiThreadDatabaseWatch`` is deterministic about *where*: it listens to every SQLAlchemy
connection pool (checkout to checkin spans the whole of one session's or connection's work:
the query, the fetching of its rows and the ORM's building of objects) and keeps only the
spans that run on the GUI thread *and* were started by code in ``ui/`` (a test or a benchmark
calling a service itself is not the window's doing). Spans started under the same outermost
call into ``ui/`` (one slot run by the event loop, one ``form.save()`` called by a test) add
up to one *stretch*: the time the window could not answer because of the database. Each
stretch is timed by the GUI thread's CPU time, which another program's load does not
inflate, and by the wall clock.

``Heartbeat`` measures *how long*, whatever the cause: a ``QTimer`` ticks every 10 ms on the
GUI thread and the longest gap between two ticks is the longest the window was frozen.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.pool import Pool

from PySide6.QtCore import QObject, QTimer

STALL_LIMIT_MS = 50.0
HEARTBEAT_MS = 10

_UI_DIR = str(Path(__file__).resolve().parent) + "/"
_THIS_FILE = str(Path(__file__).resolve())


@dataclass
class Stretch:
    """GUI-thread database work under one call into ``ui/``."""

    entry: str  # the outermost ui/ function, e.g. "ui/forms/task_form.py:84 _cluster_changed"
    cpu_ms: float = 0.0
    wall_ms: float = 0.0
    spans: int = 0
    statements: list[str] = field(default_factory=list)

    def describe(self) -> str:
        shown = "; ".join(s[:90] for s in self.statements[:4])
        more = f" (+{len(self.statements) - 4} more)" if len(self.statements) > 4 else ""
        return (f"{self.entry}: {self.cpu_ms:.1f} ms CPU, {self.wall_ms:.1f} ms wall, "
                f"{self.spans} session(s), {len(self.statements)} statement(s): {shown}{more}")


def _outermost_ui_frame(frame):
    """The outermost frame of code in ui/ on this stack (None: not the window's doing)."""
    found = None
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(_UI_DIR) and filename != _THIS_FILE:
            found = frame
        frame = frame.f_back
    return found


def _where(frame) -> str:
    return f"ui/{frame.f_code.co_filename[len(_UI_DIR):]}:{frame.f_lineno} {frame.f_code.co_name}"


class GuiThreadDatabaseWatch:
    """Records the database work that GUI code runs on the GUI thread, in stretches.

    ``with GuiThreadDatabaseWatch() as watch: ...`` then ``watch.worst()``,
    ``watch.over(limit_ms)``. Applies to every engine, opened before or after it starts.
    """

    def __init__(self) -> None:
        self.gui_thread = threading.main_thread()  # Qt's GUI thread is the one that made the app
        self.stretches: list[Stretch] = []
        self._open: dict[int, tuple[Stretch, float, float]] = {}  # connection record -> start
        self._current: Stretch | None = None
        # The stretch being added to: its entry frame (held, so that no other frame can take
        # its place while compared) and the event-loop segment it began in.
        self._entry_frame = None
        self._entry_segment = -1
        self._segment = 0
        self._dispatcher = None

    def _next_segment(self) -> None:
        self._segment += 1

    # --- listening -------------------------------------------------------------------
    def __enter__(self) -> GuiThreadDatabaseWatch:
        event.listen(Pool, "checkout", self._checkout)
        event.listen(Pool, "checkin", self._checkin)
        from sqlalchemy.engine import Engine

        event.listen(Engine, "before_cursor_execute", self._statement)
        from PySide6.QtCore import QAbstractEventDispatcher, QCoreApplication

        if QCoreApplication.instance() is not None:
            self._dispatcher = QAbstractEventDispatcher.instance()
            self._dispatcher.awake.connect(self._next_segment)
            self._dispatcher.aboutToBlock.connect(self._next_segment)
        return self

    def __exit__(self, *_exc) -> None:
        from sqlalchemy.engine import Engine

        event.remove(Pool, "checkout", self._checkout)
        event.remove(Pool, "checkin", self._checkin)
        event.remove(Engine, "before_cursor_execute", self._statement)
        if self._dispatcher is not None:
            self._dispatcher.awake.disconnect(self._next_segment)
            self._dispatcher.aboutToBlock.disconnect(self._next_segment)
            self._dispatcher = None
        self._entry_frame = None

    def _checkout(self, _dbapi, record, _proxy) -> None:
        if threading.current_thread() is not self.gui_thread:
            return
        entry = _outermost_ui_frame(sys._getframe(1))
        if entry is None:
            return
        if (self.stretches and entry is self._entry_frame
                and self._entry_segment == self._segment):
            stretch = self.stretches[-1]
        else:
            stretch = Stretch(_where(entry))
            self.stretches.append(stretch)
            self._entry_frame, self._entry_segment = entry, self._segment
        self._open[id(record)] = (stretch, time.thread_time(), time.perf_counter())
        self._current = stretch

    def _checkin(self, _dbapi, record) -> None:
        opened = self._open.pop(id(record), None)
        if opened is None:
            return
        stretch, cpu, wall = opened
        stretch.cpu_ms += (time.thread_time() - cpu) * 1000
        stretch.wall_ms += (time.perf_counter() - wall) * 1000
        stretch.spans += 1
        if not self._open:
            self._current = None

    def _statement(self, _conn, _cursor, statement, _params, _context, _many) -> None:
        if self._current is not None and threading.current_thread() is self.gui_thread:
            self._current.statements.append(" ".join(statement.split()))

    # --- reading -----------------------------------------------------------------------
    def worst(self) -> Stretch | None:
        return max(self.stretches, key=lambda s: s.cpu_ms, default=None)

    def over(self, limit_ms: float = STALL_LIMIT_MS) -> list[Stretch]:
        return [s for s in self.stretches if s.cpu_ms > limit_ms]

    def reset(self) -> None:
        self.stretches.clear()
        self._entry_frame = None


class Heartbeat(QObject):
    """A timer ticking every ``interval_ms`` on the GUI thread; a long gap is a stall.

    ``with Heartbeat() as beat: ...`` then ``beat.worst_ms``; ``beat.mark(label)`` starts a
    new action, and ``beat.worst_by_action()`` gives each action's longest gap.
    """

    def __init__(self, interval_ms: int = HEARTBEAT_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.ticks: list[float] = []
        self._actions: list[tuple[str, int]] = []  # label, index of the first tick

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def __enter__(self) -> Heartbeat:
        self.ticks = [time.perf_counter()]
        self._actions = []
        self.timer.start()
        return self

    def __exit__(self, *_exc) -> None:
        self.timer.stop()
        self.ticks.append(time.perf_counter())

    def mark(self, label: str) -> None:
        """What follows belongs to ``label`` (the gap running now counts for it too)."""
        self._actions.append((label, max(len(self.ticks) - 1, 0)))

    def gaps_ms(self, first: int = 0, last: int | None = None) -> list[float]:
        ticks = self.ticks[first:last]
        return [(b - a) * 1000 for a, b in zip(ticks, ticks[1:], strict=False)]

    @property
    def worst_ms(self) -> float:
        return max(self.gaps_ms(), default=0.0)

    def worst_by_action(self) -> dict[str, float]:
        worst: dict[str, float] = {}
        bounds = [index for _label, index in self._actions[1:]] + [None]
        for (label, first), last in zip(self._actions, bounds, strict=True):
            end = None if last is None else last + 1
            worst[label] = max(worst.get(label, 0.0), max(self.gaps_ms(first, end), default=0.0))
        return worst
