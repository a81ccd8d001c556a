"""The screens' modules are imported on a worker, and a failure there is only logged."""

from __future__ import annotations

import logging
import threading

from ui import preload


def test_the_screens_modules_are_imported_on_a_worker(qtbot, monkeypatch):
    threads: list[threading.Thread] = []
    imported = preload.import_screens

    def watched(progress=None):
        threads.append(threading.current_thread())
        return imported(progress)

    monkeypatch.setattr(preload, "import_screens", watched)
    frozen: list[bool] = []
    monkeypatch.setattr(preload.gc_guard, "set_aside", lambda: frozen.append(True))
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    with qtbot.waitSignal(preload.preload(window).finished, timeout=30000):
        pass
    assert threads and threading.main_thread() not in threads
    assert frozen == [True]
    import sys

    assert all(name in sys.modules for name in preload.SCREEN_MODULES)


def test_a_failed_import_is_logged_not_shown(qtbot, monkeypatch, caplog):
    monkeypatch.setattr(preload, "SCREEN_MODULES", ("ui.no_such_screen",))
    shown: list[object] = []
    monkeypatch.setattr("ui.background.show_error", lambda *args: shown.append(args))
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    with caplog.at_level(logging.WARNING, logger="ui.preload"):
        with qtbot.waitSignal(preload.preload(window).finished, timeout=30000):
            pass
    assert shown == []
    assert "no_such_screen" in caplog.text
