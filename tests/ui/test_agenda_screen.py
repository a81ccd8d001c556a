"""The agenda screen as a duty officer uses it: raise an item, take it through 四议两公开."""

from __future__ import annotations

from datetime import date

import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog, QStyle

from ui import list_specs
from ui.forms.agenda_form import AgendaForm
from ui.forms.step_dialog import StepDialog
from ui.list_page import ListPage

COLUMNS = [c.header for c in list_specs.AGENDA.columns]


@pytest.fixture
def page(qtbot, services, on_shift):
    services.db.set_node(cluster_id=on_shift.huangqu)
    page = ListPage(services, list_specs.AGENDA)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"))
    return page


@pytest.fixture
def item(services, on_shift):
    return services.agenda.create(cluster_id=on_shift.huangqu, title="黄璩村至韩璩村生产路硬化",
                                  village_ids=[on_shift.villages["黄璩村"]],
                                  raised_on=date(2025, 3, 2))


def cell(page: ListPage, header: str, row: int = 0) -> str:
    return page.model.data(page.model.index(row, COLUMNS.index(header)))


def timeline_row(form: AgendaForm, step: int) -> list[str]:
    return [form.timeline.item(step - 1, c).text() for c in range(form.timeline.columnCount())]


def record_through_dialog(form: AgendaForm, fill) -> dict[str, str]:
    """Click the form's "记录第N步" button, fill the dialog it opens, press 保存.

    Returns the errors the dialog showed (it is closed unsaved if there were any)."""
    shown: dict[str, str] = {}

    def act() -> None:
        dialog = form.step_dialog
        fill(dialog)
        dialog.save()
        shown.update(dialog.visible_errors())
        if dialog.isVisible():
            QDialog.done(dialog, QDialog.DialogCode.Rejected.value)

    QTimer.singleShot(0, act)
    form.next_button.click()
    return shown


def test_create_an_item_through_the_form(qtbot, services, on_shift, page):
    """Typing a title, choosing source and category and ticking villages lists the new item."""
    form = AgendaForm(services, None, page)
    qtbot.addWidget(form)
    form.title.setText("黄璩村至韩璩村生产路硬化")
    form.source.set_key("cadre")
    form.category.setCurrentText("基础设施")
    form.villages.set_checked([on_shift.villages["黄璩村"], on_shift.villages["韩璩村"]])
    form.raised_on.set_value(date(2025, 3, 2))
    form.analysis.setPlainText("路面长期失修，两村需统筹资金。")
    form.save()
    assert form.result() == QDialog.DialogCode.Accepted and form.visible_errors() == {}
    saved = services.agenda.get(form.saved_id)
    assert (saved.category, saved.analysis) == ("基础设施", "路面长期失修，两村需统筹资金。")
    with qtbot.waitSignal(page.reloaded):
        page.reload()
    assert page.count_label.text() == "共 1 条"
    assert cell(page, "议题标题") == "黄璩村至韩璩村生产路硬化"
    assert set(cell(page, "涉及村").split("、")) == {"黄璩村", "韩璩村"}
    assert cell(page, "议题来源") == "干部提议"
    assert cell(page, "状态") == "办理中"
    assert cell(page, "当前环节") == "待提议"
    assert cell(page, "提出日期") == "2025-03-02"


def test_empty_title_is_shown_next_to_the_field_and_nothing_saved(qtbot, services, page):
    """Saving without a title says so under 议题标题; no item is created."""
    form = AgendaForm(services, None, page)
    qtbot.addWidget(form)
    form.save()
    assert form.visible_errors() == {"title": "议题标题不能为空"}
    assert services.agenda.list().total == 0


def test_editing_keeps_the_cluster_and_shows_the_timeline(qtbot, services, item):
    """Opening an item shows its fields, a fixed cluster, and six steps with step 1 waiting."""
    form = AgendaForm(services, item.id)
    qtbot.addWidget(form)
    assert not form.cluster.isEnabled()
    assert form.title.text() == "黄璩村至韩璩村生产路硬化"
    assert timeline_row(form, 1)[:2] == ["1. 党支部会提议", "待进行"]
    assert [timeline_row(form, n)[1] for n in range(2, 7)] == ["未开始"] * 5
    assert form.next_button.text() == "记录第1步：党支部会提议"


def test_record_steps_one_and_two_and_see_timeline_and_list(qtbot, services, item, page):
    """Recording 提议 and 商议 from the form fills the timeline; the list then says 待审议."""
    form = AgendaForm(services, item.id, page)
    qtbot.addWidget(form)

    def propose(dialog: StepDialog) -> None:
        assert dialog.step == 1 and not dialog.counts_row.isVisibleTo(dialog)
        dialog.text.setPlainText("提议硬化黄璩村至韩璩村生产路")

    assert record_through_dialog(form, propose) == {}
    assert timeline_row(form, 1)[1] == "已通过"
    assert timeline_row(form, 2)[1] == "待进行"
    assert form.next_button.text() == "记录第2步：两委会商议"

    def consult(dialog: StepDialog) -> None:
        assert dialog.step == 2 and dialog.counts_row.isVisibleTo(dialog)
        dialog.meeting_form.setCurrentText("举手表决")
        dialog.due.setValue(9)
        dialog.present.setValue(8)
        dialog.votes_for.setValue(7)
        dialog.votes_abstain.setValue(1)

    assert record_through_dialog(form, consult) == {}
    row = timeline_row(form, 2)
    assert row[1] == "已通过" and row[2] == date.today().isoformat()
    assert row[3] == "应到 9 / 实到 8 / 88.9%"
    assert row[4] == "赞成 7 · 反对 0 · 弃权 1"
    assert timeline_row(form, 3)[1] == "待进行"
    assert form.next_button.text() == "记录第3步：党员大会审议"

    form.reject()  # nothing else changed: closing counts as saved, so the list refreshes
    assert form.result() == QDialog.DialogCode.Accepted and form.saved_id == item.id
    with qtbot.waitSignal(page.reloaded):
        page.reload()
    assert cell(page, "当前环节") == "待审议"


def test_present_above_due_is_shown_next_to_present_and_nothing_saved(qtbot, services, item):
    """实到 12 of 应到 9 is refused under the counts, naming 实到; the step is not recorded."""
    services.agenda.record_step(item.id, 1)
    dialog = StepDialog(services, item.id)
    qtbot.addWidget(dialog)
    dialog.due.setValue(9)
    dialog.present.setValue(12)
    dialog.votes_for.setValue(8)
    dialog.save()
    assert dialog.visible_errors() == {"present": "实到人数（12）不能超过应到人数（9）"}
    assert dialog.error_labels["present"].isVisibleTo(dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert [s.step for s in services.agenda.steps(item.id)] == [1]


def test_live_verdict_says_why_15_of_30_fails_at_step_3(qtbot, services, item):
    """At the Party members' meeting, 15 present of 30 is read out in red as short of 2/3."""
    services.agenda.record_step(item.id, 1)
    services.agenda.record_step(item.id, 2, due=9, present=9, votes_for=9)
    dialog = StepDialog(services, item.id)
    qtbot.addWidget(dialog)
    assert dialog.step == 3
    # nothing counted yet: a word of guidance, not a red 不通过 on a blank form
    assert dialog.verdict_label.text() == "填写实到人数和表决票数后，这里显示能否通过。"
    assert "#b3261e" not in dialog.verdict_label.styleSheet()
    dialog.due.setValue(30)
    dialog.present.setValue(15)
    dialog.votes_for.setValue(12)
    text = dialog.verdict_label.text()
    assert text.startswith("不通过")
    assert "实到 15 人，未达到应到 30 人的三分之二以上" in text
    assert "赞成 12 票，未超过应到 30 人的半数" in text
    assert "50.0%" in text and dialog.ratio_label.text() == "比例 50.0%"
    assert "#b3261e" in dialog.verdict_label.styleSheet()
    dialog.present.setValue(25)
    dialog.votes_for.setValue(20)
    assert dialog.verdict_label.text().startswith("通过")
    assert "#1b6e2a" in dialog.verdict_label.styleSheet()


def test_villagers_meeting_at_step_4_needs_only_half_present(qtbot, services, item):
    """Choosing 村民会议 instead of 村民代表会议 makes 16 of 30 present enough."""
    services.agenda.record_step(item.id, 1)
    services.agenda.record_step(item.id, 2, due=9, present=9, votes_for=9)
    services.agenda.record_step(item.id, 3, due=30, present=25, votes_for=20)
    dialog = StepDialog(services, item.id)
    qtbot.addWidget(dialog)
    dialog.due.setValue(30)
    dialog.present.setValue(16)
    dialog.votes_for.setValue(10)
    assert dialog.verdict_label.text().startswith("不通过")
    dialog.body.set_key("村民会议")
    assert dialog.verdict_label.text().startswith("通过")
    assert dialog.heading.text() == "第4步 · 村民会议决议"
    dialog.save()
    assert dialog.visible_errors() == {}
    assert services.agenda.steps(item.id)[-1].body == "村民会议"


def test_a_failed_vote_is_shown_and_offered_again(qtbot, services, item):
    """A review that did not pass reads 未通过, and the button offers to hold it again."""
    services.agenda.record_step(item.id, 1)
    services.agenda.record_step(item.id, 2, due=9, present=9, votes_for=9)
    services.agenda.record_step(item.id, 3, due=30, present=15, votes_for=12)
    form = AgendaForm(services, item.id)
    qtbot.addWidget(form)
    assert timeline_row(form, 3)[1] == "未通过"
    assert form.next_button.text() == "记录第3步：党员大会审议（重新表决）"
    dialog = StepDialog(services, item.id)
    qtbot.addWidget(dialog)
    assert (dialog.step, dialog.due.value(), dialog.present.value()) == (3, 30, 15)


def test_skipping_a_step_is_refused_visibly(qtbot, services, item):
    """The dialog opens on the waiting step; asked for a later one it says why, saving nothing."""
    dialog = StepDialog(services, item.id)
    qtbot.addWidget(dialog)
    assert dialog.step == 1 and dialog.heading.text() == "第1步 · 党支部会提议"
    skipping = StepDialog(services, item.id, step=3)
    qtbot.addWidget(skipping)
    skipping.due.setValue(30)
    skipping.present.setValue(28)
    skipping.votes_for.setValue(26)
    skipping.save()
    assert skipping.visible_errors() == {"step": "不能跳过步骤：请先完成第1步“提议”"}
    assert skipping.step_error.isVisibleTo(skipping)
    assert services.agenda.steps(item.id) == []


def test_steps_without_a_vote_hide_the_counts(qtbot, services, item):
    """Publishing the resolution asks for no attendance or votes, and says so."""
    services.agenda.record_step(item.id, 1)
    services.agenda.record_step(item.id, 2, due=9, present=9, votes_for=9)
    services.agenda.record_step(item.id, 3, due=30, present=25, votes_for=20)
    services.agenda.record_step(item.id, 4, due=30, present=25, votes_for=20)
    dialog = StepDialog(services, item.id)
    qtbot.addWidget(dialog)
    assert dialog.step == 5
    assert not dialog.counts_row.isVisibleTo(dialog)
    assert "无需表决" in dialog.verdict_label.text()
    assert "due" not in dialog.values() and "votes_for" not in dialog.values()
    dialog.text.setPlainText("决议已在村务公开栏公示7天")
    dialog.save()
    assert dialog.visible_errors() == {}
    assert services.agenda.steps(item.id)[-1].outcome == "published"


def test_live_verdict_flags_impossible_counts(qtbot, services, item):
    """More present than due reads in red as a mistake while typing, not as a passed vote."""
    services.agenda.record_step(item.id, 1)
    dialog = StepDialog(services, item.id)
    qtbot.addWidget(dialog)
    dialog.due.setValue(9)
    dialog.present.setValue(12)
    dialog.votes_for.setValue(8)
    assert dialog.verdict_label.text() == "人数有误：实到人数（12）不能超过应到人数（9）"
    dialog.present.setValue(9)
    assert dialog.verdict_label.text().startswith("通过")


def test_withdraw_an_item_and_take_it_up_again(qtbot, services, item, monkeypatch):
    """撤回议题 asks, stops the procedure (no next step offered), and 恢复办理 undoes it."""
    from PySide6.QtWidgets import QMessageBox

    form = AgendaForm(services, item.id)
    qtbot.addWidget(form)
    form.show()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, title, text: (
        asked.append(title) or QMessageBox.StandardButton.No))
    form.withdraw_button.click()
    assert asked == ["撤回议题"] and services.agenda.get(item.id).status == "open"

    monkeypatch.setattr(QMessageBox, "question", lambda *_: QMessageBox.StandardButton.Yes)
    form.withdraw_button.click()
    assert services.agenda.get(item.id).status == "withdrawn"
    assert not form.next_button.isVisible()
    assert form.timeline_note.text() == "议题已撤回，不再表决。"
    assert form.withdraw_button.text() == "恢复办理"

    form.withdraw_button.click()  # taking it up again asks nothing
    assert services.agenda.get(item.id).status == "open"
    assert form.next_button.isVisible() and form.withdraw_button.text() == "撤回议题"
    assert form.saved_id == item.id  # the list refreshes when the form closes


def test_a_new_item_can_go_straight_on_to_its_first_step(qtbot, services, on_shift, page,
                                                          monkeypatch):
    """保存并记录第1步 saves the new item, keeps the form open with its timeline, and opens
    the first step; closing the form afterwards lists the item."""
    opened = []

    def record(dialog: StepDialog) -> int:
        opened.append(dialog.step)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(StepDialog, "exec", record)
    form = AgendaForm(services, None, page)
    qtbot.addWidget(form)
    form.show()
    form.title.setText("黄璩村至韩璩村生产路硬化")
    form.first_step_button.click()
    assert form.visible_errors() == {} and form.isVisible()
    assert services.agenda.get(form.saved_id).title == "黄璩村至韩璩村生产路硬化"
    assert opened == [1] and form.record_id == form.saved_id
    assert form.windowTitle() == "编辑议题" and not form.first_step_button.isVisible()
    assert form.next_button.text().startswith("记录第1步")
    form.reject()  # nothing unsaved: closes without asking
    assert form.result() == QDialog.DialogCode.Accepted
    assert services.agenda.list().total == 1



def test_the_longest_step_is_shown_whole_without_sideways_scrolling(qtbot, services, on_shift,
                                                                    item):
    """In the program's own fonts, an item waiting for its last step reads “待实施结果公开”
    in 当前环节, not “待实施结果…”, and the list still fits the page of a 1024-pixel window
    (no sideways scrolling)."""
    from ui.app import make_application

    make_application()  # the fonts the program sets (the tests' default font is narrower)
    s = services.agenda
    s.record_step(item.id, 1, held_on=date(2026, 3, 1), text="提议硬化村东道路")
    s.record_step(item.id, 2, held_on=date(2026, 3, 3), present=7, votes_for=7)
    s.record_step(item.id, 3, held_on=date(2026, 3, 8), due=30, present=25, votes_for=24)
    s.record_step(item.id, 4, held_on=date(2026, 3, 10), due=45, present=40, votes_for=38)
    s.record_step(item.id, 5, held_on=date(2026, 3, 11), form="村务公开栏张贴")
    services.db.set_node(cluster_id=on_shift.huangqu)
    page = ListPage(services, list_specs.AGENDA)
    qtbot.addWidget(page)
    page.resize(1024 - 150, 600)  # the window less the navigation column
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text() == "共 1 条")
    text = cell(page, "当前环节")
    assert text == "待实施结果公开"
    table = page.table
    # what Qt's item delegate has for the text: the cell less its text margin on each side
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    room = table.visualRect(page.model.index(0, COLUMNS.index("当前环节"))).width() - 2 * margin
    metrics = table.fontMetrics()
    assert metrics.elidedText(text, Qt.TextElideMode.ElideRight, room) == text
    assert table.horizontalHeader().length() <= table.viewport().width() < 1024 - 150
    assert table.horizontalScrollBar().maximum() == 0
