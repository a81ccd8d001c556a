"""Duty shifts and the organisation: clusters, villages, people and their roles."""

from __future__ import annotations

from datetime import datetime

import pytest

from desktop_app.records.errors import UserError, ValidationError
from desktop_app.services import ListQuery, Services
from desktop_app.storage.database import Database


def test_shift_start_end_and_handover(services, small_town):
    """Ending a shift keeps its note, and the next officer sees it."""
    p = small_town.people
    shift = services.duty.start(small_town.huangqu, [p["王建国"], p["孙包村"]])
    assert services.duty.current().id == shift.id
    assert services.db.officer_id == p["王建国"]
    with pytest.raises(UserError, match="已有值班"):
        services.duty.start(small_town.huangqu, [p["李秀英"]])
    services.duty.end("黄店村路灯已报修，明天回访", log="接待群众 3 人")
    assert services.duty.current() is None and services.db.officer_id is None
    handover = services.duty.last_handover(small_town.huangqu)
    assert (handover.handover_note == "黄店村路灯已报修，明天回访"
            and handover.log == "接待群众 3 人")
    assert sorted(services.duty.officers(shift.id)) == sorted([p["王建国"], p["孙包村"]])
    with pytest.raises(UserError, match="没有进行中的值班"):
        services.duty.end("")


def test_officer_of_another_cluster_cannot_take_the_shift(services, small_town):
    with pytest.raises(ValidationError, match="赵磊不属于黄璩联合党总支"):
        services.duty.start(small_town.huangqu, [small_town.people["赵磊"]])
    with pytest.raises(ValidationError, match="请选择值班人员"):
        services.duty.start(small_town.huangqu, [])


def test_shift_survives_reopening_the_database(tmp_path, small_town, services):
    """Closing the app mid-shift and opening it again keeps the officer on duty."""
    services.duty.start(small_town.huangqu, [small_town.people["李秀英"]])
    reopened = Database(services.db.path)
    try:
        assert reopened.officer_id == small_town.people["李秀英"]
        assert reopened.node.node_id == services.db.node.node_id
    finally:
        reopened.close()


def test_people_roles_tags_and_filters(services, small_town):
    """A person holds several roles and talent tags; lists filter by role and village."""
    person = services.people.create(name="马青雁", village_id=small_town.villages["杨璩村"],
                                    roles=["volunteer", "party_member"],
                                    tags=["青雁", "大学毕业生"], birth_year=1996)
    assert person.cluster_id == small_town.huangqu
    assert sorted(services.people.roles(person.id)) == ["party_member", "volunteer"]
    services.people.update(person.id, roles=["volunteer"], tags=["青雁"])
    assert services.people.roles(person.id) == ["volunteer"]
    assert services.people.tags(person.id) == ["青雁"]
    volunteers = services.people.list(ListQuery(extra={"role": "volunteer"}, limit=None))
    assert {p.name for p in volunteers.items} == {"张志强", "刘芳", "马青雁"}
    with pytest.raises(ValidationError, match="角色"):
        services.people.create(name="某人", roles=["mayor"])
    with pytest.raises(ValidationError, match="不属于所选联合党组织"):
        services.people.create(name="某人", cluster_id=small_town.zhangdan,
                               village_id=small_town.villages["黄璩村"])


def test_cluster_central_village_must_be_a_member(services, small_town):
    with pytest.raises(ValidationError, match="中心村北张淡村不属于本联合党组织"):
        services.clusters.update(small_town.huangqu,
                                 central_village_id=small_town.villages["北张淡村"])
    assert (services.clusters.get(small_town.huangqu).central_village_id
            == small_town.villages["黄璩村"])


def test_villages_list_by_cluster(services, small_town):
    page = services.villages.list(ListQuery(cluster_id=small_town.huangqu))
    assert page.total == 4
    with pytest.raises(ValidationError, match="村名不能为空"):
        services.villages.create(cluster_id=small_town.huangqu, name="")
    with pytest.raises(ValidationError, match="找不到联合党组织"):
        services.villages.create(cluster_id="nope", name="新村")


def test_every_write_advances_the_clock(services, small_town):
    """Each write gets a larger clock value than the one before, also after reopening."""
    first = services.villages.create(cluster_id=small_town.huangqu, name="新村一")
    second = services.villages.create(cluster_id=small_town.huangqu, name="新村二")
    assert second.version > first.version
    reopened = Services(Database(services.db.path))
    third = reopened.villages.create(cluster_id=small_town.huangqu, name="新村三")
    assert third.version > second.version
    assert isinstance(third.created_at, datetime)
    reopened.db.close()


def test_rows_for_people_villages_and_shifts(services, small_town):
    """Lists of people, villages and shifts show names rather than ids."""
    p, v = small_town.people, small_town.villages
    person_row = services.people.rows([p["王建国"]])[p["王建国"]]
    assert person_row["village"] == "黄璩村" and "两委干部" in person_row["roles_label"]
    village_row = services.villages.rows([v["黄璩村"]])[v["黄璩村"]]
    assert village_row["cluster"] == "黄璩联合党总支" and village_row["is_central"]
    shift = services.duty.start(small_town.huangqu, [p["王建国"], p["孙包村"]])
    assert services.duty.rows([shift.id])[shift.id]["officers"] == "王建国、孙包村"


def test_a_village_office_records_only_its_own_cluster(services, small_town):
    """On 黄璩's office PC, a task for 张淡 or a new cluster is refused; its own goes through."""
    services.db.set_node(cluster_id=small_town.huangqu)
    services.duty.start(small_town.huangqu, [small_town.people["王建国"]])
    with pytest.raises(ValidationError, match="不能记录其他联合党组织") as error:
        services.tasks.create(cluster_id=small_town.zhangdan, title="越权")
    assert error.value.field == "cluster_id"
    with pytest.raises(ValidationError, match="由镇里统一维护"):
        services.clusters.create(town_id=small_town.town, name="新联合党组织")
    task = services.tasks.create(title="本村的事")  # the office's cluster by default
    assert task.cluster_id == small_town.huangqu
