"""The volunteer-service and people screens as a duty officer uses them."""

from __future__ import annotations

from datetime import date, time

import pytest

from PySide6.QtCore import QTime

from ui import list_specs
from ui.forms.activity_form import ActivityForm
from ui.forms.person_form import PersonForm
from ui.forms.team_form import TeamForm
from ui.list_page import ListPage
from ui.people_page import PeoplePage


def cell(page, row: int, header: str) -> str:
    column = [c.header for c in page.spec.columns].index(header)
    return page.model.data(page.model.index(row, column))


@pytest.fixture
def team(services, on_shift):
    return services.teams.create(cluster_id=on_shift.huangqu, name="黄璩党员志愿服务队",
                                 kind="党员")


@pytest.fixture
def activities(qtbot, services, on_shift, team):
    services.db.set_node(cluster_id=on_shift.huangqu)
    page = ListPage(services, list_specs.ACTIVITIES)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"))
    return page


@pytest.fixture
def people_page(qtbot, services, small_town):
    page = PeoplePage(services)
    qtbot.addWidget(page)
    page.show()
    for tab in (page.people, page.villages, page.teams):
        qtbot.waitUntil(lambda tab=tab: tab.count_label.text().startswith("共"))
    return page


def fill_activity(form: ActivityForm, team_id: str) -> None:
    form.team.set_key(team_id)
    form.title.setText("为民服务大集")
    form.held_on.setDate(date(2026, 11, 8))
    form.start_time.setTime(QTime(8, 30))
    form.end_time.setTime(QTime(11, 30))
    form.place.setText("黄璩村文化广场")
    form.content.setPlainText("义诊、理发、家电维修")
    form.people_served.setValue(120)


def pick(form: ActivityForm, person_id: str) -> None:
    form.participants.picker.set_key(person_id)
    form.participants.add_picked()


def test_record_an_activity_with_three_volunteers(qtbot, services, on_shift, team, activities):
    """Three volunteers picked, everyone given the activity's 3 hours, one changed to 1.5:
    the list shows the activity with 3 people and 7.5 hours."""
    form = ActivityForm(services, None, activities)
    qtbot.addWidget(form)
    fill_activity(form, team.id)
    people = on_shift.people
    for name in ("张志强", "刘芳", "王建国"):
        pick(form, people[name])
    form.participants.fill_with_length()
    form.participants.set_hours(people["王建国"], 1.5)
    assert form.participants.total_label.text() == "共 3 人，合计 7.5 小时"
    form.save()
    assert form.visible_errors() == {} and form.result() == form.DialogCode.Accepted
    with qtbot.waitSignal(activities.reloaded):
        activities.reload()
    assert activities.count_label.text() == "共 1 条"
    assert cell(activities, 0, "活动名称") == "为民服务大集"
    assert cell(activities, 0, "志愿服务队") == "黄璩党员志愿服务队"
    assert (cell(activities, 0, "开始时间"), cell(activities, 0, "结束时间")) == ("08:30", "11:30")
    assert (cell(activities, 0, "人数"), cell(activities, 0, "时长")) == ("3", "7.5")


def test_volunteers_come_first_in_the_picker(qtbot, services, on_shift, activities):
    """The picker lists the cluster's volunteers (张志强, 刘芳) before everyone else."""
    form = ActivityForm(services, None, activities)
    qtbot.addWidget(form)
    picker = form.participants.picker
    names = [picker.itemText(i) for i in range(picker.count()) if picker.itemData(i)]
    assert set(names[:2]) == {"张志强", "刘芳"}
    assert "王建国" in names[2:] and "赵磊" not in names


def test_hours_longer_than_the_activity_are_shown_and_nothing_saved(qtbot, services, on_shift,
                                                                    team, activities):
    """4 hours for a 3-hour activity: the error appears under 参与志愿者, nothing is saved."""
    form = ActivityForm(services, None, activities)
    qtbot.addWidget(form)
    fill_activity(form, team.id)
    pick(form, on_shift.people["刘芳"])
    form.participants.set_hours(on_shift.people["刘芳"], 4)
    form.save()
    errors = form.visible_errors()
    assert list(errors) == ["participants"] and "刘芳" in errors["participants"]
    assert "超过活动时长" in errors["participants"]
    assert form.error_labels["participants"].isVisibleTo(form)
    assert services.activities.list().total == 0


def test_end_before_start_is_shown_next_to_the_end_time(qtbot, services, on_shift, team,
                                                        activities):
    """An activity ending before it starts is refused under 结束时间."""
    form = ActivityForm(services, None, activities)
    qtbot.addWidget(form)
    fill_activity(form, team.id)
    form.end_time.setTime(QTime(8, 0))
    form.save()
    assert "应晚于开始时间" in form.visible_errors()["end_time"]
    assert services.activities.list().total == 0


def test_editing_an_activity_shows_its_volunteers(qtbot, services, on_shift, team, activities):
    """Opening a saved activity shows its participants and hours; the cluster is fixed."""
    p = on_shift.people
    saved = services.activities.create(
        cluster_id=on_shift.huangqu, team_id=team.id, title="敬老院打扫", held_on=date(2026, 5, 1),
        start_time=time(9), end_time=time(11), participants={p["张志强"]: 2, p["刘芳"]: 1.5})
    form = ActivityForm(services, saved.id, activities)
    qtbot.addWidget(form)
    assert not form.cluster.isEnabled()
    assert form.participants.hours() == {p["张志强"]: 2.0, p["刘芳"]: 1.5}
    assert form.length_label.text() == "活动时长 2 小时"
    assert not form.has_unsaved_changes()


def test_add_a_person_and_find_them_by_role(qtbot, services, small_town, people_page):
    """A new volunteer and Party member tagged 退役军人 shows up under the role filter 党员."""
    page = people_page.people
    form = PersonForm(services, None, page)
    qtbot.addWidget(form)
    form.name.setText("陈卫东")
    form.cluster.set_key(small_town.huangqu)
    form.village.set_key(small_town.villages["杨璩村"])
    form.post.setText("退役军人服务站站长")
    form.gender.set_key("男")
    form.birth_year.setValue(1968)
    form.roles.set_checked(["volunteer", "party_member"])
    form.tags.set_checked(["退役军人"])
    form.save()
    assert form.visible_errors() == {}
    person = services.people.get(form.saved_id)
    assert (person.birth_year, person.village_id) == (1968, small_town.villages["杨璩村"])
    with qtbot.waitSignal(page.reloaded):
        page.extra_combos["role"].set_key("party_member")
    names = [cell(page, row, "姓名") for row in range(page.model.rowCount())]
    assert sorted(names) == ["王建国", "陈卫东"]
    row = names.index("陈卫东")
    assert cell(page, row, "角色") == "志愿者、党员"
    assert cell(page, row, "人才库") == "退役军人"
    assert cell(page, row, "所在村") == "杨璩村"


def test_a_person_without_a_name_is_refused(qtbot, services, people_page):
    form = PersonForm(services, None, people_page)
    qtbot.addWidget(form)
    form.save()
    assert form.visible_errors() == {"name": "姓名不能为空"}


def test_the_villages_tab_lists_the_six_villages(people_page):
    """All six villages of the small town are listed, the central villages marked."""
    page = people_page.villages
    assert page.count_label.text() == "共 6 条"
    rows = {cell(page, r, "村名"): cell(page, r, "中心村") for r in range(page.model.rowCount())}
    assert set(rows) == {"黄璩村", "韩璩村", "杨璩村", "黄店村", "北张淡村", "南张淡村"}
    assert {name for name, central in rows.items() if central} == {"黄璩村", "北张淡村"}
    assert page.new_button.isHidden()


def test_the_org_tab_shows_clusters_with_their_villages_in_order(people_page):
    """组织架构: each joint Party organisation with its central village, village count and
    villages, the central one first."""
    tree = people_page.org.tree
    rows = {}
    for top in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(top)
        rows[item.text(0)] = (item.text(1), item.text(2),
                              [item.child(i).text(0) for i in range(item.childCount())])
    assert rows == {"黄璩联合党总支": ("黄璩村", "4", ["黄璩村", "韩璩村", "杨璩村", "黄店村"]),
                    "张淡联合党总支": ("北张淡村", "2", ["北张淡村", "南张淡村"])}


def test_add_a_team_and_see_it_in_the_teams_tab(qtbot, services, small_town, people_page):
    """A new 巾帼 team led by 李秀英 appears in the 志愿服务队 tab with its leader."""
    page = people_page.teams
    form = TeamForm(services, None, page)
    qtbot.addWidget(form)
    form.cluster.set_key(small_town.huangqu)
    form.name.setText("黄璩巾帼志愿服务队")
    form.kind.set_key("巾帼")
    form.leader.set_key(small_town.people["李秀英"])
    form.save()
    assert form.visible_errors() == {}
    with qtbot.waitSignal(page.reloaded):
        page.reload()
    assert (cell(page, 0, "服务队名称"), cell(page, 0, "类别"), cell(page, 0, "队长")) == (
        "黄璩巾帼志愿服务队", "巾帼", "李秀英")
