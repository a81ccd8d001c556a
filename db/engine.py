"""The SQLite engine: WAL, foreign keys on, a busy timeout, one place for all of it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event

BUSY_TIMEOUT_MS = 5000


def make_engine(path: Path | str) -> Engine:
    """An engine on the SQLite file at ``path`` with the pragmas every connection needs."""
    engine = create_engine(
        URL.create("sqlite", database=str(path)),  # no string URL: "?" or "#" in a folder name
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    return engine
