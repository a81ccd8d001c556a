"""Word documents from the screens: the 导出 Word menu of the lists writes real .docx files."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from docx import Document

from desktop_app.records.errors import ValidationError
from ui import list_specs
from ui.list_page import ListPage


@pytest.fixture
def busy(services, on_shift):
    services.db.set_node(cluster_id=on_shift.huangqu)
    p, v = on_shift.people, on_shift.villages
    item = services.agenda.create(cluster_id=on_shift.huangqu, title="村东道路硬化",
                                  raised_on=date(2026, 2, 1))
    services.agenda.record_step(item.id, 1, held_on=date(2026, 3, 1))
    services.meetings.create(
        cluster_id=on_shift.huangqu, title="十一月联席会议", start=datetime(2026, 11, 20, 9),
        chair_id=p["王建国"], recorder_id=p["李秀英"],
        attendees=[{"person_id": p["王建国"]}, {"person_id": p["刘芳"], "attendance": "absent",
                                                 "reason": "外出务工"}],
        agenda=[{"agenda_item_id": item.id, "outcome": "approved"}],
        decisions=[{"text": "由李秀英负责路面硬化", "owner_id": p["李秀英"]}])
    services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟",
                          village_ids=[v["黄璩村"]],
                          found_on=date(2026, 1, 1), due_on=date(2026, 2, 1))
    services.activities.create(cluster_id=on_shift.huangqu, title="义务理发",
                               held_on=date(2026, 11, 8), start_time=time(9), end_time=time(11),
                               participants={p["张志强"]: 2, p["刘芳"]: 2})
    return on_shift


def open_page(qtbot, services, spec):
    page = ListPage(services, spec)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"))
    return page


def export(qtbot, page, label, path, *, select=True):
    action = next(a for a in page.spec.exports if a.label.startswith(label))
    if select:
        page.table.selectRow(0)
    written = []
    page.export(action, ask_path=lambda *_: str(path), on_done=written.append)
    qtbot.waitUntil(lambda: bool(written), timeout=20000)
    return Document(str(path))


def text_of(document) -> str:
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_meeting_minutes_and_summary_from_the_meeting_list(qtbot, services, busy, tmp_path):
    """Selecting the meeting and choosing 会议记录 / 会议纪要 writes both, with who was absent."""
    page = open_page(qtbot, services, list_specs.MEETINGS)
    minutes = text_of(export(qtbot, page, "会议记录", tmp_path / "记录.docx"))
    assert "十一月联席会议" in minutes and "刘芳" in minutes and "外出务工" in minutes
    summary = text_of(export(qtbot, page, "会议纪要", tmp_path / "纪要.docx"))
    assert "由李秀英负责路面硬化" in summary


def test_ledger_follows_the_lists_filters(qtbot, services, busy, tmp_path):
    """The task ledger holds what the list shows (here: the 黄璩 cluster)."""
    page = open_page(qtbot, services, list_specs.TASKS)
    ledger = text_of(export(qtbot, page, "工作任务台账", tmp_path / "台账.docx", select=False))
    assert "清理排水沟" in ledger


def test_register_and_sign_in_sheet(qtbot, services, busy, tmp_path):
    agenda = open_page(qtbot, services, list_specs.AGENDA)
    assert "村东道路硬化" in text_of(export(qtbot, agenda, "四议两公开", tmp_path / "登记表.docx"))
    activities = open_page(qtbot, services, list_specs.ACTIVITIES)
    sheet = text_of(export(qtbot, activities, "活动签到表", tmp_path / "签到表.docx"))
    assert "张志强" in sheet and "刘芳" in sheet


def test_nothing_selected_says_so(qtbot, services, busy, monkeypatch):
    """A document about one record, with no row selected, asks for a selection first."""
    from PySide6.QtWidgets import QMessageBox

    page = open_page(qtbot, services, list_specs.MEETINGS)
    page.table.clearSelection()
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    assert page.export(page.spec.exports[0], ask_path=lambda *_: "x.docx") is False
    assert shown == ["请先在列表中选中一条记录。"]


def test_a_certificate_from_the_people_list_and_its_copy_from_the_register(
        qtbot, services, busy, tmp_path, monkeypatch):
    """人员 → 导出 Word → 志愿服务时长证明 issues a numbered certificate for the period
    asked; 志愿服务 → 证明登记簿 lists it and prints a copy under the same number."""
    from ui import exports
    from ui.volunteer_page import VolunteerPage

    monkeypatch.setattr(exports.PeriodDialog, "exec", lambda self: True)
    monkeypatch.setattr(exports.PeriodDialog, "period",
                        lambda self: (date(2026, 11, 1), date(2026, 11, 30)))
    people = open_page(qtbot, services, list_specs.PEOPLE)
    people.search.setText("张志强")
    qtbot.waitUntil(lambda: people.count_label.text() == "共 1 条")
    original = text_of(export(qtbot, people, "志愿服务时长证明", tmp_path / "证明.docx"))
    assert "张志强" in original and "累计志愿服务时长2小时" in original

    page = VolunteerPage(services)
    qtbot.addWidget(page)
    page.show()
    register = page.lists.show("证明登记簿")
    qtbot.waitUntil(lambda: register.count_label.text() == "共 1 条")
    assert not register.cluster.isVisible()
    number = register.model.row(0)["number"]
    assert number.endswith("〔2026〕第0001号")
    copy = text_of(export(qtbot, register, "补打证明", tmp_path / "补打.docx"))
    assert number in copy and "补打件" in copy
    register.search.setText("第0001")
    qtbot.waitUntil(lambda: register.count_label.text() == "共 1 条")
    register.search.setText("不存在的人")
    qtbot.waitUntil(lambda: register.count_label.text() == "共 0 条")


def test_the_register_withdraws_a_certificate_by_its_number(qtbot, services, busy, monkeypatch):
    """On the register, taking a certificate out is 作废: asked by its number, then listed
    under 已作废的, where 补打 no longer works, and 恢复 brings it back."""
    from PySide6.QtWidgets import QMessageBox

    number = services.certificates.issue(busy.people["张志强"], date(2026, 11, 1),
                                         date(2026, 11, 30)).number
    register = open_page(qtbot, services, list_specs.CERTIFICATES)
    assert register.delete_button.text() == "作废"
    assert register.show_deleted.text() == "已作废的"
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _parent, title, text: (
        asked.append((title, text)) or QMessageBox.StandardButton.Yes))
    register.table.selectRow(0)
    with qtbot.waitSignal(register.reloaded):
        register.delete_button.click()

    assert asked == [("作废", f"确定作废“{number}”吗？作废后可在“已作废的”中恢复。")]
    assert register.count_label.text() == "共 0 条"
    with qtbot.waitSignal(register.reloaded):
        register.show_deleted.setChecked(True)
    assert register.model.row(0)["number"] == number
    assert register.restore_button.isVisible() and not register.delete_button.isVisible()
    with pytest.raises(ValidationError, match="已作废，不能补打"):
        services.certificates.find(number)
    register.table.selectRow(0)
    with qtbot.waitSignal(register.reloaded):
        register.restore_button.click()
    assert services.certificates.find(number).number == number


def test_the_save_dialog_starts_in_documents_then_where_i_saved_last(tmp_path, monkeypatch):
    """First 文档/联建台账导出 (made for me); after saving elsewhere, that folder."""
    from PySide6.QtCore import QStandardPaths

    from ui import exports

    documents = tmp_path / "Documents"
    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda _where: str(documents))
    first = exports.export_folder()
    assert first == documents / "联建台账导出" and first.is_dir()
    stick = tmp_path / "U盘"
    stick.mkdir()
    exports.remember_folder(stick / "值班日志.docx")
    assert exports.export_folder() == stick


@pytest.mark.parametrize("button,opened", [("打开", "值班日志.docx"), ("打开所在文件夹", "out")])
def test_after_saving_the_file_or_its_folder_can_be_opened(qtbot, tmp_path, monkeypatch,
                                                           button, opened):
    """已保存 offers 打开 and 打开所在文件夹."""
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    from ui import exports

    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()))

    def click(box):
        next(b for b in box.buttons() if b.text() == button).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    exports.after_saving(None, "值班日志", tmp_path / "out" / "值班日志.docx")
    assert len(urls) == 1 and urls[0].endswith(opened)
