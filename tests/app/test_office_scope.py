"""A central village office writes only its own cluster's records, on create and on edit.

The town refuses every later sync file of a PC that wrote a record of another cluster
("写入了不属于其联合党组织的记录"), so a record is refused here before it is saved; the town
PC (no cluster) may write any cluster.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from desktop_app.records.errors import ValidationError

OTHER_CLUSTER = "本机是本联合党组织的值班室，不能记录其他联合党组织的事项"


@pytest.fixture
def records(services, on_shift):
    """A task, agenda item, meeting, team and activity in each cluster, written on the town PC
    (no cluster); then this PC becomes 黄璩's office."""
    made = {}
    for key, cluster in (("own", on_shift.huangqu), ("other", on_shift.zhangdan)):
        team = services.teams.create(cluster_id=cluster, name=f"{key}志愿服务队")
        made[key] = {
            "tasks": services.tasks.create(cluster_id=cluster, title="清理排水沟").id,
            "agenda": services.agenda.create(cluster_id=cluster, title="路灯安装").id,
            "meetings": services.meetings.create(cluster_id=cluster, title="联席会议",
                                                 start=datetime(2026, 11, 20, 9)).id,
            "teams": team.id,
            "activities": services.activities.create(
                cluster_id=cluster, team_id=team.id, title="义务理发", held_on=date(2026, 11, 8),
                start_time=time(9), end_time=time(11)).id,
        }
    services.db.set_node(cluster_id=on_shift.huangqu)
    return made


def test_a_person_cannot_be_moved_into_another_cluster(services, on_shift):
    """On 黄璩's PC, moving 刘芳 to 张淡's 北张淡村 is refused on the cluster field and nothing
    changes; editing her phone number goes through."""
    services.db.set_node(cluster_id=on_shift.huangqu)
    person = on_shift.people["刘芳"]
    with pytest.raises(ValidationError) as error:
        services.people.update(person, cluster_id=on_shift.zhangdan,
                               village_id=on_shift.villages["北张淡村"])
    assert error.value.field == "cluster_id" and str(error.value) == OTHER_CLUSTER
    stored = services.people.get(person)
    assert (stored.cluster_id, stored.village_id) == (on_shift.huangqu, on_shift.villages["黄店村"])
    services.people.update(person, phone="13800000000",
                           village_id=on_shift.villages["韩璩村"])
    stored = services.people.get(person)
    assert (stored.phone, stored.cluster_id) == ("13800000000", on_shift.huangqu)


def test_another_clusters_person_cannot_be_edited_or_deleted(services, on_shift):
    services.db.set_node(cluster_id=on_shift.huangqu)
    zhao = on_shift.people["赵磊"]  # 北张淡村
    with pytest.raises(ValidationError, match=OTHER_CLUSTER):
        services.people.update(zhao, phone="13900000000")
    with pytest.raises(ValidationError, match=OTHER_CLUSTER):
        services.people.delete(zhao)
    stored = services.people.get(zhao)
    assert (stored.phone, stored.deleted) == ("", False)


def test_a_person_outside_any_cluster_is_the_towns_to_keep(services, on_shift):
    """A village office may not write a 镇直 person (no cluster): sync would refuse it too."""
    services.db.set_node(cluster_id=on_shift.huangqu)
    with pytest.raises(ValidationError, match="不能记录不属于联合党组织的人员") as error:
        services.people.create(name="钱镇长", cluster_id=None)
    assert error.value.field == "cluster_id"
    with pytest.raises(ValidationError, match="不能记录不属于联合党组织的人员"):
        services.people.update(on_shift.people["孙包村"], cluster_id=None)
    assert services.people.get(on_shift.people["孙包村"]).cluster_id == on_shift.huangqu
    assert [p.name for p in services.people.list().items if p.name == "钱镇长"] == []
    # Without a cluster given, a village decides it.
    made = services.people.create(name="周村民", cluster_id=None,
                                  village_id=on_shift.villages["杨璩村"])
    assert services.people.get(made.id).cluster_id == on_shift.huangqu


def test_the_town_pc_may_move_people_between_clusters(services, on_shift):
    assert services.db.node.cluster_id is None
    person = on_shift.people["刘芳"]
    services.people.update(person, cluster_id=on_shift.zhangdan,
                           village_id=on_shift.villages["北张淡村"])
    assert services.people.get(person).cluster_id == on_shift.zhangdan
    town_person = services.people.create(name="钱镇长", cluster_id=None)
    services.people.update(town_person.id, phone="13700000000")
    assert services.people.get(town_person.id).cluster_id is None


@pytest.mark.parametrize("kind, changes", [
    ("tasks", {"title": "改名"}),
    ("agenda", {"title": "改名"}),
    ("meetings", {"title": "改名"}),
    ("teams", {"name": "改名"}),
    ("activities", {"title": "改名"}),
])
def test_another_clusters_records_cannot_be_edited(services, records, kind, changes):
    """Every record type goes through the same check on edit and delete; the office's own
    records are edited as before."""
    service = getattr(services, kind)
    other = records["other"][kind]
    before = service.get(other)
    with pytest.raises(ValidationError, match=OTHER_CLUSTER) as error:
        service.update(other, **changes)
    assert error.value.field == "cluster_id"
    with pytest.raises(ValidationError, match=OTHER_CLUSTER):
        service.delete(other)
    after = service.get(other)
    assert after.version == before.version and not after.deleted
    own = service.update(records["own"][kind], **changes)
    assert getattr(own, next(iter(changes))) == "改名"


def test_a_task_cannot_be_moved_out_of_the_office_cluster(services, records, on_shift):
    task = records["own"]["tasks"]
    with pytest.raises(ValidationError):
        services.tasks.update(task, cluster_id=on_shift.zhangdan)
    assert services.tasks.get(task).cluster_id == on_shift.huangqu
    services.tasks.update(task, cluster_id=on_shift.huangqu, title="仍在本联合党组织")


def test_a_team_cannot_be_moved_into_another_cluster(services, records, on_shift):
    team = records["own"]["teams"]
    with pytest.raises(ValidationError, match=OTHER_CLUSTER):
        services.teams.update(team, cluster_id=on_shift.zhangdan)
    assert services.teams.get(team).cluster_id == on_shift.huangqu


def test_the_office_edits_its_own_cluster_but_not_another_or_the_town(services, on_shift):
    services.db.set_node(cluster_id=on_shift.huangqu)
    services.clusters.update(on_shift.huangqu, note="本联合党组织")
    assert services.clusters.get(on_shift.huangqu).note == "本联合党组织"
    with pytest.raises(ValidationError, match="不能修改联合党组织：由镇里统一维护"):
        services.clusters.update(on_shift.zhangdan, note="越权")
    with pytest.raises(ValidationError, match="不能修改镇：由镇里统一维护"):
        services.towns.update(on_shift.town, county="别的县")
    assert services.clusters.get(on_shift.zhangdan).note == ""
    assert services.towns.get(on_shift.town).county == "广饶县"


def test_the_town_pc_edits_any_clusters_records(services, records, on_shift):
    services.db.set_node(cluster_id=None)
    services.tasks.update(records["other"]["tasks"], title="镇里改的")
    services.clusters.update(on_shift.zhangdan, note="镇里改的")
    assert services.tasks.get(records["other"]["tasks"]).title == "镇里改的"


def test_parts_of_another_clusters_records_cannot_be_added(services, records):
    """Progress on a task, a 四议两公开 step, a meeting decision: written with the record's
    cluster, so refused for another cluster's record like an edit."""
    other = records["other"]
    with pytest.raises(ValidationError, match=OTHER_CLUSTER):
        services.tasks.add_progress(other["tasks"], "已完成一半")
    with pytest.raises(ValidationError, match=OTHER_CLUSTER):
        services.agenda.record_step(other["agenda"], 1)
    with pytest.raises(ValidationError, match=OTHER_CLUSTER):
        services.meetings.add_decision(other["meetings"], "修路")
    assert services.tasks.progress(other["tasks"]) == []
    assert services.agenda.steps(other["agenda"]) == []
    assert services.meetings.decisions(other["meetings"]) == []
    own = records["own"]
    services.tasks.add_progress(own["tasks"], "已完成一半")
    services.agenda.record_step(own["agenda"], 1)
    services.meetings.add_decision(own["meetings"], "修路")


def test_no_shift_and_no_certificate_for_another_cluster(services, on_shift):
    """A central village office starts shifts and issues certificates for its own cluster
    only: the town would refuse its sync files otherwise."""
    zhangdan_person = services.people.create(name="赵磊", cluster_id=on_shift.zhangdan)
    services.duty.end("交班")
    services.db.set_node(cluster_id=on_shift.huangqu)
    with pytest.raises(ValidationError, match=OTHER_CLUSTER):
        services.duty.start(on_shift.zhangdan, [zhangdan_person.id])
    with pytest.raises(ValidationError, match="赵磊不属于本值班室的联合党组织"):
        services.certificates.issue(zhangdan_person.id, date(2026, 11, 1), date(2026, 11, 30))
