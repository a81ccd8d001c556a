"""Fast bulk writes that bypass the ORM: values converted once to what SQLite stores.

Used where thousands of rows are written at once (the sample town, sync imports). Values
are converted to exactly the text SQLAlchemy's SQLite dialect stores (dates ``2026-06-30``,
datetimes ``2026-06-30 09:00:00.000000``, times ``09:00:00.000000``, booleans 0/1), so the
ORM reads and compares them as if it had written them; converting once here instead of
through SQLAlchemy's per-row parameter processing makes an insert about twice as fast.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from operator import itemgetter, methodcaller
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Table, Time

from desktop_app.search.sort_keys import fill as fill_sort_keys
from desktop_app.search.sort_keys import sorted_fields


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector during bulk work that makes many objects
    without cycles (reference counting frees them anyway): while they pile up, the collector
    would walk them again and again. Leaves it off if it was off (the GUI runs it itself)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Column type -> conversion to SQLAlchemy's SQLite storage format (DateTime before Date:
# it is not a subclass, but keep the most specific first). Method callers: no Python frame
# per value (an import converts hundreds of thousands).
_CONVERTERS: tuple[tuple[type, Callable[[Any], Any]], ...] = (
    (DateTime, methodcaller("isoformat", " ", "microseconds")),
    (Date, methodcaller("isoformat")),
    (Time, methodcaller("isoformat", "microseconds")),
    (Boolean, int))


@cache
def _insert_plan(table: Table) -> tuple[str, Callable, tuple[tuple[int, Callable], ...]]:
    """The INSERT statement of ``table``, a getter of a row's values in column order, and
    the positions of the values that need converting with their converter."""
    names = [column.name for column in table.columns]
    columns = ", ".join(f'"{name}"' for name in names)
    sql = f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join("?" * len(names))})'
    convert = []
    for index, column in enumerate(table.columns):
        for kind, converter in _CONVERTERS:
            if isinstance(column.type, kind):
                convert.append((index, converter))
                break
    return sql, itemgetter(*names), tuple(convert)


def sql_values(table: Table, rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """``rows`` as tuples in column order, converted to what SQLite stores."""
    _sql, values_of, convert = _insert_plan(table)
    converted = []
    keyed = bool(sorted_fields(table.name))
    for row in rows:
        if keyed:  # the pinyin sort keys of its name or title, computed here on every PC
            fill_sort_keys(table.name, row)
        values = list(values_of(row))
        for index, converter in convert:
            value = values[index]
            if value is not None:
                values[index] = converter(value)
        converted.append(tuple(values))
    return converted


def insert_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` (each naming every column of ``table``) with one ``executemany``."""
    if rows:
        connection.exec_driver_sql(_insert_plan(table)[0], sql_values(table, rows))


@cache
def _update_plan(table: Table) -> str:
    names = [column.name for column in table.columns if column.name != "id"]
    assignments = ", ".join(f'"{name}" = ?' for name in names)
    return f'UPDATE "{table.name}" SET {assignments} WHERE "id" = ?'


def update_rows(connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Rewrite whole rows (each naming every column of ``table``), matched by ``id``."""
    if not rows:
        return
    ordered = sql_values(table, rows)
    position = [column.name for column in table.columns].index("id")
    parameters = [values[:position] + values[position + 1:] + (values[position],)
                  for values in ordered]
    connection.exec_driver_sql(_update_plan(table), parameters)


# A table that grows by at least this many rows, and by more than it holds, gets its
# indexes built after the insert instead of during it (see ``indexes_deferred``).
DEFER_INDEXES_FROM = 5_000


@contextmanager
def indexes_deferred(connection: Connection, table: str, adding: int) -> Iterator[None]:
    """Drop the explicit indexes of ``table`` for the block and build them again after it,
    when the block adds ``adding`` rows to a table holding fewer: sorting the keys once
    (``CREATE INDEX``) beats inserting each into every index, and writes packed pages.

    Only inside a transaction that an error rolls back (the dropped indexes come back with
    it), so the block's error is not followed by rebuilding. Indexes are built again from
    their own ``CREATE`` statements, exactly as they were (a unique one checks then).
    """
    driver = connection.connection.driver_connection
    if (adding < DEFER_INDEXES_FROM or driver is None or not driver.in_transaction
            or _rows_about(connection, table) >= adding):
        yield
        return
    indexes = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
        " AND sql IS NOT NULL", (table,)).all()
    for name, _sql in indexes:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        connection.exec_driver_sql(sql)


def _rows_about(connection: Connection, table: str) -> int:
    """How many rows ``table`` holds, at most (its largest rowid: one look-up)."""
    return connection.exec_driver_sql(f'SELECT max(rowid) FROM "{table}"').scalar() or 0
