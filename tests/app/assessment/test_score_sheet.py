"""The 评分表 as an .xlsx: written blank for a judge, filled by hand, read back into the
judge's scores all or nothing, every bad cell refused by name; from the command line too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import xlsxwriter

from desktop_app.excel.reader import read_sheet
from desktop_app.excel.score_sheet import export_score_sheet, import_score_sheet
from desktop_app.records.errors import UserError
from tests.app.assessment.helpers import make_scheme
from tests.app.assessment.test_cli import ok, run

TITLE = "2026年第四季度联合党组织擂台比武评分表（评委：{judge}）"
HEADER = ["序号", "联合党组织", "B1 现场比武（20分）", "合计"]


def filled(path: Path, rows: list[list], judge: str = "甲",
           header: list[str] | None = None, title: str | None = None) -> Path:
    """A sheet as a judge hands it back: the title, the header row, their rows."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("评分表")
    sheet.write(0, 0, title or TITLE.format(judge=judge))
    for n, value in enumerate(header or HEADER):
        sheet.write(1, n, value)
    for r, row in enumerate(rows, start=2):
        for n, value in enumerate(row):
            if value is not None:
                sheet.write(r, n, value)
    book.close()
    return path


def test_the_blank_sheet_has_a_row_per_cluster_and_a_column_per_judged_indicator(
        services, small_town, tmp_path):
    make_scheme(services)
    path = export_score_sheet(services, "2026Q4", tmp_path / "评分表.xlsx", judge="镇长")
    rows = read_sheet(path).rows
    assert rows[0][0] == TITLE.format(judge="镇长")
    assert rows[1] == HEADER  # the automatic 任务按期解决率 is not the judges' to score
    assert [r[:2] for r in rows[2:]] == [[1.0, "张淡联合党总支"], [2.0, "黄璩联合党总支"]]
    assert all(len(r) <= 2 or r[2] in (None, "") for r in rows[2:])  # blank to fill in
    assert not list(tmp_path.glob("*.part"))


def test_a_filled_sheet_becomes_the_judges_scores_and_again_changes_them(
        services, small_town, tmp_path):
    scheme = make_scheme(services)
    sheet = filled(tmp_path / "甲.xlsx", [[1, "张淡联合党总支", 15, 15],
                                          [2, "黄璩联合党总支", 18.5, 18.5]])
    done = import_score_sheet(services, "2026Q4", sheet)
    assert (done.judge, done.created, done.updated, done.unchanged) == ("甲", 2, 0, 0)
    scores = {(s["cluster_id"], s["judge"]): s["points"]
              for s in services.assessment.scores("2026Q4")}
    assert scores == {(small_town.zhangdan, "甲"): 15, (small_town.huangqu, "甲"): 18.5}
    again = filled(tmp_path / "甲2.xlsx", [[1, "张淡联合党总支", "16分", None],
                                           [2, "黄璩联合党总支", 18.5, None]])
    done = import_score_sheet(services, "2026Q4", again)
    assert (done.created, done.updated, done.unchanged) == (0, 1, 1)
    # a sheet without a judge's name takes the one given
    other = filled(tmp_path / "乙.xlsx", [[1, "张淡联合党总支", 12]], judge="＿＿＿＿＿＿")
    assert import_score_sheet(services, "2026Q4", other, judge="乙").created == 1
    # the window's chosen judge is only for a sheet that names none
    assert import_score_sheet(services, "2026Q4", other, default_judge="丙").judge == "丙"
    assert import_score_sheet(services, "2026Q4", sheet, default_judge="丙").judge == "甲"
    assert len(services.assessment.scores("2026Q4")) == 4
    assert scheme.jury


def test_every_bad_cell_is_named_and_nothing_is_taken(services, small_town, tmp_path):
    make_scheme(services)
    sheet = filled(tmp_path / "bad.xlsx", [
        [1, "张淡联合党总支", 25, None],  # over the full marks
        [2, "黄璩联合党总支", "十八", None],  # not a number
        [3, "李家联合党总支", 10, None],  # no such cluster
        [4, "黄璩联合党总支", 10, None]])  # twice
    with pytest.raises(UserError) as raised:
        import_score_sheet(services, "2026Q4", sheet)
    message = str(raised.value)
    assert "4 处问题，未导入任何得分" in message
    assert "C3（张淡联合党总支·B1 现场比武）：得分 25 超出 0～20 分" in message
    assert "C4（黄璩联合党总支·B1 现场比武）：“十八”不是数字" in message
    assert "B5：找不到联合党组织“李家联合党总支”" in message
    assert "第 6 行：黄璩联合党总支已在第 4 行出现过" in message
    assert services.assessment.scores("2026Q4") == []


def test_a_sheet_of_another_quarter_or_scheme_or_without_a_judge_is_refused(
        services, small_town, tmp_path):
    make_scheme(services)
    rows = [[1, "张淡联合党总支", 15]]
    cases = {
        "不是2026年第四季度的": filled(tmp_path / "q3.xlsx", rows, title=TITLE.replace(
            "第四季度", "第三季度").format(judge="甲")),
        "评分表上没有评委": filled(tmp_path / "nobody.xlsx", rows, judge=""),
        "评分表缺少“B1 现场比武（20分）”一列": filled(
            tmp_path / "cols.xlsx", rows, header=["序号", "联合党组织", "A9 其他（5分）"]),
        "没有填写任何得分": filled(tmp_path / "empty.xlsx", [[1, "张淡联合党总支"]]),
    }
    for words, path in cases.items():
        with pytest.raises(UserError, match=words):
            import_score_sheet(services, "2026Q4", path)
    assert "C2：“A9 其他（5分）”不是本季度方案中由评委打分的指标" in _message(
        services, cases["评分表缺少“B1 现场比武（20分）”一列"])
    assert services.assessment.scores("2026Q4") == []


def _message(services, path) -> str:
    with pytest.raises(UserError) as raised:
        import_score_sheet(services, "2026Q4", path)
    return str(raised.value)


def test_a_finalised_quarter_and_a_village_office_take_no_sheet(
        services, on_shift, db, tmp_path):
    make_scheme(services)
    sheet = filled(tmp_path / "甲.xlsx", [[1, "张淡联合党总支", 15]])
    db.set_node(cluster_id=on_shift.huangqu)
    with pytest.raises(UserError, match="中心村值班室"):
        import_score_sheet(services, "2026Q4", sheet)
    db.set_node(cluster_id=None)
    services.assessment.finalise("2026Q4", "镇党委书记")
    with pytest.raises(UserError, match="已定稿"):
        import_score_sheet(services, "2026Q4", sheet)
    assert services.assessment.scores("2026Q4") == []


def test_from_the_command_line(services, small_town, db, tmp_path):
    make_scheme(services)
    out = tmp_path / "评分表.xlsx"
    assert "已导出擂台比武评分表（Excel）" in ok(db, "export", "score-sheet", "--quarter",
                                                  "2026Q4", "--out", str(out))
    assert read_sheet(out).rows[1] == HEADER
    sheet = filled(tmp_path / "甲.xlsx", [[1, "张淡联合党总支", 15], [2, "黄璩联合党总支", 17]])
    data = json.loads(ok(db, "--json", "assess", "import-scores", "--quarter", "2026Q4",
                         "--file", str(sheet)))
    assert (data["judge"], data["created"]) == ("甲", 2)
    bad = filled(tmp_path / "bad.xlsx", [[1, "张淡联合党总支", 99]])
    code, _out, err = run(db, "assess", "import-scores", "--quarter", "2026Q4",
                          "--file", str(bad), "--judge", "乙")
    assert code != 0 and "得分 99 超出 0～20 分" in err
