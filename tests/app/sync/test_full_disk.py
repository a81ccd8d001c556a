"""A sync file read on a PC whose disk is full: refused with the full-disk message, nothing of
it merged, and the same file taken in whole once there is room again."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from db.models import SyncFile, WorkTask
from desktop_app.storage.faults import DatabaseUnavailable
from desktop_app.sync.transfer import approve, export_file, import_file
from tests.app.sync.helpers import introduce, setup_town


def count(pc, model) -> int:
    with pc.db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(model)).scalar_one()


def test_an_import_on_a_full_disk_merges_nothing_and_works_later(pcs, tmp_path):
    town, office = pcs("town"), pcs("office")
    cluster, village = setup_town(town)
    introduce(office, town, tmp_path)
    import_file(office.db, export_file(town.db, tmp_path / "first", full=True))
    approve(office.db, town.db.node.node_id)
    for number in range(150):  # enough that the file cannot fit in the room left
        town.services.tasks.create(cluster_id=cluster, title=f"清理第{number}号排水沟" * 5,
                                   description="说明" * 300, village_ids=[village])
    path = export_file(town.db, tmp_path / "stick")
    tasks, files = count(office, WorkTask), count(office, SyncFile)

    def no_room(dbapi_connection, _record) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(office.db.engine, "connect", no_room)
    office.db.engine.dispose()  # new connections: the disk is "full"
    with pytest.raises(DatabaseUnavailable) as error:
        import_file(office.db, path)
    assert error.value.kind == "full" and "磁盘已满" in str(error.value)
    event.remove(office.db.engine, "connect", no_room)
    office.db.engine.dispose()
    assert (count(office, WorkTask), count(office, SyncFile)) == (tasks, files)  # not half

    report = import_file(office.db, path)  # room again: the same file, whole
    assert report.status == "merged", report.message
    assert count(office, WorkTask) == tasks + 150
