"""Which fields of which records the search covers, and keeping the index current."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import Connection

from db.models import Cluster, SyncedRecord, synced_model, table_of
from desktop_app.records.types import RECORD_TYPES
from desktop_app.search.fts import SearchDoc, index_docs, unindex


def _searchable() -> dict[type[SyncedRecord], tuple[tuple[str, ...], tuple[str, ...]]]:
    """model -> (fields whose text is searched, fields whose pinyin is searched too), from
    the declarations: every record type of its own (not rows of another's, such as progress
    notes) with a field declared ``searchable``."""
    found = {}
    for declared in RECORD_TYPES.values():
        if declared.parent is None and declared.searchable:
            found[synced_model(declared.table)] = (declared.searchable, declared.pinyin)
    return found


SEARCHABLE = _searchable()


def kind_of(model: type[SyncedRecord]) -> str:
    return table_of(model).name


# kind (table name) -> model, for documents built from plain rows
MODELS_BY_KIND: dict[str, type[SyncedRecord]] = {kind_of(model): model for model in SEARCHABLE}


def _doc(model: type[SyncedRecord], value: Callable[[str], Any]) -> SearchDoc:
    """The document of one record whose column values ``value(name)`` returns."""
    text_fields, name_fields = SEARCHABLE[model]
    record_id = value("id")
    return SearchDoc(
        kind_of(model),
        record_id,
        record_id if model is Cluster else value("cluster_id"),
        " ".join([str(value(f) or "") for f in text_fields]),
        " ".join([str(value(f) or "") for f in name_fields]) if name_fields else "",
    )


def doc_for(record: SyncedRecord) -> SearchDoc:
    return _doc(type(record), lambda name: getattr(record, name, None))


def doc_for_row(kind: str, row: Mapping[str, Any]) -> SearchDoc:
    """The document of a row given as ``{column: value}`` (for bulk writes that bypass the ORM).

    ``kind`` is the table name; it must be one of the searchable kinds (``MODELS_BY_KIND``).
    """
    return _doc(MODELS_BY_KIND[kind], row.get)


def reindex(connection: Connection, records: Iterable[SyncedRecord]) -> None:
    """Bring the index in line with ``records`` (tombstoned ones leave the index)."""
    live: list[SyncedRecord] = []
    gone: list[SyncedRecord] = []
    for record in records:
        if type(record) not in SEARCHABLE:
            continue
        (gone if record.deleted else live).append(record)
    if gone:
        unindex(connection, [r.id for r in gone])
    if live:
        index_docs(connection, [doc_for(r) for r in live])
