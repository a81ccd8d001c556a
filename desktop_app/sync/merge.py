"""Applying operations from other PCs: per-field last-writer-wins, conflicts kept, gaps held.

Rules (docs/sync.md):
- per origin, operations apply in ``seq`` order without gaps; later ones wait in
  ``sync_pending`` until the gap fills; the same operation twice changes nothing;
- each field keeps the value with the largest clock (hybrid-logical-clock value, then node
  id); a value the winner had not seen is kept as a conflict for a person to review;
- ``deleted`` is a field like any other: a deletion and a concurrent edit of other fields
  both stand (the record stays deleted, with the edit); an older file never undoes a newer
  deletion; an edit of a record not received yet waits as a "ghost" until it arrives.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from db.models import (
    SYNC_META_COLUMNS,
    SyncConflict,
    SyncedRecord,
    SyncEpoch,
    SyncGhost,
    SyncOp,
    SyncPending,
)
from desktop_app.errors import UserError
from desktop_app.sync.clocks import Clock, clock_of, order_key, record_clocks, saw
from desktop_app.sync.codec import decoder, dumps, encode
from desktop_app.sync.oplog import GENESIS, op_body, op_hash

SYNCED_TABLES: dict[str, Table] = {
    model.__tablename__: model.__table__ for model in SyncedRecord.__subclasses__()
}


class SyncError(UserError):
    """A file or an operation that must be refused; the message is for a person."""


@dataclass(frozen=True)
class Operation:
    origin: str
    seq: int
    hlc: int
    epoch: int
    tbl: str
    row_id: str
    fields: dict[str, Any]
    author: str | None
    prev_hash: str
    hash: str

    @property
    def clock(self) -> Clock:
        return [self.hlc, self.origin, self.seq, self.epoch]

    def body(self) -> list:
        return op_body(self.origin, self.seq, self.hlc, self.epoch, self.tbl, self.row_id,
                       self.fields, self.author)

    def row(self) -> dict[str, Any]:
        return {"origin": self.origin, "seq": self.seq, "hlc": self.hlc, "epoch": self.epoch,
                "tbl": self.tbl, "row_id": self.row_id, "fields": dumps(self.fields),
                "author": self.author, "prev_hash": self.prev_hash, "hash": self.hash}

    @classmethod
    def from_row(cls, row) -> Operation:
        return cls(row.origin, row.seq, row.hlc, row.epoch, row.tbl, row.row_id,
                   json.loads(row.fields), row.author, row.prev_hash, row.hash)


def check_operation(op: Operation) -> None:
    """Refuse an operation that is malformed or whose hash does not match its content."""
    table = SYNCED_TABLES.get(op.tbl)
    if table is None:
        raise SyncError(f"未知的数据表：{op.tbl}")
    if not isinstance(op.row_id, str) or not 0 < len(op.row_id) <= 64:
        raise SyncError(f"记录编号无效：{op.row_id!r}")
    if op.seq < 1:
        raise SyncError(f"操作序号无效：{op.seq}")
    unknown = set(op.fields) - {c.key for c in table.columns} | (set(op.fields) & SYNC_META_COLUMNS)
    if unknown:
        raise SyncError(f"数据表 {op.tbl} 没有可同步的字段：{'、'.join(sorted(unknown))}")
    for name, value in op.fields.items():
        try:
            decoder(table.c[name].type)(value)
        except (TypeError, ValueError) as error:
            raise SyncError(f"{op.tbl}.{name} 的值无效：{value!r}") from error
    if op_hash(op.prev_hash, op.body()) != op.hash:
        raise SyncError(f"操作内容与校验值不符（{op.origin} 第 {op.seq} 条）：文件可能被改动")


@dataclass
class MergeReport:
    applied: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # origin -> ops
    duplicates: int = 0
    waiting: int = 0  # held past a gap
    new_conflicts: int = 0
    touched: set[tuple[str, str]] = field(default_factory=set)  # (table, row id)
    max_hlc: int = 0


class Merger:
    """Applies operations inside the caller's transaction (one per import)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._vectors: dict[tuple[str, int], dict[str, int]] = {}
        self.report = MergeReport()

    # --- what each writer had seen ----------------------------------------------------
    def add_epochs(self, epochs: Iterable[tuple[str, int, dict[str, int]]]) -> None:
        for origin, epoch, vv in epochs:
            exists = self.connection.execute(select(SyncEpoch.origin).where(
                SyncEpoch.origin == origin, SyncEpoch.epoch == epoch)).first()
            if not exists:
                self.connection.execute(insert(SyncEpoch).values(
                    origin=origin, epoch=epoch, vv=dumps(vv)))

    def vectors(self, origin: str, epoch: int) -> dict[str, int]:
        key = (origin, epoch)
        if key not in self._vectors:
            row = self.connection.execute(select(SyncEpoch.vv).where(
                SyncEpoch.origin == origin, SyncEpoch.epoch == epoch)).first()
            self._vectors[key] = json.loads(row.vv) if row else {}
        return self._vectors[key]

    # --- ordering -------------------------------------------------------------------
    def applied_seq(self, origin: str) -> tuple[int, str]:
        row = self.connection.execute(
            select(SyncOp.seq, SyncOp.hash).where(SyncOp.origin == origin)
            .order_by(SyncOp.seq.desc()).limit(1)).first()
        return (row.seq, row.hash) if row else (0, GENESIS)

    def merge(self, operations: Iterable[Operation]) -> MergeReport:
        """Log and apply what is next in each origin's sequence; hold the rest."""
        for op in operations:
            self._receive(op)
        ready = self._ready()
        for op in sorted(ready, key=lambda o: (o.hlc, o.origin, o.seq)):
            self._apply(op)
        return self.report

    def _receive(self, op: Operation) -> None:
        stored = self.connection.execute(select(SyncOp.hash).where(
            SyncOp.origin == op.origin, SyncOp.seq == op.seq)).first()
        if stored is not None:
            if stored.hash != op.hash:
                raise SyncError(
                    f"节点 {op.origin} 的第 {op.seq} 条操作与已收到的不同：可能是复制的数据库"
                    "或伪造的文件")
            self.report.duplicates += 1
            return
        pending = self.connection.execute(select(SyncPending.hash).where(
            SyncPending.origin == op.origin, SyncPending.seq == op.seq)).first()
        if pending is None:
            self.connection.execute(insert(SyncPending).values(**op.row()))

    def _ready(self) -> list[Operation]:
        """Pending operations that now continue their origin's log without a gap."""
        ready: list[Operation] = []
        origins = self.connection.execute(select(SyncPending.origin).distinct()).scalars().all()
        for origin in origins:
            seq, last_hash = self.applied_seq(origin)
            rows = self.connection.execute(
                select(SyncPending).where(SyncPending.origin == origin, SyncPending.seq > seq)
                .order_by(SyncPending.seq)).all()
            for row in rows:
                op = Operation.from_row(row)
                if op.seq != seq + 1:
                    break
                if op.prev_hash != last_hash:
                    raise SyncError(f"节点 {origin} 的操作链在第 {op.seq} 条断开：文件可能被改动")
                ready.append(op)
                seq, last_hash = op.seq, op.hash
            self.connection.execute(delete(SyncPending).where(
                SyncPending.origin == origin, SyncPending.seq <= seq))
        self.report.waiting = self.connection.execute(
            select(func.count()).select_from(SyncPending)).scalar_one()
        return ready

    # --- one operation --------------------------------------------------------------
    def _apply(self, op: Operation) -> None:
        self.connection.execute(insert(SyncOp).values(**op.row()))
        self.report.applied[op.origin] += 1
        self.report.max_hlc = max(self.report.max_hlc, op.hlc)
        self.report.touched.add((op.tbl, op.row_id))
        table = SYNCED_TABLES[op.tbl]
        row = self.connection.execute(select(table).where(table.c.id == op.row_id)).first()
        if row is None:
            if "created_at" in op.fields:
                self._insert(table, op)
            else:
                self._add_ghost(op)
            return
        self._merge_fields(table, row._mapping, op.clock, op.fields, op.author)

    def _insert(self, table: Table, op: Operation) -> None:
        values = {name: decoder(table.c[name].type)(value) for name, value in op.fields.items()}
        values.update(id=op.row_id, version=op.hlc, origin=op.origin, recorded_by=op.author,
                      updated_at=wall_time(op.hlc), clocks=dumps({"*": op.clock}), heads=None)
        self.connection.execute(insert(table).values(**values))
        ghost = self.connection.execute(select(SyncGhost).where(
            SyncGhost.row_id == op.row_id)).first()
        if ghost is None:
            return
        self.connection.execute(delete(SyncGhost).where(SyncGhost.row_id == op.row_id))
        for name, (value, clock) in json.loads(ghost.fields).items():
            row = self.connection.execute(select(table).where(table.c.id == op.row_id)).first()
            self._merge_fields(table, row._mapping, clock, {name: value}, None)

    def _add_ghost(self, op: Operation) -> None:
        row = self.connection.execute(select(SyncGhost).where(SyncGhost.row_id == op.row_id)).first()
        fields = json.loads(row.fields) if row else {}
        for name, value in op.fields.items():
            if name not in fields or order_key(op.clock) > order_key(fields[name][1]):
                fields[name] = [value, op.clock]
        statement = (update(SyncGhost).where(SyncGhost.row_id == op.row_id) if row
                     else insert(SyncGhost).values(row_id=op.row_id, tbl=op.tbl))
        self.connection.execute(statement.values(fields=dumps(fields)))

    def _merge_fields(self, table: Table, row, clock: Clock, fields: dict[str, Any],
                      author: str | None) -> None:
        clocks = record_clocks(row["clocks"], row["version"], row["origin"])
        heads = json.loads(row["heads"]) if row["heads"] else {}
        changes: dict[str, Any] = {}
        won = False
        for name, value in fields.items():
            current = clock_of(clocks, name)
            competing = heads.get(name) or [[*current, encode(row[name])]]
            if any(saw(h[:4], clock, self.vectors) for h in competing):
                continue  # a value already here had seen this one: it is old news
            competing = [h for h in competing if not saw(clock, h[:4], self.vectors)]
            competing.append([*clock, value])
            winner = max(competing, key=lambda h: order_key(h[:4]))
            if winner[:4] == clock:
                changes[name] = decoder(table.c[name].type)(value)
                clocks[name] = clock
                won = True
            if len(competing) > 1:
                heads[name] = competing
            else:
                heads.pop(name, None)
            self._record_conflicts(table.name, row["id"], name, competing, winner)
        if won and clock[0] > row["version"]:
            changes.update(version=clock[0], origin=clock[1], recorded_by=author,
                           updated_at=wall_time(clock[0]))
        changes.update(clocks=dumps(_compact(clocks)), heads=dumps(heads) if heads else None)
        self.connection.execute(update(table).where(table.c.id == row["id"]).values(**changes))

    def _record_conflicts(self, tbl: str, row_id: str, name: str, competing: list,
                          winner: list) -> None:
        self.connection.execute(delete(SyncConflict).where(
            SyncConflict.row_id == row_id, SyncConflict.field == name))
        for loser in competing:
            if loser is winner:
                continue
            self.connection.execute(insert(SyncConflict).values(
                id=conflict_id(row_id, name, loser), tbl=tbl, row_id=row_id, field=name,
                winner=dumps(winner), loser=dumps(loser)))
            self.report.new_conflicts += 1


def conflict_id(row_id: str, name: str, loser: list) -> str:
    return hashlib.sha256(dumps([row_id, name, loser[:4]]).encode()).hexdigest()[:32]


def wall_time(hlc: int) -> datetime:
    """The UTC wall time inside a hybrid-logical-clock value (naive, as stored)."""
    seconds = (hlc >> 16) / 1000
    return datetime.fromtimestamp(seconds, timezone.utc).replace(tzinfo=None)


def _compact(clocks: dict[str, Clock]) -> dict[str, Clock]:
    """Drop per-field clocks equal to the record's common one."""
    common = clocks["*"]
    return {"*": common, **{k: v for k, v in clocks.items() if k != "*" and v != common}}


def current_vector(connection: Connection) -> dict[str, int]:
    """Per origin, the highest operation applied here (this node's version vector)."""
    rows = connection.execute(select(SyncOp.origin, func.max(SyncOp.seq)).group_by(SyncOp.origin))
    return {origin: seq for origin, seq in rows}


__all__ = ["Merger", "Operation", "SyncError", "check_operation", "current_vector"]
