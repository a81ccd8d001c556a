"""Excel from the screens: every list's 导出 → Excel, and the import dialog (issue 14)."""

from __future__ import annotations

from openpyxl import load_workbook

from PySide6.QtWidgets import QMessageBox

from tests.app.excel.sheets import write_sheet
from ui import list_specs
from ui.list_page import ListPage

HEADER = ["序号", "名字", "所属村", "手机号码"]


def open_page(qtbot, services, spec):
    page = ListPage(services, spec)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"))
    return page


def test_every_list_offers_excel_first(qtbot, services, small_town):
    for spec in (list_specs.PEOPLE, list_specs.VILLAGES, list_specs.TASKS,
                 list_specs.MEETINGS, list_specs.ACTIVITIES, list_specs.CERTIFICATES):
        page = open_page(qtbot, services, spec)
        labels = [a.text() for a in page.export_button.menu().actions()]
        assert labels[0] == "Excel 表格（按当前筛选）", spec.title
        assert page.export_button.text() == "导出"
        # records typed in import; the certificate register is written by the program only
        assert hasattr(page, "import_button") == (spec is not list_specs.CERTIFICATES)


def test_the_people_list_exports_what_its_filters_show(qtbot, services, small_town, tmp_path):
    page = open_page(qtbot, services, list_specs.PEOPLE)
    with qtbot.waitSignal(page.reloaded, timeout=10000):
        page.search.setText("李秀英")
    assert page.count_label.text().startswith("共 1")
    written = []
    path = tmp_path / "人员.xlsx"
    assert page.export(page.excel_action, ask_path=lambda *_: str(path),
                       on_done=written.append)
    qtbot.waitUntil(lambda: bool(written), timeout=20000)
    sheet = load_workbook(path).active
    assert [r[0].value for r in sheet.iter_rows(min_row=3)] == ["李秀英"]


def open_dialog(qtbot, page, path):
    dialog = page.import_sheet()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.checked, timeout=20000):
        dialog.load(path)
    return dialog


def test_the_dialog_guesses_previews_and_imports(qtbot, services, small_town, tmp_path,
                                                   monkeypatch):
    path = write_sheet(tmp_path / "p.xlsx", [
        ["黄璩村花名册"], HEADER, [1, "周明", "黄璩村", "13812345678"],
        [2, "吴亮", "无此村", "13812345679"],
    ])
    page = open_page(qtbot, services, list_specs.PEOPLE)
    dialog = open_dialog(qtbot, page, path)
    assert [dialog.field_combo(n).currentText() for n in range(4)] == [
        "（不导入）", "姓名", "所在村", "联系电话"]
    assert dialog.preview.rowCount() == 2
    bad = dialog.preview.item(1, 3)
    assert bad.text() == "无此村" and "无此村" in bad.toolTip()
    assert "1 行有问题" in dialog.notes.text()
    assert dialog.save_button.isEnabled()

    # all or nothing: nothing written
    with qtbot.waitSignal(dialog.finished_import, timeout=20000) as done:
        dialog.import_button.click()
    assert not done.args[0].written and "未导入任何记录" in dialog.notes.text()

    dialog.good_only.setChecked(True)
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        dialog.import_button.click()
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共 7"))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    saved = dialog.save_problems(str(tmp_path / "问题.xlsx"))
    assert load_workbook(saved).active.cell(row=3, column=2).value == "吴亮"


def test_changing_the_mapping_checks_again(qtbot, services, small_town, tmp_path):
    path = write_sheet(tmp_path / "p.xlsx", [["名字", "住址", "号码"],
                                             ["周明", "黄璩村", "13812345678"]])
    page = open_page(qtbot, services, list_specs.PEOPLE)
    dialog = open_dialog(qtbot, page, path)
    assert dialog.field_combo(1).currentText() == "（不导入）"
    with qtbot.waitSignal(dialog.checked, timeout=20000):
        dialog.field_combo(1).setCurrentText("所在村")
    with qtbot.waitSignal(dialog.checked, timeout=20000):
        dialog.field_combo(2).setCurrentText("联系电话")
    assert [c.field for c in dialog.plan.columns] == ["name", "village_id", "phone"]
    # a field fills one column: choosing 姓名 for 号码 takes it from 名字
    with qtbot.waitSignal(dialog.checked, timeout=20000):
        dialog.field_combo(2).setCurrentText("姓名")
    assert dialog.field_combo(0).currentText() == "（不导入）"
    assert [c.field for c in dialog.plan.columns] == [None, "village_id", "name"]


def test_a_file_that_cannot_be_read_is_said(qtbot, services, small_town, tmp_path):
    (tmp_path / "x.xlsx").write_text("not a workbook")
    page = open_page(qtbot, services, list_specs.PEOPLE)
    dialog = open_dialog(qtbot, page, tmp_path / "x.xlsx")
    assert "无法读取" in dialog.notes.text()
    assert not dialog.import_button.isEnabled()
