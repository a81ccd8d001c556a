"""Python's garbage collector runs only on the GUI thread.

Automatic collection can start in whatever thread allocates; if a worker thread happens to
collect a cycle holding a Qt widget, the widget is destroyed off the GUI thread and the app
crashes. So automatic collection is switched off and a timer collects on the GUI thread.

A full collection walks every object of the app (some 150,000 once the lists are open: about
80 ms, a visible stall). So a few seconds after start-up, once the window stands, the guard
freezes what start-up made (modules, classes, the window: ``gc.freeze``, no collection
first) so that later full collections walk only what was made since; and like CPython's
own collector it runs those only once the objects kept grew by a quarter.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication, QObject, QTimer

# Often, so that each young collection walks little: a worker importing a library (the
# database layer, matplotlib) makes some 100,000 objects a second, and a collection after
# 500 ms of that held the GUI thread 150 ms.
INTERVAL_MS = 100
FREEZE_AFTER_MS = 3000
FULL_COLLECTION_GROWTH = 0.25  # CPython's rule: long_lived_pending > long_lived_total / 4

_imports = 0  # workers inside ``importing()``: no collection meanwhile
_imports_lock = threading.Lock()


class GarbageCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._long_lived = len(gc.get_objects(generation=2))
        self._counted_at = -1  # middle collections seen when the old generation was counted
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(INTERVAL_MS)
        self._freeze_timer = QTimer(self)
        self._freeze_timer.setSingleShot(True)
        self._freeze_timer.timeout.connect(self.freeze_start_up)
        self._freeze_timer.start(FREEZE_AFTER_MS)

    def freeze_start_up(self) -> None:
        """Set aside everything start-up made, for good, without a collection first.

        Any collection here walks what start-up left in the young generations (the
        automatic collector is off): the database layer, matplotlib imported on a worker; a
        full one kept the GUI thread 100 ms, a young one up to 180 ms (bench/gui_report.md).
        The few cycles of garbage frozen with the rest are not worth that stall."""
        gc.freeze()
        self._long_lived = len(gc.get_objects(generation=2))

    def check(self) -> None:
        """Collect the generations whose thresholds are exceeded, as the automatic GC would."""
        if _imports:
            return
        threshold = gc.get_threshold()
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] <= threshold[generation]:
                continue
            if generation == 2 and not self._full_collection_due():
                continue
            gc.collect(generation)
            if generation == 2:
                self._long_lived = len(gc.get_objects(generation=2))
            return

    def _full_collection_due(self) -> bool:
        """Counting the old generation lists every object in it: done again only after a
        middle collection has moved more objects there, not at every tick (at every tick it
        kept the GUI thread busy once the old generation held a few hundred thousand)."""
        moves = gc.get_count()[2]
        if moves == self._counted_at:
            return False
        self._counted_at = moves
        pending = len(gc.get_objects(generation=2)) - self._long_lived
        return pending > self._long_lived * FULL_COLLECTION_GROWTH


def set_aside(app: QObject | None = None) -> None:
    """A worker has just imported a large library (the database layer when the file opened,
    matplotlib with the dashboard's first figures): freeze what it made, which is modules and
    classes kept for good, rather than let the next collection walk it on the GUI thread."""
    app = app or QCoreApplication.instance()
    guard = app.findChild(GarbageCollector) if app is not None else None
    if guard is not None:
        guard.freeze_start_up()


@contextmanager
def importing() -> Iterator[None]:
    """Around a worker's import of a large library (matplotlib and numpy make some 100,000
    objects): the GUI thread collects nothing until the import is done, and what it made is
    then frozen, for good, like ``set_aside``. Collections walking those objects while the
    import ran held the GUI thread 30–40 ms each (the dashboard's first opening)."""
    global _imports
    with _imports_lock:
        _imports += 1
    try:
        yield
    finally:
        gc.freeze()
        with _imports_lock:
            _imports -= 1


def install(app: QObject) -> GarbageCollector:
    existing = app.findChild(GarbageCollector)
    return existing if existing is not None else GarbageCollector(app)
