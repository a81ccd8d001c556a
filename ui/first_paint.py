"""Doing something once a widget has been painted for the first time.

The window should appear before any slow work starts: the dashboard loads its figures, and
``LIANJIAN_EXIT_AFTER_FIRST_PAINT=1`` (used by ``bench/bench_startup.py``) quits, only after
the first paint event has been handled.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# Printed on stdout when the main window has been painted and the app is asked to quit.
FIRST_PAINT_MARKER = "LIANJIAN_FIRST_PAINT"


class _AfterFirstPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        del watched  # often Qt's own viewport (see ``ui.idle_lock.IdleLock.eventFilter``)
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            self.parent().removeEventFilter(self)
            # Queued: runs once this paint (and the rest of the window's) is done.
            QTimer.singleShot(0, callback)
        return False


def after_first_paint(widget: QWidget, callback: Callable[[], None]) -> None:
    """Call ``callback`` on the GUI thread right after ``widget``'s next paint event."""
    _AfterFirstPaint(widget, callback)
