"""Export of every declared list to .xlsx (issue 14), read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook

from desktop_app.excel import export_xlsx
from desktop_app.excel.columns import sheet_fields
from desktop_app.excel.kinds import list_kinds, resolve_kind
from desktop_app.records.types import record_type
from desktop_app.services import ListQuery
from tests.app.excel.sheets import id_number


def read(path):
    return load_workbook(path).active


def test_every_declared_list_exports_with_its_labels(services, small_town, tmp_path):
    for kind in list_kinds():
        try:
            services.by_kind(kind)
        except KeyError:
            continue  # a record type without a list of its own yet
        path = tmp_path / f"{kind}.xlsx"
        count = export_xlsx(services, kind, None, path)
        sheet = read(path)
        assert [c.value for c in sheet[2]] == [f.label for f in sheet_fields(record_type(kind))]
        assert sheet.max_row - 2 == count == services.by_kind(kind).list(ListQuery()).total


def test_the_sheet_as_a_clerk_opens_it(services, on_shift, tmp_path):
    services.sync.set_office(name="黄璩中心村值班室")
    person = services.people.create(name="周明", village_id=on_shift.villages["黄璩村"],
                                    phone="13812345678", id_number=id_number(),
                                    birth_year=1980)
    services.tasks.create(cluster_id=on_shift.huangqu, title="清理东沟",
                          village_ids=[on_shift.villages["黄璩村"]], assignee_id=person.id,
                          found_on=date(2026, 11, 20), due_on=date(2026, 12, 2))
    path = tmp_path / "tasks.xlsx"
    export_xlsx(services, "work_task", None, path)
    sheet = read(path)
    assert sheet["A1"].value.startswith("黄璩中心村值班室　工作任务列表　导出于 ")
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref.startswith("A2:")
    header = [c.value for c in sheet[2]]
    due = sheet.cell(row=3, column=header.index("截止日期") + 1)
    assert due.value == datetime(2026, 12, 2) and due.number_format == 'yyyy"年"m"月"d"日"'
    assert sheet.cell(row=3, column=header.index("认领村") + 1).value == "黄璩村"
    assert sheet.cell(row=3, column=header.index("状态") + 1).value == "待办理"
    title_width = sheet.column_dimensions["B"].width
    assert title_width >= 10  # fitted to 任务标题 and 清理东沟

    path = tmp_path / "people.xlsx"
    export_xlsx(services, "person", ListQuery(village_id=on_shift.villages["黄璩村"]), path)
    sheet = read(path)
    header = [c.value for c in sheet[2]]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=3)}
    assert set(rows) == {"王建国", "周明"}  # the list's filter
    zhou = rows["周明"]
    phone, number = zhou[header.index("联系电话")], zhou[header.index("身份证号")]
    assert phone.value == "138****5678" and phone.data_type == "s"
    assert number.value == "370523********" + id_number()[-4:] and number.data_type == "s"
    year = zhou[header.index("出生年份")]
    assert year.value == 1980 and year.data_type == "n"


def test_whole_values_only_when_asked(services, small_town, tmp_path):
    services.people.create(name="周明", village_id=small_town.villages["黄璩村"],
                           id_number=id_number())
    path = tmp_path / "p.xlsx"
    export_xlsx(services, "person", None, path, whole=True)
    sheet = read(path)
    header = [c.value for c in sheet[2]]
    found = [r[header.index("身份证号")].value for r in sheet.iter_rows(min_row=3)
             if r[0].value == "周明"]
    assert found == [id_number()]


def test_kinds_as_people_type_them():
    assert resolve_kind("task") == "work_task"
    assert resolve_kind("人员") == "person"
    assert resolve_kind("activity") == "volunteer_activity"
    assert resolve_kind("agenda") == "agenda_item"


def test_a_large_list_is_read_by_a_child_process_with_the_same_cells(services, small_town,
                                                                     tmp_path, monkeypatch):
    from desktop_app.excel import writer

    export_xlsx(services, "person", None, tmp_path / "here.xlsx")
    monkeypatch.setattr(writer, "IN_CHILD_FROM", 1)
    seen = []
    export_xlsx(services, "person", None, tmp_path / "child.xlsx",
                progress=lambda done, total: seen.append((done, total)))
    here, child = read(tmp_path / "here.xlsx"), read(tmp_path / "child.xlsx")
    assert [[c.value for c in r] for r in here.iter_rows(min_row=2)] == \
        [[c.value for c in r] for r in child.iter_rows(min_row=2)]
    assert seen[-1] == (6, 6)
