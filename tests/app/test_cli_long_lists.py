"""A long list (``--limit 0``) is read and printed a chunk at a time, and prints exactly what
the same rows printed at once would: the table's columns aligned over every row, the JSON
document the same."""

from __future__ import annotations

import io
import json
from datetime import date

from desktop_app.cli import context
from desktop_app.cli.output import Column, Output, to_json
from tests.app.test_cli import cli, town  # noqa: F401 (the module's town fixture)

COLUMNS = [Column("title", "标题", 12), Column("day", "日期"), Column("names", "村")]
ROWS = [{"title": "清理排水沟", "day": date(2026, 1, 2), "names": ["黄璩村", "韩璩村"],
         "nested": {"a": [1, 2], "b": None}},
        {"title": "一个很长很长很长很长的任务标题", "day": None, "names": []},
        {"title": "line\nbreak\x1fand unit separator", "day": date(2026, 12, 31),
         "names": ["北张淡村"]}]


def _printed(json_mode: bool, print_rows) -> str:
    stream = io.StringIO()
    print_rows(Output(json_mode, stream))
    return stream.getvalue()


def test_chunks_print_as_the_whole_list_does():
    for json_mode in (False, True):
        whole = _printed(json_mode, lambda out: out.listing(ROWS, COLUMNS, 7, 2))
        chunked = _printed(json_mode, lambda out: out.listing_in_chunks(
            iter([ROWS[:1], [], ROWS[1:]]), COLUMNS, 7, 2))
        assert chunked == whole
    assert json.loads(whole) == {"items": json.loads(to_json(ROWS)), "total": 7}
    text = _printed(False, lambda out: out.listing_in_chunks(iter([ROWS]), COLUMNS, 7, 2))
    assert "line break and unit separator"[:10] in text.replace("…", "")
    assert text.splitlines()[-1] == "共 7 条（显示第 3～5 条，可用 --offset、--limit 翻页）"


def test_an_empty_list_in_chunks():
    assert _printed(False, lambda out: out.listing_in_chunks(iter([]), COLUMNS, 0)) == (
        "（无记录）\n共 0 条\n")
    assert json.loads(_printed(True, lambda out: out.listing_in_chunks(iter([[]]), COLUMNS,
                                                                       0))) == {
        "items": [], "total": 0}


def test_all_tasks_in_chunks_are_the_tasks_of_one_page(town, monkeypatch):  # noqa: F811
    """``task list --limit 0`` (chunks of two records here) lists what one page of 100 does,
    in the same order, in text and JSON; ``--offset`` and ``--limit`` past a chunk too."""
    pages = {prefix: cli(town.path, *prefix, "task", "list") for prefix in ((), ("--json",))}
    monkeypatch.setattr(context, "CHUNK", 2)
    for prefix, page in pages.items():
        every = cli(town.path, *prefix, "task", "list", "--limit", "0")
        assert page.code == every.code == 0, every.err
        if prefix:
            assert json.loads(every.out) == json.loads(page.out)
            assert len(json.loads(every.out)["items"]) > 2  # more than one chunk
        else:
            assert every.out == page.out
    window = json.loads(cli(town.path, "--json", "task", "list", "--offset", "1", "--limit",
                            "3").out)
    items = json.loads(pages[("--json",)].out)
    assert window["items"] == items["items"][1:4] and window["total"] == items["total"]
