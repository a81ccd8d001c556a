"""The screens' modules are imported on a worker, and a failure there is only logged."""

from __future__ import annotations

import logging
import threading

from ui import preload


def test_the_screens_modules_are_imported_on_a_worker(qtbot, monkeypatch):
    """With the pinyin tables, inside gc_guard.importing() (nothing collected meanwhile on the
    GUI thread, what they made frozen after), pausing now and then for the window."""
    from contextlib import contextmanager

    from desktop_app.search import pinyin

    events: list[tuple[str, threading.Thread]] = []
    loaded = pinyin.load

    @contextmanager
    def importing():
        events.append(("importing", threading.current_thread()))
        yield
        events.append(("imported", threading.current_thread()))

    def load(pause=None) -> None:
        events.append(("pinyin", threading.current_thread()))
        assert pause is not None  # it lets the window run now and then
        loaded(pause)

    monkeypatch.setattr(preload.gc_guard, "importing", importing)
    monkeypatch.setattr(pinyin, "load", load)
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    with qtbot.waitSignal(preload.preload(window).finished, timeout=30000):
        pass
    assert [name for name, _thread in events] == ["importing", "pinyin", "imported"]
    assert threading.main_thread() not in {thread for _name, thread in events}
    import sys

    assert all(name in sys.modules for name in preload.SCREEN_MODULES)
    from pypinyin.constants import PHRASES_DICT

    assert "pypinyin.seg.mmseg" in sys.modules and PHRASES_DICT


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
