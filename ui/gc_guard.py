"""Python's garbage collector runs only on the GUI thread.

Automatic collection can start in whatever thread allocates; if a worker thread happens to
collect a cycle holding a Qt widget, the widget is destroyed off the GUI thread and the app
crashes. So automatic collection is switched off and a timer collects on the GUI thread.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GarbageCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(INTERVAL_MS)

    def check(self) -> None:
        """Collect the generations whose thresholds are exceeded, as the automatic GC would."""
        threshold = gc.get_threshold()
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > threshold[generation]:
                gc.collect(generation)
                return


def install(app: QObject) -> GarbageCollector:
    existing = app.findChild(GarbageCollector)
    return existing if existing is not None else GarbageCollector(app)
