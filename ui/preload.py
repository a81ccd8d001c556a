"""The screens' modules imported on a worker once the window stands, not on first visit.

Screens are built the first time they are opened (``ui/main_window.py``), and their modules
were imported then, on the GUI thread: the lists and their forms, the governance or talent
page took 50–110 ms to import on the large sample's busy PC, a stall each time a screen was
first opened (``bench/bench_gui.py`` (d)). A few seconds after the database opened, this
imports them on a worker instead (no module creates a widget or a pixmap when imported), with
pypinyin's tables, which the first save or search loaded before (holding the GIL some 0.1 s,
then two young collections on the GUI thread walked what they made: 25–54 ms; now loaded in
small steps, ``desktop_app/search/pinyin_tables.py``, with a pause after each module and
every few thousand entries of the tables: the heartbeat's longest gap 27–64 → 16–28 ms). Inside
``ui/gc_guard.importing()``: nothing is collected meanwhile, and what they made is frozen.
"""

from __future__ import annotations

import importlib
import logging
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from ui import gc_guard
from ui.background import Task, run_in_background

PAUSE_S = 0.003
PRELOAD_AFTER_MS = 3000  # after the dashboard's figures and charts, before a person clicks on
SCREEN_MODULES = (
    "ui.duty_page", "ui.rota_page", "ui.list_page", "ui.list_specs", "ui.volunteer_page",
    "ui.governance_page", "ui.industry_page", "ui.talent_page", "ui.assessment_page",
    "ui.people_page", "ui.sync_page", "ui.settings_page", "ui.search_page", "ui.open_record",
)
_log = logging.getLogger(__name__)


def _let_the_window_run() -> None:
    """Sleep a moment, so the GUI thread can take the GIL and run a whole turn of its loop:
    a busy worker lets go of it only in turns of 5 ms, and a turn asks for it many times."""
    time.sleep(PAUSE_S)


def import_screens(_progress=None) -> list[str]:
    """On a worker: import every screen's module and load the pinyin tables; the names
    imported."""
    from desktop_app.search import pinyin

    with gc_guard.importing():
        for name in SCREEN_MODULES:
            importlib.import_module(name)
            _let_the_window_run()
        pinyin.load(pause=_let_the_window_run)
    return list(SCREEN_MODULES)


def preload(parent: QWidget) -> Task:
    """Import the screens' modules now, on a worker; a failure is logged, never shown (the
    screen's own import will say it when the screen is opened)."""
    return run_in_background(parent, import_screens,
                             on_error=lambda error: _log.warning("preloading the screens: %r",
                                                                 error))


def preload_later(window: QWidget) -> None:
    """``preload`` ``PRELOAD_AFTER_MS`` from now, unless the window is gone by then."""
    QTimer.singleShot(PRELOAD_AFTER_MS, window, lambda: preload(window))
