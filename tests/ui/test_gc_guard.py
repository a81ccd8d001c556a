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
    # The oldest generation as the guard counts it: 1,200 objects, whatever the collector
    # really holds (after an earlier test's gc.freeze() it may hold next to nothing).
    oldest = [object() for _ in range(1200)]
    counted: list[int | None] = []
    monkeypatch.setattr(gc, "get_objects",
                        lambda generation=None: counted.append(generation) or list(oldest))
    monkeypatch.setattr(guard, "_counted_at", -1)
    monkeypatch.setattr(guard, "_long_lived", 1000)  # 200 more: a fifth, not yet a quarter
    guard.check()
    assert collected == [1]
    guard.check()  # no middle collection since: the oldest generation is not counted again
    assert collected == [1, 1] and counted == [2]
    monkeypatch.setattr(gc, "get_count", lambda: (701, 11, 12))  # one more middle collection
    monkeypatch.setattr(guard, "_long_lived", 900)  # 300 more: a third
    guard.check()
    assert collected == [1, 1, 2]


def test_start_up_objects_are_set_aside_without_a_collection(qapp, monkeypatch):
    """Once the window stands, what start-up made is frozen without a collection first (a
    collection then stalled the window), so full collections do not walk it again."""
    guard = gc_guard.install(qapp)
    calls: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: calls.append(f"collect {generation}"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    guard.freeze_start_up()
    assert calls == ["freeze"]


def test_what_a_worker_imported_is_set_aside_without_a_walk(qapp, monkeypatch):
    """After a worker imported a large library, its objects are frozen, not collected."""
    gc_guard.install(qapp)
    calls: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: calls.append(f"collect {generation}"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    gc_guard.set_aside()
    assert calls == ["freeze"]


def test_no_collection_walks_what_a_worker_is_importing(qapp, monkeypatch):
    """While a worker imports a large library (matplotlib with the dashboard's first figures)
    the GUI thread collects nothing; once it is done, what it made is frozen."""
    guard = gc_guard.install(qapp)
    calls: list[str] = []
    monkeypatch.setattr(gc, "collect", lambda generation=2: calls.append(f"collect {generation}"))
    monkeypatch.setattr(gc, "freeze", lambda: calls.append("freeze"))
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: (701, 0, 0))
    with gc_guard.importing():
        guard.check()
        assert calls == []
    assert calls == ["freeze"]
    guard.check()
    assert calls == ["freeze", "collect 0"]
