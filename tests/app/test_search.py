"""Full-text search: Chinese terms of any length, pinyin, filters, upsert and odd input."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import text

from db.engine import make_engine
from db.migrate import upgrade
from desktop_app.search.fts import (
    SearchDoc,
    build_match,
    index_docs,
    match_subquery,
    matching_ids,
    pinyin_keys,
    search,
    segment,
    unindex,
)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    """One freshly migrated database, copied for each test (migrating is the slow part)."""
    path = tmp_path_factory.mktemp("search") / "t.db"
    upgrade(path)
    return path


@pytest.fixture
def engine(migrated, tmp_path):
    path = tmp_path / "t.db"
    shutil.copyfile(migrated, path)
    engine = make_engine(path)
    yield engine
    engine.dispose()


@pytest.fixture
def connection(engine):
    with engine.begin() as connection:
        index_docs(
            connection,
            [
                SearchDoc("task", "t1", "c1", "黄璩村 修缮村东道路排水沟", "黄璩村"),
                SearchDoc("task", "t2", "c2", "张庄村 新建文化广场 2号", "张庄村"),
                SearchDoc("meeting", "m1", "c1", "黄璩 主持会议 讨论道路", "黄璩"),
            ],
        )
        yield connection


def ids(hits) -> set[str]:
    return {hit.record_id for hit in hits}


def test_one_two_and_three_character_terms_are_found(connection):
    """I can find the repair task by typing 道, 道路 or 排水沟."""
    assert "t1" in ids(search(connection, "道"))
    assert ids(search(connection, "道路")) == {"t1", "m1"}
    assert ids(search(connection, "排水沟")) == {"t1"}


def test_characters_must_be_adjacent(connection):
    """Typing 道沟 does not find a record where 道 and 沟 are merely both present."""
    assert search(connection, "道沟") == []


def test_a_term_that_is_nowhere_finds_nothing(connection):
    """Searching for 学校 when no record mentions it shows no results."""
    assert search(connection, "学校") == []


def test_pinyin_initials_and_full_pinyin_find_a_name(connection):
    """On an English keyboard, hq, huang or huangqu all find 黄璩."""
    for typed in ("hq", "HQ", "huang", "huangqu"):
        assert ids(search(connection, typed)) == {"t1", "m1"}, typed
    assert ids(search(connection, "zzc")) == {"t2"}


def test_latin_words_and_digits_in_the_body_are_found(connection):
    """A number written in the text, such as 2 in 2号, can be searched for."""
    assert ids(search(connection, "2")) == {"t2"}
    assert ids(search(connection, "2号")) == {"t2"}


def test_every_term_must_match(connection):
    """道路 排水沟 finds only the record that has both; 道路 广场 finds none."""
    assert ids(search(connection, "道路 排水沟")) == {"t1"}
    assert ids(search(connection, "hq 会议")) == {"m1"}
    assert search(connection, "道路 广场") == []


def test_filter_by_kind_and_cluster(connection):
    """I can limit a search to meetings, or to one cluster's records."""
    assert ids(search(connection, "道路", kinds=["meeting"])) == {"m1"}
    assert ids(search(connection, "道路", kinds=["task", "meeting"])) == {"t1", "m1"}
    assert search(connection, "道路", kinds=[]) == []
    assert ids(search(connection, "村", cluster_id="c2")) == {"t2"}
    assert ids(search(connection, "道路", kinds=["task"], cluster_id="c1")) == {"t1"}


def test_newest_first_and_limit(connection):
    """The most recently saved record comes first, and the list is cut at the limit."""
    hits = search(connection, "道路")
    assert [hit.record_id for hit in hits] == ["m1", "t1"]
    assert hits[0].kind == "meeting" and hits[0].cluster_id == "c1"
    assert len(search(connection, "道路", limit=1)) == 1


def test_editing_a_record_replaces_its_old_text(connection):
    """After I change a task's text, the old words no longer find it and the new ones do."""
    index_docs(connection, [SearchDoc("task", "t1", "c1", "硬化村西便道", "")])
    assert search(connection, "排水沟") == []
    assert ids(search(connection, "便道")) == {"t1"}
    assert "t1" not in ids(search(connection, "hq"))
    assert connection.execute(text("SELECT count(*) FROM search_doc")).scalar_one() == 3
    assert connection.execute(text("SELECT count(*) FROM search_fts")).scalar_one() == 3


def test_an_edited_record_moves_to_the_top(connection):
    """A record I just edited is listed before older ones."""
    index_docs(connection, [SearchDoc("task", "t1", "c1", "修缮村东道路", "黄璩村")])
    assert [hit.record_id for hit in search(connection, "道路")] == ["t1", "m1"]


def test_deleted_records_disappear(connection):
    """After a record is deleted it no longer shows up in searches."""
    unindex(connection, ["t1", "no-such-record"])
    assert ids(search(connection, "道路")) == {"m1"}
    assert connection.execute(text("SELECT count(*) FROM search_fts")).scalar_one() == 2


@pytest.mark.parametrize(
    "typed",
    [
        '"',
        "*",
        "AND",
        "OR",
        "NOT",
        "(",
        ")",
        ":",
        "-道",
        "NEAR(",
        "NEAR(道 路, 2)",
        'body:"道',
        "道*",
        "^道",
        "{body}:道",
        "a OR b",
        "😀",
        "道😀路",
        "'; DROP TABLE x;--",
        "（全角）",
        "body : hq",
        "+",
        "a.b_c",
    ],
)
def test_odd_input_never_breaks_the_search(connection, typed):
    """Whatever I type in the search box, I get a list back, never an error."""
    assert isinstance(search(connection, typed), list)
    fragment = match_subquery(typed, "task")
    if fragment is not None:
        sql, params = fragment
        connection.execute(text(sql), params).all()


def test_operator_words_are_searched_as_plain_words(engine):
    """Typing and or near looks for those words, it does not act as an operator."""
    with engine.begin() as connection:
        index_docs(connection, [SearchDoc("note", "n1", None, "near and or not", "")])
        assert ids(search(connection, "NEAR AND OR")) == {"n1"}


@pytest.mark.parametrize("typed", ["", "   ", "\t\n", "，。！", "-*:()", "😀"])
def test_empty_query_finds_nothing(connection, typed):
    """An empty search box, or one with only punctuation, shows no results."""
    assert build_match(typed) is None
    assert search(connection, typed) == []
    assert match_subquery(typed, "task") is None
    assert matching_ids(connection, typed, "task") is None


def test_other_lists_can_filter_by_search_text(connection):
    """The task list can keep just the tasks whose text matches what I typed."""
    assert matching_ids(connection, "道路", "task") == ["t1"]
    assert sorted(matching_ids(connection, "道路")) == ["m1", "t1"]
    sql, params = match_subquery("道路", "task")
    wanted = (
        connection.execute(
            text(f"SELECT :a AS id UNION SELECT :b EXCEPT SELECT * FROM ({sql})"),
            {"a": "t1", "b": "t2", **params},
        )
        .scalars()
        .all()
    )
    assert wanted == ["t2"]


def test_segment_and_pinyin_keys():
    """Chinese is split into characters, Latin words stay whole; names give pinyin keys."""
    assert segment("修缮A区2号 road") == "修 缮 A 区 2 号 road"
    assert segment("𠀀㐀") == "𠀀 㐀"
    assert pinyin_keys("黄璩") == "hq huangqu"
    assert pinyin_keys("黄璩 张三") == "hq huangqu zs zhangsan"
    assert pinyin_keys("A区") == "aq aqu"
    assert pinyin_keys("") == ""


def test_build_match_shapes():
    """The query sent to SQLite is a quoted phrase per Chinese run and a prefix per word."""
    assert build_match("道路") == 'body : "道 路"'
    assert build_match("hq") == '(body : "hq"* OR pinyin : "hq"*)'
    assert build_match("3组道路") == 'body : "组 道 路" AND (body : "3"* OR pinyin : "3"*)'


def test_bulk_indexing_of_many_new_records(engine):
    """Building the index for thousands of new records at once works and finds them all."""
    villages = ["黄璩村", "张庄村", "李家湾", "王家坝"]
    docs = [
        SearchDoc(
            "task", f"r{i:05d}", f"c{i % 4}", f"{villages[i % 4]} 第{i}号 修缮道路", villages[i % 4]
        )
        for i in range(2000)
    ]
    with engine.begin() as connection:
        index_docs(connection, docs, fresh=True)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM search_fts")).scalar_one() == 2000
        assert len(search(connection, "道路", limit=5000)) == 2000
        assert len(search(connection, "hq", limit=5000)) == 500
        assert len(search(connection, "李家湾", cluster_id="c2", limit=5000)) == 500
        assert ids(search(connection, "1999")) == {"r01999"}
        assert search(connection, "道路")[0].record_id == "r01999"


def test_a_row_indexed_before_its_record_gets_the_records_cluster_and_date(engine):
    """A progress note that arrived (by sync) before its task takes the task's cluster and
    date once the task is indexed, so the cluster and date filters find it."""
    from desktop_app.search.fts import Filters, pass_on_to_rows

    with engine.begin() as connection:
        index_docs(connection, [SearchDoc("work_task", "n1", None, "已联系蓖麻籽收购商", "",
                                          owner_id="t1", source="task_progress")])
        task = SearchDoc("work_task", "t1", "c1", "种植结构调整", "", day="2026-11-02")
        index_docs(connection, [task], fresh=True)
        pass_on_to_rows(connection, [task])
        hits = search(connection, "蓖麻", filters=Filters(cluster_id="c1",
                                                          date_from="2026-11-01"))
        assert [(h.record_id, h.source, h.source_id) for h in hits] == [
            ("t1", "task_progress", "n1")]
