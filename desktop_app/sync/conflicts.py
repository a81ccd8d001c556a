"""The conflict list a person reviews, and resolving an entry with an ordinary edit.

Resolving writes the chosen value as a normal change: it is logged, syncs like any other,
and — because its writer had seen both values — clears the conflict on every PC.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm.attributes import flag_modified

from db.models import SyncConflict, SyncedRecord, SyncPeer
from desktop_app.records.errors import UserError, ValidationError
from desktop_app.storage.database import Database
from desktop_app.sync.codec import from_text
from desktop_app.sync.merge import SYNCED_TABLES, wall_time

MODELS = {model.__tablename__: model for model in SyncedRecord.__subclasses__()}


@dataclass(frozen=True)
class Side:
    value: Any
    node_id: str
    node: str  # the PC's name as this PC knows it (or its id)
    author: str  # the officer's name, when known
    at: datetime  # UTC


@dataclass(frozen=True)
class Conflict:
    id: str
    tbl: str
    row_id: str
    record: str  # title or name of the record
    field: str
    winner: Side
    loser: Side


def list_conflicts(db: Database) -> list[Conflict]:
    with db.session() as session:
        rows = session.scalars(select(SyncConflict).order_by(SyncConflict.tbl, SyncConflict.row_id,
                                                             SyncConflict.field)).all()
        nodes = {p.node_id: p.name for p in session.scalars(select(SyncPeer))}
        nodes[db.node.node_id] = db.node.name or "本机"
        result = []
        for row in rows:
            model = MODELS[row.tbl]
            record = session.get(model, row.row_id)
            label = getattr(record, "title", None) or getattr(record, "name", None) or row.row_id
            result.append(Conflict(row.id, row.tbl, row.row_id, label, row.field,
                                   _side(session, nodes, json.loads(row.winner)),
                                   _side(session, nodes, json.loads(row.loser))))
        return result


def _side(session, nodes: dict[str, str], head: list) -> Side:
    hlc, origin, _seq, _epoch, value = head
    return Side(value, origin, nodes.get(origin, origin), "", wall_time(hlc))


def resolve(db: Database, conflict_id: str, *, keep: str = "winner",
            value: Any = None) -> None:
    """Keep the winner's or the loser's value, or a new ``value``; logged as a normal edit."""
    with db.transaction() as session:
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None:
            raise UserError(f"找不到冲突：{conflict_id}")
        model = MODELS[conflict.tbl]
        record = session.get(model, conflict.row_id)
        column = SYNCED_TABLES[conflict.tbl].c[conflict.field]
        if value is None:
            if keep not in ("winner", "loser"):
                raise ValidationError("keep", "请选择保留哪一方的值（winner 或 loser），或给出新值")
            value = json.loads(getattr(conflict, keep))[4]
        try:
            chosen = from_text(column.type, value)
        except (TypeError, ValueError) as error:
            raise ValidationError("value",
                                  f"值“{value}”不符合字段 {conflict.field} 的格式") from error
        setattr(record, conflict.field, chosen)
        flag_modified(record, conflict.field)  # logged even when the value stays the same
        session.flush()


__all__ = ["Conflict", "list_conflicts", "resolve"]
