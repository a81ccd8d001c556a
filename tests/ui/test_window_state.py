"""A list's and the window's layout are written to window.ini off the GUI thread, in order,
and read back as written."""

from __future__ import annotations

import threading

from PySide6.QtCore import QByteArray

from ui import window_state


def test_layout_is_written_off_the_gui_thread_in_order_and_read_back(qapp, monkeypatch):
    window_state.wait_for_writes()  # an earlier test's layout, still being written, is not counted
    threads: list[threading.Thread] = []
    store = window_state._store  # noqa: SLF001

    def watched(key, value):
        threads.append(threading.current_thread())
        store(key, value)

    monkeypatch.setattr(window_state, "_store", watched)
    for order in ("title", "-title", "due_on"):
        window_state.save_value("tasks/order", order)
    window_state.save_bytes("tasks/header", QByteArray(b"\x01\x02"))
    assert window_state.load_value("tasks/order") == "due_on"  # the last one asked
    assert window_state.load_bytes("tasks/header") == QByteArray(b"\x01\x02")
    assert len(threads) == 4 and threading.main_thread() not in threads
    window_state.wait_for_writes()
    assert window_state.settings().value("tasks/order") == "due_on"  # in the file itself
