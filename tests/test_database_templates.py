"""The databases tests work in are copies of files built once per session
(tests/factories.py, ``Templates``); a copy must behave as a database built for the test."""

from __future__ import annotations

import hashlib
import sqlite3

from sqlalchemy import select

from db.models import LocalNode, Person
from desktop_app.services import Services
from desktop_app.storage.database import Database
from desktop_app.sync.identity import Signer, verify
from tests.factories import build_small_town


def row_counts(path) -> dict[str, int]:
    """How many rows each table of the file holds (the search index and the log included;
    not SQLite's own statistics, which ``PRAGMA optimize`` writes when a file is closed)."""
    connection = sqlite3.connect(path)
    try:
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name")]
        return {name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
                for name in tables}
    finally:
        connection.close()


def file_digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_new_database_gets_its_own_identity(db, database_templates, tmp_path):
    """Two databases opened in one test are two PCs: each has its own node id and key pair,
    neither counts as copied from elsewhere, and each signs with its own key."""
    other = database_templates.open_empty(tmp_path / "other" / "lianjian.db")
    built = Database(tmp_path / "built" / "lianjian.db")  # made the slow way, for comparison
    try:
        nodes = [database.node for database in (db, other, built)]
        assert len({node.node_id for node in nodes}) == 3
        assert len({node.install_id for node in nodes}) == 3
        for database in (db, other, built):
            assert database.identity_renewed is None and database.backup_made is None
            assert database.node.public_key and database.node.epoch == 0
            assert database.officer_id is None
            signature = Signer(database.key_path).sign(b"hello")
            assert verify(database.node.public_key, b"hello", signature)
        assert not verify(other.node.public_key, b"hello", Signer(db.key_path).sign(b"hello"))
        assert row_counts(db.path) == row_counts(built.path)
    finally:
        other.close()
        built.close()


def test_the_small_town_opens_as_the_pc_that_built_it(small_town, services, tmp_path):
    """The small town's file comes with its key: it is not taken for a copied database, its
    records name this PC as their origin, and its ids are the ones the test is given."""
    db = services.db
    assert db.path.parent == tmp_path and db.key_path.exists()
    assert db.identity_renewed is None and db.backup_made is None
    with db.session() as session:
        origins = set(session.scalars(select(Person.origin)))
        assert origins == {db.node.node_id}
        assert session.get(LocalNode, 1).node_id == db.node.node_id
    assert services.towns.get(small_town.town).name == "大王镇"
    assert services.clusters.get(small_town.huangqu).name == "黄璩联合党总支"
    assert {name: services.villages.get(id).name for name, id in small_town.villages.items()} \
        == {name: name for name in small_town.villages}
    assert {name: services.people.get(id).name for name, id in small_town.people.items()} \
        == {name: name for name in small_town.people}
    reopened = Database(db.path)
    try:
        assert reopened.node.node_id == db.node.node_id and reopened.identity_renewed is None
    finally:
        reopened.close()


def test_the_small_town_copy_holds_what_a_fresh_build_holds(small_town, db, tmp_path):
    """Every table (records, operation log, search index) has as many rows in the copy as in
    a small town built from scratch for this test."""
    fresh = Database(tmp_path / "fresh" / "lianjian.db")
    try:
        build_small_town(Services(fresh))
        assert row_counts(db.path) == row_counts(fresh.path)
    finally:
        fresh.close()


def test_what_a_test_writes_stays_in_its_own_copy(small_town, services, database_templates):
    """A test that adds and deletes records leaves the session's files as they were, and
    the ids it is given are its own to change."""
    before = file_digest(database_templates.small_town_file)
    services.people.create(name="新来的", village_id=small_town.villages["黄璩村"])
    services.people.delete(small_town.people["赵磊"])
    small_town.people.pop("赵磊")
    assert file_digest(database_templates.small_town_file) == before
    assert "赵磊" in database_templates.small_town().people
