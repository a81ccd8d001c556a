"""Bring a database file to the current schema, safely.

Before any migration the file is copied aside; a file written by a newer version of the
app (a schema revision we do not know) is refused and left untouched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection

from db.engine import make_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in MIGRATIONS_DIR, so that opening a current file needs no Alembic
# (it is slow to import). tests/db/test_migrations.py keeps it equal to Alembic's head.
HEAD_REVISION = "0020"


# Things the app builds from the tables that a migration may ask it to build again (the
# search index), registered by the app: db/ imports nothing of it.
_REBUILDERS: dict[str, Callable[[Connection], object]] = {}


def register_rebuilder(name: str, rebuild: Callable[[Connection], object]) -> None:
    """Let migrations rebuild ``name`` with ``rebuild(connection)``."""
    _REBUILDERS[name] = rebuild


def rebuild(name: str, connection: Connection) -> bool:
    """Called by a migration: build ``name`` again if the app registered how; False if not
    (then the app's own check rebuilds it: ``lianjian-cli check --rebuild-index``)."""
    found = _REBUILDERS.get(name)
    if found is None:
        return False
    found(connection)
    return True


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer version of the app."""


def _config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest revision according to Alembic's scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_config()).get_current_head()
    if head is None:
        raise RuntimeError(f"no migration scripts in {MIGRATIONS_DIR}")
    return head


def current_revision(path: Path) -> str | None:
    """The schema revision stamped in the file, or None for a new or empty file."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        has_table = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def copy_database(source_path: Path, target: Path) -> None:
    """``source_path`` into ``target`` through SQLite's online backup API (consistent while
    another connection writes: the API restarts if the source changes under it)."""
    source = sqlite3.connect(source_path)
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
    finally:
        dest.close()
        source.close()


def backup(path: Path, revision: str) -> Path:
    """Copy the database (consistently, through SQLite's backup API) beside itself."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-{revision[:12]}-{stamp}{path.suffix}.bak")
    copy_database(path, target)
    return target


def upgrade(path: Path | str) -> Path | None:
    """Migrate ``path`` to the newest schema; returns the backup made, if any.

    Raises SchemaTooNewError, without touching the file, when it comes from a newer app.
    """
    path = Path(path)
    current = current_revision(path)
    if current == HEAD_REVISION:
        return None
    from alembic import command
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(_config())
    head = scripts.get_current_head()
    if current == head:
        return None
    known = {rev.revision for rev in scripts.walk_revisions()}
    if current is not None and current not in known:
        raise SchemaTooNewError(
            f"数据库 {path} 来自更新版本的联建台账（结构版本 {current}），"
            "本程序无法打开它；请升级程序。文件未作任何改动。"
        )
    made = backup(path, current) if current is not None else None
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            config = _config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    finally:
        engine.dispose()
    return made
