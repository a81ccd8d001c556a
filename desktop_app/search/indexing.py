"""Which rows the search covers, from the declarations, and keeping the index current.

Every declared record type with a field marked ``searchable`` is indexed: records of their
own (a task) and rows of another record (a task's progress notes, a meeting's decisions, a
四议两公开 step). A row of another record is indexed under its parent: a hit opens the parent
and names the row's type as where it matched. So a new record type, or a new searchable
field, needs no search code. Tombstoned rows stay in the index, marked deleted: they are
found only when asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, inspect, text

from db.migrate import register_rebuilder
from db.models import SyncedRecord, synced_model, table_of
from desktop_app.records.fields import DATES, RecordType
from desktop_app.records.types import RECORD_TYPES
from desktop_app.search.fts import (
    SearchDoc,
    _batches,
    clear,
    index_docs,
    pass_on_from,
    secret_key,
)


@dataclass(frozen=True)
class Indexed:
    """How the rows of one table are indexed."""

    table: str
    kind: str  # the record a hit opens: the table itself, or its parent's
    owner_field: str | None  # the column naming the parent (rows of another record)
    texts: tuple[str, ...]
    names: tuple[str, ...]  # their pinyin too
    secrets: tuple[str, ...]  # sensitive values: found whole, never shown
    title: str | None  # a record's title, whose pinyin initials are indexed (not names')


def date_field(declared: RecordType) -> str | None:
    """The record's date in search results: the one it declares, else its first date."""
    if declared.dated_by:
        return declared.dated_by
    return next((f.name for f in declared.fields if f.kind in DATES), None)


def _indexed() -> dict[str, Indexed]:
    found = {}
    for declared in RECORD_TYPES.values():
        if not declared.searchable:
            continue
        owner_field = None
        if declared.parent is not None:
            owner_field = next(f.name for f in declared.fields
                               if f.target_table == declared.parent)
        found[declared.table] = Indexed(
            declared.table, declared.parent or declared.table, owner_field,
            declared.searchable, declared.pinyin,
            tuple(f.name for f in declared.fields if f.sensitive),
            declared.title_field if declared.parent is None
            and declared.title_field not in declared.pinyin else None)
    return found


INDEXED = _indexed()
# Kept for callers that think in models: the models whose rows are indexed.
SEARCHABLE = {synced_model(table): spec for table, spec in INDEXED.items()}
MODELS_BY_KIND: dict[str, type[SyncedRecord]] = {
    table: synced_model(table) for table in INDEXED}


def kind_of(model: type[SyncedRecord]) -> str:
    return table_of(model).name


def _day(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)[:10]


def _owner_context(connection: Connection, table: str,
                   ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
    """record id -> (its cluster, its date) for records of ``table`` (a record type of its
    own), looked up in batches."""
    declared = RECORD_TYPES[table]
    scope = declared.cluster_scope
    if scope is None:
        cluster = "NULL"
    elif scope[1] is None:
        cluster = f't."{scope[0]}"'
    else:
        cluster = f'(SELECT cluster_id FROM "{scope[1]}" WHERE id = t."{scope[0]}")'
    dated = date_field(declared)
    day = f'substr(t."{dated}", 1, 10)' if dated else "NULL"
    found: dict[str, tuple[str | None, str | None]] = {}
    for batch in _batches(sorted(set(ids)), 500):
        marks = ", ".join("?" * len(batch))
        rows = connection.exec_driver_sql(
            f'SELECT t.id, {cluster}, {day} FROM "{table}" t WHERE t.id IN ({marks})',
            tuple(batch))
        found.update({row_id: (c, d) for row_id, c, d in rows})
    return found


def docs_for_rows(connection: Connection, table: str,
                  rows: Sequence[Mapping[str, Any]]) -> list[SearchDoc]:
    """The documents of rows of ``table`` given as ``{column: value}``.

    A row of another record takes its parent's cluster and date (looked up, so the parent
    must be written first, or be indexed later: it then passes them on); a record whose
    cluster is another record's (a certificate: its volunteer's) looks that up too.
    """
    spec = INDEXED.get(table)
    if spec is None or not rows:
        return []
    declared = RECORD_TYPES[table]
    context: dict[str, tuple[str | None, str | None]] = {}
    if spec.owner_field is not None:
        context = _owner_context(connection, spec.kind,
                                 [row[spec.owner_field] for row in rows])
    elif declared.cluster_scope is not None and declared.cluster_scope[1] is not None:
        context = _owner_context(connection, table, [row["id"] for row in rows])
    dated = date_field(declared)
    docs = []
    for row in rows:
        record_id = row["id"]
        if spec.owner_field is not None:
            owner = row[spec.owner_field]
            cluster, day = context.get(owner, (None, None))
        else:
            owner = record_id
            if table == "cluster":
                cluster = record_id
            elif record_id in context:
                cluster = context[record_id][0]
            else:
                cluster = row.get("cluster_id")
            day = _day(row.get(dated)) if dated else None
        docs.append(SearchDoc(
            spec.kind, record_id, cluster,
            " ｜ ".join([str(row[f]) for f in spec.texts if row.get(f) and f not in spec.secrets]),
            " ".join([str(row.get(f) or "") for f in spec.names]),
            owner, table, day, bool(row.get("deleted")),
            " ".join(secret_key(str(row[f])) for f in spec.secrets if row.get(f)),
            str(row.get(spec.title) or "") if spec.title else ""))
    return docs


def doc_for_row(connection: Connection, kind: str, row: Mapping[str, Any]) -> SearchDoc:
    """The document of one row given as ``{column: value}`` (``kind``: its table)."""
    return docs_for_rows(connection, kind, [row])[0]


def _as_row(record: SyncedRecord) -> dict[str, Any]:
    return {column.name: getattr(record, column.name, None)
            for column in table_of(type(record)).columns}


def reindex(connection: Connection, records: Iterable[SyncedRecord], fresh: bool = False,
            ) -> None:
    """Bring the index in line with ``records`` (tombstoned ones stay, marked deleted);
    ``fresh``: they were just created, so nothing of them is indexed yet (their own rows,
    a new task's first progress note, are written after them and look them up)."""
    by_table: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        name = kind_of(type(record))
        if name in INDEXED:
            by_table.setdefault(name, []).append(_as_row(record))
    docs = [doc for table, rows in by_table.items()
            for doc in docs_for_rows(connection, table, rows)]
    if docs:
        index_docs(connection, docs, fresh=fresh)


def index_rows(connection: Connection, rows: Mapping[str, Sequence[Mapping[str, Any]]],
               fresh: bool = False) -> None:
    """Index rows written in bulk (table -> rows), after they are written."""
    docs = [doc for table, table_rows in rows.items()
            for doc in docs_for_rows(connection, table, table_rows)]
    if docs:
        first = index_docs(connection, docs, fresh=fresh)
        if fresh:  # rows indexed earlier than their newly written parent
            pass_on_from(connection, first)


def rebuild(connection: Connection, read: Callable[[int], object] | None = None) -> int:
    """Build the whole index again from the tables; returns how many rows it holds.
    ``read(n)`` is told of each block of ``n`` records read (a progress bar's steps)."""
    clear(connection)
    total = 0
    # What the file holds, not what the models say: a migration may ask for this before later
    # ones have added the newer tables and columns.
    present = set(inspect(connection).get_table_names())
    for table in INDEXED:
        name = table_of(synced_model(table)).name
        if name not in present:
            continue
        result = connection.execute(text(f'SELECT * FROM "{name}"'))
        columns = list(result.keys())
        while chunk := result.fetchmany(2000):
            total += _index_block(connection, table, columns, chunk)
            if read is not None:
                read(len(chunk))
    return total


def _index_block(connection: Connection, table: str, columns: list[str],
                 block: Sequence[Sequence[Any]]) -> int:
    """Index a block of rows read as plain tuples (zipped with the columns once: a mapping
    row's ``dict()`` asks for its keys again each time); its documents are let go on return,
    before the next block is read (a rebuild's memory is one block's)."""
    docs = docs_for_rows(connection, table,
                         [dict(zip(columns, row, strict=True)) for row in block])
    index_docs(connection, docs, fresh=True)
    return len(docs)


# A migration that changes the index's tables asks for it to be built again (db/ cannot
# import this module).
register_rebuilder("search_index", rebuild)
