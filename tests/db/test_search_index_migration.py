"""Revision 0006: the search index of a file written before it is built again, now with
rows of other records (a task's progress notes), so an old file finds them at once."""

from __future__ import annotations

import sqlite3

from alembic import command

from db import migrate
from db.engine import make_engine
from desktop_app.search.fts import Filters
from desktop_app.services import Services
from desktop_app.storage.database import Database


def _alembic(path, verb: str, revision: str) -> None:
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            config = migrate._config()
            config.attributes["connection"] = connection
            getattr(command, verb)(config, revision)
    finally:
        engine.dispose()


def _docs(path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM search_doc").fetchone()[0]
    finally:
        connection.close()


def _office(path):
    db = Database(path)
    db.set_node(name="黄璩中心村值班室")
    services = Services(db)
    town = services.towns.create(name="大王镇")
    cluster = services.clusters.create(town_id=town.id, name="黄璩联合党总支")
    person = services.people.create(name="王建国", cluster_id=cluster.id)
    services.duty.start(cluster.id, [person.id])
    task = services.tasks.create(cluster_id=cluster.id, title="种植结构调整")
    services.tasks.add_progress(task.id, "已联系蓖麻籽收购商樊家庄")
    return db, services, task


def test_an_old_file_finds_progress_notes_once_opened(tmp_path):
    path = tmp_path / "office.db"
    db, _services, task = _office(path)
    db.close()
    _alembic(path, "downgrade", "0005")  # as the file of the previous app version
    assert _docs(path) == 0  # 0005's index is rebuilt empty by the downgrade ...

    db = Database(path)  # ... and opening it with this app migrates and rebuilds it
    try:
        found = Services(db).search.search("蓖麻")
        assert [(f.record_id, f.where) for f in found] == [(task.id, "任务进展")]
    finally:
        db.close()


def test_check_can_rebuild_the_index(tmp_path, capsys):
    from desktop_app.cli.main import main

    path = tmp_path / "office.db"
    db, _services, task = _office(path)
    with db.begin() as connection:
        connection.exec_driver_sql("DELETE FROM search_fts")
        connection.exec_driver_sql("DELETE FROM search_doc")
    db.close()
    assert main(["--db", str(path), "check", "--rebuild-index"]) == 0
    assert "检索索引已重建：" in capsys.readouterr().out
    assert main(["--db", str(path), "--json", "search", "蓖麻"]) == 0
    assert task.id in capsys.readouterr().out


def _fts_columns(path) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[1] for row in connection.execute("PRAGMA table_info(search_fts)")]
    finally:
        connection.close()


def test_revision_0020_copies_the_index_with_each_rows_kind(tmp_path):
    """A file of the previous version keeps its index, now with the kind of every row (a
    progress note's is its task's), without building it again from the records."""
    path = tmp_path / "office.db"
    db, _services, task = _office(path)
    db.close()
    _alembic(path, "downgrade", "0019")
    assert _fts_columns(path) == ["body", "pinyin", "secret"]
    rows = _docs(path)
    connection = sqlite3.connect(path)
    connection.execute("DELETE FROM person")  # gone from the tables, still in the index:
    connection.commit()  # only a copy of the index (not a rebuild) still finds 王建国
    connection.close()

    db = Database(path)
    try:
        assert _fts_columns(path) == ["body", "pinyin", "secret", "kind"]
        assert _docs(path) == rows
        search = Services(db).search
        assert [f.record_id for f in search.grouped("蓖麻").hits["work_task"]] == [task.id]
        assert search.grouped("王建国").counts == {"person": 1}
        assert search.grouped("蓖麻", Filters(kinds=("person",))).counts == {}
    finally:
        db.close()
