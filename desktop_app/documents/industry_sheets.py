"""合作社联系走访记录表, 共富工坊月度台账 and the 人才名册 (Word): a record's lines, then a
table of its rows; the 名册 a landscape table of the talents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.documents import layout
from desktop_app.documents.compose import Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import Cell
from desktop_app.documents.text import cn_date
from desktop_app.services import ListQuery, Services

INFO_WEIGHTS = (30, 48, 32, 46)


def _label(text: str) -> Cell:
    return Cell(text, bold=True, align="center")


def _number(value: object) -> Cell:
    return Cell(str(value), align="center")


def _info(body: Composer, pairs: list[tuple[str, str]]) -> None:
    """Two labelled values a row (a value alone on the last row spans it)."""
    info = body.table(INFO_WEIGHTS, min_row_mm=8)
    for index in range(0, len(pairs), 2):
        (label, value), *rest = pairs[index:index + 2]
        if rest:
            info.row([_label(label), value, _label(rest[0][0]), rest[0][1]])
        else:
            info.row([_label(label), Cell(value, span=3)])
    body.add_table(info)


# --- 合作社联系走访记录表 ------------------------------------------------------------------


def write_liaison(services: Services, coop_id: str, body: Composer) -> None:
    coop = services.coops.rows([coop_id])[coop_id]
    _info(body, [("合作社名称", coop["name"]), ("所在村", coop["village"]),
                 ("统一社会信用代码", coop["credit_code"] or ""), ("成立日期",
                                                              cn_date(coop["founded_on"])),
                 ("类型", coop["kind"] or ""), ("成员数", f"{coop['members']}人"),
                 ("规范程度", coop["standing_label"]), ("联系干部", coop["cadre"] or ""),
                 ("品牌", coop["brands"] or "无")])
    body.paragraph("联系走访记录", layout.NOTE)
    table = body.table((10, 32, 18, 60, 58))
    table.header(["序号", "日期", "走访干部", "检查情况", "帮扶措施"])
    people = services.people.rows([v.visitor_id for v in services.coops.visits(coop_id)
                                   if v.visitor_id])
    for number, visit in enumerate(services.coops.visits(coop_id), 1):
        visitor = people.get(visit.visitor_id or "", {}).get("name", "")
        table.row([_number(number), cn_date(visit.visited_on), visitor, visit.checklist,
                   visit.measures])
    body.add_table(table)
    body.signatures(["联系干部（签字）", "合作社理事长（签字）"], style=layout.NOTE,
                    height_mm=None)


def _cluster_sheet(services: Services, record, title: str, write, out: Path | str,
                   options: Options | None) -> Path:
    """The register template titled ``title``, under the name of ``record``'s cluster."""
    cluster = services.clusters.get(record.cluster_id, include_deleted=True).name
    values = {"标题": title, "单位": cluster, "日期": cn_date(date.today()), "编号": ""}
    return produce("register", values, write, out, options)


def export_liaison_sheet(services: Services, coop_id: str, out: Path | str,
                         options: Options | None = None) -> Path:
    return _cluster_sheet(services, services.coops.get(coop_id), "合作社联系走访记录表",
                          lambda body: write_liaison(services, coop_id, body), out, options)


# --- 共富工坊月度台账 ----------------------------------------------------------------------


def write_months(services: Services, workshop_id: str, body: Composer) -> None:
    shop = services.workshops.rows([workshop_id])[workshop_id]
    _info(body, [("工坊名称", shop["name"]), ("所在村", shop["village"]),
                 ("类型", shop["kind"] or ""), ("面积", f"{shop['floor_area']}㎡"),
                 ("固定从业", f"{shop['fixed_jobs']}人"),
                 ("季节用工", f"{shop['seasonal_jobs']}人"),
                 ("周边村人员", f"{shop['outside_workers']}人"),
                 ("人均月增收", f"{shop['monthly_pay']}元"),
                 ("村集体年增收", f"{shop['yearly_income']}元")])
    body.paragraph("月度台账", layout.NOTE)
    table = body.table((14, 30, 30, 40, 42))
    table.header(["序号", "月份", "从业人数", "人均月收入（元）", "村集体收入（元）"])
    months = services.workshops.months(workshop_id)
    for number, (month, figures) in enumerate(months.items(), 1):
        table.row([_number(number), _number(month), _number(figures["employed"]),
                   _number(figures["pay"]), _number(figures["income"])])
    total = sum(f["income"] for f in months.values())
    table.row([Cell("合计", bold=True, align="center", span=4), _number(total)])
    body.add_table(table)
    body.signatures(["填报人（签字）", "审核人（签字）"], style=layout.NOTE, height_mm=None)


def export_workshop_ledger(services: Services, workshop_id: str, out: Path | str,
                           options: Options | None = None) -> Path:
    return _cluster_sheet(services, services.workshops.get(workshop_id), "共富工坊月度台账",
                          lambda body: write_months(services, workshop_id, body), out, options)


# --- 人才名册 --------------------------------------------------------------------------

REGISTER_COLUMNS = [("序号", 10), ("姓名", 18), ("人才类型", 16), ("类别", 22), ("所在村", 20),
                    ("年龄", 10), ("学历", 16), ("特长", 50), ("现在", 12),
                    ("联系电话", 26)]


def write_talent_register(services: Services, query: ListQuery, body: Composer) -> None:
    talents = services.talents
    ids = talents.ids(query)
    rows = talents.rows(ids)  # phones masked: a 名册 is passed round
    table = body.table([w for _, w in REGISTER_COLUMNS], text_style=layout.TABLE_TEXT)
    table.header([name for name, _ in REGISTER_COLUMNS])
    for number, talent_id in enumerate(ids, 1):
        row = rows[talent_id]
        table.row([_number(number), row["person"], row["pool_label"], row["category"],
                   row["village"], _number("" if row["age"] is None else row["age"]),
                   row["education_label"], row["skills"], row["whereabouts_label"],
                   row["contact"]])
    body.add_table(table)
    body.paragraph(f"共 {len(ids)} 人。", layout.NOTE)


def export_talent_register(services: Services, out: Path | str, *,
                           cluster_id: str | None = None, pool: str | None = None,
                           options: Options | None = None) -> Path:
    town = services.towns.the_town()
    unit = services.clusters.get(cluster_id).name if cluster_id else (town.name if town else "")
    values = {"标题": "人才名册", "单位": unit, "日期": cn_date(date.today()), "编号": ""}
    query = ListQuery(cluster_id=cluster_id, status=pool, limit=None, order_by="pool")
    return produce("ledger", values,
                   lambda body: write_talent_register(services, query, body), out, options,
                   table_pt=layout.LEDGER_TABLE_PT)
