"""The meeting screen as a duty officer uses it: record a meeting, then turn its decisions
into work tasks that villages claim."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from PySide6.QtWidgets import QDialog, QPushButton

from desktop_app.services import ListQuery
from ui import list_specs
from ui.forms.meeting_form import ClaimDialog, MeetingForm, to_qdatetime
from ui.list_page import ListPage


@pytest.fixture
def items(services, on_shift):
    """Two agenda items of 黄璩: street lamps for 黄店村 and a land transfer."""
    lamps = services.agenda.create(cluster_id=on_shift.huangqu, title="黄店村路灯安装")
    land = services.agenda.create(cluster_id=on_shift.huangqu, title="集体土地流转")
    return lamps, land


@pytest.fixture
def page(qtbot, services, on_shift):
    services.db.set_node(cluster_id=on_shift.huangqu)
    page = ListPage(services, list_specs.MEETINGS)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"))
    return page


def fill_meeting(form: MeetingForm, town, lamps) -> None:
    p = town.people
    form.title.setText("黄璩联合党总支十一月联席会议")
    form.start.setDateTime(to_qdatetime(datetime(2026, 11, 20, 9, 0)))
    form.place.setText("黄璩村党群服务中心")
    form.chair.set_key(p["王建国"])
    form.recorder.set_key(p["李秀英"])
    form.mark_all_present()
    form.set_attendance(p["孙包村"], "non_voting")
    form.set_attendance(p["刘芳"], "absent", "外出务工")
    form.add_agenda_row(lamps.id)
    form.set_outcome(lamps.id, "approved")
    row = form.add_decision_row("黄店村路灯由李秀英负责安装", p["李秀英"], date(2026, 12, 20),
                                lamps.id)
    assert row == 0


def choose_villages(monkeypatch, village_ids):
    """The claim dialog answers by ticking these villages and pressing 生成任务."""
    def exec_(dialog):
        dialog.villages.set_checked(village_ids)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(ClaimDialog, "exec", exec_)


def test_record_a_meeting_and_turn_its_decision_into_a_task(qtbot, services, on_shift, items,
                                                            page, monkeypatch):
    """Fill in who came (刘芳 absent: 外出务工), the approved lamp item and a decision; save.
    Reopening the meeting, one click on 生成任务 makes a task that 黄店村 claims."""
    lamps, _ = items
    p, v = on_shift.people, on_shift.villages
    form = MeetingForm(services, None, page)
    qtbot.addWidget(form)
    fill_meeting(form, on_shift, lamps)
    form.save()
    assert form.visible_errors() == {} and form.result() == QDialog.DialogCode.Accepted

    attendance = {a.person_id: (a.attendance, a.reason)
                  for a in services.meetings.attendees(form.saved_id)}
    assert attendance[p["刘芳"]] == ("absent", "外出务工")
    assert attendance[p["孙包村"]] == ("non_voting", "")
    with qtbot.waitSignal(page.reloaded):
        page.reload()
    assert page.count_label.text() == "共 1 条"
    texts = [page.model.data(page.model.index(0, c)) for c in range(7)]
    assert texts == ["黄璩联合党总支十一月联席会议", "联合党组织联席会议", "2026-11-20 09:00",
                     "黄璩村党群服务中心", "王建国", "3", "1"]

    reopened = MeetingForm(services, form.saved_id, page)
    qtbot.addWidget(reopened)
    assert reopened.agenda_rows()[0]["outcome"] == "approved"
    [decision] = reopened.saved_decisions
    button = reopened.decision_table.cellWidget(0, 4)
    assert isinstance(button, QPushButton) and button.text() == "生成任务"
    choose_villages(monkeypatch, [v["黄店村"]])
    button.click()

    [task] = services.tasks.list(ListQuery(village_id=v["黄店村"])).items
    assert task.decision_id == decision["id"] and task.assignee_id == p["李秀英"]
    assert task.due_on == date(2026, 12, 20)
    assert services.tasks.village_ids(task.id) == [v["黄店村"]]
    assert "黄店村路灯由李秀英负责安装" in reopened.task_message.text()
    assert reopened.decision_table.cellWidget(0, 4).text().startswith("已生成任务")

    again = MeetingForm(services, form.saved_id, page)
    qtbot.addWidget(again)
    assert again.decision_table.cellWidget(0, 4).text() == f"已生成任务：{task.title}"


def test_absent_without_reason_is_shown_by_the_attendees_and_nothing_saved(qtbot, services,
                                                                         on_shift, items, page):
    """Marking 刘芳 缺席 without a reason shows the error under the attendee table, in Chinese."""
    form = MeetingForm(services, None, page)
    qtbot.addWidget(form)
    form.title.setText("两委联席会议")
    form.mark_all_present()
    form.set_attendance(on_shift.people["刘芳"], "absent")
    form.tabs.setCurrentIndex(0)
    form.save()
    assert form.visible_errors() == {"attendees": "缺席人员须填写缺席原因"}
    assert form.tabs.currentIndex() == 1
    assert form.error_labels["attendees"].isVisibleTo(form)
    assert services.meetings.list().total == 0


def test_a_decision_on_a_deferred_item_is_refused_with_a_message(qtbot, services, on_shift, items,
                                                                 page, monkeypatch):
    """The land transfer was 暂缓: 生成任务 on its decision shows why, and makes no task."""
    _, land = items
    form = MeetingForm(services, None, page)
    qtbot.addWidget(form)
    form.title.setText("土地流转专题会")
    form.add_agenda_row(land.id)
    form.set_outcome(land.id, "deferred")
    form.add_decision_row("土地流转方案另行征求意见", agenda_item_id=land.id)
    form.save()
    assert form.visible_errors() == {}

    reopened = MeetingForm(services, form.saved_id, page)
    qtbot.addWidget(reopened)
    choose_villages(monkeypatch, [on_shift.villages["黄璩村"]])
    reopened.decision_table.cellWidget(0, 4).click()
    message = reopened.visible_errors()["decisions"]
    assert "暂缓" in message and "同意" in message
    assert reopened.error_labels["decisions"].isVisibleTo(reopened)
    assert services.tasks.list().total == 0


def test_editing_keeps_saved_decisions_and_adds_new_ones(qtbot, services, on_shift, items, page):
    """Reopening a meeting and adding a second decision keeps the first one, once."""
    lamps, _ = items
    form = MeetingForm(services, None, page)
    qtbot.addWidget(form)
    fill_meeting(form, on_shift, lamps)
    form.save()
    reopened = MeetingForm(services, form.saved_id, page)
    qtbot.addWidget(reopened)
    assert not reopened.has_unsaved_changes()
    reopened.add_decision_row("路灯安装完成后公示", on_shift.people["王建国"])
    reopened.save()
    assert reopened.visible_errors() == {}
    texts = sorted(d.text for d in services.meetings.decisions(form.saved_id))
    assert texts == ["路灯安装完成后公示", "黄店村路灯由李秀英负责安装"]
    assert len(services.meetings.attendees(form.saved_id)) == 5


def test_unsaved_changes_must_be_saved_before_making_a_task(qtbot, services, on_shift, items,
                                                            page, monkeypatch):
    """Changing the meeting and then pressing 生成任务 asks to save first; no task is made."""
    lamps, _ = items
    form = MeetingForm(services, None, page)
    qtbot.addWidget(form)
    fill_meeting(form, on_shift, lamps)
    form.save()
    reopened = MeetingForm(services, form.saved_id, page)
    qtbot.addWidget(reopened)
    reopened.set_outcome(lamps.id, "deferred")
    choose_villages(monkeypatch, [on_shift.villages["黄店村"]])
    reopened.decision_table.cellWidget(0, 4).click()
    assert "请先保存" in reopened.visible_errors()["decisions"]
    assert services.tasks.list().total == 0
