"""Pinyin sort keys: names and titles in the order a person looks them up (阿, 白, 陈 …).

SQLite compares text by code point, which puts 陈 before 白 and 阿 last. Each record type's
title (``RecordType.pinyin_sorted``: a person's or village's name, a task's title) gets a
stored column ``<field>_sort`` holding :func:`sort_key` of it, written with the record (the
ORM's flush, the bulk writers of the sample town and of sync imports) and never carried in
sync files: every PC computes it. A stored key keeps ORDER BY on an index (a collation
would call Python for each of the ~1.7 million comparisons of sorting 100,000 rows).
Services sort by the key wherever they are asked to sort by the field (``services.base``).
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Connection, Table

from db.migrate import register_rebuilder
from desktop_app.records.types import RECORD_TYPES
from desktop_app.search.pinyin import syllables

SUFFIX = "_sort"
# Between a key's syllables and the text itself: below " " so that 王 sorts before 王芳.
_TIE = "\x1f"


def sort_column(name: str) -> str:
    """The column holding the sort key of field ``name``: ``name_sort``."""
    return name + SUFFIX


@cache
def sorted_fields(table: str) -> tuple[str, ...]:
    """The fields of ``table`` that sort by pinyin (from its declaration; none if undeclared)."""
    declared = RECORD_TYPES.get(table)
    return declared.pinyin_sorted if declared else ()


@lru_cache(maxsize=200_000)
def sort_key(text: str | None) -> str | None:
    """The pinyin of ``text`` with tone numbers, syllable by syllable, then the text itself
    (homophones in a fixed order): 陈静 -> ``"chen2 jing4\\x1f陈静"``. Latin words and
    digits are kept whole, lowercased, so 2组 sorts among the digits. None stays None."""
    if text is None:
        return None
    return " ".join([piece for piece, _chinese in syllables(text.strip())]) + _TIE + text


def fill(table: str, row: MutableMapping[str, Any]) -> None:
    """Set the sort keys of a row about to be written (a dict naming every column)."""
    for name in sorted_fields(table):
        if name in row:
            row[sort_column(name)] = sort_key(row[name])


def fill_record(record: Any) -> None:
    """Set the sort keys of a record the ORM is about to write."""
    for name in sorted_fields(record.__tablename__):
        setattr(record, sort_column(name), sort_key(getattr(record, name)))


def backfill(connection: Connection, tables: Iterable[Table] | None = None) -> int:
    """Write the sort key of every row of every table with one (after the migration that
    adds the columns); returns how many rows were written."""
    from db.models import SyncedRecord, table_of

    found = tables or [table_of(m) for m in SyncedRecord.__subclasses__()
                       if sorted_fields(table_of(m).name)]
    written = 0
    for table in found:
        for name in sorted_fields(table.name):
            rows = connection.exec_driver_sql(
                f'SELECT id, "{name}" FROM "{table.name}"').all()
            if not rows:
                continue
            connection.exec_driver_sql(
                f'UPDATE "{table.name}" SET "{sort_column(name)}" = ? WHERE id = ?',
                [(sort_key(value), row_id) for row_id, value in rows])
            written += len(rows)
    return written


register_rebuilder("sort_keys", backfill)
