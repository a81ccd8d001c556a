"""A PC restored from a backup does not fork the sync history (issue 18, part 5): what it sent
after the backup comes back from the town, and its own sequence continues after it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db.models import SyncOp
from desktop_app.records.errors import UserError
from desktop_app.services import Services
from desktop_app.storage import backups
from desktop_app.storage.database import Database
from desktop_app.sync.transfer import export_file, import_file


def _round_trip(village, town, folder):
    """The village's file to the town, then the town's file for the village back."""
    up = import_file(town.db, export_file(village.db, folder / "up"))
    assert up.status == "merged", up.message
    down = import_file(village.db, export_file(town.db, folder / "down",
                                                for_peer=village.db.node.node_id))
    assert down.status in ("merged", "known"), down.message
    return down


def _own_seqs(db, origin):
    with db.engine.connect() as connection:
        return [row.seq for row in connection.execute(
            select(SyncOp.seq).where(SyncOp.origin == origin).order_by(SyncOp.seq))]


def test_write_sync_back_up_write_sync_restore_sync_loses_nothing(town, tmp_path):
    v1, cluster = town.villages["v1"], town.ids["c1"]
    origin = v1.db.node.node_id
    v1.services.tasks.create(cluster_id=cluster, title="备份前的任务")
    _round_trip(v1, town, tmp_path / "1")
    backup = backups.create(v1.db.path)
    v1.services.tasks.create(cluster_id=cluster, title="备份后已同步的任务")
    v1.services.tasks.update(v1.services.tasks.list().items[0].id, description="备份后改过")
    _round_trip(v1, town, tmp_path / "2")
    sent = _own_seqs(v1.db, origin)

    v1.db.close()
    backups.restore(v1.db.path, backup.path)
    v1.db = Database(v1.db.path)
    v1.services = Services(v1.db)
    assert v1.db.history_gap == len(sent) - len(_own_seqs(v1.db, origin)) > 0
    with pytest.raises(UserError, match="从备份恢复"):  # a write now would fork the history
        v1.services.tasks.create(cluster_id=cluster, title="太早")

    _round_trip(v1, town, tmp_path / "3")
    assert v1.db.history_gap == 0
    assert _own_seqs(v1.db, origin) == sent
    titles = sorted(t.title for t in v1.services.tasks.list().items)
    assert titles == ["备份前的任务", "备份后已同步的任务"]
    assert any(t.description == "备份后改过" for t in v1.services.tasks.list().items)

    v1.services.tasks.create(cluster_id=cluster, title="恢复后的任务")
    _round_trip(v1, town, tmp_path / "4")
    own = _own_seqs(v1.db, origin)
    assert own == list(range(1, len(own) + 1)) and len(own) == len(sent) + 1
    assert _own_seqs(town.db, origin) == own  # no gap, no duplicate, nothing refused
    assert sorted(t.title for t in town.services.tasks.list().items) == [
        "备份前的任务", "备份后已同步的任务", "恢复后的任务"]


def test_a_restored_pc_whose_later_files_never_reached_the_town_writes_on(town, tmp_path):
    """What went out after the backup never arrived (a lost stick): the town's file says the
    highest it knows, and the PC continues after that."""
    v1, cluster = town.villages["v1"], town.ids["c1"]
    origin = v1.db.node.node_id
    _round_trip(v1, town, tmp_path / "1")
    backup = backups.create(v1.db.path)
    v1.services.tasks.create(cluster_id=cluster, title="丢失的任务")
    export_file(v1.db, tmp_path / "lost")  # the stick is lost on the way
    v1.db.close()
    backups.restore(v1.db.path, backup.path)
    v1.db = Database(v1.db.path)
    v1.services = Services(v1.db)
    assert v1.db.history_gap == 1
    _round_trip(v1, town, tmp_path / "2")
    assert v1.db.history_gap == 0
    v1.services.tasks.create(cluster_id=cluster, title="恢复后的任务")
    _round_trip(v1, town, tmp_path / "3")
    assert _own_seqs(town.db, origin) == _own_seqs(v1.db, origin)
