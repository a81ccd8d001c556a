"""治理联抓 at the command line: each group's add, list, show, update, delete and restore, with
--json, and bad input refused in Chinese."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.services import Services
from desktop_app.storage.database import Database
from tests.app.test_cli import assert_user_error, cli
from tests.factories import build_small_town


@pytest.fixture
def town(tmp_path):
    db = Database(tmp_path / "gov.db")
    built = build_small_town(Services(db))
    db.close()
    built.path = tmp_path / "gov.db"  # type: ignore[attr-defined]
    return built


def test_grid_and_microgrid_round_trip(town):
    path = town.path
    grid = cli(path, "--json", "grid", "add", "--village", town.villages["黄璩村"],
               "--code", "370523100001001", "--name", "黄璩村第一网格",
               "--head", town.people["王建国"]).json()
    assert grid["cluster"] == "黄璩联合党总支" and grid["head"] == "王建国"
    micro = cli(path, "--json", "microgrid", "add", "--grid", grid["id"], "--name", "一组",
                "--leader", town.people["王建国"], "--households", "40").json()
    assert micro["grid"] == "黄璩村第一网格" and micro["village"] == "黄璩村"
    moved = cli(path, "--json", "microgrid", "update", micro["id"],
                "--leader", town.people["李秀英"]).json()
    assert moved["id"] == micro["id"] and moved["leader"] == "李秀英"
    listing = cli(path, "--json", "microgrid", "list", "--grid", grid["id"]).json()
    assert listing["total"] == 1 and listing["items"][0]["households"] == 40
    assert cli(path, "--json", "microgrid", "list", "--overdue").json()["total"] == 1
    assert cli(path, "microgrid", "delete", micro["id"]).code == 0
    assert cli(path, "--json", "microgrid", "list").json()["total"] == 0
    assert cli(path, "--json", "microgrid", "list", "--deleted").json()["total"] == 1
    assert cli(path, "microgrid", "restore", micro["id"]).code == 0
    shown = cli(path, "microgrid", "show", micro["id"]).out
    assert "微网格长" in shown and "李秀英" in shown


def test_a_leader_from_another_cluster_is_refused_at_the_command_line(town):
    grid = cli(town.path, "--json", "grid", "add", "--village", town.villages["黄璩村"],
               "--code", "G1", "--name", "一网格").json()
    result = cli(town.path, "microgrid", "add", "--grid", grid["id"], "--name", "一组",
                 "--leader", town.people["赵磊"])
    assert_user_error(result, "赵磊", "张淡联合党总支")
    assert cli(town.path, "--json", "microgrid", "list").json()["total"] == 0


def test_visits_at_the_command_line(town):
    path = town.path
    grid = cli(path, "--json", "grid", "add", "--village", town.villages["韩璩村"],
               "--code", "G1", "--name", "韩璩村第一网格").json()
    micro = cli(path, "--json", "microgrid", "add", "--grid", grid["id"], "--name", "一组",
                "--leader", town.people["李秀英"]).json()
    assert cli(path, "--json", "visit", "overdue").json()["total"] == 1
    visit = cli(path, "--json", "visit", "add", "--micro-grid", micro["id"],
                "--date", date.today().isoformat(), "--kind", "巡查", "--households", "9",
                "--problems", "村东路灯不亮").json()
    assert visit["kind_label"] == "巡查" and visit["village"] == "韩璩村"
    assert cli(path, "--json", "visit", "overdue").json()["total"] == 0
    assert cli(path, "--json", "visit", "list", "--kind", "巡查").json()["total"] == 1
    assert cli(path, "--json", "visit", "list", "--kind", "走访").json()["total"] == 0
    future = (date.today() + timedelta(days=3)).isoformat()
    assert_user_error(cli(path, "visit", "add", "--micro-grid", micro["id"], "--date", future),
                      "不能晚于今天")
    assert_user_error(cli(path, "visit", "task", visit["id"]), "当前无人值班")
    assert cli(path, "duty", "start", "--cluster", town.huangqu,
               "--person", town.people["王建国"]).code == 0
    task = cli(path, "--json", "visit", "task", visit["id"]).json()
    assert task["title"] == "网格发现：村东路灯不亮" and task["villages"] == "韩璩村"
    shown = cli(path, "visit", "show", visit["id"]).out
    assert "转办任务" in shown and "网格发现：村东路灯不亮" in shown


def test_disputes_at_the_command_line(town):
    path = town.path
    today = date.today().isoformat()
    dispute = cli(path, "--json", "dispute", "add", "--village", town.villages["黄璩村"],
                  "--date", today, "--category", "邻里", "--parties", "张三丰、李四光",
                  "--summary", "排水沟走向争执", "--risk", "橙").json()
    assert dispute["parties"] == "张*丰、李*光" and dispute["risk_label"] == "橙"
    assert "张三丰" not in cli(path, "dispute", "list").out
    assert_user_error(cli(path, "dispute", "update", dispute["id"], "--status", "已结案"),
                      "结案须写明调解结果")
    assert_user_error(cli(path, "dispute", "update", dispute["id"], "--outcome", "未成功",
                          "--agreement", "和解"), "只有调解成功")
    shown = cli(path, "dispute", "session", dispute["id"], "--mediator", "王建国",
                "--notes", "双方同意和解").out
    assert "调解记录（1）" in shown and "双方同意和解" in shown
    closed = cli(path, "--json", "dispute", "update", dispute["id"], "--outcome", "调解成功",
                 "--agreement", "李四光三日内疏通", "--agreement-date", today).json()
    assert closed["status_label"] == "已结案"
    assert closed["confirm_by"] == (date.today() + timedelta(days=30)).isoformat()
    rates = cli(path, "--json", "dispute", "rates", "--by", "village").json()["items"]
    assert rates[0]["name"] == "黄璩村" and rates[0]["success_rate"] == 1.0
    assert "100.0%" in cli(path, "dispute", "rates").out
    assert_user_error(cli(path, "dispute", "zero-report", "--cluster", town.huangqu),
                      "不能报零")
    report = cli(path, "--json", "dispute", "zero-report", "--cluster", town.zhangdan).json()
    assert report["note"] == "本日无新增矛盾纠纷"
    assert cli(path, "--json", "dispute", "zero-reports").json()["total"] == 1


def test_the_service_counter_at_the_command_line(town):
    path = town.path
    item = cli(path, "--json", "service-item", "add", "--department", "民政", "--name",
               "低保申请", "--limit", "15", "--sensitive").json()
    assert item["sensitive"] is True and item["time_limit_days"] == 15
    request = cli(path, "--json", "service", "add", "--village", town.villages["黄璩村"],
                  "--applicant", "张桂兰", "--phone", "13905461234", "--item", item["id"],
                  "--date", date.today().isoformat(), "--agent", town.people["王建国"]).json()
    assert request["phone"] == "139****1234" and request["status_label"] == "受理"
    assert request["item"] == "民政事项（涉及个人敏感信息）"
    listing = cli(path, "service", "list").out
    assert "13905461234" not in listing and "低保申请" not in listing
    assert_user_error(cli(path, "service", "update", request["id"], "--status", "办结",
                          "--rating", "6"), "评价", "5")
    done = cli(path, "--json", "service", "update", request["id"], "--status", "办结",
               "--rating", "1").json()
    assert done["fix_due_on"] and done["status_label"] == "办结"
    assert cli(path, "--json", "service", "list", "--poor").json()["total"] == 1
    assert cli(path, "--json", "service-item", "update", item["id"],
               "--no-active").json()["active"] is False
    assert cli(path, "--json", "service-item", "list", "--department", "民政").json()["total"] == 1


def test_the_registers_are_written_with_personal_data_masked(town, tmp_path):
    from docx import Document

    path = town.path
    today = date.today().isoformat()
    cli(path, "dispute", "add", "--village", town.villages["黄璩村"], "--date", today,
        "--category", "邻里", "--parties", "张三丰、李四光", "--summary", "排水沟走向争执")
    item = cli(path, "--json", "service-item", "add", "--department", "医保", "--name",
               "异地就医备案").json()
    cli(path, "service", "add", "--village", town.villages["黄璩村"], "--applicant", "张桂兰",
        "--phone", "13905461234", "--item", item["id"], "--date", today)
    grid = cli(path, "--json", "grid", "add", "--village", town.villages["韩璩村"], "--code",
               "G1", "--name", "韩璩村第一网格").json()
    micro = cli(path, "--json", "microgrid", "add", "--grid", grid["id"], "--name", "一组").json()
    cli(path, "visit", "add", "--micro-grid", micro["id"], "--date", today, "--heard", "盼修路")

    def text_of(out) -> str:
        document = Document(str(out))
        return " ".join([p.text for p in document.paragraphs]
                        + [c.text for t in document.tables for r in t.rows for c in r.cells])

    assert cli(path, "dispute", "ledger", "--out", str(tmp_path / "台账.docx")).code == 0
    ledger = text_of(tmp_path / "台账.docx")
    assert "矛盾纠纷排查调处台账" in ledger and "张*丰、李*光" in ledger
    assert "张三丰" not in ledger and "排查矛盾纠纷 1 件" in ledger
    assert cli(path, "service", "register", "--out", str(tmp_path / "登记簿.docx")).code == 0
    register = text_of(tmp_path / "登记簿.docx")
    assert "139****1234" in register and "13905461234" not in register
    assert cli(path, "visit", "log", "--micro-grid", micro["id"],
               "--out", str(tmp_path / "民情日志.docx")).code == 0
    log = text_of(tmp_path / "民情日志.docx")
    assert "韩璩村 · 一组" in log and "盼修路" in log


def test_indicators_for_the_contest_count_their_evidence(town):
    from desktop_app.reports.governance import indicators
    from desktop_app.services import Services
    from desktop_app.storage.database import Database

    path = town.path
    today = date.today()
    grid = cli(path, "--json", "grid", "add", "--village", town.villages["黄璩村"], "--code",
               "G1", "--name", "一网格").json()
    visited = cli(path, "--json", "microgrid", "add", "--grid", grid["id"], "--name", "一组").json()
    cli(path, "microgrid", "add", "--grid", grid["id"], "--name", "二组")
    cli(path, "visit", "add", "--micro-grid", visited["id"], "--date", today.isoformat())
    for outcome in ("调解成功", "未成功"):
        cli(path, "dispute", "add", "--village", town.villages["黄璩村"], "--date",
            today.isoformat(), "--category", "邻里", "--outcome", outcome)
    cli(path, "dispute", "add", "--village", town.villages["黄璩村"], "--date",
        today.isoformat(), "--category", "邻里")
    week = ["--from", (today - timedelta(days=7)).isoformat(), "--to", today.isoformat()]
    found = {i["key"]: i for i in cli(path, "--json", "governance", "indicators", "--cluster",
                                      town.huangqu, *week).json()["items"]}
    def fraction(key: str) -> tuple[int, int]:
        return found[key]["numerator"], found[key]["denominator"]

    assert fraction("visit_coverage") == (1, 2)
    assert fraction("dispute_handled") == (2, 3)
    assert found["dispute_success"]["rate"] == 0.5
    assert found["satisfaction"]["rate"] is None
    assert "走访覆盖率" in cli(path, "governance", "indicators", *week).out
    db = Database(path)
    services = Services(db)
    for indicator in indicators(services, town.huangqu, today - timedelta(days=7), today):
        (top, top_query), (bottom, bottom_query) = indicator.evidence
        assert len(getattr(services, top).ids(top_query)) == indicator.numerator
        assert len(getattr(services, bottom).ids(bottom_query)) == indicator.denominator
    db.close()
