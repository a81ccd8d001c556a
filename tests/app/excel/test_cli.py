"""``lianjian-cli export xlsx`` and ``lianjian-cli import xlsx``."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

from openpyxl import load_workbook

import desktop_app.__main__ as entry
from tests.app.excel.sheets import write_sheet


def run(db, *args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = entry.main(["--db", str(db), *map(str, args)])
    return code, out.getvalue(), err.getvalue()


def test_export_with_the_list_filters(services, on_shift, tmp_path):
    services.tasks.create(cluster_id=on_shift.huangqu, title="清理东沟")
    done = services.tasks.create(cluster_id=on_shift.huangqu, title="修路灯")
    services.tasks.update(done.id, status="in_progress")
    db = services.db.path
    code, out, err = run(db, "export", "xlsx", "task", "--status", "办理中", "--out",
                         tmp_path / "t.xlsx")
    assert code == 0, err
    assert "已导出工作任务 1 条" in out
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert [row[1].value for row in sheet.iter_rows(min_row=3)] == ["修路灯"]
    code, _out, err = run(db, "export", "xlsx", "nothing", "--out", tmp_path / "x.xlsx")
    assert code == 1 and "没有“nothing”这种记录" in err
    code, _out, err = run(db, "export", "xlsx", "person", "--out", tmp_path / "x.docx")
    assert code == 1 and ".xlsx" in err


def test_import_dry_run_map_and_problems(services, small_town, tmp_path):
    db = services.db.path
    sheet = write_sheet(tmp_path / "p.xlsx", [
        ["名单"], ["姓名", "住址", "手机"], ["周明", "黄璩村", "13812345678"],
        ["吴亮", "无此村", None],
    ])
    code, out, _err = run(db, "import", "xlsx", "person", sheet, "--map", "住址=所在村",
                          "--dry-run", "--problems", tmp_path / "问题.xlsx")
    assert code == 1
    assert "第 4 行【所在村】：没有名为“无此村”的村庄" in out
    assert load_workbook(tmp_path / "问题.xlsx").active.cell(row=3, column=1).value == "吴亮"
    code, out, _err = run(db, "--json", "import", "xlsx", "人员", sheet, "--map", "住址=所在村",
                          "--good-rows-only")
    result = json.loads(out)
    assert code == 0 and result["imported"] == 1 and result["written"]
    assert result["problems"][0]["row"] == 4
    code, out, _err = run(db, "person", "list", "--search", "周明")
    assert "周明" in out and "138****5678" in out
