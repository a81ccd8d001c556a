"""The operation log of rows written in bulk, as the write path would have logged them.

The sample generator bypasses the ORM (``rows.py``), so its rows are not in ``sync_op``.
For the five-year town the log matters (sync files, onboarding a new PC, the log's growth):
:func:`log_bulk_rows` logs every row with no ``clocks`` yet, in the order of the rows'
``version``, with the bodies, hashes, sequence numbers and field clocks that
``sync.oplog.record_local_ops`` would have written. A closed task is logged as people write
it: created open, then its status changed (a second operation), so the log holds more
operations than rows, as a real one does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import Any

from sqlalchemy import Boolean, Connection, DateTime, Table, Time
from sqlmodel import SQLModel

from db.models import SYNC_META_COLUMNS, SyncOp, table_of
from desktop_app.storage.database import Database
from desktop_app.sync.codec import dumps
from desktop_app.sync.oplog import last_op, op_body, op_hash

# Fields of a task its closing edit sets (the creation wrote it open, without them).
CLOSING_FIELDS = ("status", "solved_at", "reported_at")
OPEN_TASK = {"status": "pending", "solved_at": None, "reported_at": None}


def _stored_to_json(table: Table) -> list[tuple[int, Callable[[Any], Any]]]:
    """Positions of the columns whose stored text differs from the operation's JSON
    (``codec.encode``): datetimes and times (ISO with ``T``, no zero microseconds), booleans."""
    convert: list[tuple[int, Callable[[Any], Any]]] = []
    for index, column in enumerate(c for c in table.columns if c.name not in SYNC_META_COLUMNS):
        if isinstance(column.type, DateTime):
            convert.append((index, lambda v: datetime.fromisoformat(v).isoformat()))
        elif isinstance(column.type, Time):
            convert.append((index, lambda v: time.fromisoformat(v).isoformat()))
        elif isinstance(column.type, Boolean):
            convert.append((index, bool))
    return convert


def _unlogged(connection: Connection, table: Table):
    """(version, table, rowid, id, author, fields) of the rows of ``table`` not yet logged."""
    names = [c.name for c in table.columns if c.name not in SYNC_META_COLUMNS]
    convert = _stored_to_json(table)
    columns = ", ".join(f'"{n}"' for n in names)
    for row in connection.exec_driver_sql(
            f'SELECT version, rowid, id, recorded_by, {columns} FROM "{table.name}"'
            " WHERE clocks IS NULL"):
        values = list(row[4:])
        for index, converter in convert:
            if values[index] is not None:
                values[index] = converter(values[index])
        yield row[0], table.name, row[1], row[2], row[3], dict(zip(names, values, strict=True))


def log_bulk_rows(connection: Connection, db: Database) -> int:
    """Log every synced row without ``clocks`` as this node's own operations; returns how
    many operations were written."""
    origin, epoch = db.node.node_id, db.node.epoch
    writes = []
    for table in SQLModel.metadata.sorted_tables:
        if "clocks" in table.columns and table.name != table_of(SyncOp).name:
            writes.extend(_unlogged(connection, table))
    writes.sort(key=lambda write: write[0])
    seq, prev = last_op(connection, origin)
    ops: list[tuple] = []
    stamps: dict[str, dict[int, tuple[dict, int]]] = {}

    def log(hlc: int, tbl: str, row_id: str, fields: dict, author: str | None) -> list:
        nonlocal seq, prev
        seq += 1
        body = op_body(origin, seq, hlc, epoch, tbl, row_id, fields, author)
        prev_hash, prev = prev, op_hash(prev, body)
        ops.append((origin, seq, hlc, epoch, tbl, row_id, author, prev_hash, prev, body))
        return [hlc, origin, seq, epoch]

    closing = []
    for version, tbl, rowid, row_id, author, fields in writes:
        if tbl == "work_task" and fields["status"] != "pending":
            closing.append((tbl, rowid, row_id, author, fields))
            fields = {**fields, **OPEN_TASK}
        clock = log(version, tbl, row_id, fields, author)
        stamps.setdefault(tbl, {})[rowid] = ({"*": clock}, version)
    for tbl, rowid, row_id, author, fields in closing:  # closed after every creation
        version = db.clock.now()
        clock = log(version, tbl, row_id, {k: fields[k] for k in CLOSING_FIELDS}, author)
        clocks = stamps[tbl][rowid][0]
        clocks.update(dict.fromkeys(CLOSING_FIELDS, clock))
        stamps[tbl][rowid] = (clocks, version)
    for tbl, rows in stamps.items():
        connection.exec_driver_sql(
            f'UPDATE "{tbl}" SET clocks = ?, version = ? WHERE rowid = ?',
            [(dumps(clocks), version, rowid) for rowid, (clocks, version) in rows.items()])
    if ops:
        connection.exec_driver_sql(
            "INSERT INTO sync_op (origin, seq, hlc, epoch, tbl, row_id, author, prev_hash,"
            " hash, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ops)
    return len(ops)

