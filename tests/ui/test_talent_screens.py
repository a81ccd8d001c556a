"""人才: the 人才库, 青雁轮岗 and 培训 tabs and their forms."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.records.id_numbers import check_digit
from ui.forms.talent_forms import RotationForm, TalentForm, TrainingForm
from ui.talent_page import ENDING_SOON, TalentPage


def id_number(born: str) -> str:
    body = "370523" + born + "003"
    return body + check_digit(body)


@pytest.fixture
def page(qtbot, services, small_town):
    services.db.set_node(cluster_id=small_town.huangqu)
    page = TalentPage(services)
    qtbot.addWidget(page)
    page.show()
    for tab in (page.talents, page.rotations, page.trainings):
        qtbot.waitUntil(lambda tab=tab: tab.count_label.text().startswith("共"))
    return page


def test_a_new_person_as_qingyan_too_old_then_young_enough(qtbot, services, small_town, page):
    form = TalentForm(services, None, page)
    qtbot.addWidget(form)
    form.new_name.setText("韩立军")
    form.new_id_number.setText(id_number("19800101"))
    form.plain["pool"].widget.set_key("qingyan")
    form.save()
    assert "韩立军出生于 1980 年" in form.visible_errors()["person_id"]
    assert services.people.list().total == 6  # the small town's, nobody half-written
    form.new_id_number.setText(id_number("19950101"))
    form.save()
    assert form.visible_errors() == {}
    with qtbot.waitSignal(page.talents.reloaded):
        page.talents.reload()
    assert page.talents.model.rowCount() == 1


def test_a_rotation_and_the_filter_of_those_ending_within_a_month(qtbot, services, small_town,
                                                                   page):
    person = services.people.create(name="周丽", village_id=small_town.villages["杨璩村"],
                                    id_number=id_number("19960315"))
    qingyan = services.talents.create(cluster_id=small_town.huangqu, person_id=person.id,
                                      pool="qingyan")
    form = RotationForm(services, None, page)
    qtbot.addWidget(form)
    assert form.references["talent_id"].findData(qingyan.id) >= 0
    form.references["talent_id"].set_key(qingyan.id)
    form.plain["post"].widget.set_key("grid")
    form.plain["start_on"].set(date.today() - timedelta(days=70))
    form.save()
    assert form.visible_errors() == {}
    assert services.rotations.get(form.saved_id).end_on > date.today()
    services.rotations.create(talent_id=qingyan.id, post="party",
                              start_on=date.today() - timedelta(days=5))
    with qtbot.waitSignal(page.rotations.reloaded):
        page.rotations.reload()
    assert page.rotations.model.rowCount() == 2
    with qtbot.waitSignal(page.rotations.reloaded):
        page.rotations.extra_combos["ending_within"].set_key(ENDING_SOON)
    assert page.rotations.model.rowCount() == 1
    assert [r.id for r in services.rotations.ending_soon()] == [form.saved_id]


def test_a_training_with_its_sign_in(qtbot, services, small_town, page):
    p = small_town.people
    form = TrainingForm(services, None, page)
    qtbot.addWidget(form)
    form.title_line.setText("西红柿嫁接育苗技术")
    form.plain["held_on"].set(date.today())
    form.plain["hours"].set(3.0)
    form.attendees.add_row([p["张志强"], 3.0])
    form.attendees.add_row([p["刘芳"], 4.0])
    form.save()
    assert "刘芳的学时（4）超过培训学时（3）" in form.visible_errors()["attendees"]
    form.attendees.set_rows([[p["张志强"], 3.0], [p["刘芳"], 2.0]])
    form.save()
    assert form.visible_errors() == {}
    assert services.trainings.attendees(form.saved_id) == {p["张志强"]: 3.0, p["刘芳"]: 2.0}
    again = TrainingForm(services, form.saved_id, page)
    qtbot.addWidget(again)
    assert again.collect()["attendees"] == {p["张志强"]: 3.0, p["刘芳"]: 2.0}


def test_the_summary_line(qtbot, services, small_town, page):
    person = services.people.create(name="周丽", village_id=small_town.villages["杨璩村"],
                                    id_number=id_number("19960315"))
    services.talents.create(cluster_id=small_town.huangqu, person_id=person.id,
                            pool="qingyan", whereabouts="away")
    services.trainings.create(cluster_id=small_town.huangqu, title="电商直播",
                              held_on=date.today(), hours=3, attendees={person.id: 3})
    page.refresh_summary()
    qtbot.waitUntil(lambda: "青雁 1 人（在外 1 人）" in page.summary.text())
    assert "今年培训 1 场，参训合计 3 学时" in page.summary.text()


def test_a_talent_s_form_shows_their_trainings_projects_and_posts(qtbot, services, small_town,
                                                                  page, monkeypatch):
    """Read-only lists under 履历, filled off the GUI thread; a new talent has none."""
    p, v = small_town.people, small_town.villages
    person = services.people.create(name="周丽", village_id=v["杨璩村"],
                                    id_number=id_number("19960315"))
    qingyan = services.talents.create(cluster_id=small_town.huangqu, person_id=person.id,
                                      pool="qingyan")
    services.trainings.create(cluster_id=small_town.huangqu, title="农村电商直播",
                              held_on=date(2026, 3, 5), hours=3, teacher_kind="talent",
                              teacher_talent_id=qingyan.id, attendees={p["张志强"]: 3})
    services.projects.create(cluster_id=small_town.huangqu, name="直播带货基地",
                             funds={"帮扶资金": 300_000}, shares={v["黄璩村"]: 300_000},
                             leader_id=person.id)
    services.rotations.create(talent_id=qingyan.id, post="grid", start_on=date(2026, 1, 5),
                              mentor_id=p["王建国"])
    new = TalentForm(services, None, page)
    qtbot.addWidget(new)
    assert new.record_tabs is None
    form = TalentForm(services, qingyan.id, page)
    qtbot.addWidget(form)
    tabs = form.record_tabs
    assert tabs is not None
    qtbot.waitUntil(lambda: tabs.tabText(0) == "培训（1）", timeout=10000)
    assert [tabs.tabText(n) for n in range(3)] == ["培训（1）", "项目（1）", "轮岗岗位（1）"]
    model = tabs.trainings.model
    assert [model.index(0, c).data() for c in range(4)] == ["2026-03-05", "农村电商直播",
                                                           "授课", "3"]
    assert tabs.projects.model.index(0, 1).data() == "直播带货基地"
    assert tabs.posts.model.index(0, 1).data() == "网格"
    assert tabs.posts.model.index(0, 3).data() == "王建国"
    opened: list = []
    monkeypatch.setattr("ui.open_record.open_record",
                        lambda _s, table, record_id, _parent: opened.append((table, record_id)))
    tabs.projects.opened.emit(tabs.projects.model.rows[0]["id"])
    assert opened == [("aid_project", services.projects.list().items[0].id)]
