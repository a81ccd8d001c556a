"""矛盾纠纷: ``dispute`` (add / list / show / update / delete / restore), ``dispute session``
(a mediation session), ``dispute rates`` (调处率、成功率), ``dispute zero-report`` (one
command: the cluster's 零报告 for today) and ``dispute zero-reports``."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.context import cluster_for_new_record
from desktop_app.cli.crud import Crud, ListFilter, add_register_document
from desktop_app.cli.declared import list_columns, show_fields
from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command, add_paging, choices_help
from desktop_app.records.governance_words import (
    DISPUTE_CATEGORIES,
    DISPUTE_OUTCOMES,
    DISPUTE_STATUSES,
    RISK_COLOURS,
)
from desktop_app.records.types.governance import DISPUTE, DISPUTE_ZERO_REPORT

SESSION_COLUMNS = [Column("held_on", "调解日期"), Column("mediator", "调解员"),
                   Column("notes", "调解情况", 40)]


def _sessions(ctx, dispute_id: str) -> list[dict]:
    return [s.model_dump() for s in ctx.services.disputes.sessions(dispute_id)]


def _choice(vocabulary: dict, label: str):
    return lambda value: parse.choice(value, vocabulary, label)


DISPUTES = Crud("dispute", DISPUTE, "disputes", dated=True, help="矛盾纠纷排查调处", filters=(
    ListFilter("cluster", "该联合党组织的纠纷", query="cluster_id"),
    ListFilter("village", "该村的纠纷", query="village_id"),
    ListFilter("status", f"状态：{choices_help(DISPUTE_STATUSES)}", query="status",
               parse_as=_choice(DISPUTE_STATUSES, "状态")),
    ListFilter("category", f"类别：{choices_help(DISPUTE_CATEGORIES)}", extra="category",
               parse_as=_choice(DISPUTE_CATEGORIES, "类别")),
    ListFilter("risk", f"风险等级：{choices_help(RISK_COLOURS)}", extra="risk",
               parse_as=_choice(RISK_COLOURS, "风险等级")),
    ListFilter("outcome", f"调解结果：{choices_help(DISPUTE_OUTCOMES)}", extra="outcome",
               parse_as=_choice(DISPUTE_OUTCOMES, "调解结果")),
    ListFilter("overdue", "只列出受理超过一个月仍未结案的纠纷", query="overdue", flag=True),
), sections=(("session_rows", "调解记录", SESSION_COLUMNS, _sessions),))

RATE_COLUMNS = [Column("name", "统计单位"), Column("found", "排查数"), Column("handled", "调处数"),
                Column("succeeded", "成功数"), Column("handled_rate", "调处率"),
                Column("success_rate", "成功率")]
ZERO_FIELDS = show_fields(DISPUTE_ZERO_REPORT)
ZERO_COLUMNS = list_columns(DISPUTE_ZERO_REPORT)


def register(commands) -> None:
    disputes = DISPUTES.register(commands)
    parser = add_command(disputes, "session", "记录一次调解（调解记录）", dispute_session)
    parser.add_argument("id", metavar="ID")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="调解日期（默认今天）")
    parser.add_argument("--mediator", metavar="NAME", default="", help="调解员")
    parser.add_argument("--notes", metavar="TEXT", required=True, help="调解情况")

    parser = add_command(disputes, "rates", "调处率与成功率（按村、联合党组织或季度）",
                         dispute_rates)
    parser.add_argument("--by", choices=("village", "cluster", "quarter"), default="cluster",
                        help="统计口径：village 村、cluster 联合党组织（默认）、quarter 季度")
    parser.add_argument("--year", metavar="YYYY", help="受理年度（默认全部）")
    parser.add_argument("--cluster", metavar="ID", help="只统计该联合党组织")

    parser = add_command(disputes, "zero-report", "本联合党组织今日矛盾纠纷零报告（一条命令）",
                         zero_report)
    parser.add_argument("--cluster", metavar="ID", help="联合党组织（默认本机值班室的）")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="报告日期（默认今天）")
    parser.add_argument("--reporter", metavar="ID", help="报告人")

    parser = add_command(disputes, "agreement", "导出人民调解协议书（Word；打印当事人完整姓名）",
                         dispute_agreement)
    parser.add_argument("id", metavar="ID")
    parser.add_argument("--out", metavar="FILE.docx", required=True, help="保存到")

    add_register_document(disputes, "ledger", "导出矛盾纠纷排查调处台账（Word，当事人遮盖）",
                          "矛盾纠纷排查调处台账",
                          "desktop_app.documents.declared_register:export_dispute_ledger",
                          dated="受理日期")

    parser = add_command(disputes, "zero-reports", "列出零报告", zero_reports)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="日期不晚于")
    add_paging(parser, search=False)


def dispute_session(ctx, args) -> None:
    day = parse.date_(args.date, "调解日期") or ctx.services.db.wall.today()
    ctx.services.disputes.add_session(args.id, day, args.mediator, args.notes)
    DISPUTES.show(ctx, args.id, "已记录调解。")


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def dispute_rates(ctx, args) -> None:
    from desktop_app.services.disputes import dispute_rates as rates

    year = parse.integer(args.year, "年度", minimum=2000, maximum=2100)
    found = rates(ctx.services.db, args.by, year=year, cluster_id=args.cluster)
    if ctx.out.json_mode:
        ctx.out.json({"items": [{"key": r.key, "name": r.name, "found": r.found,
                                 "handled": r.handled, "succeeded": r.succeeded,
                                 "handled_rate": r.handled_rate,
                                 "success_rate": r.success_rate} for r in found],
                      "total": len(found)})
        return
    ctx.out.table([{"name": r.name, "found": r.found, "handled": r.handled,
                    "succeeded": r.succeeded, "handled_rate": _percent(r.handled_rate),
                    "success_rate": _percent(r.success_rate)} for r in found], RATE_COLUMNS)


def dispute_agreement(ctx, args) -> None:
    from desktop_app.documents.mediation import export_agreement

    written = export_agreement(ctx.services, args.id, args.out)
    ctx.out.message({"path": str(written)}, f"已导出人民调解协议书：{written}")


def zero_report(ctx, args) -> None:
    cluster_id = cluster_for_new_record(ctx, args.cluster)
    report = ctx.services.zero_reports.report(
        cluster_id, day=parse.date_(args.date, "报告日期"), reporter_id=args.reporter)
    ctx.out.record(ctx.rows(ctx.services.zero_reports, [report])[0], ZERO_FIELDS,
                   heading="已报零报告。")


def zero_reports(ctx, args) -> None:
    query = ctx.query(cluster_id=args.cluster,
                      date_from=parse.date_(args.date_from, "开始日期（--from）"),
                      date_to=parse.date_(args.date_to, "结束日期（--to）"),
                      **parse.paging(args.limit, args.offset))
    page = ctx.services.zero_reports.list(query)
    ctx.out.listing(ctx.rows(ctx.services.zero_reports, page.items), ZERO_COLUMNS, page.total,
                    query.offset)
