"""修改历史: each change of a record — field, old and new value, who, when, on which PC —
read from the operation log sync keeps (``sync_op``, desktop_app/sync/oplog.py), with the
fields' declared labels; sensitive values masked, and reveals (显示) of them listed too."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import col, select

from db.models import LocalNode, Person, SyncOp, SyncPeer, synced_model, table_of
from desktop_app.records.fields import ONE_RECORD
from desktop_app.records.masking import shown
from desktop_app.records.types import RECORD_TYPES, field_label
from desktop_app.services.base import names_of
from desktop_app.services.privacy import PrivacyService
from desktop_app.storage.database import Database

# Written by the app on every change, not by a person: not listed as changes.
_NOT_CHANGES = frozenset({"id", "created_at", "updated_at", "recorded_by", "origin", "version",
                          "clocks", "heads"})


@dataclass(frozen=True)
class Change:
    at: datetime  # local time, from the operation's clock
    field: str
    label: str  # the declared label
    old: str
    new: str
    who: str  # the officer on shift ("" if none)
    pc: str  # the office's PC (its name, else its node id)
    action: str = "修改"  # 新建 / 修改 / 查看 (a reveal; ``new`` holds the reason)


def _wall(hlc: int) -> datetime:
    return datetime.fromtimestamp((hlc >> 16) / 1000)


class HistoryService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def history(self, record_id: str) -> list[Change]:
        """Every change of ``record_id`` in the order it happened (oldest first)."""
        with self.db.session() as session:
            ops = list(session.scalars(select(SyncOp).where(col(SyncOp.row_id) == record_id)
                                       .order_by(col(SyncOp.hlc), col(SyncOp.origin),
                                                 col(SyncOp.seq))))
            if not ops:
                return []
            table = ops[0].tbl
            bodies = [json.loads(op.body)[6] for op in ops]
            names = self._names(session, table, bodies)
            pcs = {p.node_id: p.name for p in session.scalars(select(SyncPeer))}
            local = session.get(LocalNode, 1)
            if local is not None:
                pcs[local.node_id] = local.name or "本机"
            people = names_of(session, Person, [op.author for op in ops])
        declared = RECORD_TYPES.get(table)
        specs = {f.name: f for f in declared.fields} if declared else {}
        last: dict[str, Any] = {}
        changes: list[Change] = []
        for n, (op, fields) in enumerate(zip(ops, bodies, strict=True)):
            action = "新建" if n == 0 else "修改"
            for name, value in fields.items():
                if name in _NOT_CHANGES:
                    continue
                old = last.get(name)
                last[name] = value
                if n and old == value:
                    continue
                if n == 0 and value in (None, "", False, [], 0) and name != "deleted":
                    continue  # a new record's empty fields
                changes.append(Change(
                    _wall(op.hlc), name, field_label(table, name),
                    self._text(specs.get(name), name, old, names),
                    self._text(specs.get(name), name, value, names),
                    people.get(op.author, ""), pcs.get(op.origin, op.origin), action))
        for reveal in PrivacyService(self.db).reveals(record_id):
            local_time = reveal.at.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
            changes.append(Change(local_time, reveal.field,
                                  reveal.field_label, "", f"原因：{reveal.reason}",
                                  reveal.officer, pcs.get(reveal.node, reveal.node), "查看"))
        return sorted(changes, key=lambda c: c.at)

    @staticmethod
    def _names(session, table: str, bodies: list[dict]) -> dict[str | None, str]:
        declared = RECORD_TYPES.get(table)
        names: dict[str | None, str] = {}
        for spec in declared.fields if declared else ():
            if spec.kind not in ONE_RECORD or spec.target_table is None:
                continue
            model = synced_model(spec.target_table)
            if "name" not in table_of(model).columns:
                continue
            names.update(names_of(session, model, [b.get(spec.name) for b in bodies]))
        return names

    @staticmethod
    def _text(spec, name: str, value: Any, names: dict[str | None, str]) -> str:
        if value is None or value == "":
            return ""
        if name == "deleted":
            return "是" if value else "否"
        if spec is None:
            return str(value)
        if spec.kind in ONE_RECORD:
            return names.get(value, str(value))
        if spec.choices is not None:
            return str(spec.value_label(value))
        if isinstance(value, bool):
            return "是" if value else "否"
        return str(shown(spec, value))
