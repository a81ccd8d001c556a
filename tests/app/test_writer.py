"""Writes from several threads at once: one writer at a time, clocks and logs consistent."""

from __future__ import annotations

import threading

from sqlalchemy import select

from db.models import LocalNode, Person, SyncOp

WRITES_PER_THREAD = 25


def _write_from_threads(services, small_town, count: int) -> list[BaseException]:
    """``count`` threads each create and then rename people, all released at the same moment."""
    village = small_town.villages["黄璩村"]
    start = threading.Barrier(count)
    errors: list[BaseException] = []

    def writer(number: int) -> None:
        try:
            start.wait()
            for n in range(WRITES_PER_THREAD):
                person = services.people.create(name=f"线程{number}号{n}", village_id=village)
                services.people.update(person.id, name=f"线程{number}号{n}（改）")
        except BaseException as error:  # noqa: BLE001 (reported by the test)
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_two_threads_writing_at_once_get_distinct_ordered_versions(services, small_town):
    """Two threads saving at the same time both succeed (no "database is locked"); every
    write gets its own clock value, the operation log numbers them without a gap in the order
    of their clocks, and the clock saved with the node is the highest of them."""
    db = services.db
    before = db.clock.last
    errors = _write_from_threads(services, small_town, 2)
    assert errors == []
    with db.session() as session:
        people = session.scalars(select(Person).where(Person.name.like("线程%"))).all()
        ops = session.scalars(select(SyncOp).where(SyncOp.origin == db.node.node_id)
                              .order_by(SyncOp.seq)).all()
        saved_clock = session.get(LocalNode, 1).hlc
    assert len(people) == 2 * WRITES_PER_THREAD
    assert all(p.name.endswith("（改）") for p in people)
    versions = [p.version for p in people]
    assert len(set(versions)) == len(versions) and min(versions) > before
    assert [op.seq for op in ops] == list(range(1, len(ops) + 1))
    clocks = [op.hlc for op in ops]
    assert clocks == sorted(clocks) and len(set(clocks)) == len(clocks)
    assert saved_clock == db.clock.last == max(clocks)


def test_the_writer_lock_is_held_while_the_officer_changes(services, small_town):
    """Changing the officer on shift waits for a write in progress on another thread, so a
    write's stamps never mix two officers."""
    db = services.db
    inside, release, changed = threading.Event(), threading.Event(), threading.Event()

    def long_write() -> None:
        with db.writing():
            inside.set()
            release.wait(10)

    def change_officer() -> None:
        db.officer_id = small_town.people["王建国"]
        changed.set()

    writer = threading.Thread(target=long_write)
    writer.start()
    assert inside.wait(10)
    other = threading.Thread(target=change_officer)
    other.start()
    assert not changed.wait(0.2)  # waits for the writer
    release.set()
    writer.join(10)
    other.join(10)
    assert changed.is_set() and db.officer_id == small_town.people["王建国"]


def test_the_clock_never_repeats_across_threads():
    """Four threads asking the same clock for 2,000 values each never get the same one."""
    from db.ids import HybridLogicalClock

    clock = HybridLogicalClock(0, wall_ms=lambda: 1)  # a stuck wall clock: only the counter
    values: list[list[int]] = [[] for _ in range(4)]

    def ask(mine: list[int]) -> None:
        for _ in range(2000):
            mine.append(clock.now())

    threads = [threading.Thread(target=ask, args=(mine,)) for mine in values]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    every = [v for mine in values for v in mine]
    assert len(set(every)) == len(every) == 8000 and clock.last == max(every)
