"""``talent``, ``rotation`` and ``training`` on the command line."""

from __future__ import annotations

from datetime import date, timedelta

from desktop_app.records.id_numbers import check_digit
from tests.app.test_industry_cli import cli, data


def id_number(born: str) -> str:
    body = "370523" + born + "002"
    return body + check_digit(body)


def test_a_new_qingyan_rotates_and_trains(db, small_town):
    talent = data(db, "talent", "add", "--new-name", "周丽", "--new-village",
                  small_town.villages["杨璩村"], "--new-id-number", id_number("19960315"),
                  "--pool", "青雁", "--category", "大学毕业生", "--skills", "电商直播")
    assert talent["person"] == "周丽" and talent["cluster_id"] == small_town.huangqu
    _, err = cli(db, "talent", "add", "--new-name", "韩立军", "--new-id-number",
                 id_number("19800101"), "--new-village", small_town.villages["韩璩村"],
                 "--pool", "qingyan", code=1)
    assert "韩立军出生于 1980 年" in err
    assert data(db, "person", "list", "--search", "韩立军")["total"] == 0
    today = date.today()
    rotation = data(db, "rotation", "add", "--talent", talent["id"], "--post", "网格",
                    "--start", str(today - timedelta(days=80)),
                    "--mentor", small_town.people["王建国"])
    assert rotation["talent_name"] == "周丽"
    ending = data(db, "rotation", "list", "--ending")
    assert [r["id"] for r in ending["items"]] == [rotation["id"]]
    training = data(db, "training", "add", "--cluster", small_town.huangqu, "--title",
                    "农村电商直播", "--date", str(today), "--hours", "3",
                    "--attendee", talent["person_id"],
                    "--attendee", f"{small_town.people['刘芳']}:2")
    assert [r["hours"] for r in training["attendee_rows"]] == [3.0, 2.0]
    hours = data(db, "training", "hours", "--year", str(today.year))
    assert [(r["name"], r["hours"]) for r in hours["items"]] == [("周丽", 3.0), ("刘芳", 2.0)]
    shown, _ = cli(db, "talent", "show", talent["id"])
    assert "农村电商直播" in shown and "网格" in shown
    cli(db, "training", "delete", training["id"])
    cli(db, "training", "restore", training["id"])
    _, err = cli(db, "rotation", "update", rotation["id"], "--end", "2000-01-01", code=1)
    assert "不能早于开始日期" in err
