"""What the sync tests compare between PCs."""

from __future__ import annotations

import hashlib
import sqlite3
import tracemalloc

from sqlalchemy import select

from db.models import SyncConflict
from desktop_app.sync.merge import SYNCED_TABLES
from desktop_app.sync.oplog import last_op, op_body, op_hash

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


def plain_content(path, reader) -> bytes:
    """The plain (format 2) file inside the encrypted file at ``path``, opened as ``reader``."""
    import tempfile
    from pathlib import Path

    from desktop_app.sync import envelope, zipin

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        staged = zipin.stage(Path(path), folder)
        return envelope.open_envelope(staged, folder, reader.db.node.node_id,
                                      reader.db.key_path).inner.path.read_bytes()


def log_edits(pc, count: int, write=None) -> None:
    """``count`` more operations of the PC's own in its log (a task's description written
    again and again, or what ``write(seq, task)`` says: a row id and its fields), chained
    as the write path chains them."""
    origin, epoch = pc.db.node.node_id, pc.db.node.epoch
    task = pc.services.tasks.ids()[0]
    with pc.db.begin() as connection:
        seq, prev = last_op(connection, origin)
        rows = []
        for _ in range(count):
            seq += 1
            row_id, fields = (write(seq, task) if write is not None else (
                task, {"description": f"第 {seq} 次补充说明：" + "走访记录" * 40}))
            body = op_body(origin, seq, pc.db.clock.now(), epoch, "work_task", row_id, fields,
                           None)
            prev_hash, prev = prev, op_hash(prev, body)
            rows.append((origin, seq, 0, epoch, "work_task", row_id, None, prev_hash, prev, body))
        connection.exec_driver_sql(
            "INSERT INTO sync_op (origin, seq, hlc, epoch, tbl, row_id, author, prev_hash,"
            " hash, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def copy_tasks(pc, count: int) -> None:
    """``count`` more task rows, copies of the first one (for a snapshot's size)."""
    names = ", ".join(f'"{c.name}"' for c in SYNCED_TABLES["work_task"].columns
                      if c.name != "id")
    with pc.db.begin() as connection:
        first = connection.exec_driver_sql("SELECT id, count(*) FROM work_task").one()
        connection.exec_driver_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            f" INSERT INTO work_task (id, {names}) SELECT printf('copy-%d-%d', ?, i), {names}"
            " FROM n, work_task WHERE work_task.id = ?", (count, first[1], first[0]))


def peak_bytes(action) -> int:
    """The most memory Python held at once (``tracemalloc``) while ``action`` ran."""
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
