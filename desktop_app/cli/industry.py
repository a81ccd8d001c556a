"""产业联营: ``project``, ``coop`` and ``workshop``, each add / list / show / update / delete /
restore, with the rows of their own: a project's funds, shares and progress, a
cooperative's liaison visits (written by the town), a workshop's months."""

from __future__ import annotations

from typing import Any

from desktop_app.cli import parse
from desktop_app.cli.crud import (
    Crud,
    ListFilter,
    add_record_document,
    choice_filter,
    place_filters,
)
from desktop_app.cli.declared import add_row_options, row_values
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import add_command
from desktop_app.records.errors import ValidationError
from desktop_app.records.money import parse_yuan, wan
from desktop_app.records.types.industry import (
    AID_PROJECT,
    COOP_STANDINGS,
    COOPERATIVE,
    FUND_SOURCES,
    WORKSHOP,
    WORKSHOP_MONTH,
)

AMOUNT_COLUMNS = [Column("name", "名称"), Column("amount", "金额（元）"),
                  Column("wan", "万元")]


def _amount_rows(amounts: dict[str, int], name=lambda key: key) -> list[dict[str, Any]]:
    return [{"key": key, "name": name(key), "amount": amount, "wan": wan(amount)}
            for key, amount in amounts.items()]


class ProjectCommands(Crud):

    def add_options(self, parser, *, creating: bool) -> None:
        parser.add_argument("--fund", action="append", metavar="来源:金额",
                            help="资金来源及金额（元，或写 200万），可多次给出，如 帮扶资金:200万；"
                                 "常见来源：" + "、".join(FUND_SOURCES)
                                 + ("（修改时给出即整体替换）" if not creating else ""))
        parser.add_argument("--share", action="append", metavar="村ID:金额",
                            help="各村出资，可多次给出；合计应等于资金合计")
        if not creating:
            parser.add_argument("--progress", metavar="TEXT", help="记录一条项目进展")

    def extra_values(self, ctx, args) -> dict[str, Any]:
        values = {}
        funds = parse.pairs(args.fund, "资金来源", "来源:金额，如 帮扶资金:200万",
                      lambda source, text: parse_yuan(text, "funds", f"{source}的金额"))
        if funds is not None:
            values["funds"] = funds
        shares = parse.pairs(args.share, "各村出资", "村ID:金额",
                       lambda village, text: parse_yuan(text, "shares", "出资金额"))
        if shares is not None:
            values["shares"] = shares
        return values

    def after_write(self, ctx, args, record_id: str) -> bool:
        text = getattr(args, "progress", None)
        if text is None:
            return False
        ctx.services.projects.add_progress(record_id, text)
        return True

    def details(self, ctx, record) -> tuple[dict[str, Any], list[Section]]:
        service = ctx.services.projects
        return ({"fund_rows": _amount_rows(service.funds(record.id)),
                 "share_rows": _amount_rows(service.shares(record.id), ctx.village_name),
                 "progress": [{"noted_on": p.noted_on, "text": p.text}
                              for p in service.progress(record.id)]},
                [Section("资金来源", "fund_rows", AMOUNT_COLUMNS),
                 Section("各村出资", "share_rows", AMOUNT_COLUMNS),
                 Section("进展", "progress", [Column("noted_on", "日期"),
                                              Column("text", "进展")])])

    def register(self, commands):
        group = super().register(commands)
        add_record_document(group, "card", "产业项目卡",
                            "desktop_app.documents.project_card:export_project_card")
        return group


class CoopCommands(Crud):
    def register(self, commands):
        group = super().register(commands)
        add_record_document(group, "sheet", "合作社联系走访记录表",
                            "desktop_app.documents.industry_sheets:export_liaison_sheet")
        parser = add_command(group, "visit", "记录镇干部联系走访（由镇里记录）", self.visit)
        parser.add_argument("id", metavar="ID", help="合作社ID")
        parser.add_argument("--date", metavar="YYYY-MM-DD", help="走访日期（默认：今天）")
        parser.add_argument("--visitor", metavar="ID", help="走访干部（默认：联系干部）")
        parser.add_argument("--checklist", metavar="TEXT", help="检查情况（按季度检查清单）")
        parser.add_argument("--measures", metavar="TEXT", help="帮扶措施")
        parser.add_argument("--standing", metavar="KEY",
                            help="重新评定规范程度：" + ", ".join(
                                f"{k}（{v}）" for k, v in COOP_STANDINGS.items()))
        return group

    def visit(self, ctx, args) -> None:
        ctx.services.coops.add_visit(
            args.id, visited_on=parse.date_(args.date, "走访日期"), visitor_id=args.visitor,
            checklist=args.checklist or "", measures=args.measures or "",
            standing=parse.choice(args.standing, COOP_STANDINGS, "规范程度"))
        self.show(ctx, args.id, "已记录联系走访。")

    def details(self, ctx, record) -> tuple[dict[str, Any], list[Section]]:
        visits = [{"visited_on": v.visited_on, "visitor": ctx.person_name(v.visitor_id),
                   "checklist": v.checklist, "measures": v.measures}
                  for v in ctx.services.coops.visits(record.id)]
        return ({"visit_rows": visits},
                [Section("联系走访", "visit_rows", [
                    Column("visited_on", "日期"), Column("visitor", "走访干部"),
                    Column("checklist", "检查情况", 40), Column("measures", "帮扶措施", 40)])])


class WorkshopCommands(Crud):
    def register(self, commands):
        group = super().register(commands)
        add_record_document(group, "ledger", "共富工坊月度台账",
                            "desktop_app.documents.industry_sheets:export_workshop_ledger")
        return group

    def add_options(self, parser, *, creating: bool) -> None:
        add_row_options(parser, WORKSHOP_MONTH, lead="month", lead_field="month",
                        dest="month_rows",
                        help="月度台账的月份 YYYY-MM，可多次给出；同月再给出即修改该月")

    def extra_values(self, ctx, args) -> dict[str, Any]:
        if not args.month_rows:
            return {}
        months: dict[str, dict[str, int]] = {}
        if getattr(args, "id", None):
            months.update(ctx.services.workshops.months(args.id))
        for row in row_values(args.month_rows, WORKSHOP_MONTH):
            month = row.pop("month")
            if not month:
                raise ValidationError("months", "月份不能为空")
            months[month] = {**months.get(month, {}), **row}
        return {"months": months}

    def details(self, ctx, record) -> tuple[dict[str, Any], list[Section]]:
        months = [{"month": month, **figures}
                  for month, figures in ctx.services.workshops.months(record.id).items()]
        return ({"month_rows": months},
                [Section("月度台账", "month_rows", [
                    Column("month", "月份"), Column("employed", "从业人数"),
                    Column("pay", "人均月收入（元）"), Column("income", "村集体收入（元）")])])


COMMANDS = (
    ProjectCommands("project", AID_PROJECT, "projects", own_cluster=True,
                    filters=(*place_filters("产业项目"), choice_filter(AID_PROJECT, "status"))),
    CoopCommands("coop", COOPERATIVE, "coops", own_cluster=True, filters=(
        *place_filters("合作社"), choice_filter(COOPERATIVE, "standing"),
        ListFilter("cadre", "该干部联系的合作社", extra="cadre_id"))),
    WorkshopCommands("workshop", WORKSHOP, "workshops", own_cluster=True,
                     filters=place_filters("共富工坊")),
)


def register(commands) -> None:
    for group in COMMANDS:
        group.register(commands)
