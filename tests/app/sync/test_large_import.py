"""A large import into a PC holding less builds the indexes of the tables it fills after
filling them (issue 19): faster, and the PC ends with exactly the indexes it had."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from desktop_app.storage import bulk
from desktop_app.sync.exchange import apply, collect
from tests.app.sync.helpers import digest, setup_town, snapshot


def _indexes(pc) -> list[tuple[str, str, str | None]]:
    connection = sqlite3.connect(pc.db.path)
    try:
        return sorted(connection.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'"))
    finally:
        connection.close()


@pytest.fixture
def writer(pcs, monkeypatch):
    """A PC with a few tasks, more than a new PC holds; a few count as a large import."""
    monkeypatch.setattr(bulk, "DEFER_INDEXES_FROM", 3)
    pc = pcs("a")
    cluster, _village = setup_town(pc)
    for number in range(5):
        pc.services.tasks.create(cluster_id=cluster, title=f"第{number}号任务：清理排水沟")
    return pc


def test_a_large_first_import_ends_with_every_index(writer, pcs):
    """A new PC receiving the tasks builds the tasks' and the log's indexes after writing
    them, and ends with the same indexes, the same records, and a sound file."""
    reader = pcs("b")
    before = _indexes(reader)
    built: list[str] = []
    event.listen(reader.db.engine, "before_cursor_execute",
                 lambda _c, _cu, sql, *_: built.append(sql) if sql.startswith("CREATE") else None)
    writer.send_to(reader)
    assert any("ON work_task" in sql for sql in built)
    assert any("ON sync_op" in sql for sql in built)
    assert _indexes(reader) == before
    assert snapshot(reader) == snapshot(writer)
    with sqlite3.connect(reader.db.path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_a_failed_large_import_leaves_the_indexes(writer, pcs):
    """An import that fails after its rows are written (as a kill would) leaves the PC as it
    was, its indexes included."""
    reader = pcs("b")
    before = digest(reader)

    def killed(*_args) -> None:
        raise RuntimeError("killed after the merge")

    with pytest.raises(RuntimeError):
        apply(reader.db, collect(writer.db), then=killed)
    assert digest(reader) == before
