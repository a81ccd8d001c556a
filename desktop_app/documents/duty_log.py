"""值班日志: the duty shifts of a period, each with what happened and the handover note.

One row per shift, oldest first: when (date, from–to), who was on duty (and where, for a
town-wide log), the log, and the handover note for the next officer.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.documents import layout
from desktop_app.documents.compose import GAP, Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import SIGN_HERE
from desktop_app.documents.text import BLANK_DATE, cn_date, cn_period, cn_time
from desktop_app.records.errors import UserError
from desktop_app.services import ListQuery, Services

TEMPLATE = "duty_log"
COLUMNS = [("序号", 12), ("值班时间", 36), ("值班人员", 20), ("值班记录", 50), ("交接班事项", 38)]


def shift_rows(services: Services, cluster_id: str | None, date_from: date,
               date_to: date) -> list[dict]:
    """The shifts that started in the period, oldest first, with officers' names."""
    if date_from > date_to:
        raise UserError(f"开始日期（{date_from}）不能晚于结束日期（{date_to}）")
    query = ListQuery(cluster_id=cluster_id, date_from=date_from, date_to=date_to,
                      order_by="start", limit=None)
    ids: list[str] = services.duty.ids(query)
    rows = services.duty.rows(ids)
    return [rows[i] for i in ids]


def _when(row: dict, one_year: bool) -> str:
    """``11月14日`` and the hours, below; with the year when the log spans more than one."""
    start, end = row["start"], row["end"]
    if end is None:
        until = "（值班中）"
    elif end.date() == start.date():
        until = f"—{cn_time(end)}"
    else:
        until = f"—{end.month}月{end.day}日 {cn_time(end)}"
    day = f"{start.month}月{start.day}日" if one_year else cn_date(start)
    return f"{day}\n{cn_time(start)}{until}"


def write_duty_log(rows: list[dict], many_clusters: bool, body: Composer) -> None:
    handovers = sum(1 for r in rows if (r["handover_note"] or "").strip())
    body.paragraph(f"本期共值班 {len(rows)} 班次，其中 {handovers} 班次留有交接班事项。",
                   layout.NOTE)
    table = body.table([w for _, w in COLUMNS])
    table.header([name for name, _ in COLUMNS])
    one_year = len({r["start"].year for r in rows}) <= 1  # the year is in the period above
    for number, row in enumerate(rows, 1):
        officers = row["officers"] or ""
        if many_clusters:
            officers = f"{row['cluster']}\n{officers}"
        table.row([number, _when(row, one_year), officers, row["log"] or "",
                   row["handover_note"] or ""])
    if not rows:
        table.row(["", "（本期无值班记录）"])
    body.add_table(table)
    body.sign_off(["审核人（签字）：", SIGN_HERE, GAP, "审核日期：", BLANK_DATE],
                  style=layout.NOTE)


def export_duty_log(services: Services, out: Path | str, *, date_from: date, date_to: date,
                    cluster_id: str | None = None, options: Options | None = None) -> Path:
    """Write the 值班日志 of the shifts started between the two dates to ``out``."""
    if cluster_id:
        unit = services.clusters.get(cluster_id).name  # NotFoundError for a bad id
    else:
        town = services.towns.the_town()
        unit = f"{town.name}全部联合党组织" if town else "全部联合党组织"
    rows = shift_rows(services, cluster_id, date_from, date_to)
    many = len({r["cluster_id"] for r in rows}) > 1
    values = {"标题": "值班日志", "单位": f"{unit} · {cn_period(date_from, date_to)}",
              "日期": cn_date(services.clock.today()), "编号": ""}
    return produce(TEMPLATE, values, lambda body: write_duty_log(rows, many, body), out,
                   options)
