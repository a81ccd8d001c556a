"""产业项目卡: one aid project on a page: what it is, its money by source and each village's
share (万元), 联农带农, jobs and income, and its progress notes."""

from __future__ import annotations

from pathlib import Path

from desktop_app.documents.compose import Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import Cell
from desktop_app.documents.text import cn_date
from desktop_app.records.money import wan
from desktop_app.services import Services

TEMPLATE = "register"  # the 登记表's page: title, unit, date
INFO_WEIGHTS = (30, 48, 32, 46)
MONEY_WEIGHTS = (20, 60, 40, 36)


def _label(text: str) -> Cell:
    return Cell(text, bold=True, align="center")


def _wan(amount: int) -> str:
    return f"{wan(amount):g}"


def write_card(services: Services, project_id: str, body: Composer) -> None:
    projects = services.projects
    row = projects.rows([project_id])[project_id]
    funds, shares = projects.funds(project_id), projects.shares(project_id)
    villages = services.villages.rows(list(shares))
    info = body.table(INFO_WEIGHTS, min_row_mm=8)
    info.row([_label("项目名称"), Cell(row["name"], span=3)])
    info.row([_label("项目类型"), row["kind"] or "", _label("状态"), row["status_label"]])
    info.row([_label("开工日期"), cn_date(row["start_on"]), _label("计划完工"),
              cn_date(row["end_on"])])
    info.row([_label("责任人"), row["leader"] or "", _label("参与村"), row["villages"]])
    info.row([_label("总投资"), f"{_wan(row['total'])}万元", _label("带动就业"),
              f"{row['jobs']}人"])
    info.row([_label("服务合作社"), f"{row['coops_served']}个", _label("村集体年增收"),
              f"{row['village_income']}元/村"])
    info.row([_label("联农带农机制"), Cell(row["benefit"] or "", span=3)])
    body.add_table(info)
    body.heading(1, 1, "资金来源与各村出资")
    money = body.table(MONEY_WEIGHTS)
    money.header(["序号", "资金来源 / 出资村", "金额（元）", "万元"])
    number = 0
    for source, amount in funds.items():
        number += 1
        money.row([Cell(str(number), align="center"), source, str(amount), _wan(amount)])
    for village_id, amount in shares.items():
        number += 1
        name = villages.get(village_id, {}).get("name", village_id)
        money.row([Cell(str(number), align="center"), f"{name}出资", str(amount), _wan(amount)])
    body.add_table(money)
    body.heading(1, 2, "项目进展")
    notes = projects.progress(project_id)
    for note in notes:
        body.paragraph(f"{cn_date(note.noted_on)}：{note.text}")
    if not notes:
        body.paragraph("暂无进展记录。")
    body.signatures(["填表人（签字）", "审核人（签字）"], height_mm=None)


def export_project_card(services: Services, project_id: str, out: Path | str,
                        options: Options | None = None) -> Path:
    """Write the card of aid project ``project_id`` to ``out`` (.docx)."""
    project = services.projects.get(project_id)
    cluster = services.clusters.get(project.cluster_id, include_deleted=True).name
    values = {"标题": "产业项目卡", "单位": cluster, "日期": cn_date(project.start_on), "编号": ""}
    return produce(TEMPLATE, values, lambda body: write_card(services, project_id, body), out,
                   options)
