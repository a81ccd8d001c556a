"""The query planner's statistics, kept fresh without anyone running ANALYZE by hand.

SQLite chooses indexes better with statistics (``sqlite_stat1``), which only ``ANALYZE``
writes. Its advice (sqlite.org/lang_analyze.html) for applications with long-lived databases:
``PRAGMA optimize`` just before each connection closes. It is usually a no-op; it analyses a
table only where this connection's queries would have planned better with fresh figures. With
``analysis_limit`` it reads a sample of each index, so it costs milliseconds even on a
five-year database. Since SQLite 3.46, ``PRAGMA optimize=0x10002`` at open also checks every
table (not only the ones used) and limits itself: it runs at open on such versions only; the
Python we ship (3.11) has SQLite 3.40, where the 0x10000 bit does not exist yet.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Engine, event

# Rows read per index when ANALYZE runs (SQLite's suggestion: 100 to 1000).
ANALYSIS_LIMIT = 400
# Waiting for another writer at close: a moment, not the 5 s a save waits.
BUSY_TIMEOUT_MS = 100
# PRAGMA optimize's "check all tables" bit (0x10000) and its automatic limit: SQLite 3.46.
ALL_TABLES_SINCE = (3, 46, 0)


def keep_statistics(engine: Engine, *, version: tuple[int, ...] | None = None) -> None:
    """Run ``PRAGMA optimize`` as each of ``engine``'s connections closes (and at open where
    SQLite supports checking every table then). ``version``: for tests."""
    at_open = (version or sqlite3.sqlite_version_info) >= ALL_TABLES_SINCE

    if at_open:
        @event.listens_for(engine, "connect")
        def _optimize_at_open(dbapi_connection, _record) -> None:
            _optimize(dbapi_connection, "PRAGMA optimize=0x10002")

    @event.listens_for(engine, "close")
    def _optimize_at_close(dbapi_connection, _record) -> None:
        _optimize(dbapi_connection, "PRAGMA optimize")


def _optimize(dbapi_connection, pragma: str) -> None:
    """Best effort: a file that is locked by another writer, read-only or full keeps its old
    statistics (queries still work), and closing must not fail because of it."""
    try:
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # never wait long
        dbapi_connection.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        dbapi_connection.execute(pragma)
    except sqlite3.Error:
        pass
