"""The app's screen outlives the widgets that asked for it.

PySide keeps the wrapper of an object a method returns as a child of the object it was asked
of (its "return value heuristic": ``widget.screen()`` makes the screen's wrapper a child of
``widget``). When the garbage collector then frees that widget in a reference cycle, it may
clear the child first, which hands the wrapper ownership of the C++ object, and freeing the
wrapper deletes it: the app's one QScreen. The next window to close crashed in
``QCursor::pos`` (about one GUI test run in ten, always in a collection by ``ui/gc_guard``).
So the window asks QGuiApplication (a static look-up) instead. (``widget.style()`` is safe:
PySide makes the style's wrapper a child of the application.)
"""

from __future__ import annotations

import gc

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from ui import window_state


def _a_widget_in_a_cycle() -> QWidget:
    widget = QWidget()
    widget.itself = widget  # freed by the collector only, as a closed window held by a slot
    return widget


def test_a_widgets_screen_area_leaves_the_screen_alone(qapp):
    screen = QGuiApplication.primaryScreen()  # its wrapper older than the widget's
    widget = _a_widget_in_a_cycle()
    window_state.available_area(widget)
    del screen, widget
    gc.collect()
    assert QGuiApplication.screens(), "the screen was deleted with the widget"
    assert not window_state.available_area().isEmpty()
