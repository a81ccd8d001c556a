"""Big sync files are read piece by piece: an import's memory does not grow with the file,
and a file refused anywhere, or a merge failing on any page, leaves nothing behind."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import event

from desktop_app.sync import exchange, merge, snapshot, zipin
from desktop_app.sync.merge import current_vector
from desktop_app.sync.snapshot import write_snapshot
from desktop_app.sync.transfer import approve, export, export_file, import_file
from tests.app.sync.helpers import copy_tasks, digest, log_edits, peak_bytes
from tests.app.sync.helpers import snapshot as records_of

PAGE = 400  # operations merged at a time here (2,000 in use): the test is quicker, not weaker
BLOCK = 64 * 1024  # bytes read at a time here (1 MB in use)
SMALL, LARGE = 5 * PAGE, 20 * PAGE


@pytest.fixture
def busy_town(town, monkeypatch):
    monkeypatch.setattr(exchange, "PAGE", PAGE)
    monkeypatch.setattr(snapshot, "PAGE", PAGE)
    monkeypatch.setattr(zipin, "CHUNK", BLOCK)
    town.services.duty.start(town.ids["c1"], [town.ids["p1"]])
    town.services.tasks.create(cluster_id=town.ids["c1"], title="清理排水沟")
    return town


def vector(pc) -> dict[str, int]:
    with pc.db.engine.connect() as connection:
        return current_vector(connection)


def test_an_import_holds_a_page_of_operations_not_the_file(busy_town, private_temp):
    """An office reads the town's full file of 4× the operations in as much memory, and
    ends with every one of them merged; the import leaves no temporary file."""
    town = busy_town

    def peak_with(count: int, name: str) -> int:
        log_edits(town, count)
        office = town.villages[name]
        path, written = export(town.db, town.stick / name, for_peer=office.db.node.node_id,
                               full=True)
        assert written > count
        reports = []
        peak = peak_bytes(lambda: reports.append(import_file(office.db, path)))
        assert reports[0].status == "merged" and sum(reports[0].applied.values()) > count
        last = vector(town)[town.db.node.node_id]
        assert vector(office)[town.db.node.node_id] == last  # every operation arrived
        task = office.services.tasks.get(town.services.tasks.ids()[0])
        assert task.description.startswith(f"第 {last} 次")
        return peak

    small = peak_with(SMALL, "v1")
    large = peak_with(LARGE - SMALL, "v2")  # the file now holds 4× as many
    assert large < small * 1.2 + 64 * 1024, (small, large)
    assert large < 3 * 2**20  # the operations' lines alone are over 5 MB
    assert list(private_temp.iterdir()) == []


def new_office(town, pcs, number: int):
    """A new PC of cluster 1, approved at the town (it holds nothing yet)."""
    pc = pcs(f"new{number}")
    pc.db.set_node(name=f"新值班室{number}", cluster_id=town.ids["c1"])
    assert import_file(town.db, export_file(pc.db, town.stick / f"new{number}")).status \
        == "quarantined"
    approve(town.db, pc.db.node.node_id, cluster_id=town.ids["c1"])
    return pc


def test_a_snapshot_is_taken_a_page_of_records_at_a_time(busy_town, pcs, private_temp):
    """A new PC takes the snapshot of 4× the records (kept in quarantine until it approves
    the town, then taken) in as much memory, and holds the town's records."""
    town = busy_town

    def peak_with(count: int, number: int) -> int:
        copy_tasks(town, count)
        pc = new_office(town, pcs, number)
        path, written = write_snapshot(town.db, town.stick / f"snap{number}", town.ids["c1"])
        assert written > count

        def take() -> None:
            assert import_file(pc.db, path).status == "quarantined"
            assert approve(pc.db, town.db.node.node_id)[0].status == "merged"

        peak = peak_bytes(take)
        assert records_of(pc) == records_of(town)
        return peak

    small = peak_with(SMALL, 1)
    large = peak_with(LARGE - SMALL, 2)
    assert large < small * 1.2 + 64 * 1024, (small, large)
    assert list(private_temp.iterdir()) == []


def test_a_merge_failing_on_its_third_page_rolls_back_the_first_two(busy_town, private_temp,
                                                                    monkeypatch):
    """An operation that passes every check of the file but cannot be stored (a task
    without its title) on the third page: the pages merged before it are rolled back with
    it, the file is not remembered, and the office is byte for byte what it was."""
    town, office = busy_town, busy_town.villages["v1"]
    created = datetime(2026, 1, 1, 8).isoformat()
    bad = 3 * PAGE  # past two pages of the file's operations whatever comes before them

    def write(seq: int, task: str):
        if seq == bad:
            return f"untitled-{seq}", {"created_at": created, "cluster_id": town.ids["c1"]}
        return task, {"description": f"第 {seq} 次补充说明"}

    log_edits(town, 4 * PAGE, write)
    path, _count = export(town.db, town.stick / "bad", for_peer=office.db.node.node_id,
                          full=True)
    merged: list[int] = []
    original = merge.Merger.merge

    def counting(self, operations):
        merged.append(len(operations))
        return original(self, operations)

    monkeypatch.setattr(merge.Merger, "merge", counting)
    logged: list[int] = []
    event.listen(office.db.engine, "before_cursor_execute",
                 lambda _c, _cu, sql, params, *_: logged.append(len(params))
                 if sql.startswith("INSERT INTO sync_op") else None)
    before = digest(office)
    with pytest.raises(Exception, match="title"):
        import_file(office.db, path)
    assert sum(logged) >= 2 * PAGE and len([n for n in merged if n]) >= 3
    assert digest(office) == before
    assert list(private_temp.iterdir()) == []


def test_what_a_killed_import_left_is_removed_by_the_next(busy_town, private_temp):
    """An import killed half-way cannot remove its folder (the copy of the file, the
    plaintext): the next import does, and leaves alone the folder of one still running."""
    town, office = busy_town, busy_town.villages["v1"]
    killed = private_temp / f"{zipin.FOLDER_PREFIX}killed"
    killed.mkdir()
    (killed / zipin.IN_USE).write_bytes(b"")
    (killed / "inner.zip").write_bytes("解密后的内容".encode())
    running = private_temp / f"{zipin.FOLDER_PREFIX}running"
    running.mkdir()
    with open(running / zipin.IN_USE, "wb") as lock:
        zipin._lock(lock.fileno())  # noqa: SLF001 (as the running import holds it)
        path = export_file(town.db, town.stick / "down", for_peer=office.db.node.node_id)
        assert import_file(office.db, path).status == "merged"
        assert [p.name for p in private_temp.iterdir()] == [running.name]
