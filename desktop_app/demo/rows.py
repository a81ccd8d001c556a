"""Writing generated rows fast: deterministic ids, the stamps, bulk inserts and the index.

The demo generator bypasses the ORM (far too slow for 100,000 tasks): it collects plain
``{column: value}`` rows here, each stamped the way the ORM write path would stamp it
(``version`` from the node's hybrid logical clock, this node as ``origin``, an officer as
``recorded_by``), then inserts each table with one driver-level ``executemany`` and
indexes the searchable rows with :func:`desktop_app.search.fts.index_docs` in bulk.

Values are converted here to exactly the text SQLAlchemy's SQLite dialect stores (dates
``2026-06-30``, datetimes ``2026-06-30 09:00:00.000000``, times ``09:00:00.000000``,
booleans 0/1), so the ORM reads and compares them as if it had written them; converting
once here instead of through SQLAlchemy's per-row parameter processing makes the insert
about twice as fast.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Connection
from sqlmodel import SQLModel

from db.models import STAMP_COLUMNS, SyncedRecord, table_of
from desktop_app.search.indexing import INDEXED, index_rows
from desktop_app.storage.bulk import insert_rows
from desktop_app.storage.database import Database

# The demo's local times are Beijing time; stamps are stored as naive UTC.
LOCAL_UTC_OFFSET = timedelta(hours=8)


class DeterministicIds:
    """UUIDv7-shaped ids drawn from a seeded generator: the same seed gives the same ids.

    The 48-bit time field counts up one millisecond per id from ``start``, so the ids are
    time-ordered like the app's own (``db.ids.new_id``); version 7 and the RFC 4122 variant
    are set, the remaining 74 bits are random.
    """

    def __init__(self, seed: str, start: datetime) -> None:
        self._bits = random.Random(seed).getrandbits
        self._ms = int((start - datetime(1970, 1, 1)).total_seconds() * 1000)

    def __call__(self) -> str:
        self._ms += 1
        rand = self._bits(74)
        value = (
            (self._ms << 80)
            | (0x7 << 76)
            | ((rand >> 62) << 64)
            | (0b10 << 62)
            | (rand & ((1 << 62) - 1))
        )
        h = f"{value:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


@cache
def _columns(model: type[SyncedRecord]) -> tuple[dict[str, Any], frozenset[str], frozenset[str]]:
    """(defaults of the optional columns, required columns, all columns) but the stamps."""
    defaults: dict[str, Any] = {}
    required = set()
    for column in table_of(model).columns:
        if column.name in STAMP_COLUMNS:
            continue
        field = model.model_fields[column.name]
        if field.is_required():
            required.add(column.name)
        else:
            defaults[column.name] = field.get_default(call_default_factory=True)
    return defaults, frozenset(required), frozenset(defaults) | required


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A local moment on ``day``."""
    return datetime.combine(day, time(hour, minute))


class RowWriter:
    """Collects stamped rows per table; :meth:`flush` inserts and indexes them."""

    def __init__(self, db: Database, ids: Callable[[], str]) -> None:
        self.ids = ids
        self._origin = db.node.node_id
        self._clock = db.clock
        self.rows: dict[str, list[dict[str, Any]]] = {}

    def add(
        self,
        model: type[SyncedRecord],
        moment: datetime,
        recorded_by: str | None,
        *,
        row_id: str | None = None,
        updated: datetime | None = None,
        **values: Any,
    ) -> dict[str, Any]:
        """A new row of ``model`` written at local time ``moment`` by ``recorded_by``.

        Unnamed columns take the model's defaults; an unknown column or a missing required
        one is a programming error (TypeError). Returns the row, which may still be changed
        until :meth:`flush`.
        """
        defaults, required, known = _columns(model)
        if not known.issuperset(values) or not required.issubset(values):
            unknown, missing = sorted(values.keys() - known), sorted(required - values.keys())
            raise TypeError(f"{model.__tablename__}: unknown {unknown}, missing {missing}")
        row = defaults.copy()
        row.update(values)
        row["id"] = row_id or self.ids()
        row["created_at"] = moment - LOCAL_UTC_OFFSET
        row["updated_at"] = (updated or moment) - LOCAL_UTC_OFFSET
        row["recorded_by"] = recorded_by
        row["origin"] = self._origin
        row["version"] = self._clock.now()
        row["deleted"] = False
        row["clocks"] = row["heads"] = None  # sample data is not in the sync log
        self.rows.setdefault(table_of(model).name, []).append(row)
        return row

    def flush(self, connection: Connection) -> None:
        """Insert every collected row (parents before children) and index the searchable ones."""
        tables = [t for t in SQLModel.metadata.sorted_tables if self.rows.get(t.name)]
        indexed = {t.name: self.rows[t.name] for t in tables if t.name in INDEXED}
        for table in tables:
            insert_rows(connection, table, self.rows.pop(table.name))
        index_rows(connection, indexed, fresh=True)
