"""Guarantees 9 and 11: a killed import leaves all or nothing; a wrong clock still converges."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date

import pytest

from desktop_app.sync.exchange import apply, collect
from desktop_app.sync.transfer import export_file, import_file
from tests.app.sync.helpers import conflicts, introduce, setup_town, snapshot


@pytest.mark.slow  # a dozen real processes killed part-way
def test_an_import_killed_at_random_moments_is_all_or_nothing(pcs, tmp_path):
    """SIGKILL during `sync import`: the file passes integrity_check and holds every change
    of the file or none of them."""
    source, target = pcs("source"), pcs("target")
    cluster, village = setup_town(source)
    # The target approves the source on a small first file ...
    introduce(target, source, tmp_path)
    import_file(target.db, export_file(source.db, tmp_path / "first"))
    from desktop_app.sync.transfer import approve

    approve(target.db, source.db.node.node_id)
    before = _count(target.db.path, source.db.node.node_id)
    # ... then a big one arrives, and the import is killed part-way.
    for number in range(300):
        source.services.tasks.create(cluster_id=cluster, title=f"任务{number}",
                                     village_ids=[village])
    path = export_file(source.db, tmp_path / "stick", full=True)
    total = _count(source.db.path, source.db.node.node_id)
    target.db.close()
    home = os.environ["LIANJIAN_HOME"]
    pristine = tmp_path / "pristine.db"
    shutil.copy(target.db.path, pristine)
    command = [sys.executable, "-m", "desktop_app", "--db", None, "sync", "import", str(path)]
    environment = {**os.environ, "LIANJIAN_HOME": home}

    def run(work, kill_after=None) -> int:
        shutil.copy(pristine, work)
        # The same PC (its key file too): the file is encrypted for it.
        shutil.copy(target.db.key_path, work.with_name(work.name + ".key"))
        process = subprocess.Popen([str(work) if c is None else c for c in command],
                                   env=environment, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        if kill_after is not None:
            time.sleep(kill_after)
            process.send_signal(signal.SIGKILL)
        process.wait()
        connection = sqlite3.connect(work)
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        connection.close()
        return _count(work, source.db.node.node_id)

    started = time.monotonic()
    assert run(tmp_path / "whole.db") == total  # uninterrupted, to learn how long it takes
    duration = time.monotonic() - started
    rng = random.Random(7)
    outcomes = set()
    for attempt in range(6):
        arrived = run(tmp_path / f"work{attempt}.db", rng.uniform(0.05, 0.95) * duration)
        assert arrived in (before, total), arrived
        outcomes.add(arrived)
    assert before in outcomes  # the early kills left nothing of the file behind


def _count(path, origin: str) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM sync_op WHERE origin = ?",
                                  (origin,)).fetchone()[0]
    finally:
        connection.close()


def test_a_clock_a_year_off_still_converges_and_later_edits_win(pcs):
    """A PC whose clock is a year ahead, and one a year behind: still converge, and a later
    honest edit on the right clock wins over the fast PC's earlier one."""
    year = 365 * 24 * 3600 * 1000
    right, fast, slow = pcs("right"), pcs("fast"), pcs("slow")
    cluster, _ = setup_town(right)
    officer = right.services.people.list().items[0].id
    for pc, offset in ((fast, year), (slow, -year)):
        apply(pc.db, collect(right.db))
        real = pc.db.wall.source  # the PC's clock (its hybrid clock reads it too)
        pc.db.wall.source = lambda real=real, offset=offset: real() + offset / 1000
        if pc is slow:  # behind what it has seen: it asks, and the officer confirms anyway
            assert pc.services.clock.problem() is not None
            pc.services.clock.confirm_date(pc.db.wall.today())
        pc.services.duty.start(cluster, [officer])
    task = right.services.tasks.create(cluster_id=cluster, title="路灯维修")
    for pc in (fast, slow):
        apply(pc.db, collect(right.db))
    fast.services.tasks.update(task.id, title="快钟的修改")
    slow.services.tasks.update(task.id, description="慢钟的修改")
    for _ in range(2):
        for a in (right, fast, slow):
            for b in (right, fast, slow):
                if a is not b:
                    apply(b.db, collect(a.db))
    assert snapshot(right) == snapshot(fast) == snapshot(slow)
    assert conflicts(right) == conflicts(fast) == conflicts(slow)
    # right saw the fast PC's change, so its next edit must win although its wall clock is
    # a year behind that change: the hybrid clock has moved past what it saw. (Having seen a
    # record a year ahead, it first asks whether its own clock is wrong: the officer checks
    # and confirms today's date by hand; see docs/faults.md.)
    assert right.services.clock.problem() is not None
    right.services.clock.confirm_date(date.today())
    right.services.tasks.update(task.id, title="之后的正常修改")
    for pc in (fast, slow):
        apply(pc.db, collect(right.db))
    assert ({pc.services.tasks.get(task.id).title for pc in (right, fast, slow)}
            == {"之后的正常修改"})
    assert slow.services.tasks.get(task.id).description == "慢钟的修改"


def test_skew_is_flagged_in_the_import_report(pcs, tmp_path):
    year = 365 * 24 * 3600 * 1000
    fast, town = pcs("fast"), pcs("town")
    setup_town(fast)
    real = fast.db.clock._wall_ms
    fast.db.clock._wall_ms = lambda: real() + year
    fast.services.towns.create(name="另一个镇")
    introduce(town, fast, tmp_path)
    path = export_file(fast.db, tmp_path / "stick")
    import_file(town.db, path)
    from desktop_app.sync.transfer import approve

    [report] = approve(town.db, fast.db.node.node_id)
    assert report.clock_skew_ms is not None and report.clock_skew_ms > year * 0.9
