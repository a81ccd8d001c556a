"""产业联营: projects' funds and village shares, cooperatives and the town's liaison visits,
共富工坊 and their monthly figures; bad values refused by name, nothing written."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.records.credit_codes import check_character, credit_code_problem
from desktop_app.records.errors import ValidationError
from desktop_app.records.money import parse_yuan, wan
from desktop_app.services import ListQuery

WAN = 10_000
CODE = "93370523MA3C12345" + check_character("93370523MA3C12345")


def project(town, **extra):
    v = town.villages
    values = dict(cluster_id=town.huangqu, name="怡丰农业高端育苗设施示范项目", kind="设施农业",
                  status="building", start_on=date(2025, 3, 1), end_on=date(2026, 6, 30),
                  funds={"帮扶资金": 200 * WAN},
                  shares={v["黄璩村"]: 50 * WAN, v["韩璩村"]: 50 * WAN, v["杨璩村"]: 50 * WAN,
                          v["黄店村"]: 50 * WAN},
                  benefit="就业务工：周边村群众到基地务工", jobs=300, coops_served=30,
                  village_income=5 * WAN)
    values.update(extra)
    return values


def count(services, table: str) -> int:
    with services.db.engine.connect() as connection:
        return connection.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one()


def test_a_project_pools_four_villages_money(services, small_town):
    created = services.projects.create(**project(small_town))
    row = services.projects.rows([created.id])[created.id]
    assert row["total_wan"] == 200.0 and row["total"] == 200 * WAN
    assert set(row["villages"].split("、")) == {"黄璩村", "韩璩村", "杨璩村", "黄店村"}
    assert row["status_label"] == "建设中"
    assert services.projects.funds(created.id) == {"帮扶资金": 200 * WAN}
    found = services.projects.list(ListQuery(village_id=small_town.villages["黄店村"]))
    assert [p.id for p in found.items] == [created.id]


def test_changing_funds_and_shares_together_keeps_them_adding_up(services, small_town):
    v = small_town.villages
    created = services.projects.create(**project(small_town))
    services.projects.update(created.id, funds={"帮扶资金": 200 * WAN, "社会资本": 100 * WAN},
                             shares={v["黄璩村"]: 150 * WAN, v["韩璩村"]: 150 * WAN})
    assert services.projects.shares(created.id) == {v["黄璩村"]: 150 * WAN,
                                                    v["韩璩村"]: 150 * WAN}
    assert services.projects.funds_by_source(small_town.huangqu) == {
        "帮扶资金": 200 * WAN, "社会资本": 100 * WAN}


@pytest.mark.parametrize("change, field, words", [
    ({"shares": "short"}, "shares", "各村出资合计 150 万元，与资金合计 200 万元不符"),
    ({"funds": {"帮扶资金": -5}}, "funds", "不能为负数"),
    ({"end_on": date(2025, 1, 1)}, "end_on", "不能早于开工日期"),
    ({"jobs": -1}, "jobs", "不能为负数"),
    ({"shares": "other cluster"}, "shares", "北张淡村不属于本联合党组织"),
])
def test_bad_projects_are_refused_by_name(services, small_town, change, field, words):
    v = small_town.villages
    if change.get("shares") == "short":
        change = {"shares": {v["黄璩村"]: 100 * WAN, v["韩璩村"]: 50 * WAN}}
    elif change.get("shares") == "other cluster":
        change = {"funds": {"帮扶资金": 10 * WAN}, "shares": {v["北张淡村"]: 10 * WAN}}
    before = count(services, "aid_project"), count(services, "project_fund")
    with pytest.raises(ValidationError) as raised:
        services.projects.create(**project(small_town, **change))
    assert raised.value.field == field and words in raised.value.message
    assert (count(services, "aid_project"), count(services, "project_fund")) == before


def test_new_funds_without_new_shares_are_refused_on_update(services, small_town):
    created = services.projects.create(**project(small_town))
    with pytest.raises(ValidationError, match="与资金合计 250 万元不符"):
        services.projects.update(created.id, funds={"帮扶资金": 250 * WAN})
    assert services.projects.funds(created.id) == {"帮扶资金": 200 * WAN}


def test_progress_notes(services, small_town):
    created = services.projects.create(**project(small_town))
    services.projects.add_progress(created.id, "育苗大棚主体完工", noted_on=date(2025, 9, 1))
    assert [p.text for p in services.projects.progress(created.id)] == ["育苗大棚主体完工"]
    with pytest.raises(ValidationError):
        services.projects.add_progress(created.id, "  ")


def test_money_is_typed_in_yuan_or_wan():
    assert parse_yuan("200万", "funds", "资金") == 2_000_000
    assert parse_yuan("1.5万元", "funds", "资金") == 15_000
    assert parse_yuan("3,000", "funds", "资金") == 3000
    assert wan(2_345_678) == 234.57
    for bad in ("-1万", "两百万"):
        with pytest.raises(ValidationError):
            parse_yuan(bad, "funds", "资金")


# --- cooperatives ----------------------------------------------------------------------


def coop(town, **extra):
    values = dict(cluster_id=town.huangqu, name="黄璩瓜菜种植专业合作社",
                  village_id=town.villages["黄璩村"], kind="种植", members=56,
                  founded_on=date(2015, 4, 2), credit_code=CODE, standing="sound",
                  cadre_id=town.people["孙包村"], brands="千乘大王红")
    values.update(extra)
    return values


def test_credit_codes_are_checked():
    assert credit_code_problem("91350100M000100Y43") is None  # a published example
    assert "18 位" in (credit_code_problem("9137") or "")
    assert "校验位" in (credit_code_problem("91350100M000100Y44") or "")
    assert "不允许" in (credit_code_problem("91350100M000100I43") or "")


def test_a_cooperative_with_its_cadre(services, small_town):
    created = services.coops.create(**coop(small_town, credit_code=CODE.lower()))
    row = services.coops.rows([created.id])[created.id]
    assert (row["village"], row["cadre"], row["standing_label"]) == ("黄璩村", "孙包村", "规范")
    assert created.credit_code == CODE
    assert services.coops.list(ListQuery(status="sound")).total == 1


@pytest.mark.parametrize("change, field", [
    ({"credit_code": "93370523MA3C1234"}, "credit_code"),
    ({"village_id": "北张淡村"}, "village_id"),
    ({"members": -3}, "members"),
    ({"standing": "good"}, "standing"),
])
def test_bad_cooperatives_are_refused_by_name(services, small_town, change, field):
    if change.get("village_id"):
        change = {"village_id": small_town.villages[change["village_id"]]}
    with pytest.raises(ValidationError) as raised:
        services.coops.create(**coop(small_town, **change))
    assert raised.value.field == field
    assert count(services, "cooperative") == 0


def test_an_office_cannot_place_a_cooperative_in_another_clusters_village(services,
                                                                           small_town):
    services.db.set_node(cluster_id=small_town.huangqu)
    values = coop(small_town, village_id=small_town.villages["北张淡村"])
    del values["cluster_id"]
    with pytest.raises(ValidationError, match="北张淡村不属于本联合党组织"):
        services.coops.create(**values)
    with pytest.raises(ValidationError, match="其他联合党组织"):
        services.coops.create(**coop(small_town, cluster_id=small_town.zhangdan,
                                     village_id=small_town.villages["北张淡村"]))
    assert count(services, "cooperative") == 0


def test_liaison_visits_are_the_towns(services, small_town):
    created = services.coops.create(**coop(small_town, standing="fair"))
    services.coops.add_visit(created.id, visited_on=date(2026, 10, 9),
                             checklist="三会制度健全；成员账户齐全", measures="指导编制年报",
                             standing="sound")
    visits = services.coops.visits(created.id)
    assert [(v.visited_on, v.visitor_id) for v in visits] == [
        (date(2026, 10, 9), small_town.people["孙包村"])]
    row = services.coops.rows([created.id])[created.id]
    assert (row["visits"], row["last_visit"], row["standing_label"]) == (
        1, date(2026, 10, 9), "规范")
    services.db.set_node(cluster_id=small_town.huangqu)
    with pytest.raises(ValidationError, match="由镇里记录"):
        services.coops.add_visit(created.id, checklist="x")
    assert len(services.coops.visits(created.id)) == 1


# --- 共富工坊 ---------------------------------------------------------------------------


def workshop(town, **extra):
    values = dict(cluster_id=town.zhangdan, name="古韵张淡·共富工坊",
                  village_id=town.villages["北张淡村"], kind="品牌带动",
                  opened_on=date(2023, 5, 1), floor_area=420, fixed_jobs=18, seasonal_jobs=25,
                  outside_workers=12, groups_helped="脱贫户3人、残疾人1人", monthly_pay=1600,
                  yearly_income=15 * WAN,
                  months={"2026-09": {"employed": 40, "pay": 1800, "income": 12000},
                          "2026-10": {"employed": 43, "pay": 1850, "income": 13000}})
    values.update(extra)
    return values


def test_a_workshop_keeps_its_months_in_order(services, small_town):
    created = services.workshops.create(**workshop(small_town))
    services.workshops.update(created.id, months={
        "2026-11": {"employed": 45, "pay": 1900, "income": 13500},
        **services.workshops.months(created.id)})
    months = services.workshops.months(created.id)
    assert list(months) == ["2026-09", "2026-10", "2026-11"]
    assert [m["employed"] for m in months.values()] == [40, 43, 45]
    row = services.workshops.rows([created.id])[created.id]
    # masked as names are (the groups say 低保, disability): the first and last character
    assert row["groups_helped"] == "脱***人、残***人"


@pytest.mark.parametrize("change, field, words", [
    ({"months": {"2026-13": {"employed": 1}}}, "months", "YYYY-MM"),
    ({"months": {"2026-09": {"income": -100}}}, "months", "不能为负数"),
    ({"floor_area": -1}, "floor_area", "不能为负数"),
    ({"village_id": "黄璩村"}, "village_id", "黄璩村不属于本联合党组织"),
])
def test_bad_workshops_are_refused_by_name(services, small_town, change, field, words):
    if change.get("village_id"):
        change = {"village_id": small_town.villages[change["village_id"]]}
    with pytest.raises(ValidationError) as raised:
        services.workshops.create(**workshop(small_town, **change))
    assert raised.value.field == field and words in raised.value.message
    assert count(services, "workshop") == count(services, "workshop_month") == 0
