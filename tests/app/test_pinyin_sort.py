"""Names and titles listed by pinyin (阿, 白, 陈 …), not by code point: the stored sort key is
written with the record by every write path (a form's save, the sample town's and a sync
file's bulk writes) and by the migration that added it."""

from __future__ import annotations

import sqlite3

from sqlalchemy import select

from db.models import Person, table_of
from desktop_app.search.sort_keys import backfill, sort_key
from desktop_app.services import ListQuery
from desktop_app.storage.bulk import insert_rows


def test_keys_sort_as_a_person_looks_names_up():
    names = ["陈静", "阿红", "白雪", "王芳", "王", "2组", "Ann"]
    assert sorted(names, key=sort_key) == ["2组", "阿红", "Ann", "白雪", "陈静", "王", "王芳"]
    assert sort_key(None) is None
    assert sort_key("陈静").startswith("chen2 jing4")


def test_code_point_order_is_not_pinyin_order():
    """The reason for the keys: by code point 白 (U+767D) comes first and 阿 (U+963F) lands
    between it and 陈 (U+9648)."""
    assert sorted(["阿红", "白雪", "陈静"]) == ["白雪", "阿红", "陈静"]


def people(services, order: str) -> list[str]:
    query = ListQuery(order_by=order, limit=None)
    return [p.name for p in services.people.list(query).items if p.name in WANTED]


WANTED = {"陈静", "阿红", "白雪", "邹强"}


def test_people_sort_by_pinyin_and_follow_a_rename(services, small_town):
    village = small_town.villages["黄璩村"]
    for name in ("陈静", "阿红", "白雪"):
        services.people.create(name=name, village_id=village)
    assert people(services, "name") == ["阿红", "白雪", "陈静"]
    assert people(services, "-name") == ["陈静", "白雪", "阿红"]
    # A rename moves the person: the key is written with every change.
    first = next(p for p in services.people.list(ListQuery(limit=None)).items
                 if p.name == "阿红")
    services.people.update(first.id, name="邹强")
    assert people(services, "name") == ["白雪", "陈静", "邹强"]


def test_task_titles_sort_by_pinyin(services, on_shift):
    for title in ("清理排水沟", "安装路灯", "白蚁防治"):
        services.tasks.create(cluster_id=on_shift.huangqu, title=title,
                              village_ids=[on_shift.villages["黄璩村"]])
    titles = [t.title for t in services.tasks.list(ListQuery(order_by="title")).items]
    assert titles == ["安装路灯", "白蚁防治", "清理排水沟"]


def test_bulk_writes_fill_the_key(db, small_town):
    """The sample town and sync imports write rows in bulk, past the ORM."""
    table = table_of(Person)
    with db.session() as session:  # a real row to copy, as a sync file would carry it
        row = dict(session.connection().execute(select(table).limit(1)).one()._mapping)
    row.update(id="p-bulk", name="阿大", name_sort=None)
    with db.begin() as connection:
        insert_rows(connection, table, [row])
        stored = connection.exec_driver_sql(
            "SELECT name_sort FROM person WHERE id = 'p-bulk'").scalar_one()
    assert stored == sort_key("阿大")


def test_keys_are_not_carried_in_sync_files(services, small_town):
    from db.models import SYNC_META_COLUMNS

    assert {"name_sort", "title_sort"} <= SYNC_META_COLUMNS


def test_backfill_writes_every_key(db, small_town):
    """What the migration runs on an older file: every name gets its key."""
    with db.begin() as connection:
        connection.exec_driver_sql("UPDATE person SET name_sort = NULL")
        assert backfill(connection) > 0
    with sqlite3.connect(db.path) as raw:
        missing = raw.execute("SELECT count(*) FROM person WHERE name_sort IS NULL").fetchone()
        village = raw.execute("SELECT name, name_sort FROM village LIMIT 1").fetchone()
    assert missing == (0,)
    assert village[1] == sort_key(village[0])
