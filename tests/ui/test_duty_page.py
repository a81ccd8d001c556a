"""The duty page: an officer starts a shift, keeps a log, and hands over with a note."""

from __future__ import annotations

import re

import pytest

from PySide6.QtWidgets import QMessageBox

from ui.duty_page import DutyPage, HandoverDialog


@pytest.fixture
def page(qtbot, services, small_town):
    services.db.set_node(cluster_id=small_town.huangqu)
    page = DutyPage(services)
    qtbot.addWidget(page)
    page.show()
    return page


def test_start_a_shift_and_end_it_with_a_note(qtbot, services, small_town, page):
    """Picking my name starts the shift; ending it records the handover note for the next one."""
    shifts = []
    page.shift_changed.connect(lambda: shifts.append(1))
    page.officer.set_key(small_town.people["李秀英"])
    page.start_shift()
    assert services.db.officer_id == small_town.people["李秀英"]
    assert "李秀英 正在值班" in page.state.text() and page.on_shift_row.isVisible()
    page.log.setPlainText("接待群众 2 人")
    page.save_log()
    page.end_with("黄店村路灯已报修，明天回访", page.log.toPlainText())
    assert services.duty.current() is None and services.db.officer_id is None
    last = services.duty.last_handover(small_town.huangqu)
    assert (last.handover_note, last.log) == ("黄店村路灯已报修，明天回访", "接待群众 2 人")
    assert "黄店村路灯已报修" in page.previous_note.text()
    assert len(shifts) == 2


def choices(combo) -> dict[object, str]:
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}


def test_starting_without_a_name_says_so(qtbot, services, page, monkeypatch):
    """Nobody is preselected: 开始值班 straight away says to choose, and starts nothing."""
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    assert page.officer.key() is None and page.officer.currentText() == "请选择值班人员"
    page.start_shift()
    assert messages == ["请先选择值班人员"]
    assert services.duty.current() is None and page.start_row.isVisible()


def test_only_people_with_a_duty_role_are_offered(qtbot, small_town, page):
    """包村干部, 党建指导员 and 两委干部 of the cluster take duty; villagers do not."""
    offered = choices(page.officer)
    people = small_town.people
    assert offered == {None: "请选择值班人员", people["王建国"]: "王建国",
                       people["李秀英"]: "李秀英", people["孙包村"]: "孙包村"}


def test_everyone_is_offered_while_nobody_has_a_duty_role(qtbot, services, small_town):
    """A new cluster whose people are all villagers: all of them, still nobody preselected."""
    cluster = services.clusters.create(town_id=small_town.town, name="新建联合党支部")
    village = services.villages.create(cluster_id=cluster.id, name="新村")
    helper = services.people.create(name="周志愿", village_id=village.id, roles=["volunteer"])
    plain = services.people.create(name="吴村民", village_id=village.id)
    services.db.set_node(cluster_id=cluster.id)
    page = DutyPage(services)
    qtbot.addWidget(page)
    assert set(choices(page.officer)) == {None, helper.id, plain.id}
    assert page.officer.key() is None


def test_after_a_shift_nobody_is_preselected(qtbot, small_town, page):
    page.officer.set_key(small_town.people["李秀英"])
    page.start_shift()
    page.end_with("无", "")
    assert page.officer.key() is None


def test_saving_the_log_says_so(qtbot, services, on_shift, page):
    """保存值班记录 writes the log and shows beside the button when it was saved."""
    page.log.setPlainText("接待群众 2 人")
    assert page.has_unsaved_log() and page.saved_label.text() == ""
    page.save_log_button.click()
    assert services.duty.current().log == "接待群众 2 人"
    assert not page.has_unsaved_log()
    assert re.fullmatch(r"值班记录已保存 \d\d:\d\d", page.saved_label.text())


def test_refreshing_keeps_unsaved_log(qtbot, services, on_shift, page):
    page.log.setPlainText("电话：黄店村反映路灯不亮")
    page.refresh()
    assert page.log.toPlainText() == "电话：黄店村反映路灯不亮" and page.has_unsaved_log()


def test_cancelled_handover_keeps_the_log_typed_in_it(qtbot, on_shift, page, monkeypatch):
    def cancel(dialog):
        dialog.log.setPlainText("补记：下午接待来访 1 人")
        return 0

    monkeypatch.setattr(HandoverDialog, "exec", cancel)
    page.end_shift()
    assert page.log.toPlainText() == "补记：下午接待来访 1 人" and page.has_unsaved_log()


def test_handover_note_is_required(qtbot):
    """交班 with an empty note is refused in the dialog, with the reason shown."""
    dialog = HandoverDialog("")
    qtbot.addWidget(dialog)
    dialog._check()
    assert "请填写交接事项" in dialog.error.text() and dialog.result() == 0
    dialog.note.setPlainText("无")
    dialog._check()
    assert dialog.result() == dialog.DialogCode.Accepted


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def test_the_shift_in_progress_cannot_be_deleted(qtbot, services, on_shift, page, monkeypatch):
    """删除 on the running shift says to hand over first; the shift and its log stay."""
    messages = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    shift = services.duty.current()
    qtbot.waitUntil(lambda: page.history.model.rowCount() > 0)
    page.history.select_id(shift.id)
    page.log.setPlainText("接待群众 1 人")
    page.history.delete_selected()
    assert len(messages) == 1 and "请先交班" in messages[0]
    assert services.duty.current().id == shift.id
    assert "正在值班" in page.state.text()
    assert page.save_log() and services.duty.current().log == "接待群众 1 人"


def test_a_missing_record_is_named_without_its_id(qtbot, services, small_town, monkeypatch):
    """找不到… says what is missing, never the record's raw id."""
    from desktop_app.records.errors import NotFoundError
    from ui.background import show_error

    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: messages.append(a[2]))
    show_error(None, NotFoundError("值班记录", "0190f1c2-7c1a-7b2e-9a2b-1234567890ab"))
    assert messages[0].startswith("找不到这条值班记录") and not UUID.search(messages[0])


def test_handover_starts_in_the_note(qtbot):
    """交班 puts the cursor in 交接事项, not in the log written during the shift."""
    dialog = HandoverDialog("接待群众 2 人")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.note
