"""志愿服务时长证明登记簿: ``certificate list`` (issuing and copies are under ``export``)."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command, add_group, add_paging

COLUMNS = [Column("number", "编号", 36), Column("person", "姓名"),
           Column("period", "服务期间", 23), Column("hours", "时长（小时）"),
           Column("activities", "次数"), Column("issued_on", "出具日期"),
           Column("issuer", "出具单位", 16), Column("id", "ID")]


def register(commands) -> None:
    certificates = add_group(commands, "certificate", "志愿服务时长证明登记簿")
    parser = add_command(certificates, "list", "列出已出具的证明（编号、姓名、期间、时长）",
                         certificate_list)
    parser.add_argument("--person", metavar="ID", help="该人员的证明")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="出具日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="出具日期不晚于")
    parser.add_argument("--withdrawn", action="store_true", help="只列出已作废的证明")
    add_paging(parser, search=False)
    parser.add_argument("--search", metavar="TEXT", help="按编号或姓名查找")


def certificate_list(ctx, args) -> None:
    query = ctx.query(
        date_from=parse.date_(args.date_from, "开始日期（--from）"),
        date_to=parse.date_(args.date_to, "结束日期（--to）"),
        text=args.search, extra={"person_id": args.person}, only_deleted=args.withdrawn,
        **parse.paging(args.limit, args.offset),
    )
    page = ctx.services.certificates.list(query)
    ctx.out.listing(ctx.rows(ctx.services.certificates, page.items), COLUMNS, page.total,
                    query.offset)
