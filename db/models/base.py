"""Columns every record that travels between PCs carries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Table
from sqlmodel import Field, SQLModel

from db.ids import new_id, utcnow


class SyncedRecord(SQLModel):
    """Mixin: identity, audit stamps, the sync clock and the tombstone.

    ``recorded_by`` is the duty officer on shift when the record was last written,
    ``origin`` the node (PC) that last wrote it, ``version`` its hybrid-logical-clock
    stamp. Records are never deleted, only marked ``deleted``.
    """

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    created_at: datetime = Field(default_factory=utcnow, sa_type=DateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=DateTime)
    recorded_by: str | None = Field(default=None, max_length=36)
    origin: str = Field(default="", max_length=64)
    version: int = Field(default=0)
    deleted: bool = Field(default=False)
    # Sync state (see docs/sync.md): JSON {field or "*": [hlc, origin, seq, epoch]}, the
    # clock of each field's value, and JSON {field: [[clock..., value], ...]} for fields
    # with concurrent values waiting for review. NULL for records no PC has synced yet.
    clocks: str | None = Field(default=None)
    heads: str | None = Field(default=None)


# Pinyin sort keys of names and titles (desktop_app.search.sort_keys): computed from the
# record by every PC on write, never set by a user nor carried in sync files.
SORT_KEY_COLUMNS = frozenset({"name_sort", "title_sort", "reason_sort"})
# Columns that are stamped by the write path rather than set by a user.
STAMP_COLUMNS = frozenset(
    {"id", "created_at", "updated_at", "recorded_by", "origin", "version", "deleted",
     "clocks", "heads"}
) | SORT_KEY_COLUMNS
# Columns that describe a write rather than the record: not carried as field values.
SYNC_META_COLUMNS = frozenset(
    {"id", "updated_at", "recorded_by", "origin", "version", "clocks", "heads"}
) | SORT_KEY_COLUMNS


def table_of(model: type[SQLModel] | SQLModel) -> Table:
    """The table of a ``table=True`` model (or of a record of one); its ``.name`` is the
    model's ``__tablename__``. SQLModel's types declare no ``__table__`` (and type
    ``__tablename__`` as possibly a function), so code that takes any model asks here."""
    return model.__table__  # type: ignore[union-attr]


def synced_model(table: str) -> type[SyncedRecord]:
    """The model of the synced table named ``table`` (``"person"`` -> ``Person``)."""
    found = _MODELS.get(table)
    if found is None:  # a model defined since the last look (or none such: KeyError)
        _MODELS.update({table_of(m).name: m for m in SyncedRecord.__subclasses__()})
        found = _MODELS[table]
    return found


# Table name -> model, filled on first use (an import asks for each row's references).
_MODELS: dict[str, type[SyncedRecord]] = {}
