"""The 擂台比武 评分表 as an .xlsx: one row per cluster, one column per hand-scored indicator
(评委评分, 实地查看), the judges' cells blank to fill in (each limited to its indicator's
full marks) and a 合计 that adds up as they type; and reading a filled one back into the
judge's scores.

Reading takes every cell or refuses the whole sheet, naming each bad cell (``C5（刘集联合
党总支·A3 党建工作现场比武）：得分 9 超出 0～6 分``): a sheet of another quarter, a cluster or
a column the scheme does not know, text where a number belongs, a score out of range. The
writing and the reading share the header words, so a sheet exported here comes back as is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.assessment.quarters import quarter_label
from desktop_app.assessment.registry import MANUAL_SOURCES
from desktop_app.excel.reader import column_letter, read_sheet
from desktop_app.excel.writer import SheetWriter
from desktop_app.records.errors import UserError, ValidationError
from desktop_app.services.assessment_records import finalised_message

if TYPE_CHECKING:
    from desktop_app.services import Services
    from desktop_app.services.assessment import QuarterView

NUMBER, CLUSTER, TOTAL = "序号", "联合党组织", "合计"
BLANK_JUDGE = "＿＿＿＿＿＿"
JUDGED_WIDTH = 14  # characters: a judged column's width (its header wraps)
SHOWN_PROBLEMS = 20  # bad cells listed in the message; the count says how many in all


def title_of(quarter: str, judge: str) -> str:
    return f"{quarter_label(quarter)}联合党组织擂台比武评分表（评委：{judge or BLANK_JUDGE}）"


def header_of(spec: Any) -> str:
    return f"{spec.name}（{spec.max_points:g}分）"


def hand_scored(view: QuarterView) -> list[Any]:
    return [i for i in view.indicators if i.source in MANUAL_SOURCES]


def write_score_sheet(view: QuarterView, out: Path | str, judge: str = "") -> Path:
    """Write the quarter's blank 评分表 for ``judge`` (blank: written by hand) to ``out``."""
    path = Path(out)
    indicators = hand_scored(view)
    headers = [NUMBER, CLUSTER, *[header_of(i) for i in indicators], TOTAL]
    temporary = path.with_name(path.name + ".part")
    writer = SheetWriter(temporary, "评分表", title_of(view.quarter, judge), headers)
    try:
        first, last = 2, 1 + len(indicators)  # the judges' columns
        # to print: narrow judges' columns under a wrapped header, landscape, one page wide
        writer.sheet.set_row(1, 48)
        for column in range(first, last + 1):
            writer.widths[column] = JUDGED_WIDTH
        writer.sheet.set_landscape()
        writer.sheet.fit_to_pages(1, 0)
        writer.sheet.repeat_rows(1)
        clusters = sorted(view.result.clusters, key=lambda c: c.name)
        for number, cluster in enumerate(clusters, 1):
            writer.write([number, cluster.name])
            row = writer.row - 1
            if indicators:
                writer.sheet.write_formula(
                    row, last + 1, f"=IF(COUNT({column_letter(first)}{row + 1}:"
                    f"{column_letter(last)}{row + 1})=0,\"\",SUM({column_letter(first)}"
                    f"{row + 1}:{column_letter(last)}{row + 1}))")
        for offset, spec in enumerate(indicators):
            writer.sheet.data_validation(2, first + offset, 1 + len(clusters), first + offset, {
                "validate": "decimal", "criteria": "between", "minimum": 0,
                "maximum": spec.max_points, "error_title": "得分超出范围",
                "error_message": f"{spec.name}的得分应在 0～{spec.max_points:g} 分之间"})
        writer.close()
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def export_score_sheet(services: Services, quarter: str, out: Path | str,
                       judge: str = "") -> Path:
    """The CLI's and the window's 评分表（Excel）."""
    view = services.assessment.view(quarter, check_late=False)
    return write_score_sheet(view, out, judge.strip())


@dataclass
class FilledSheet:
    """What a filled 评分表 says: the judge and (cluster id, indicator id, points) of every
    filled cell, or the problems that refuse it."""

    judge: str = ""
    cells: list[tuple[str, str, float]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def _judge_in(title: str) -> str:
    found = re.search(r"评委[:：]\s*([^）)]*)", title)
    return found.group(1).strip(" ＿_") if found else ""


def _points(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(_text(value).removesuffix("分"))
    except ValueError:
        return None


def read_score_sheet(path: Path | str, view: QuarterView, judge: str = "",
                     default_judge: str = "") -> FilledSheet:
    """Read a filled 评分表 against the quarter's scheme (pure: nothing is written). The
    judge: ``judge`` if given, else the one the sheet names, else ``default_judge``."""
    rows = read_sheet(path).rows
    found = FilledSheet()
    title = _text(rows[0][0]) if rows and rows[0] else ""
    label = quarter_label(view.quarter)
    if title and "擂台比武评分表" in title and label not in title:
        found.problems.append(f"这张评分表不是{label}的（表头：{title}）：请导入本季度的评分表")
        return found
    found.judge = judge.strip() or _judge_in(title) or default_judge.strip()
    if not found.judge:
        found.problems.append("评分表上没有评委：请在表头“评委：”后填写，或导入时指定评委")
    header_row = next((n for n, row in enumerate(rows[:5])
                       if CLUSTER in [_text(v) for v in row]), None)
    if header_row is None:
        found.problems.append(f"找不到表头行（含“{CLUSTER}”的一行）：请使用导出的评分表")
        return found
    headers = [_text(v) for v in rows[header_row]]
    cluster_column = headers.index(CLUSTER)
    indicators = hand_scored(view)
    columns: dict[int, Any] = {}
    for spec in indicators:
        matches = [n for n, h in enumerate(headers)
                   if h.split("（")[0].strip() in (spec.name, spec.name.split(" ")[0])]
        if matches:
            columns[matches[0]] = spec
        else:
            found.problems.append(f"评分表缺少“{header_of(spec)}”一列：请使用本季度导出的评分表")
    for n, header in enumerate(headers):
        if header and n not in columns and header not in (NUMBER, CLUSTER, TOTAL):
            found.problems.append(f"{column_letter(n)}{header_row + 1}：“{header}”不是本季度方案中"
                                  "由评委打分的指标")
    by_name = {c.name: c.cluster_id for c in view.result.clusters}
    seen: dict[str, int] = {}
    for n, row in enumerate(rows[header_row + 1:], start=header_row + 2):
        name = _text(row[cluster_column]) if cluster_column < len(row) else ""
        cells = {col: row[col] if col < len(row) else None for col in columns}
        if not name:
            if any(_text(v) for v in cells.values()):
                found.problems.append(f"第 {n} 行：有得分但没有填写联合党组织")
            continue
        cluster_id = by_name.get(name)
        if cluster_id is None:
            found.problems.append(f"{column_letter(cluster_column)}{n}：找不到联合党组织“{name}”")
            continue
        if cluster_id in seen:
            found.problems.append(f"第 {n} 行：{name}已在第 {seen[cluster_id]} 行出现过")
            continue
        seen[cluster_id] = n
        for col, value in cells.items():
            spec = columns[col]
            if not _text(value):
                continue
            where = f"{column_letter(col)}{n}（{name}·{spec.name}）"
            points = _points(value)
            if points is None:
                found.problems.append(f"{where}：“{_text(value)}”不是数字")
            elif not 0 <= points <= spec.max_points:
                found.problems.append(f"{where}：得分 {points:g} 超出 0～{spec.max_points:g} 分")
            else:
                found.cells.append((cluster_id, spec.id, points))
    if not found.cells and not found.problems:
        found.problems.append("评分表中没有填写任何得分")
    return found


@dataclass(frozen=True)
class ImportedScores:
    judge: str
    created: int
    updated: int
    unchanged: int


def import_score_sheet(services: Services, quarter: str, path: Path | str,
                       judge: str = "", default_judge: str = "") -> ImportedScores:
    """Take a filled 评分表 into the judge's scores: every cell or none (each bad cell named);
    a score the judge already gave for a cell is changed to the sheet's."""
    assessment = services.assessment
    assessment.require_town("导入评分表")
    view = assessment.view(quarter, check_late=False)
    if view.final:
        raise ValidationError("quarter", finalised_message(view.quarter))
    filled = read_score_sheet(path, view, judge, default_judge)
    if filled.problems:
        more = len(filled.problems) - SHOWN_PROBLEMS
        raise UserError(f"评分表有 {len(filled.problems)} 处问题，未导入任何得分：\n"
                        + "\n".join(filled.problems[:SHOWN_PROBLEMS])
                        + (f"\n……另有 {more} 处" if more > 0 else ""))
    created, updated, unchanged = services.assess_scores.record_judge(
        view.scheme_id, filled.judge, filled.cells)
    return ImportedScores(filled.judge, created, updated, unchanged)
