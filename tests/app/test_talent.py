"""人才联育: profiles and their age from the ID number, the 青雁 age rule (a setting), rotation
posts and their length (a setting), rotations ending within a month, training hours."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.config.settings import Settings
from desktop_app.records.errors import ValidationError
from desktop_app.records.id_numbers import check_digit
from desktop_app.services import ListQuery
from desktop_app.services.talent import add_months


def id_number(born: str) -> str:
    body = "370523" + born + "001"
    return body + check_digit(body)


@pytest.fixture
def young(services, small_town):
    """周丽, born 1996-03-15 in 杨璩村."""
    return services.people.create(name="周丽", village_id=small_town.villages["杨璩村"],
                                  id_number=id_number("19960315"))


@pytest.fixture
def older(services, small_town):
    return services.people.create(name="韩立军", village_id=small_town.villages["韩璩村"],
                                  id_number=id_number("19800101"))


def profile(town, person, **extra):
    values = dict(cluster_id=town.huangqu, person_id=person.id if person else None,
                  pool="qingyan",
                  category="大学毕业生", skills="电商直播", whereabouts="in_village",
                  education="bachelor", contact="13905461234", joined_on=date(2025, 7, 1))
    values.update(extra)
    return values


def test_a_qingyan_with_age_from_the_id_number(services, small_town, young):
    created = services.talents.create(**profile(small_town, young))
    row = services.talents.rows([created.id])[created.id]
    today = date.today()
    expected = today.year - 1996 - (0 if (today.month, today.day) >= (3, 15) else 1)
    assert (row["person"], row["age"], row["village"], row["pool_label"]) == (
        "周丽", expected, "杨璩村", "青雁")
    assert row["contact"] == "139****1234"
    assert services.talents.list(ListQuery(status="qingyan")).total == 1


def test_a_qingyan_born_before_the_setting_is_refused_by_name(services, small_town, older):
    with pytest.raises(ValidationError) as raised:
        services.talents.create(**profile(small_town, older))
    assert raised.value.field == "person_id"
    assert "韩立军出生于 1980 年：青雁应为 1985 年及以后出生" in raised.value.message
    services.talents.create(**profile(small_town, older, pool="hongyan", category="土专家"))
    settings = Settings.load()
    settings.qingyan_born_from = 1978
    settings.save()
    services.talents.create(**profile(small_town, older))  # the town changed the rule
    assert services.talents.list().total == 2


def test_the_same_person_once_in_a_pool(services, small_town, young):
    services.talents.create(**profile(small_town, young))
    with pytest.raises(ValidationError, match="周丽已在青雁中"):
        services.talents.create(**profile(small_town, young))
    services.talents.create(**profile(small_town, young, pool="talent"))


def test_a_new_person_and_profile_are_saved_together(services, small_town):
    new = {"name": "李明", "village_id": small_town.villages["黄璩村"],
           "id_number": id_number("19700101")}
    people = services.people.list().total
    with pytest.raises(ValidationError, match="李明出生于 1970 年"):
        services.talents.create_for_new_person(new, **profile(small_town, None))
    assert services.people.list().total == people  # nothing half-written
    created = services.talents.create_for_new_person(
        new, **profile(small_town, None, pool="talent"))
    assert services.people.get(created.person_id).name == "李明"


def test_rotations_last_the_setting_and_end_after_they_start(services, small_town, young,
                                                              older):
    qingyan = services.talents.create(**profile(small_town, young))
    rotation = services.rotations.create(talent_id=qingyan.id, post="grid",
                                         start_on=date(2026, 1, 31),
                                         mentor_id=small_town.people["王建国"])
    assert rotation.end_on == date(2026, 4, 30) and rotation.cluster_id == small_town.huangqu
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    with pytest.raises(ValidationError) as raised:
        services.rotations.create(talent_id=qingyan.id, post="party",
                                  start_on=date(2026, 5, 1), end_on=date(2026, 4, 1))
    assert raised.value.field == "end_on"
    hongyan = services.talents.create(**profile(small_town, older, pool="hongyan"))
    with pytest.raises(ValidationError, match="韩立军不在青雁库中"):
        services.rotations.create(talent_id=hongyan.id, post="party", start_on=date(2026, 5, 1))
    row = services.rotations.rows([rotation.id])[rotation.id]
    assert (row["talent_name"], row["post_label"], row["mentor"]) == ("周丽", "网格", "王建国")


def test_rotations_ending_within_a_month(services, small_town, young):
    qingyan = services.talents.create(**profile(small_town, young))
    today = date.today()
    soon = services.rotations.create(talent_id=qingyan.id, post="service",
                                     start_on=today - timedelta(days=70),
                                     end_on=today + timedelta(days=20))
    services.rotations.create(talent_id=qingyan.id, post="industry",
                              start_on=today - timedelta(days=10),
                              end_on=today + timedelta(days=80))
    services.rotations.create(talent_id=qingyan.id, post="clerk",
                              start_on=today - timedelta(days=100),
                              end_on=today - timedelta(days=5))
    assert [r.id for r in services.rotations.ending_soon()] == [soon.id]


def test_training_hours_per_person_per_year(services, small_town, young):
    p = small_town.people
    teacher = services.talents.create(**profile(small_town, young))
    first = services.trainings.create(
        cluster_id=small_town.huangqu, title="西红柿嫁接育苗技术", kind="种植",
        held_on=date(2026, 3, 5), hours=4, teacher="周丽", teacher_talent_id=teacher.id,
        place="黄璩村党群服务中心", attendees={p["张志强"]: 4, p["刘芳"]: 3})
    services.trainings.create(cluster_id=small_town.huangqu, title="农村电商直播", kind="电商",
                              held_on=date(2026, 6, 5), hours=2.5, teacher="县商务局",
                              teacher_kind="department", attendees={p["张志强"]: 2.5})
    services.trainings.create(cluster_id=small_town.huangqu, title="去年的培训",
                              held_on=date(2025, 6, 5), hours=2, attendees={p["刘芳"]: 2})
    assert services.trainings.hours_by_person(2026) == [
        {"person_id": p["张志强"], "name": "张志强", "sessions": 2, "hours": 6.5},
        {"person_id": p["刘芳"], "name": "刘芳", "sessions": 1, "hours": 3.0}]
    row = services.trainings.rows([first.id])[first.id]
    assert (row["attendee_count"], row["teacher_talent_name"], row["teacher_kind_label"]) == (
        2, "周丽", "本地人才")
    with pytest.raises(ValidationError, match="张志强的学时（5）超过培训学时（4）"):
        services.trainings.update(first.id, attendees={p["张志强"]: 5})
    with pytest.raises(ValidationError) as raised:
        services.trainings.update(first.id, hours=-1)
    assert raised.value.field == "hours"


def test_coming_back_to_the_village_dates_the_return(services, small_town, young):
    """在外 -> 在村 stamps 返乡日期 today (擂台比武 counts 人才回流 by it); a talent away has
    none, and typing one for them is refused by name."""
    created = services.talents.create(**profile(small_town, young, whereabouts="away"))
    assert created.returned_on is None
    with pytest.raises(ValidationError, match="人才现在在外，不能填写返乡日期") as raised:
        services.talents.update(created.id, returned_on=date(2026, 7, 1))
    assert raised.value.field == "returned_on"
    back = services.talents.update(created.id, whereabouts="in_village")
    assert back.returned_on == services.db.wall.today()
    dated = services.talents.update(created.id, returned_on=date(2026, 7, 1))
    assert dated.returned_on == date(2026, 7, 1)
    gone = services.talents.update(created.id, whereabouts="away")
    assert gone.returned_on is None


@pytest.fixture
def record_of_zhouli(services, small_town, young):
    """周丽 in two pools (人才库 and 青雁): she teaches one training and attends another,
    leads a project, holds two 青雁 posts; others' records that must not show."""
    p, v = small_town.people, small_town.villages
    qingyan = services.talents.create(**profile(small_town, young))
    pooled = services.talents.create(**profile(small_town, young, pool="talent"))
    services.trainings.create(
        cluster_id=small_town.huangqu, title="农村电商直播", held_on=date(2026, 3, 5), hours=3,
        teacher="周丽", teacher_kind="talent", teacher_talent_id=pooled.id,
        attendees={p["张志强"]: 3})
    services.trainings.create(
        cluster_id=small_town.huangqu, title="西红柿嫁接育苗技术", held_on=date(2026, 5, 8),
        hours=4, teacher="县农业农村局", teacher_kind="department",
        attendees={young.id: 2.5, p["刘芳"]: 4})
    services.trainings.create(cluster_id=small_town.huangqu, title="别人的培训",
                              held_on=date(2026, 6, 1), hours=2, attendees={p["刘芳"]: 2})
    services.projects.create(
        cluster_id=small_town.huangqu, name="直播带货基地", status="building",
        start_on=date(2026, 4, 1), funds={"帮扶资金": 300_000},
        shares={v["黄璩村"]: 300_000}, leader_id=young.id)
    services.projects.create(cluster_id=small_town.huangqu, name="别人的项目",
                             funds={"帮扶资金": 100_000}, shares={v["黄璩村"]: 100_000},
                             leader_id=p["王建国"])
    services.rotations.create(talent_id=qingyan.id, post="grid", start_on=date(2026, 1, 5),
                              mentor_id=p["王建国"], assessment="excellent")
    services.rotations.create(talent_id=qingyan.id, post="service", start_on=date(2026, 5, 5))
    return qingyan, pooled


def test_a_talent_s_record_gathers_trainings_projects_and_posts(services, record_of_zhouli):
    """The same 履历 from either of her profiles: newest first, nobody else's."""
    qingyan, pooled = record_of_zhouli
    record = services.talents.record(qingyan.id)
    assert services.talents.record(pooled.id) == record
    assert [(t["held_on"], t["title"], t["role"], t["hours"]) for t in record.trainings] == [
        (date(2026, 5, 8), "西红柿嫁接育苗技术", "参训", 2.5),
        (date(2026, 3, 5), "农村电商直播", "授课", 3)]
    assert [(p["name"], p["status"], p["role"]) for p in record.projects] == [
        ("直播带货基地", "建设中", "项目负责人")]
    assert [(p["post"], p["start_on"], p["mentor"], p["assessment"]) for p in record.posts] == [
        ("便民服务", date(2026, 5, 5), "", ""), ("网格", date(2026, 1, 5), "王建国", "优秀")]


def test_a_deleted_training_leaves_the_record_and_an_unknown_talent_is_named(services,
                                                                             record_of_zhouli):
    from desktop_app.records.errors import NotFoundError

    qingyan, _pooled = record_of_zhouli
    taught = services.talents.record(qingyan.id).trainings[1]
    services.trainings.delete(taught["id"])
    assert [t["title"] for t in services.talents.record(qingyan.id).trainings] == [
        "西红柿嫁接育苗技术"]
    with pytest.raises(NotFoundError, match="找不到人才"):
        services.talents.record("no-such-id")
