"""A new duty office's first shift, end to end, through the screens as the officer sees them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest

from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QPushButton,
    QWidget,
)

from desktop_app.services import ListQuery
from desktop_app.services.office_setup import OfficePlan, set_up_office
from tests.ui.chart_helpers import category_names, stacked_segments
from ui.duty_page import HandoverDialog
from ui.forms.activity_form import ActivityForm
from ui.forms.agenda_form import AgendaForm
from ui.forms.meeting_form import ClaimDialog, MeetingForm, to_qdatetime
from ui.forms.step_dialog import StepDialog
from ui.main_window import MainWindow

DIALOG_WAIT_S = 10

PEOPLE = [  # name, village, roles
    ("王建国", "黄璩村", ["village_committee", "party_member"]),
    ("李秀英", "韩璩村", ["village_committee"]),
    ("张志强", "杨璩村", ["volunteer"]),
    ("刘芳", "黄店村", ["volunteer"]),
    ("陈卫东", "黄璩村", ["volunteer", "party_member"]),
]


@pytest.fixture
def office(services):
    """A fresh office PC set up like a new office: 黄璩联合党总支 with four villages, the
    town liaison cadre, two committee members and three volunteers; nobody on duty yet."""
    cluster_id = set_up_office(services, OfficePlan(
        town="大王镇", county="广饶县", cluster="黄璩联合党总支",
        villages=["黄璩村", "韩璩村", "杨璩村", "黄店村"], office="黄璩中心村值班室"))
    villages = {v.name: v.id for v in services.villages.list(
        ListQuery(cluster_id=cluster_id, limit=None)).items}
    people = {name: services.people.create(name=name, village_id=villages[village],
                                           roles=roles).id
              for name, village, roles in PEOPLE}
    people["孙包村"] = services.people.create(name="孙包村", cluster_id=cluster_id,
                                             post="包村干部", roles=["town_liaison"]).id
    return cluster_id, villages, people


# --- what the person does with the mouse -----------------------------------------------------
def answer(kind: type[QDialog], act: Callable[[QDialog], None]) -> None:
    """When a dialog of ``kind`` opens, ``act`` on it as the person would. If ``act`` fails or
    leaves the dialog open, the dialog is closed unsaved so that the test cannot hang."""
    deadline = datetime.now() + timedelta(seconds=DIALOG_WAIT_S)

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not (isinstance(dialog, kind) and dialog.isVisible()):
            if datetime.now() < deadline:
                QTimer.singleShot(10, look)
            return
        try:
            act(dialog)
        finally:
            if dialog.isVisible():
                QDialog.done(dialog, QDialog.DialogCode.Rejected.value)

    QTimer.singleShot(0, look)


def button(widget: QWidget, text: str) -> QPushButton:
    found = [b for b in widget.findChildren(QPushButton) if b.text() == text]
    assert len(found) == 1, (text, [b.text() for b in widget.findChildren(QPushButton)])
    return found[0]


def save_button(form) -> QPushButton:
    return form.buttons.button(QDialogButtonBox.StandardButton.Save)


def cancel_button(form) -> QPushButton:
    return form.buttons.button(QDialogButtonBox.StandardButton.Cancel)


def cell(page, header: str, row: int = 0) -> str:
    column = [c.header for c in page.spec.columns].index(header)
    return page.model.data(page.model.index(row, column))


def open_list(qtbot, window: MainWindow, title: str):
    page = window.screen(title)
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"))
    return page


def press_and_reload(qtbot, page, clicked: QPushButton) -> None:
    """Click a list page's button that opens a form; wait for the list to show the result."""
    with qtbot.waitSignal(page.reloaded, timeout=5000):
        clicked.click()


# --- the flow --------------------------------------------------------------------------------
def test_a_new_officer_records_a_whole_shift(qtbot, services, office):
    """On a brand-new office PC I open the app, pick my name on 值班 and start my shift; the
    status bar names me. I record a matter on 议题 and take it through 提议 and 商议; I record the
    meeting that agreed to it, with who came, and turn its decision into a task in one click; I
    record a volunteer activity of three volunteers; then I hand over with a note. The 工作台
    then shows the matter waiting for 审议, the activity with 3 people, my note, and the new
    task in its chart — and everything I recorded carries my name."""
    cluster_id, villages, people = office
    officer = people["王建国"]
    today = date.today()
    window = MainWindow(services)
    qtbot.addWidget(window)
    dashboard = window.pages.widget(0)
    with qtbot.waitSignal(dashboard.loaded, timeout=10000):
        window.show()
    assert "黄璩中心村值班室" in window.windowTitle()
    assert window.officer_label.text() == "无人值班"
    assert dashboard.duty_label.text().startswith("当前无人值班")

    # 值班: pick myself, 开始值班.
    duty = window.screen("值班")
    assert "当前无人值班" in duty.state.text()
    duty.officer.set_key(officer)
    assert duty.officer.currentText() == "王建国"
    button(duty, "开始值班").click()
    assert window.officer_label.text() == "值班：王建国"
    assert duty.state.text().startswith("王建国 正在值班")
    assert services.db.officer_id == officer

    # 议题: record the matter through the form.
    agenda = open_list(qtbot, window, "议题")
    assert agenda.count_label.text() == "共 0 条"

    def fill_item(form: AgendaForm) -> None:
        form.title.setText("黄璩村至韩璩村生产路硬化")
        form.source.set_key("villagers")
        form.category.setCurrentText("基础设施")
        form.villages.set_checked([villages["黄璩村"], villages["韩璩村"]])
        form.analysis.setPlainText("生产路长期失修，雨天无法通行；两村需统筹资金。")
        form.measures.setPlainText("两村分段施工，年底前完成。")
        save_button(form).click()
        assert form.visible_errors() == {}

    answer(AgendaForm, fill_item)
    press_and_reload(qtbot, agenda, agenda.new_button)
    assert agenda.count_label.text() == "共 1 条"
    assert cell(agenda, "议题标题") == "黄璩村至韩璩村生产路硬化"
    assert cell(agenda, "议题来源") == "群众建议"
    assert cell(agenda, "当前环节") == "待提议"
    assert agenda.selected_id() is not None  # the new item is selected
    [item] = services.agenda.list().items

    # ... and take it through 提议 and 商议 with the form's next-step button.
    timeline: list[list[str]] = []

    def record_step(fill: Callable[[StepDialog], None]) -> Callable[[StepDialog], None]:
        def act(dialog: StepDialog) -> None:
            fill(dialog)
            save_button(dialog).click()
            assert dialog.visible_errors() == {}
        return act

    def propose(dialog: StepDialog) -> None:
        assert dialog.heading.text() == "第1步 · 党支部会提议"
        dialog.text.setPlainText("提议硬化黄璩村至韩璩村生产路")

    def consult(dialog: StepDialog) -> None:
        assert dialog.heading.text() == "第2步 · 两委会商议"
        dialog.meeting_form.setCurrentText("举手表决")
        dialog.due.setValue(9)
        dialog.present.setValue(8)
        dialog.votes_for.setValue(7)
        dialog.votes_abstain.setValue(1)
        assert dialog.verdict_label.text().startswith("通过")

    def two_steps(form: AgendaForm) -> None:
        assert form.title.text() == "黄璩村至韩璩村生产路硬化"
        assert form.next_button.text() == "记录第1步：党支部会提议"
        answer(StepDialog, record_step(propose))
        form.next_button.click()
        assert form.next_button.text() == "记录第2步：两委会商议"
        answer(StepDialog, record_step(consult))
        form.next_button.click()
        assert form.next_button.text() == "记录第3步：党员大会审议"
        for row in range(3):
            timeline.append([form.timeline.item(row, c).text() for c in range(5)])
        cancel_button(form).click()  # nothing else changed: closes without asking

    answer(AgendaForm, two_steps)
    press_and_reload(qtbot, agenda, agenda.edit_button)
    assert [row[1] for row in timeline] == ["已通过", "已通过", "待进行"]
    assert timeline[1][3:] == ["应到 9 / 实到 8 / 88.9%", "赞成 7 · 反对 0 · 弃权 1"]
    assert cell(agenda, "当前环节") == "待审议"

    # 会议: who came, the matter agreed (同意), a decision with an owner and a deadline.
    meetings = open_list(qtbot, window, "会议")
    deadline = today + timedelta(days=30)

    def fill_meeting(form: MeetingForm) -> None:
        form.title.setText("黄璩联合党总支联席会议")
        form.start.setDateTime(to_qdatetime(datetime.combine(today, datetime.min.time())
                                            .replace(hour=9)))
        form.place.setText("黄璩村党群服务中心")
        form.chair.set_key(officer)
        form.recorder.set_key(people["李秀英"])
        button(form, "全部出席").click()
        form.set_attendance(people["孙包村"], "non_voting")
        form.set_attendance(people["刘芳"], "absent", "外出务工")
        assert form.attendance_count.text() == "出席 4 人　列席 1 人　缺席 1 人"
        form.agenda_picker.set_key(item.id)
        button(form, "添加议题").click()
        outcome = form.agenda_table.cellWidget(0, 1)
        outcome.set_key("approved")
        assert outcome.currentText() == "同意"
        button(form, "添加决定").click()
        table = form.decision_table
        table.cellWidget(0, 0).setText("生产路硬化由李秀英牵头，两村分段施工")
        table.cellWidget(0, 1).set_key(people["李秀英"])
        table.cellWidget(0, 2).set_value(deadline)
        table.cellWidget(0, 3).set_key(item.id)
        assert form.tabs.tabText(3) == "决定（1）"
        save_button(form).click()
        assert form.visible_errors() == {}

    answer(MeetingForm, fill_meeting)
    press_and_reload(qtbot, meetings, meetings.new_button)
    assert meetings.count_label.text() == "共 1 条"
    assert [cell(meetings, h) for h in ("会议名称", "主持人", "出席", "议题数")] == [
        "黄璩联合党总支联席会议", "王建国", "4", "1"]

    # Reopen it and turn the decision into a task: one click, the item's villages offered.
    made: list[str] = []

    def claim(dialog: ClaimDialog) -> None:
        assert sorted(dialog.checked()) == sorted([villages["黄璩村"], villages["韩璩村"]])
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    def make_task(form: MeetingForm) -> None:
        make = form.decision_table.cellWidget(0, 4)
        assert make.text() == "生成任务"
        answer(ClaimDialog, claim)
        make.click()
        made.append(form.task_message.text())
        made.append(form.decision_table.cellWidget(0, 4).text())
        cancel_button(form).click()

    answer(MeetingForm, make_task)
    meetings.edit_button.click()
    assert made == ["已生成工作任务“生产路硬化由李秀英牵头，两村分段施工”（认领：黄璩村、韩璩村），"
                    "可在“任务”中查看和办理。", "已生成任务：生产路硬化由李秀英牵头，两村分段施工"]
    tasks = open_list(qtbot, window, "任务")
    assert tasks.count_label.text() == "共 1 条"
    assert (cell(tasks, "任务标题"), cell(tasks, "责任人"), cell(tasks, "截止日期")) == (
        "生产路硬化由李秀英牵头，两村分段施工", "李秀英", deadline.isoformat())
    assert set(cell(tasks, "认领村").split("、")) == {"黄璩村", "韩璩村"}

    # 志愿服务: three volunteers for the activity's whole length.
    activities = window.screen("志愿服务").activities  # its first tab
    qtbot.waitUntil(lambda: activities.count_label.text().startswith("共"))

    def fill_activity(form: ActivityForm) -> None:
        form.title.setText("为民服务大集")
        form.held_on.setDate(today)
        form.start_time.setTime(QTime(8, 30))
        form.end_time.setTime(QTime(11, 30))
        form.place.setText("黄璩村文化广场")
        form.content.setPlainText("义诊、理发、家电维修")
        form.people_served.setValue(120)
        for name in ("张志强", "刘芳", "陈卫东"):
            form.participants.picker.set_key(people[name])
            button(form.participants, "添加").click()
        button(form.participants, "按活动时长填写").click()
        assert form.participants.total_label.text() == "共 3 人，合计 9 小时"
        save_button(form).click()
        assert form.visible_errors() == {}

    answer(ActivityForm, fill_activity)
    press_and_reload(qtbot, activities, activities.new_button)
    assert activities.count_label.text() == "共 1 条"
    assert (cell(activities, "活动名称"), cell(activities, "人数"), cell(activities, "时长")) == (
        "为民服务大集", "3", "9")

    # 值班: hand over with a note.
    duty = window.screen("值班")
    note = "生产路硬化待党员大会审议，请下一班通知党员；为民服务大集照片已存档。"

    def hand_over(dialog: HandoverDialog) -> None:
        dialog.note.setPlainText(note)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    answer(HandoverDialog, hand_over)
    button(duty, "交班（结束值班）").click()
    assert window.officer_label.text() == "无人值班"
    assert duty.start_button.isVisible() and not duty.end_button.isVisible()
    assert note in duty.previous_note.text()

    # 工作台: what waits, what was done, the note, the new task in the chart.
    with qtbot.waitSignal(dashboard.loaded, timeout=10000):
        window.screen("工作台")
    assert dashboard.heading.text() == "工作台 · 黄璩联合党总支"
    assert dashboard.duty_label.text() == ("当前无人值班。请到“值班”页面开始值班。\n"
                                           f"上一班交接事项：{note}")
    def rows(rows_list) -> list[list[str]]:
        model = rows_list.model
        return [[model.index(r, c).data() for c in range(model.columnCount())]
                for r in range(model.rowCount())]

    waiting = rows(dashboard.waiting_list)
    assert [(row[1], row[3]) for row in waiting] == [("黄璩村至韩璩村生产路硬化", "待审议")]
    assert rows(dashboard.activity_list) == [[today.isoformat(), "为民服务大集", "3", "9"]]
    assert rows(dashboard.due_list) == []
    assert dashboard.due_list.currentWidget() is dashboard.due_list.empty
    from ui.charts import drawn

    qtbot.waitUntil(lambda: drawn(dashboard.canvases), timeout=10000)  # made on workers
    by_village = dashboard.canvases[0].figure.axes[0]
    assert category_names(by_village) == ["黄璩村", "韩璩村"]
    shown = {bar: top - bottom for bar, (bottom, top) in stacked_segments(by_village).items()}
    assert shown["黄璩村", "待办理"] == shown["韩璩村", "待办理"] == 1
    assert sum(shown.values()) == 2  # one task, two villages
    by_step = dashboard.canvases[2].figure.axes[0]
    widths = {label.get_text(): bar.get_width() for label, bar in
              zip(by_step.get_yticklabels(), by_step.patches, strict=True)}
    assert widths["待审议"] == 1 and sum(widths.values()) == 1

    # Everything carries the officer's name.
    [meeting] = services.meetings.list().items
    [task] = services.tasks.list().items
    [activity] = services.activities.list().items
    [shift] = services.duty.list().items
    stamped = [services.agenda.get(item.id), *services.agenda.steps(item.id), meeting,
               *services.meetings.attendees(meeting.id), *services.meetings.decisions(meeting.id),
               task, activity, *services.activities.participants(activity.id), shift]
    assert {record.recorded_by for record in stamped} == {officer}
    assert task.status == "pending" and task.assignee_id == people["李秀英"]
