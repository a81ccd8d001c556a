"""A big file's operations in the order the merge applies them, sorted on disk.

A file holds its operations per origin (``exchange.operation_pages``), and the merge applies
them in ``(hlc, origin, seq)`` order (docs/sync.md, Merging). Merged a page at a time in the
file's order instead, one PC's edits of records another PC created later in the file would
wait as ghosts and be merged again, and the records would be written and indexed once per
page that touches them: the large sample's full file took three times as long. So a file
with more than one origin and more than a page of operations is sorted first: each line goes,
with the clock, origin and seq its text starts with, into a SQLite file in the import's
private folder, and comes back in clock order a page at a time (SQLite sorts on disk).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Generator
from contextlib import closing
from pathlib import Path

from desktop_app.sync import bundle
from desktop_app.sync.merge import Operation


def pages(parsed: bundle.Bundle, folder: Path, size: int,
          ) -> Generator[list[Operation], None, None]:
    """``parsed``'s operations in ``(hlc, origin, seq)`` order, ``size`` at a time."""
    connection = sqlite3.connect(folder / "clock-order.db")
    try:
        connection.execute("PRAGMA journal_mode=OFF")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA temp_store=FILE")
        connection.execute("CREATE TABLE line (hlc INTEGER, origin TEXT, seq INTEGER, line BLOB)")
        with closing(parsed.lines()) as blocks:
            for lines in blocks:
                connection.executemany("INSERT INTO line VALUES (?, ?, ?, ?)",
                                       [(*_clock(line), line) for line in lines])
        result = connection.execute("SELECT line FROM line ORDER BY hlc, origin, seq")
        while rows := result.fetchmany(size):
            yield bundle.operations_of([row[0] for row in rows])
    finally:
        connection.close()


def _clock(line: bytes) -> tuple[int, str, int]:
    """The hlc, origin and seq a checked operation's line starts with, as its origin writes
    it: ``["origin",seq,hlc,`` (a node id and two integers: ``bundle.op_from_line`` checked
    them); else from its JSON."""
    head = line.split(b",", 3)
    if (len(head) == 4 and head[0].startswith(b'["') and head[0].endswith(b'"')
            and head[1].isdigit() and head[2].isdigit()):
        return int(head[2]), head[0][2:-1].decode(), int(head[1])
    origin, seq, hlc = json.loads(line)[:3]
    return hlc, origin, seq
