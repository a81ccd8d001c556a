"""Local writes become operations in the log, in the same transaction as the change.

Called from the write path (``desktop_app.storage.database``) for every new or changed record:
each gets the next gapless ``seq`` of this node, a hash chained to the previous
operation, and its fields' clocks. Writing a field here resolves any conflict on it: this
node had seen every value it now overwrites.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, delete, inspect, select
from sqlmodel import col

from db.models import SYNC_META_COLUMNS, SyncConflict, SyncedRecord, SyncOp, table_of
from desktop_app.sync.clocks import record_clocks
from desktop_app.sync.codec import canonical_text, dumps, encode

GENESIS = "0" * 64
# ``connection.info`` key of ``origin -> (seq, hash)`` of the operations this connection
# logged in a batch of writes (``Database.batch()``: an Excel import), so each record's flush
# does not ask the table for the head it just wrote. Present only while a batch runs.
BATCH_HEADS = "lianjian.batch_op_heads"


def op_body(origin: str, seq: int, hlc: int, epoch: int, tbl: str, row_id: str,
            fields: dict, author: str | None) -> str:
    """The text an operation's hash covers, written once by its origin and from then on
    stored and sent byte for byte (never rebuilt from the values)."""
    return canonical_text([origin, seq, hlc, epoch, tbl, row_id, fields, author])


def op_hash(prev_hash: str, body: str) -> str:
    """Chains an origin's operations: SHA-256 of the previous hash followed by the body."""
    return hashlib.sha256((prev_hash + body).encode()).hexdigest()


def changed_fields(record: SyncedRecord, is_new: bool) -> dict:
    """The record's fields this write sets, as JSON values."""
    columns = [c.key for c in table_of(record).columns if c.key not in SYNC_META_COLUMNS]
    if is_new:
        return {name: encode(getattr(record, name)) for name in columns}
    state = inspect(record)
    return {name: encode(getattr(record, name)) for name in columns
            if state.attrs[name].history.has_changes()}


# Built once: every save asks it (building the statement each time cost more than running it).
_LAST_OP = (select(col(SyncOp.seq), col(SyncOp.hash))
            .where(col(SyncOp.origin) == bindparam("origin"))
            .order_by(col(SyncOp.seq).desc()).limit(1))


def last_op(connection: Connection, origin: str) -> tuple[int, str]:
    heads = connection.info.get(BATCH_HEADS)
    if heads is not None and origin in heads:
        return heads[origin]
    row = connection.execute(_LAST_OP, {"origin": origin}).first()
    return (row.seq, row.hash) if row else (0, GENESIS)


def record_local_ops(connection: Connection, origin: str, epoch: int,
                     writes: Iterable[tuple[SyncedRecord, bool]]) -> None:
    """Log each ``(record, is_new)`` already stamped with its ``version``; sets ``clocks``."""
    seq, prev = last_op(connection, origin)
    rows = []
    for record, is_new in writes:
        fields = changed_fields(record, is_new)
        if not fields:
            continue
        seq += 1
        clock = [record.version, origin, seq, epoch]
        if is_new:
            clocks = {"*": clock}
        else:
            clocks = record_clocks(record.clocks, _committed(record, "version"),
                                   _committed(record, "origin"))
            clocks.update({name: clock for name in fields})
            _resolve(connection, record, fields)
        record.clocks = dumps(clocks)
        tbl = table_of(record).name
        body = op_body(origin, seq, record.version, epoch, tbl, record.id, fields,
                       record.recorded_by)
        prev_hash, prev = prev, op_hash(prev, body)
        rows.append({"origin": origin, "seq": seq, "hlc": record.version, "epoch": epoch,
                     "tbl": tbl, "row_id": record.id, "author": record.recorded_by,
                     "prev_hash": prev_hash, "hash": prev, "body": body})
    if rows:
        connection.execute(table_of(SyncOp).insert(), rows)
        heads = connection.info.get(BATCH_HEADS)
        if heads is not None:
            heads[origin] = (seq, prev)


def _committed(record: SyncedRecord, name: str):
    history = inspect(record).attrs[name].history
    if history.deleted:
        return history.deleted[0]
    return getattr(record, name)


def _resolve(connection: Connection, record: SyncedRecord, fields: dict) -> None:
    """A local write of a field settles its conflicts: the writer saw every value."""
    if not record.heads:
        return
    heads = json.loads(record.heads)
    settled = [name for name in fields if name in heads]
    if not settled:
        return
    for name in settled:
        del heads[name]
    record.heads = dumps(heads) if heads else None
    connection.execute(delete(SyncConflict).where(
        col(SyncConflict.row_id) == record.id, col(SyncConflict.field).in_(settled)))
