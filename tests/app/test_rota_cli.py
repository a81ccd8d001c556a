"""``lianjian-cli rota …`` and ``pool``: generate, show, swap, leave, due, attendance, print."""

from __future__ import annotations

from datetime import date

import pytest
from docx import Document

from desktop_app.services import Services
from desktop_app.storage.database import Database
from tests.app.test_cli import assert_user_error, cli
from tests.factories import build_small_town


@pytest.fixture
def town(tmp_path):
    path = tmp_path / "rota.db"
    db = Database(path)
    built = build_small_town(Services(db))
    db.close()
    return path, built


def test_a_month_from_pool_to_print(town, tmp_path):
    path, built = town
    cluster, people = built.huangqu, built.people
    for name in ("王建国", "李秀英", "张志强"):
        assert cli(path, "pool", "add", "--cluster", cluster, "--person", people[name]).code == 0
    listed = cli(path, "--json", "pool", "list", "--cluster", cluster).json()
    assert listed["total"] == 3
    assert cli(path, "rota", "holidays", "--year", "2026").code == 0
    made = cli(path, "--json", "rota", "generate", "--cluster", cluster, "--from",
               "2026-12-01", "--to", "2026-12-31").json()
    assert made["days"] == 23 and made["turns"] == 46
    assert max(made["per_person"].values()) - min(made["per_person"].values()) <= 1
    shown = cli(path, "rota", "show", "--cluster", cluster, "--month", "2026-12")
    assert shown.code == 0 and "2026年12月值班表" in shown.out and "王建国" in shown.out
    month = cli(path, "--json", "rota", "show", "--cluster", cluster, "--month", "2026-12").json()
    first = next(d for d in month["days"] if d["officers"])
    giver = first["officers"][0]["person_id"]
    taker = next(p for p in (people["王建国"], people["李秀英"], people["张志强"])
                 if p not in {o["person_id"] for o in first["officers"]})
    assert_user_error(cli(path, "rota", "swap", "--cluster", cluster, "--from", giver, "--to",
                          giver, "--day", first["day"], "--reason", "开会", "--from-agreed",
                          "--to-agreed"), "不能与自己调班")
    swapped = cli(path, "rota", "swap", "--cluster", cluster, "--from", giver, "--to", taker,
                  "--day", first["day"], "--reason", "开会", "--from-agreed", "--to-agreed")
    assert swapped.code == 0 and "替班" in swapped.out
    assert "（替" in cli(path, "rota", "show", "--cluster", cluster, "--month", "2026-12").out
    leave = cli(path, "rota", "leave", "--cluster", cluster, "--person", taker, "--from",
                first["day"], "--reason", "因病")
    assert leave.code == 0 and "已登记请假" in leave.out
    due = cli(path, "--json", "rota", "due", "--day", first["day"], "--cluster", cluster).json()
    assert taker in {r["person_id"] for r in due["items"]}
    report = cli(path, "--json", "rota", "attendance", "--month", "2026-12").json()
    assert report["total"]["due"] == 46
    out = tmp_path / "值班表.docx"
    assert cli(path, "rota", "print", "--cluster", cluster, "--month", "2026-12", "--out",
               str(out)).code == 0
    text = "\n".join(c.text for t in Document(str(out)).tables for r in t.rows for c in r.cells)
    assert "王建国" in text and "替" in text
    summary = tmp_path / "到岗.docx"
    assert cli(path, "rota", "attendance", "--month", "2026-12", "--out", str(summary)).code == 0
    assert summary.stat().st_size > 0


def test_bad_rota_input_is_refused_in_chinese(town):
    path, built = town
    assert_user_error(cli(path, "rota", "generate", "--cluster", built.huangqu, "--from",
                          "2026-12-01", "--to", "2026-12-31"), "还没有轮值人员")
    assert_user_error(cli(path, "rota", "show", "--cluster", built.huangqu, "--month", "2026-13"),
                      "YYYY-MM")
    assert_user_error(cli(path, "rota-turn", "add", "--cluster", built.huangqu, "--day",
                          str(date(2026, 12, 1)), "--person", built.people["王建国"]),
                      "不在黄璩联合党总支的轮值人员名单中")


def test_a_clusters_holiday_list_has_the_towns_holidays(town):
    """``holiday list --cluster`` lists the town's holidays, which apply to every cluster, as
    the 排班 page's 节假日 tab does, with the cluster's own."""
    path, built = town
    assert cli(path, "rota", "holidays", "--year", "2026").code == 0
    every = cli(path, "--json", "holiday", "list", "--limit", "0").json()
    assert every["total"] > 20
    assert cli(path, "holiday", "add", "--cluster", built.huangqu, "--day", "2026-12-24",
               "--name", "庙会").code == 0
    listed = cli(path, "--json", "holiday", "list", "--cluster", built.huangqu,
                 "--limit", "0").json()
    assert listed["total"] == every["total"] + 1
    scope = {row["name"]: row["cluster"] for row in listed["items"]}  # 适用范围
    assert (scope["国庆节"], scope["庙会"]) == ("全镇", "黄璩联合党总支")
    table = cli(path, "holiday", "list", "--cluster", built.huangqu, "--limit", "0").out
    assert next(line for line in table.splitlines() if "国庆节" in line).count("全镇") == 1
    other = cli(path, "--json", "holiday", "list", "--cluster", built.zhangdan).json()
    assert "庙会" not in {row["name"] for row in other["items"]}
