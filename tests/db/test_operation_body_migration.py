"""Revision 0004: the operation log keeps the hashed text itself (``body``).

A log written under 0003 (fields as JSON) is rebuilt into bodies whose hashes still match,
and a downgrade gives the fields back.
"""

from __future__ import annotations

import json
import sqlite3

from alembic import command

from db import migrate
from db.engine import make_engine
from desktop_app.services import Services
from desktop_app.storage.database import Database
from desktop_app.sync.oplog import op_hash


def _alembic(path, verb: str, revision: str) -> None:
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            config = migrate._config()
            config.attributes["connection"] = connection
            getattr(command, verb)(config, revision)
    finally:
        engine.dispose()


def _log(path) -> list[tuple]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(
            "SELECT origin, seq, prev_hash, hash, body FROM sync_op "
            "ORDER BY origin, seq").fetchall()
    finally:
        connection.close()


def test_bodies_built_from_a_0003_log_keep_every_hash(tmp_path):
    path = tmp_path / "office.db"
    db = Database(path)
    db.set_node(name="黄璩中心村值班室")
    services = Services(db)
    town = services.towns.create(name="大王镇")
    services.clusters.create(town_id=town.id, name="黄璩联合党总支", note='带"引号"和\\反斜杠')
    db.close()
    written = _log(path)
    assert len(written) == 2

    _alembic(path, "downgrade", "0003")
    connection = sqlite3.connect(path)
    fields = connection.execute("SELECT fields FROM sync_op ORDER BY origin, seq").fetchall()
    connection.close()
    assert json.loads(fields[-1][0])["note"] == '带"引号"和\\反斜杠'

    migrate.upgrade(path)  # 0003 -> 0004, as a PC updating the app would
    rebuilt = _log(path)
    assert rebuilt == written
    for _origin, _seq, prev_hash, digest, body in rebuilt:
        assert op_hash(prev_hash, body) == digest
