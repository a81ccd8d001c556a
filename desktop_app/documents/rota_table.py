"""值班表 and 值班到岗统计: the month's rota of a cluster for the office wall (landscape,
one row a day, one column an officer), and a month's attendance per person and village."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.documents import layout
from desktop_app.documents.compose import GAP, Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import SIGN_HERE, Cell
from desktop_app.documents.text import BLANK_DATE, cn_date
from desktop_app.services import Services

ROTA_TEMPLATE = "ledger"  # landscape, 10.5 pt tables
ATTENDANCE_TEMPLATE = "duty_log"
DATE_COLUMN, WEEKDAY_COLUMN, REMARK_COLUMN, OFFICER_COLUMN = 22, 12, 40, 48
PERSON_COLUMNS = [("序号", 10), ("姓名", 20), ("所在村", 24), ("应值班", 15), ("到岗", 13),
                  ("请假", 13), ("缺岗", 13), ("到岗率", 16)]
VILLAGE_COLUMNS = [("序号", 10), ("村", 38), ("应值班", 18), ("到岗", 17), ("请假", 17),
                   ("缺岗", 17), ("到岗率", 17)]


def _md(day: date) -> str:
    return f"{day.month}月{day.day}日"


def _officer(officer: dict[str, Any]) -> str:
    line = officer["person"]
    place = officer["village"] or officer["role_label"]
    if place:
        line += f"（{place}）"
    if officer["swapped_from"]:
        line += f"\n替{officer['swapped_from']}"
    return line


def write_rota(data: dict[str, Any], body: Composer) -> None:
    width = data["per_day"]
    days = [d for d in data["days"] if d["officers"] or d["holiday"] or d["unplanned"]]
    staffed = sum(1 for d in days if d["officers"])
    role = f"，每天至少一位{data['required_role']}" if data["required_role"] else ""
    body.paragraph(f"本月值班 {staffed} 天，每天 {width} 人{role}。值班时间 8:30—17:30；"
                   "如需调班、替班，须双方同意并报值班室登记；请假须提前报告。", layout.NOTE)
    table = body.table([DATE_COLUMN, WEEKDAY_COLUMN, *[OFFICER_COLUMN] * width, REMARK_COLUMN])
    table.header(["日期", "星期", *(f"值班人员{n + 1}" if width > 1 else "值班人员"
                                   for n in range(width)), "备注"])
    for day in days:
        officers = [_officer(o) for o in day["officers"]][:width]
        remark = day["holiday"] and f"{day['holiday']}放假" or day["workday"]
        if day["holiday"] and not officers:
            table.row([Cell(_md(day["day"]), align="center"),
                       Cell(day["weekday"], align="center"),
                       Cell(f"{day['holiday']}放假", span=width + 1, align="center")])
            continue
        if day["unplanned"]:
            remark = remark or "未排班"
        officers += [""] * (width - len(officers))
        table.row([Cell(_md(day["day"]), align="center"),
                   Cell(day["weekday"], align="center"), *officers, remark or ""])
    if not days:
        table.row(["", Cell("（本月无值班安排）", span=width + 2)])
    body.add_table(table)
    body.sign_off(["值班室负责人（签字）：", SIGN_HERE, GAP, "编制日期：", BLANK_DATE],
                  style=layout.NOTE)


def export_rota_month(services: Services, cluster_id: str, year: int, month: int,
                      out: Path | str, options: Options | None = None) -> Path:
    """Write cluster ``cluster_id``'s 值班表 of the month to ``out`` (.docx, landscape)."""
    services.clusters.get(cluster_id)  # NotFoundError for a bad id
    data = services.rota.month(cluster_id, year, month)
    values = {"标题": f"{year}年{month}月值班表", "单位": data["cluster"],
              "日期": cn_date(date.today()), "编号": ""}
    return produce(ROTA_TEMPLATE, values, lambda body: write_rota(data, body), out, options,
                   table_pt=layout.LEDGER_TABLE_PT)


def _rate(row: dict[str, Any]) -> str:
    return "—" if row["rate"] is None else f"{row['rate']:.0%}"


def write_attendance(data: dict[str, Any], body: Composer) -> None:
    total = data["total"]
    body.paragraph(f"本月应值班 {total['due']} 人次：到岗 {total['present']} 人次，请假 "
                   f"{total['excused']} 人次，缺岗 {total['absent']} 人次，尚未到期 "
                   f"{total['upcoming']} 人次。到岗率按已到期且未请假的值班计算。", layout.NOTE)
    body.paragraph("一、按人员", layout.HEADINGS[1])
    people = body.table([w for _, w in PERSON_COLUMNS])
    people.header([name for name, _ in PERSON_COLUMNS])
    for number, row in enumerate(data["people"], 1):
        people.row([Cell(str(number), align="center"), row["person"], row["village"],
                    *(Cell(str(row[k]), align="center")
                      for k in ("due", "present", "excused", "absent")),
                    Cell(_rate(row), align="center")])
    if not data["people"]:
        people.row(["", Cell("（本月无值班安排）", span=len(PERSON_COLUMNS) - 1)])
    body.add_table(people)
    body.paragraph("二、按村", layout.HEADINGS[1])
    villages = body.table([w for _, w in VILLAGE_COLUMNS])
    villages.header([name for name, _ in VILLAGE_COLUMNS])
    for number, row in enumerate(data["villages"], 1):
        villages.row([Cell(str(number), align="center"), row["village"] or "（未定村）",
                      *(Cell(str(row[k]), align="center")
                        for k in ("due", "present", "excused", "absent")),
                      Cell(_rate(row), align="center")])
    body.add_table(villages)
    if data["absences"]:
        body.paragraph("三、缺岗明细", layout.HEADINGS[1])
        body.paragraph("；".join(f"{_md(r['day'])} {r['person']}"
                                for r in data["absences"]) + "。", layout.BODY)
    body.sign_off(["审核人（签字）：", SIGN_HERE, GAP, "审核日期：", BLANK_DATE],
                  style=layout.NOTE)


def export_attendance(services: Services, year: int, month: int, out: Path | str, *,
                      cluster_id: str | None = None, options: Options | None = None) -> Path:
    """Write the month's 值班到岗统计 (one cluster, or every cluster) to ``out``."""
    unit = services.clusters.get(cluster_id).name if cluster_id else "全部联合党组织"
    data = services.rota.attendance(year, month, cluster_id)
    values = {"标题": f"{year}年{month}月值班到岗统计", "单位": unit,
              "日期": cn_date(date.today()), "编号": ""}
    return produce(ATTENDANCE_TEMPLATE, values, lambda body: write_attendance(data, body), out,
                   options)
