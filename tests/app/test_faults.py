"""The office PC's faults (docs/faults.md): power cuts, a locked file, full disks, pulled
sticks. Each is simulated: a second connection holding the lock, OSError(ENOSPC) injected."""

from __future__ import annotations

import io
import sqlite3
from contextlib import redirect_stderr, redirect_stdout

import pytest

import db.engine
from desktop_app.__main__ import main as entry
from desktop_app.services import Services
from desktop_app.storage.database import Database
from desktop_app.storage.faults import DatabaseUnavailable


def test_every_save_is_synced_to_disk_before_it_is_confirmed(services):
    """A save the window confirmed survives a power cut: SQLite syncs the log at each commit
    (synchronous=FULL), not only now and then."""
    with services.db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.fixture
def quick_busy_timeout(monkeypatch):
    """Wait a tenth of a second for a locked file, not five."""
    monkeypatch.setattr(db.engine, "BUSY_TIMEOUT_MS", 100)


@pytest.fixture
def locked_by_another_program(services):
    """Another program (a database viewer, a backup tool) holds the file exclusively."""
    other = sqlite3.connect(services.db.path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    yield other
    other.execute("ROLLBACK")
    other.close()


def test_a_locked_file_says_what_to_do_and_saves_nothing(services, on_shift,
                                                          quick_busy_timeout,
                                                          locked_by_another_program):
    """While another program holds the database, saving a task says the file is in use and
    to close that program and try again, instead of a traceback; nothing is written."""
    second = Database(services.db.path)
    try:
        second.officer_id = on_shift.people["王建国"]
        with pytest.raises(DatabaseUnavailable) as error:
            Services(second).tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
        assert error.value.kind == "locked"
        message = str(error.value)
        assert "正被其他程序占用" in message and "关闭" in message and "再试" in message
        assert "没有写入" in message
    finally:
        second.close()
    locked_by_another_program.execute("ROLLBACK")
    locked_by_another_program.execute("BEGIN")
    assert services.tasks.list().total == 0


def test_the_cli_says_the_file_is_locked_in_one_line(services, on_shift, quick_busy_timeout,
                                                      locked_by_another_program):
    """``task add`` on a file another program holds prints one 错误：… line, exit code 1."""
    path = services.db.path
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = entry(["--db", str(path), "task", "add", "--cluster", on_shift.huangqu,
                      "--title", "清理排水沟"])
    lines = err.getvalue().strip().splitlines()
    assert code == 1, err.getvalue()
    assert len(lines) == 1 and lines[0].startswith("错误："), err.getvalue()
    assert "正被其他程序占用" in lines[0]
