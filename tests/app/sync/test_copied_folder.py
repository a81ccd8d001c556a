"""A data folder copied to a second PC (issue 18, part 2): both copies write under one
identity; the fork is seen on both sides and nothing either PC wrote is lost."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from db.models import SyncFork, SyncOp
from desktop_app.services import Services
from desktop_app.storage.database import Database
from desktop_app.sync.identity import key_path
from desktop_app.sync.merge import SyncError
from desktop_app.sync.transfer import approve, export_file, import_file
from tests.app.sync.helpers import conflicts, snapshot


class Copy:
    """The same data folder opened on a second PC (database and key file copied)."""

    def __init__(self, original, folder) -> None:
        folder.mkdir()
        path = folder / original.db.path.name
        for suffix in ("", "-wal", "-shm"):  # the whole folder, as people copy it
            if original.db.path.with_name(original.db.path.name + suffix).exists():
                shutil.copy2(original.db.path.with_name(original.db.path.name + suffix),
                             path.with_name(path.name + suffix))
        shutil.copy2(key_path(original.db.path), key_path(path))
        self.db = Database(path)
        self.services = Services(self.db)
        self.db.officer_id = original.db.officer_id
        self.name = "copy"

    def close(self) -> None:
        self.db.close()


@pytest.fixture
def copied(town, tmp_path):
    """v1 with a shared task synced, then its folder copied to a second PC."""
    v1 = town.villages["v1"]
    v1.services.tasks.create(cluster_id=town.ids["c1"], title="复制前的任务")
    assert import_file(town.db, export_file(v1.db, tmp_path / "before")).status == "merged"
    second = Copy(v1, tmp_path / "second-pc")
    assert second.db.node.node_id == v1.db.node.node_id  # two PCs, one identity
    yield v1, second
    second.close()


def _chain(db, origin):
    with db.engine.connect() as connection:
        return [(r.seq, r.hash) for r in connection.execute(
            select(SyncOp.seq, SyncOp.hash).where(SyncOp.origin == origin)
            .order_by(SyncOp.seq))]


def _titles(pc):
    return sorted(t.title for t in pc.services.tasks.list().items)


def test_both_copies_write_and_both_reach_the_town(town, copied, tmp_path):
    first, second = copied
    cluster, shared_id = town.ids["c1"], first.services.tasks.list().items[0].id
    old_id = first.db.node.node_id
    first.services.tasks.create(cluster_id=cluster, title="第一台的任务")
    second.services.tasks.create(cluster_id=cluster, title="第二台的任务")
    second.services.tasks.update(shared_id, description="第二台改过")
    second.services.tasks.create(cluster_id=cluster, title="第二台的第二个任务")

    assert import_file(town.db, export_file(first.db, tmp_path / "a")).status == "merged"
    # The second copy's file: refused at the town, saying what happened and what to do.
    with pytest.raises(SyncError, match="数据文件夹被复制到了另一台电脑.*换用新身份"):
        import_file(town.db, export_file(second.db, tmp_path / "b"))
    with town.db.engine.connect() as connection:
        assert connection.execute(select(SyncFork.origin)).scalars().all() == [old_id]

    # The town's file for that office tells the second copy, which becomes a new PC.
    for_it = export_file(town.db, tmp_path / "t1", for_peer=old_id)
    learnt = import_file(second.db, for_it)
    assert learnt.status == "merged"
    assert "换用新身份" in learnt.message and "两台电脑的记录都不会丢失" in learnt.message
    new_id = second.db.node.node_id
    assert new_id != old_id
    assert _chain(second.db, old_id) == _chain(town.db, old_id)  # the first copy's chain
    assert [seq for seq, _ in _chain(second.db, new_id)] == [1, 2, 3]  # its own, re-issued
    assert import_file(first.db, for_it).status in ("merged", "known")  # nothing to do there
    assert first.db.node.node_id == old_id

    # Enrolled again at the town (the fingerprint read over the phone), then merged.
    waiting = import_file(town.db, export_file(second.db, tmp_path / "b2"))
    assert waiting.status == "quarantined" and "复制出的另一台电脑" in waiting.message
    approve(town.db, new_id, cluster_id=cluster)
    with town.db.engine.connect() as connection:
        assert connection.execute(select(SyncFork)).first() is None  # told; nothing to tell
    everything = ["复制前的任务", "第一台的任务", "第二台的任务", "第二台的第二个任务"]
    assert _titles(town) == everything
    shared = town.services.tasks.get(shared_id)
    assert shared.description == "第二台改过"

    for pc, name in ((first, "a2"), (second, "b3")):
        got = import_file(pc.db, export_file(town.db, tmp_path / name,
                                              for_peer=pc.db.node.node_id))
        assert got.status == "merged", got.message
    for pc in (first, second):
        assert _titles(pc) == everything
        assert snapshot(pc) == snapshot(town)
        assert conflicts(pc) == conflicts(town)
    assert _chain(town.db, new_id) == _chain(second.db, new_id)
    assert _chain(town.db, old_id) == _chain(first.db, old_id)

    # Both write on, each under its own identity, and sync as usual.
    second.services.tasks.create(cluster_id=cluster, title="换身份后的任务")
    assert import_file(town.db, export_file(second.db, tmp_path / "b4")).status == "merged"
    assert "换身份后的任务" in _titles(town)


def test_a_copy_that_wrote_nothing_since_takes_a_new_identity_before_it_forks(
        town, copied, tmp_path):
    """The other copy's operations under its id, past anything it wrote: it takes a new
    identity (none to re-issue), so its next record cannot fork the history."""
    first, second = copied
    old_id = first.db.node.node_id
    first.services.tasks.create(cluster_id=town.ids["c1"], title="第一台的任务")
    assert import_file(town.db, export_file(first.db, tmp_path / "a")).status == "merged"
    learnt = import_file(second.db, export_file(town.db, tmp_path / "t", full=True,
                                                for_peer=old_id))
    assert "换用新身份" in learnt.message and "0 条修改" in learnt.message
    assert second.db.node.node_id != old_id
    assert _titles(second) == ["复制前的任务", "第一台的任务"]
    second.services.tasks.create(cluster_id=town.ids["c1"], title="第二台的任务")
    assert import_file(town.db, export_file(second.db, tmp_path / "b")).status == "quarantined"
    approve(town.db, second.db.node.node_id, cluster_id=town.ids["c1"])
    assert _titles(town) == ["复制前的任务", "第一台的任务", "第二台的任务"]


def test_a_copy_whose_chain_the_town_kept_sees_nothing(town, copied, tmp_path):
    """The copy that reached the town first keeps its identity; the town's later files,
    which carry that office's operations again from the fork, change nothing for it."""
    first, second = copied
    old_id = first.db.node.node_id
    first.services.tasks.create(cluster_id=town.ids["c1"], title="第一台的任务")
    second.services.tasks.create(cluster_id=town.ids["c1"], title="第二台的任务")
    import_file(town.db, export_file(first.db, tmp_path / "a"))
    with pytest.raises(SyncError):
        import_file(town.db, export_file(second.db, tmp_path / "b"))
    before = _chain(first.db, old_id)
    got = import_file(first.db, export_file(town.db, tmp_path / "t", for_peer=old_id))
    assert got.status == "merged" and "换用新身份" not in got.message
    assert first.db.node.node_id == old_id and _chain(first.db, old_id) == before


def test_a_restored_pc_is_not_mistaken_for_a_copy(town, tmp_path):
    """Its own operations coming back from the town (seq up to what it sent) are its own."""
    from desktop_app.storage import backups

    v1 = town.villages["v1"]
    origin = v1.db.node.node_id
    backup = backups.create(v1.db.path)
    v1.services.tasks.create(cluster_id=town.ids["c1"], title="备份后的任务")
    import_file(town.db, export_file(v1.db, tmp_path / "a"))
    v1.db.close()
    backups.restore(v1.db.path, backup.path)
    v1.db = Database(v1.db.path)
    v1.services = Services(v1.db)
    import_file(town.db, export_file(v1.db, tmp_path / "b"))
    got = import_file(v1.db, export_file(town.db, tmp_path / "t", for_peer=origin))
    assert "换用新身份" not in got.message
    assert v1.db.node.node_id == origin and v1.db.history_gap == 0


def test_a_kill_before_the_new_key_file_is_in_place_keeps_the_new_identity(town, copied,
                                                                            tmp_path):
    """The database took the new identity; its key file was still beside the old one."""
    import os

    first, second = copied
    first.services.tasks.create(cluster_id=town.ids["c1"], title="第一台的任务")
    import_file(town.db, export_file(first.db, tmp_path / "a"))
    keys = key_path(second.db.path)
    old_keys = keys.read_bytes()
    import_file(second.db, export_file(town.db, tmp_path / "t", full=True,
                                       for_peer=first.db.node.node_id))
    new_id = second.db.node.node_id
    second.close()
    os.replace(keys, keys.with_name(keys.name + ".new"))  # as if killed before the move
    keys.write_bytes(old_keys)
    second.db = Database(second.db.path)
    assert second.db.identity_renewed is None and second.db.node.node_id == new_id
