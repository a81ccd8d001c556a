"""The SQLite engine: WAL, foreign keys on, a busy timeout, one place for all of it.

Durable saves: ``synchronous=FULL``. In WAL mode SQLite's default-in-WAL ``NORMAL`` syncs the
WAL only at checkpoints, so "a transaction committed in WAL mode with synchronous=NORMAL might
roll back following a power loss or system crash" (sqlite.org/pragma.html#pragma_synchronous).
With ``FULL`` "the WAL file is synchronized before each transaction commit", so a save the
window has confirmed survives a power cut. The cost is one fsync per transaction, not per row:
bulk paths (the demo, a sync import) write in one transaction and pay it once.
``bench/bench_durable.py`` measures it per save (``bench/durable_report.md``).
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import URL, Engine, create_engine, event

BUSY_TIMEOUT_MS = 5000
SYNCHRONOUS = "FULL"


def make_engine(path: Path | str, *, synchronous: str | None = None) -> Engine:
    """An engine on the SQLite file at ``path`` with the pragmas every connection needs.

    ``synchronous`` is for benchmarks only (``NORMAL`` to compare); the app always uses FULL.
    """
    sync_mode = synchronous or SYNCHRONOUS
    busy_timeout_ms = BUSY_TIMEOUT_MS  # read at call time: tests shorten it
    engine = create_engine(
        URL.create("sqlite", database=str(path)),  # no string URL: "?" or "#" in a folder name
        connect_args={"timeout": busy_timeout_ms / 1000, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _set_pragmas(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={sync_mode}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.close()

    return engine
