"""The office PC's faults (docs/faults.md): power cuts, a locked file, full disks, pulled
sticks. Each is simulated: a second connection holding the lock, OSError(ENOSPC) injected."""

from __future__ import annotations

import errno
import io
import os
import sqlite3
from contextlib import redirect_stderr, redirect_stdout

import pytest
from sqlalchemy import event

import db.engine
from desktop_app.__main__ import main as entry
from desktop_app.records.errors import UserError
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


# --- disk full, pulled sticks -----------------------------------------------------------
def _full(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def _pulled(*_args, **_kwargs):
    raise OSError(errno.EIO, "Input/output error")


@pytest.fixture
def office(services, on_shift):
    """This PC named as the town's office, with a task to send."""
    services.db.set_node(name="大王镇人民政府")
    services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
    return services


@pytest.mark.parametrize("fault, words", [(_full, "已满"), (_pulled, "可能已被拔出")])
def test_a_full_or_pulled_stick_leaves_no_half_sync_file(office, tmp_path, monkeypatch,
                                                         fault, words):
    """Writing a sync file to a stick that is full, or pulled out mid-write, says so in
    Chinese; the stick holds no file, not even a hidden half one."""
    stick = tmp_path / "U盘"
    monkeypatch.setattr(os, "fsync", fault)
    with pytest.raises(UserError) as error:
        office.sync.export_to_stick(stick)
    assert words in str(error.value)
    assert [p for p in stick.rglob("*") if p.is_file()] == []


def test_a_failed_rename_leaves_no_half_sync_file(office, tmp_path, monkeypatch):
    """If the last step (the rename) fails on a full disk, the temporary file is removed."""
    stick = tmp_path / "U盘"
    monkeypatch.setattr(os, "replace", _full)
    with pytest.raises(UserError, match="已满"):
        office.sync.export(stick)
    assert list(stick.iterdir()) == []


def test_a_half_sync_file_left_earlier_is_cleaned_up_next_time(office, tmp_path):
    """A hidden half file from a stick pulled last time is removed by the next export."""
    stick = tmp_path / "U盘"
    stick.mkdir()
    leftover = stick / ".lianjian-abc-20261201.ljsync.part"
    leftover.write_bytes(b"PK half")
    export = office.sync.export(stick)
    assert not leftover.exists()
    assert [p.name for p in stick.iterdir()] == [export.path.name]


def test_a_half_document_left_earlier_is_cleaned_up_next_time(tmp_path):
    """A hidden temporary document from an interrupted save goes at the next save."""
    from docx import Document

    from desktop_app.documents import writer

    leftover = tmp_path / ".会议记录.1a2b3c4d.tmp"
    leftover.write_bytes(b"PK half")
    writer.save(Document(), tmp_path / "会议记录.docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["会议记录.docx"]


def test_a_document_on_a_full_disk_says_the_disk_is_full(tmp_path, monkeypatch):
    """Saving a document on a full disk says 已满 in Chinese (not the system's English)."""
    from docx import Document

    from desktop_app.documents import writer

    monkeypatch.setattr(os, "replace", _full)
    with pytest.raises(UserError, match="磁盘或U盘已满"):
        writer.save(Document(), tmp_path / "会议记录.docx")
    assert list(tmp_path.iterdir()) == []


def test_saving_on_a_full_disk_says_so_and_writes_nothing(services, on_shift):
    """When the database's disk is full, saving a task says the disk is full and to make
    room; the task is not half saved."""
    def no_room(dbapi_connection, _record) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(services.db.engine, "connect", no_room)
    services.db.engine.dispose()  # new connections: with the disk "full"
    with pytest.raises(DatabaseUnavailable) as error:
        for i in range(200):  # until the file would have to grow
            services.tasks.create(cluster_id=on_shift.huangqu, title=f"任务{i}" * 20,
                                  description="很长的说明" * 200)
    assert error.value.kind == "full" and "磁盘已满" in str(error.value)
    saved = services.tasks.list().total
    event.remove(services.db.engine, "connect", no_room)
    services.db.engine.dispose()
    assert services.tasks.list().total == saved  # the failed one is not there, even half
