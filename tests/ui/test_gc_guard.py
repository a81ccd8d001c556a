"""Garbage collection on the GUI thread, without long stalls."""

from __future__ import annotations

import gc

from ui import gc_guard


def test_a_full_collection_waits_for_a_quarter_more_long_lived_objects(qapp, monkeypatch):
    """Like CPython's own collector, the guard walks every object (a stall of tens of
    milliseconds in a full window) only once enough new long-lived objects piled up;
    until then it collects the younger generations as usual."""
    guard = gc_guard.install(qapp)
    collected: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: collected.append(generation) or 0)
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: (701, 11, 11))
    long_lived = len(gc.get_objects(generation=2))
    monkeypatch.setattr(guard, "_long_lived", long_lived)
    guard.check()
    assert collected == [1]
    monkeypatch.setattr(guard, "_long_lived", int(long_lived / 1.5))
    guard.check()
    assert collected == [1, 2]


def test_start_up_objects_are_set_aside_after_one_full_collection(qapp, monkeypatch):
    """Once the window stands, what survived a full collection is frozen, so the next full
    collections do not walk it again."""
    guard = gc_guard.install(qapp)
    calls: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: calls.append(f"collect {generation}"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    guard.freeze_start_up()
    assert calls == ["collect 2", "freeze"]
