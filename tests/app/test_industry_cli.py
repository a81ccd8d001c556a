"""``project``, ``coop`` and ``workshop`` on the command line: rows typed as options, money in
万元, refusals as one ``错误：`` line with exit code 1."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import desktop_app.__main__ as entry


def cli(db, *args, code: int = 0):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        got = entry.main(["--db", str(db.path), *args])
    assert got == code, err.getvalue()
    return out.getvalue(), err.getvalue()


def data(db, *args):
    return json.loads(cli(db, *args, "--json")[0])


def test_a_project_from_add_to_restore(db, small_town):
    v = small_town.villages
    project = data(db, "project", "add", "--cluster", small_town.huangqu, "--name", "育苗基地",
                   "--fund", "帮扶资金:150万", "--fund", "村集体：50万",
                   "--share", f"{v['黄璩村']}:100万", "--share", f"{v['韩璩村']}:100万",
                   "--start", "2025-03-01", "--end", "2026-06-30", "--jobs", "300")
    assert project["total_wan"] == 200 and [r["amount"] for r in project["fund_rows"]] == [
        1_500_000, 500_000]
    shown, _ = cli(db, "project", "update", project["id"], "--progress", "大棚主体完工",
                   "--status", "running")
    assert "大棚主体完工" in shown and "运营中" in shown and "黄璩村" in shown
    listed = data(db, "project", "list", "--status", "running")
    assert [p["id"] for p in listed["items"]] == [project["id"]]
    _, err = cli(db, "project", "update", project["id"], "--fund", "帮扶资金:-3", code=1)
    assert "不能为负数" in err
    _, err = cli(db, "project", "update", project["id"], "--end", "2024-01-01", code=1)
    assert "不能早于开工日期" in err
    cli(db, "project", "delete", project["id"])
    assert data(db, "project", "list")["total"] == 0
    cli(db, "project", "restore", project["id"])
    assert data(db, "project", "show", project["id"])["deleted"] is False


def test_a_cooperative_is_placed_by_its_village_and_visited_by_the_town(db, small_town):
    coop = data(db, "coop", "add", "--name", "北张淡齐笔合作社", "--village",
                small_town.villages["北张淡村"], "--code", "91350100M000100Y43",
                "--cadre", small_town.people["孙包村"], "--standing", "一般")
    assert coop["cluster_id"] == small_town.zhangdan and coop["standing_label"] == "一般"
    shown = data(db, "coop", "visit", coop["id"], "--date", "2026-10-09",
                 "--checklist", "章程齐全", "--measures", "建立成员账户", "--standing", "sound")
    assert shown["standing_label"] == "规范" and shown["visit_rows"][0]["visitor"] == "孙包村"
    _, err = cli(db, "coop", "add", "--name", "x", "--village", small_town.villages["黄璩村"],
                 "--code", "123", code=1)
    assert "18 位" in err


def test_a_workshops_months_are_added_one_by_one(db, small_town):
    workshop = data(db, "workshop", "add", "--name", "古韵张淡·共富工坊", "--village",
                    small_town.villages["北张淡村"], "--groups", "脱贫户3人",
                    "--month", "2026-09", "--month-employed", "40", "--month-pay", "1800")
    again = data(db, "workshop", "update", workshop["id"], "--month", "2026-10",
                 "--month-employed", "43")
    assert [m["month"] for m in again["month_rows"]] == ["2026-09", "2026-10"]
    assert again["groups_helped"] != "脱贫户3人"  # masked
    _, err = cli(db, "workshop", "update", workshop["id"], "--month", "2026-9", code=1)
    assert "YYYY-MM" in err


def test_the_word_documents_of_one_record(db, small_town, tmp_path):
    project = data(db, "project", "add", "--cluster", small_town.huangqu, "--name", "育苗基地",
                   "--fund", "帮扶资金:150万")
    written = data(db, "project", "card", project["id"], "--out", str(tmp_path / "卡.docx"))
    assert written["file"] == str(tmp_path / "卡.docx") and (tmp_path / "卡.docx").stat().st_size
    shown, _ = cli(db, "project", "card", project["id"], "--out", str(tmp_path / "卡2.docx"))
    assert shown.startswith("已导出产业项目卡：")
    _, err = cli(db, "project", "card", "no-such-id", "--out", str(tmp_path / "x.docx"), code=1)
    assert err.startswith("错误：")
