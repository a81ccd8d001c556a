"""工作任务台账: the work tasks of a cluster, a village or a period, as a landscape table.

One row per task: number, task, claiming villages, assignee, priority, found and due
dates, status (with 逾期), the latest progress, solved and reported-back times. The
header row repeats on every page, rows never split, long text wraps, so a ledger of
thousands of tasks prints readably. The period filters on the due date (截止日期), as the
task list does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlmodel import col

from db.models import TaskProgress
from desktop_app.documents import layout
from desktop_app.documents.compose import GAP, Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import SIGN_HERE, Cell
from desktop_app.documents.text import cn_date, cn_period
from desktop_app.records.errors import UserError
from desktop_app.records.fields import DATES, Field
from desktop_app.records.types import record_type
from desktop_app.records.vocabulary import TASK_STATUSES
from desktop_app.services import ListQuery, Services

TEMPLATE = "ledger"
TASK = record_type("work_task")
# The columns are the task's fields declared ``in_document``, in their order; two dates share
# a column, one above the other; the latest progress note follows the status.
STACKED = {"found_on": "due_on", "solved_at": "reported_at"}
WIDTHS = {"title": 46, "village_ids": 26, "assignee_id": 16, "priority": 16, "found_on": 24,
          "status": 17, "solved_at": 24}  # in millimetres; a new field gets DEFAULT_WIDTH
DEFAULT_WIDTH = 20
CENTRED = frozenset({"priority"})
NUMBER_COLUMN = ("序号", 11)
PROGRESS_COLUMN = ("最新进展", 55)
WIDE_DATE_EXTRA = 12  # mm more for a date column when its dates carry their year
CLUSTER_COLUMN = ("联合党组织", 24)
CHUNK = 5000  # ids per query (SQLite limits the number of parameters)
FREE_ROWS = 2000
STEP_ROWS = 500  # progress is reported (and cancel checked) every so many rows


@dataclass(frozen=True)
class LedgerFilter:
    cluster_id: str | None = None
    village_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    status: str | None = None


def latest_progress(services: Services, task_ids: list[str]) -> dict[str, str]:
    """``task id -> "60%：路基已完成"``, the newest progress note of each task (one query)."""
    found: dict[str, str] = {}
    with services.db.session() as session:
        for start in range(0, len(task_ids), CHUNK):
            rows = session.execute(
                select(col(TaskProgress.task_id), col(TaskProgress.text), col(TaskProgress.percent))
                .where(col(TaskProgress.task_id).in_(task_ids[start:start + CHUNK]),
                       col(TaskProgress.deleted).is_(False))
                .order_by(col(TaskProgress.noted_at), col(TaskProgress.id)))
            for task_id, text, percent in rows:
                found[task_id] = f"{percent}%：{text}" if percent is not None else text
    return found


def ledger_years(rows: list[dict], fields: list[list[Field]]) -> set[int]:
    """The years of every date the ledger prints."""
    return {value.year for row in rows for stack in fields for spec in stack
            if spec.kind in DATES and (value := row.get(spec.shown_as))}


def date_text(moment, one_year: bool) -> str:
    """``9月6日`` when the whole ledger lies in one year (said once above the table), else
    ``2026年9月6日``: Chinese dates, as a clerk writes them, never split inside a number."""
    if not moment:
        return ""
    return f"{moment.month}月{moment.day}日" if one_year else cn_date(moment)


def describe_filter(services: Services, chosen: LedgerFilter) -> str:
    """``黄璩联合党总支 · 黄璩村 · 截止日期 2026年1月1日至2026年3月31日 · 办理中``."""
    parts = []
    if chosen.cluster_id:
        parts.append(services.clusters.get(chosen.cluster_id).name)
    if chosen.village_id:
        parts.append(services.villages.get(chosen.village_id).name)
    if not parts:
        town = services.towns.the_town()
        parts.append(f"{town.name}全部联合党组织" if town else "全部联合党组织")
    if chosen.date_from or chosen.date_to:
        parts.append(f"截止日期{cn_period(chosen.date_from, chosen.date_to)}")
    if chosen.status:
        parts.append(TASK_STATUSES[chosen.status])
    return " · ".join(parts)


def task_rows(services: Services, chosen: LedgerFilter) -> list[dict]:
    """The tasks of the ledger, by cluster then due date, with display values."""
    if chosen.status and chosen.status not in TASK_STATUSES:
        allowed = "、".join(f"{k}（{v}）" for k, v in TASK_STATUSES.items())
        raise UserError(f"任务状态“{chosen.status}”无效，可选：{allowed}")
    if chosen.date_from and chosen.date_to and chosen.date_from > chosen.date_to:
        raise UserError(f"开始日期（{chosen.date_from}）不能晚于结束日期（{chosen.date_to}）")
    query = ListQuery(cluster_id=chosen.cluster_id, village_id=chosen.village_id,
                      status=chosen.status, date_from=chosen.date_from,
                      date_to=chosen.date_to, limit=None)
    ids: list[str] = services.tasks.ids(query)
    rows: dict[str, dict] = {}
    for start in range(0, len(ids), CHUNK):
        rows.update(services.tasks.rows(ids[start:start + CHUNK]))
    clusters = {c.id: c.name for c in services.clusters.list(ListQuery(limit=None)).items}
    ordered = [rows[i] for i in ids]
    for row in ordered:
        row["cluster"] = clusters.get(row["cluster_id"], "")
    ordered.sort(key=lambda r: (r["cluster"], r["due_on"] or date.max))
    return ordered


def ledger_fields() -> list[list[Field]]:
    """The declared document fields, one list per column (two where dates are stacked)."""
    below = set(STACKED.values())
    return [[spec] + ([TASK.field(STACKED[spec.name])] if spec.name in STACKED else [])
            for spec in TASK.document_columns if spec.name not in below]


def _cell_text(spec: Field, row: dict, one_year: bool) -> str:
    value = row.get(spec.shown_as)
    if spec.kind in DATES:
        return date_text(value, one_year)
    text = "" if value is None else str(value)
    if spec.name == "status" and row.get("overdue"):
        text += "\n（逾期）"
    return text


def write_ledger(services: Services, rows: list[dict], body: Composer) -> None:
    solved = sum(1 for r in rows if r["status"] in ("solved", "reported"))
    overdue = sum(1 for r in rows if r["overdue"])
    fields = ledger_fields()
    years = ledger_years(rows, fields)
    one_year = len(years) <= 1
    in_year = f"表中日期均为{years.pop()}年。" if one_year and years else ""
    body.paragraph(f"共 {len(rows)} 项任务，其中已解决（含已反馈）{solved} 项，"
                   f"逾期未办结 {overdue} 项。{in_year}", layout.NOTE)
    many_clusters = len({r["cluster_id"] for r in rows}) > 1
    columns = [NUMBER_COLUMN] + ([CLUSTER_COLUMN] if many_clusters else [])
    for stack in fields:
        width = WIDTHS.get(stack[0].name, DEFAULT_WIDTH)
        if stack[0].kind in DATES and not one_year:  # 2026年12月31日 on one line
            width += WIDE_DATE_EXTRA
        columns.append(("\n".join(s.label for s in stack), width))
        if stack[0].name == "status":
            columns.append(PROGRESS_COLUMN)
    table = body.table([w for _, w in columns])
    table.header([name for name, _ in columns])
    progress = latest_progress(services, [r["id"] for r in rows])
    for number, row in enumerate(rows, 1):
        cells: list[Cell | str] = [Cell(str(number), align="center")]
        if many_clusters:
            cells.append(row["cluster"])
        for stack in fields:
            text = "\n".join(_cell_text(spec, row, one_year) for spec in stack).strip()
            cells.append(Cell(text, align="center") if stack[0].name in CENTRED else text)
            if stack[0].name == "status":
                cells.append(progress.get(row["id"], ""))
        table.row(cells)
        if number % STEP_ROWS == 0:
            body.step(number, len(rows))
    if not rows:
        table.row(["", "（无符合条件的任务）"])
    body.add_table(table)
    body.sign_off(["制表人：", SIGN_HERE, GAP, "审核人：", SIGN_HERE, GAP,
                   f"制表日期：{cn_date(services.clock.today())}"], style=layout.NOTE)


def export_ledger(services: Services, out: Path | str, chosen: LedgerFilter | None = None,
                  options: Options | None = None) -> Path:
    """Write the 工作任务台账 of the tasks ``chosen`` selects to ``out`` (.docx)."""
    chosen = chosen or LedgerFilter()
    description = describe_filter(services, chosen)  # unknown ids fail here
    rows = task_rows(services, chosen)
    values = {"标题": "工作任务台账", "单位": description, "日期": cn_date(services.clock.today()),
              "编号": ""}
    try:
        return produce(TEMPLATE, values, lambda body: write_ledger(services, rows, body),
                       out, options, table_pt=layout.LEDGER_TABLE_PT)
    finally:
        while rows:  # a few thousand at a time: freeing 100,000 rows at once is one long call
            del rows[-FREE_ROWS:]
