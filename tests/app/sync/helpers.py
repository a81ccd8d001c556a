"""What the sync tests compare between PCs."""

from __future__ import annotations

import hashlib
import sqlite3

from sqlalchemy import select

from db.models import SyncConflict
from desktop_app.sync.merge import SYNCED_TABLES

COMPARED = ("town", "cluster", "village", "person", "work_task", "task_claim")
NOT_COMPARED = {"clocks", "heads", "updated_at", "recorded_by", "origin", "version"}


def snapshot(pc, tables=COMPARED):
    """Every synced record's user-visible fields, for comparing PCs."""
    result = {}
    with pc.db.engine.connect() as connection:
        for name in tables:
            table = SYNCED_TABLES[name]
            columns = [c for c in table.columns if c.key not in NOT_COMPARED]
            result[name] = sorted(tuple(str(v) for v in row) for row in
                                  connection.execute(select(*columns)))
    return result


def conflicts(pc):
    with pc.db.engine.connect() as connection:
        return sorted((r.row_id, r.field, r.winner, r.loser)
                      for r in connection.execute(select(SyncConflict)))


def setup_town(pc):
    """A town, a cluster, a village and an officer on shift, on ``pc``."""
    s = pc.services
    town = s.towns.create(name="大王镇", county="广饶县")
    cluster = s.clusters.create(town_id=town.id, name="黄璩联合党总支")
    village = s.villages.create(cluster_id=cluster.id, name="黄璩村")
    person = s.people.create(name="王建国", village_id=village.id)
    s.duty.start(cluster.id, [person.id])
    return cluster.id, village.id


def digest(pc) -> str:
    """A digest of every row of every table (what "nothing changed" means)."""
    connection = sqlite3.connect(pc.db.path)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


def introduce(reader, writer, folder) -> None:
    """``writer`` reads ``reader``'s first file and approves it: it now knows the key to
    encrypt its files for ``reader`` (files are readable only by PCs whose key is known)."""
    from desktop_app.sync.transfer import approve, export_file, import_file

    import_file(writer.db, export_file(reader.db, folder / f"hello-{reader.name}"))
    approve(writer.db, reader.db.node.node_id)
