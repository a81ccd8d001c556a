"""Registers made from the declarations: a record type's list columns as a landscape table,
one row per record a ``ListQuery`` selects — the 矛盾纠纷排查调处台账, a micro-grid's 民情日志
and the 代办登记簿. Values are the list's own display values, so personal data is masked as it
is on screen (only the 人民调解协议书 prints parties whole)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop_app.documents import layout
from desktop_app.documents.compose import GAP, Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import SIGN_HERE, Cell
from desktop_app.documents.text import cn_date
from desktop_app.records.fields import DATES, Field, Kind
from desktop_app.services import ListQuery, Services

TEMPLATE = "ledger"  # landscape, title, office line, table
TEXT_WIDTH_MM = 243  # A4 landscape between the ledger's margins
NUMBER_MM = 11
CHUNK = 5000  # ids per query (SQLite limits the number of parameters)
MOST = 20_000  # rows a register prints; more is a query to narrow, not a paper to print


def _text(spec: Field, value) -> str:
    if value is None:
        return ""
    if spec.kind in DATES and isinstance(value, date):
        return f"{value.year}-{value.month:02d}-{value.day:02d}"
    if spec.kind is Kind.FLAG:
        return "是" if value else ""
    return str(value)


def _same_place(spec: Field, rows: list[dict]) -> bool:
    """A village or micro-grid column that names one place on every row says nothing the
    heading does not (a micro-grid's 民情日志)."""
    return (spec.kind in (Kind.VILLAGE, Kind.REFERENCE) and len(rows) > 1
            and len({r.get(spec.shown_as) for r in rows}) == 1)


def write_register(rows: list[dict], columns: tuple[Field, ...], body: Composer,
                   summary: str) -> None:
    body.paragraph(summary, layout.NOTE)
    weights = [c.column_width for c in columns]
    scale = (TEXT_WIDTH_MM - NUMBER_MM) / sum(weights)
    table = body.table([NUMBER_MM, *(w * scale for w in weights)])
    table.header(["序号", *(c.label for c in columns)])
    for number, row in enumerate(rows, 1):
        table.row([Cell(str(number), align="center"),
                   *(_text(c, row.get(c.shown_as)) for c in columns)])
    if not rows:
        table.row(["", "（无记录）"])
    body.add_table(table)
    body.sign_off(["制表人：", SIGN_HERE, GAP, "审核人：", SIGN_HERE, GAP,
                   f"制表日期：{cn_date(date.today())}"], style=layout.NOTE)


def export_declared_register(services: Services, service_name: str, title: str,
                             unit: str, query: ListQuery, out: Path | str,
                             options: Options | None = None, *,
                             summary: Callable[[list[dict]], str] | None = None) -> Path:
    """Write the records of ``services.<service_name>`` that ``query`` selects, in list
    order, under ``title`` and ``unit`` (e.g. the cluster), to ``out`` (.docx)."""
    from desktop_app.records.errors import UserError

    service = getattr(services, service_name)
    query = ListQuery(**{**query.__dict__, "offset": 0, "limit": None})
    ids = service.ids(query)
    if len(ids) > MOST:
        raise UserError(f"共 {len(ids)} 条，超过 {MOST} 条："
                        "请按联合党组织、村或日期缩小范围后再导出")
    rows: dict[str, dict] = {}
    for start in range(0, len(ids), CHUNK):
        rows.update(service.rows(ids[start:start + CHUNK]))
    ordered = [rows[i] for i in ids]
    columns = tuple(c for c in service.record_type.list_columns
                    if not _same_place(c, ordered))
    said = summary(ordered) if summary else f"共 {len(ordered)} 条。"
    values = {"标题": title, "单位": unit, "日期": cn_date(date.today()), "编号": ""}
    return produce(TEMPLATE, values,
                   lambda body: write_register(ordered, columns, body, said), out, options,
                   table_pt=layout.LEDGER_TABLE_PT)


def _unit(services: Services, query: ListQuery) -> str:
    if query.cluster_id:
        return services.clusters.get(query.cluster_id, include_deleted=True).name
    town = services.towns.the_town()
    return f"{town.name}全部联合党组织" if town else "全部联合党组织"


def _dispute_summary(rows: list[dict]) -> str:
    handled = sum(1 for r in rows if r["status"] == "closed")
    succeeded = sum(1 for r in rows if r["outcome"] == "success")
    rate = f"，调处率 {handled / len(rows):.1%}" if rows else ""
    success = f"，成功率 {succeeded / handled:.1%}" if handled else ""
    return (f"排查矛盾纠纷 {len(rows)} 件，调处 {handled} 件，调解成功 {succeeded} 件"
            f"{rate}{success}。")


def export_dispute_ledger(services: Services, out: Path | str,
                          query: ListQuery | None = None) -> Path:
    """矛盾纠纷排查调处台账 of the disputes ``query`` selects (parties masked)."""
    query = query or ListQuery()
    return export_declared_register(services, "disputes", "矛盾纠纷排查调处台账",
                                    _unit(services, query), query, out,
                                    summary=_dispute_summary)


def export_visit_log(services: Services, micro_grid_id: str, out: Path | str,
                     query: ListQuery | None = None) -> Path:
    """民情日志 of one micro-grid, newest first."""
    micro = services.micro_grids.get(micro_grid_id)
    village = services.villages.get(micro.village_id, include_deleted=True).name
    query = query or ListQuery()
    query = ListQuery(**{**query.__dict__,
                         "extra": {**query.extra, "micro_grid_id": micro_grid_id}})
    return export_declared_register(services, "visits", "民情日志",
                                    f"{village} · {micro.name}", query, out)


def export_service_register(services: Services, out: Path | str,
                            query: ListQuery | None = None) -> Path:
    """便民服务代办登记簿 (phones masked; items revealing 低保 … shown by department)."""
    query = query or ListQuery()
    return export_declared_register(services, "service_requests", "便民服务代办登记簿",
                                    _unit(services, query), query, out)
