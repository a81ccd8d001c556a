"""Import of messy sheets, one case each (issue 14): every row through the service's create."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from desktop_app.excel import ImportOptions, import_sheet, prepare, save_problems
from desktop_app.excel.values import CellProblem, as_date
from desktop_app.records.errors import UserError, ValidationError
from desktop_app.services import ListQuery
from tests.app.excel.sheets import id_number, write_ods, write_sheet

HEADER = ["序号", "姓名", "所属村", "手机号码", "身份证号码"]


def people(services) -> dict[str, dict]:
    ids = services.people.ids(ListQuery(limit=None))
    return {row["name"]: row for row in services.people.rows(ids, unmasked=True).values()}


def test_title_and_blank_rows_above_the_header(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "a.xlsx", [
        ["黄璩村人员花名册"], [None], ["填表日期：2026年12月2日"], [None],
        HEADER,
        [1, "周明", "黄璩村", "13812345678", id_number()],
    ])
    report = import_sheet(services, "person", path)
    assert report.written and report.imported == 1 and report.header_row == 5
    assert "表头在第 5 行" in report.notes[0]
    person = people(services)["周明"]
    assert person["village"] == "黄璩村" and person["phone"] == "13812345678"
    assert person["id_number"] == id_number()


def test_merged_village_cells_fill_every_row_below(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "m.xlsx", [
        HEADER,
        [1, "周明", "韩璩村", None, None],
        [2, "吴亮", None, None, None],
        [3, "郑红", None, None, None],
    ], merged=["C2:C4"])
    report = import_sheet(services, "person", path)
    assert report.imported == 3
    assert {people(services)[n]["village"] for n in ("周明", "吴亮", "郑红")} == {"韩璩村"}


def test_hidden_rows_are_read_and_said(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "h.xlsx", [
        HEADER, [1, "周明", "黄璩村"], [2, "吴亮", "黄璩村"],
    ], hidden=[3])
    report = import_sheet(services, "person", path)
    assert report.imported == 2
    assert any("第 3 行在表格中是隐藏的" in note for note in report.notes)


def test_trailing_and_inner_blank_rows_are_skipped(services, small_town, tmp_path):
    rows = [HEADER, [1, "周明", "黄璩村"], [None], [2, "吴亮", "黄璩村"]] + [[None]] * 20
    rows.append(["", "", "", "", ""])
    path = write_sheet(tmp_path / "b.xlsx", rows)
    report = import_sheet(services, "person", path)
    assert report.read == 2 and report.imported == 2
    assert any("跳过空行" in note for note in report.notes)


def test_numbers_stored_as_text_and_text_stored_as_numbers(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "n.xlsx", [
        ["村名", "联合党组织", "户数", "人口"],
        ["新村", "黄璩联合党总支", "35", "１２０人"],  # text, full-width with a unit
        ["后村", "黄璩联合党总支", 40.0, 150],
    ], title="村庄")
    report = import_sheet(services, "village", path)
    assert report.imported == 2, report.problems
    rows = {r["name"]: r for r in services.villages.rows(
        services.villages.ids(ListQuery(limit=None))).values()}
    assert (rows["新村"]["households"], rows["新村"]["population"]) == (35, 120)
    assert (rows["后村"]["households"], rows["后村"]["population"]) == (40, 150)
    # a phone number stored as a number comes back as its digits
    path = write_sheet(tmp_path / "p.xlsx", [HEADER, [1, "周明", "黄璩村", 13812345678]])
    assert import_sheet(services, "person", path).imported == 1
    assert people(services)["周明"]["phone"] == "13812345678"


@pytest.mark.parametrize("mangled", [3.70523199001011e17, "3.70523E+17"])
def test_an_id_number_mangled_by_excel_is_refused_with_how_to_fix(services, small_town,
                                                                   tmp_path, mangled):
    path = write_sheet(tmp_path / "i.xlsx", [HEADER, [1, "周明", "黄璩村", None, mangled]])
    report = import_sheet(services, "person", path)
    assert not report.written and report.imported == 0
    (problem,) = report.problems
    assert problem.row == 2 and problem.field == "身份证号"
    assert "科学计数" in problem.message or "改成了" in problem.message
    assert "“文本”" in problem.message and "单引号" in problem.message
    assert "周明" not in people(services)


@pytest.mark.parametrize("cell", [46358, 46358.0, "2026.12.2", "2026/12/2", "2026年12月2日",
                                  "12月2日", "２０２６－１２－２", datetime(2026, 12, 2),
                                  "2026-12-02", "20261202"])
def test_dates_as_people_write_them(cell):
    assert as_date(cell, "截止日期", today=date(2026, 6, 1)) == date(2026, 12, 2)


@pytest.mark.parametrize("cell", ["2026.13.2", "下周", "2月30日"])
def test_a_date_that_is_not_one_is_named(cell):
    with pytest.raises(CellProblem, match="截止日期"):
        as_date(cell, "截止日期", today=date(2026, 6, 1))


def test_dates_in_a_task_sheet_become_date_fields(services, on_shift, tmp_path):
    path = write_sheet(tmp_path / "t.xlsx", [
        ["任务名称", "认领村", "责任人", "发现日期", "完成时限"],
        ["清理东沟", "黄璩村", "王建国", 46357, "2026.12.2"],
        ["修路灯", "黄璩村、韩璩村", "李秀英", "2026/12/1", "2026年12月2日"],
        # a 发现日期 always: left blank it is today, which may be after 12月2日
        ["补种树苗", "韩璩村", None, "11月30日", "12月2日"],
    ], title="任务")
    report = import_sheet(services, "work_task", path, ImportOptions(today=date(2026, 6, 1)))
    assert report.imported == 3, report.problems
    tasks = services.tasks.rows(services.tasks.ids(ListQuery(limit=None)))
    by_title = {t["title"]: t for t in tasks.values()}
    assert {t["due_on"] for t in by_title.values()} == {date(2026, 12, 2)}
    assert by_title["清理东沟"]["found_on"] == date(2026, 12, 1)
    assert by_title["修路灯"]["villages"] == "黄璩村、韩璩村"  # the central village first
    assert by_title["清理东沟"]["assignee"] == "王建国"


def test_full_width_digits_and_spaces(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "w.xlsx", [
        HEADER,
        ["１", "王　伟", " 黄璩村 ", "１３８ １２３４ ５６７８", id_number().replace("3", "３")],
    ])
    report = import_sheet(services, "person", path)
    assert report.imported == 1, report.problems
    person = people(services)["王伟"]
    assert person["phone"] == "13812345678" and person["id_number"] == id_number()


def test_a_village_that_does_not_exist_is_refused_by_name(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "v.xlsx", [HEADER, [1, "周明", "李家村"]])
    report = import_sheet(services, "person", path)
    (problem,) = report.problems
    assert (problem.row, problem.field) == (2, "所在村")
    assert "李家村" in problem.message and not report.written


def test_a_missing_village_can_be_created_in_the_named_cluster(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "v.xlsx", [
        ["姓名", "联合党组织", "村"], ["周明", "张淡联合党总支", "李家村"],
        ["吴亮", "张淡联合党总支", "李家村"],
    ])
    report = import_sheet(services, "person", path, ImportOptions(create_villages=True))
    assert report.imported == 2 and report.created_villages == ["李家村"]
    village = next(r for r in services.villages.rows(
        services.villages.ids(ListQuery(limit=None))).values() if r["name"] == "李家村")
    assert village["cluster"] == "张淡联合党总支"
    assert people(services)["吴亮"]["village"] == "李家村"


def test_a_person_that_does_not_exist_is_refused_by_name(services, on_shift, tmp_path):
    path = write_sheet(tmp_path / "t.xlsx", [["任务标题", "责任人"], ["清理东沟", "钱多多"]])
    report = import_sheet(services, "work_task", path)
    (problem,) = report.problems
    assert problem.field == "责任人" and "钱多多" in problem.message


def test_duplicates_within_the_sheet_and_against_records(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "d.xlsx", [
        HEADER,
        [1, "周明", "黄璩村", None, id_number()],
        [2, "周明明", "韩璩村", None, id_number()],  # same ID number as row 2
        [3, "吴亮", "杨璩村", None, None],
        [4, "吴亮", "杨璩村", None, None],  # same name, same village as row 4
        [5, "王建国", "黄璩村", None, None],  # already recorded
        [6, "王建国", "韩璩村", None, None],  # same name, another village: fine
    ])
    report = import_sheet(services, "person", path)
    found = {p.row: p.message for p in report.problems}
    assert set(found) == {3, 5, 6}
    assert "与第 2 行重复" in found[3] and "370523********" in found[3]
    assert "与第 4 行重复" in found[5]
    assert "已有相同的人员" in found[6]
    assert not report.written


def test_all_or_nothing_unless_good_rows_only(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "g.xlsx", [
        HEADER, [1, "周明", "黄璩村"], [2, "吴亮", "无此村"], [3, "郑红", "韩璩村", "12345"],
    ])
    before = len(people(services))
    report = import_sheet(services, "person", path)
    assert not report.written and report.imported == 0 and len(people(services)) == before
    assert {p.row for p in report.problems} == {3, 4}
    assert "联系电话" in {p.field for p in report.problems}  # the service's own rule
    report = import_sheet(services, "person", path, ImportOptions(good_rows_only=True))
    assert report.written and report.imported == 1
    assert "周明" in people(services) and "郑红" not in people(services)


def test_dry_run_checks_through_the_service_and_writes_nothing(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "r.xlsx", [HEADER, [1, "周明", "黄璩村"]])
    report = import_sheet(services, "person", path, ImportOptions(dry_run=True))
    assert not report.written and report.read == 1 and not report.problems
    assert "周明" not in people(services)


def test_the_report_saves_as_a_sheet_with_a_problem_column(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "q.xlsx", [
        ["花名册"], HEADER, [1, "周明", "黄璩村"], [2, "吴亮", "无此村"],
    ])
    report = import_sheet(services, "person", path)
    saved = save_problems(report, tmp_path / "问题.xlsx")
    sheet = load_workbook(saved).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1][-2:] == ["原行号", "问题"]
    assert rows[2][1:3] == ["吴亮", "无此村"] and rows[2][-2] == 4
    assert "无此村" in rows[2][-1] and len(rows) == 3
    # fixed in Excel and imported again: the title row and the 问题 column are skipped
    sheet.cell(row=3, column=3, value="黄璩村")
    sheet.parent.save(saved)
    again = import_sheet(services, "person", saved)
    assert again.written and again.imported == 1


def test_imported_records_are_stamped_logged_and_indexed(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "s.xlsx", [HEADER, [1, "周明", "黄璩村"]])
    import_sheet(services, "person", path)
    person = people(services)["周明"]
    assert person["origin"] == services.db.node.node_id and person["version"]
    with services.db.session() as session:
        logged = session.execute(text("SELECT count(*) FROM sync_op WHERE row_id = :id"),
                                 {"id": person["id"]}).scalar()
    assert logged == 1
    assert any(hit.record_id == person["id"] for hit in services.search.search("周明"))


def test_mapping_by_option_and_sheet_name(services, small_town, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "说明"
    book.active.append(["本表说明"])
    sheet = book.create_sheet("名单")
    sheet.append(["名字", "住址村", "号码"])
    sheet.append(["周明", "黄璩村", "13812345678"])
    book.save(tmp_path / "x.xlsx")
    options = ImportOptions(sheet="名单", overrides=("住址村=所在村", "C=联系电话"))
    report = import_sheet(services, "person", tmp_path / "x.xlsx", options)
    assert report.imported == 1, report.problems
    assert people(services)["周明"]["phone"] == "13812345678"
    with pytest.raises(UserError, match="没有名为“花名册”的工作表"):
        prepare(services, "person", tmp_path / "x.xlsx", ImportOptions(sheet="花名册"))
    with pytest.raises(UserError, match="没有“籍贯”这个字段"):
        prepare(services, "person", tmp_path / "x.xlsx",
                ImportOptions(sheet="名单", overrides=("住址村=籍贯",)))


def test_the_guessed_mapping_uses_labels_and_synonyms(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "g.xlsx", [
        ["序号", "名字", "村名", "联系电话", "身份证号", "职务", "备注（选填）"]])
    plan = prepare(services, "person", path)
    assert [c.field for c in plan.columns] == [None, "name", "village_id", "phone",
                                               "id_number", "post", "note"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_csv_in_utf8_or_gb18030(services, small_town, tmp_path, encoding):
    path = tmp_path / "p.csv"
    path.write_bytes("姓名,所在村,联系电话\n周明,黄璩村,13812345678\n".encode(encoding))
    report = import_sheet(services, "person", path)
    assert report.imported == 1, report.problems
    assert people(services)["周明"]["village"] == "黄璩村"


def test_old_xls_as_wps_saves_it(services, small_town, tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("人员")
    for r, row in enumerate([["人员名单"], [], HEADER, [1, "周明", "黄璩村", "13812345678"]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.write_merge(4, 5, 2, 2, "韩璩村")
    sheet.write(4, 1, "吴亮")
    sheet.write(5, 1, "郑红")
    book.save(str(tmp_path / "p.xls"))
    report = import_sheet(services, "person", tmp_path / "p.xls")
    assert report.imported == 3, report.problems
    assert people(services)["郑红"]["village"] == "韩璩村"


def test_ods_as_libreoffice_and_wps_save_it(services, small_town, tmp_path):
    path = write_ods(tmp_path / "p.ods", [["人员名单"], HEADER,
                                          [1, "周明", "黄璩村", 13812345678.0]])
    report = import_sheet(services, "person", path)
    assert report.imported == 1, report.problems
    assert people(services)["周明"]["phone"] == "13812345678"


def test_a_file_that_is_not_a_sheet_is_refused(services, small_town, tmp_path):
    (tmp_path / "x.xlsx").write_text("not a workbook")
    with pytest.raises(UserError, match="无法读取"):
        prepare(services, "person", tmp_path / "x.xlsx")
    (tmp_path / "x.txt").write_text("姓名")
    with pytest.raises(UserError, match="请选择 .xlsx"):
        prepare(services, "person", tmp_path / "x.txt")


def test_a_row_refused_after_part_of_it_was_written_undoes_the_whole_import(
        services, small_town, tmp_path, monkeypatch):
    from desktop_app.services.org import PersonService

    def refuse_roles(self, session, record, children):
        raise ValidationError("roles", "角色写不进去")

    monkeypatch.setattr(PersonService, "write_children", refuse_roles)
    path = write_sheet(tmp_path / "x.xlsx", [HEADER, [1, "周明", "黄璩村"]])
    with pytest.raises(UserError, match="第 2 行：角色写不进去。这一行已写入一部分"):
        import_sheet(services, "person", path, ImportOptions(good_rows_only=True))
    assert "周明" not in people(services)


def test_an_import_continues_the_op_log_chain(services, small_town, tmp_path):
    """The batch keeps the op log's head in memory: the chain must be as if each record had
    been saved on its own, and go on the same way after the import."""
    path = write_sheet(tmp_path / "c.xlsx", [HEADER, [1, "周明", "黄璩村"], [2, "吴亮", "黄璩村"],
                                             [3, "郑红", "韩璩村"]])
    assert import_sheet(services, "person", path).imported == 3
    services.people.create(name="陈刚", village_id=small_town.villages["黄璩村"])
    with services.db.session() as session:
        ops = session.execute(text(
            "SELECT seq, prev_hash, hash FROM sync_op WHERE origin = :o ORDER BY seq"),
            {"o": services.db.node.node_id}).all()
    assert [op.seq for op in ops] == list(range(1, len(ops) + 1))
    assert all(ops[n].prev_hash == ops[n - 1].hash for n in range(1, len(ops)))


def test_a_long_sheet_is_written_some_rows_at_a_time(services, small_town, tmp_path):
    """The batch flushes its records together: one INSERT per table for each FLUSH_EVERY
    rows, not one per record; every record is still stamped, logged in order and indexed,
    and a refused row in the middle leaves nothing behind."""
    from sqlalchemy import event

    from desktop_app.excel.importer import FLUSH_EVERY

    count = FLUSH_EVERY * 2 + 7
    rows = [[n, f"周明{n}", "黄璩村", "123" if n == FLUSH_EVERY else None]
            for n in range(1, count + 1)]
    path = write_sheet(tmp_path / "long.xlsx", [HEADER[:4], *rows])
    inserts = []

    def count_inserts(_conn, _cursor, statement, *_args) -> None:
        if statement.startswith("INSERT INTO person "):
            inserts.append(statement)

    event.listen(services.db.engine, "before_cursor_execute", count_inserts)
    try:
        report = import_sheet(services, "person", path, ImportOptions(good_rows_only=True))
    finally:
        event.remove(services.db.engine, "before_cursor_execute", count_inserts)
    assert report.imported == count - 1 and len(report.problems) == 1
    assert len(inserts) <= 3  # two full groups and the rest
    found = people(services)
    assert f"周明{FLUSH_EVERY}" not in found
    assert all(found[f"周明{n}"]["village"] == "黄璩村" for n in range(1, count + 1)
               if n != FLUSH_EVERY)
    found_by_search = services.people.ids(ListQuery(text="周明2", limit=None))  # 周明2, 周明2x ...
    assert len(found_by_search) == sum(str(n).startswith("2") for n in range(1, count + 1)
                                       if n != FLUSH_EVERY)
    with services.db.session() as session:
        ops = session.execute(text(
            "SELECT seq, prev_hash, hash, row_id FROM sync_op WHERE origin = :o AND tbl = "
            "'person' ORDER BY seq"), {"o": services.db.node.node_id}).all()
        names = dict(session.execute(text("SELECT id, name FROM person")).all())
    imported = [names[op.row_id] for op in ops if names[op.row_id].startswith("周明")]
    assert imported == [f"周明{n}" for n in range(1, count + 1) if n != FLUSH_EVERY]


def test_chinese_punctuation_in_texts_is_kept(services, small_town, tmp_path):
    path = write_sheet(tmp_path / "z.xlsx", [
        ["姓名", "所在村", "职务", "备注"],
        ["周明", "黄璩村", "党支部书记（兼）", "第一行，第二行：完。\n另起一行"],
    ])
    assert import_sheet(services, "person", path).imported == 1
    person = people(services)["周明"]
    assert person["post"] == "党支部书记（兼）"
    assert person["note"] == "第一行，第二行：完。\n另起一行"
