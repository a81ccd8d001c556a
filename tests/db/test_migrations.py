"""Schema migrations: from empty, with a backup before upgrading, and refusing newer files."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from db import migrate
from db.engine import make_engine


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_recorded_head_is_alembics_head():
    """The shortcut for current files knows the newest migration."""
    assert migrate.HEAD_REVISION == migrate.head_revision()


def test_paths_with_odd_characters(tmp_path):
    """A folder name with ? or # (or spaces, or Chinese) does not confuse the checks."""
    path = tmp_path / "值班 室?#1" / "台账.db"
    path.parent.mkdir()
    migrate.upgrade(path)
    assert migrate.current_revision(path) == migrate.HEAD_REVISION


def test_upgrade_from_empty_creates_every_table(tmp_path):
    """A new file gets the whole schema, WAL mode and foreign keys."""
    path = tmp_path / "new.db"
    assert migrate.upgrade(path) is None  # nothing to back up
    assert migrate.current_revision(path) == migrate.head_revision()
    tables = {row[0] for row in sqlite3.connect(path).execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert {"town", "cluster", "village", "person", "work_task", "meeting", "decision_step",
            "volunteer_activity", "search_fts", "search_doc"} <= tables
    engine = make_engine(path)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    engine.dispose()
    assert migrate.upgrade(path) is None  # already current: untouched


def test_newer_database_is_refused_and_left_untouched(tmp_path):
    """A file from a newer app version is refused with a clear message, byte for byte intact."""
    path = tmp_path / "future.db"
    migrate.upgrade(path)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = digest(path)
    with pytest.raises(migrate.SchemaTooNewError, match="更新版本"):
        migrate.upgrade(path)
    assert digest(path) == before
    assert list(tmp_path.glob("*.bak")) == []


def test_upgrade_backs_up_the_file_first(tmp_path, monkeypatch):
    """Upgrading an older database first copies it aside, then migrates it."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts)
    path = tmp_path / "old.db"
    migrate.upgrade(path)
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO town (id, created_at, updated_at, origin, version, deleted,"
                           " name, county) VALUES ('t1', '2026-01-01', '2026-01-01', '', 0, 0,"
                           " '大王镇', '广饶县')")
    connection.close()
    head = migrate.HEAD_REVISION
    (scripts / "versions" / "9001_test_column.py").write_text(
        f'revision = "9001"\ndown_revision = "{head}"\nbranch_labels = None\ndepends_on = None\n'
        "from alembic import op\nimport sqlalchemy as sa\n\n"
        "def upgrade():\n"
        "    op.add_column('town', sa.Column('motto', sa.String(), nullable=True))\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)
    monkeypatch.setattr(migrate, "HEAD_REVISION", "9001")
    backup = migrate.upgrade(path)
    assert backup is not None and backup.exists()
    assert migrate.current_revision(path) == "9001"
    assert migrate.current_revision(backup) == head
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT name FROM town").fetchone() == ("大王镇",)
    copy.close()
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(town)")]
    assert "motto" in columns


def test_migrations_build_exactly_the_tables_the_models_describe(tmp_path):
    """After every migration, the schema matches the SQLModel tables (no missing column)."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    import db.models  # noqa: F401

    path = tmp_path / "compare.db"
    migrate.upgrade(path)
    engine = make_engine(path)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "include_object": lambda obj, name, type_, *_: not (name or "").startswith("search_")})
        differences = [d for d in compare_metadata(context, SQLModel.metadata)
                       if d[0] not in ("add_index", "remove_index")]
    engine.dispose()
    assert differences == []
