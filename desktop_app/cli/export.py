"""Word documents: ``export minutes / summary / register / ledger / duty-log / certificate /
certificate-copy / sign-in … --out FILE.docx``.

python-docx is imported only when a document is written, so ``--help`` stays fast.
``--substitute-fonts`` writes the font replacements of 设置 (仿宋_GB2312 → 仿宋 …) for a PC
that lacks the standard's fonts; without it the documents ask for the standard's fonts.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.cli import excel, parse
from desktop_app.cli.parser import add_command, add_group, choices_help
from desktop_app.records.errors import UserError
from desktop_app.records.vocabulary import TASK_STATUSES


def register(commands) -> None:
    exports = add_group(commands, "export",
                        "导出 Word 文书（会议记录、纪要、登记表、台账、值班日志、证明、签到表）")

    parser = add_command(exports, "minutes", "导出会议记录（完整记录，含讨论、表决与签字栏）",
                         export_minutes)
    parser.add_argument("meeting_id", metavar="MEETING_ID")
    _output_options(parser)

    parser = add_command(exports, "summary",
                         "导出会议纪要（议定事项、责任人与时限，出席／请假／列席）",
                         export_summary)
    parser.add_argument("meeting_id", metavar="MEETING_ID")
    _output_options(parser)

    parser = add_command(exports, "register", "导出议题的“四议两公开”登记表", export_register)
    parser.add_argument("agenda_id", metavar="AGENDA_ID")
    _output_options(parser)

    parser = add_command(exports, "ledger", "导出工作任务台账（横向表格）", export_ledger)
    parser.add_argument("--cluster", metavar="ID", help="联合党组织（默认：全部）")
    parser.add_argument("--village", metavar="ID", help="该村认领的任务")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="截止日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="截止日期不晚于")
    parser.add_argument("--status", metavar="STATUS", help=choices_help(TASK_STATUSES))
    _output_options(parser)

    parser = add_command(exports, "duty-log", "导出一段时间的值班日志（含交接班事项）",
                         export_duty_log)
    parser.add_argument("--cluster", metavar="ID", help="联合党组织（默认：全部）")
    parser.add_argument("--from", dest="date_from", required=True, metavar="DATE",
                        help="开始日期 YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", required=True, metavar="DATE",
                        help="结束日期 YYYY-MM-DD")
    _output_options(parser)

    parser = add_command(exports, "certificate",
                         "出具志愿服务时长证明（按年度顺序编号并登记，编号不重复使用）",
                         export_certificate)
    parser.add_argument("person_id", metavar="PERSON_ID")
    parser.add_argument("--from", dest="date_from", required=True, metavar="DATE",
                        help="服务期间开始日期 YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", required=True, metavar="DATE",
                        help="服务期间结束日期 YYYY-MM-DD")
    parser.add_argument("--issuer", metavar="NAME",
                        help="出具单位（默认：本机服务的联合党组织或本镇）")
    parser.add_argument("--responsible", metavar="NAME", help="负责人")
    parser.add_argument("--clerk", metavar="NAME", help="经办人（默认：当前值班人员）")
    parser.add_argument("--contact", metavar="PHONE", help="联系电话")
    _output_options(parser)

    parser = add_command(exports, "certificate-copy",
                         "补打已出具的志愿服务时长证明（同一编号，注明补打）",
                         export_certificate_copy)
    parser.add_argument("certificate", metavar="CERTIFICATE",
                        help="证明的 ID 或编号（见 certificate list）")
    _output_options(parser)

    parser = add_command(exports, "sign-in", "导出志愿服务活动签到表", export_sign_in)
    parser.add_argument("activity_id", metavar="ACTIVITY_ID")
    _output_options(parser)
    excel.register_export(exports)

    parser = add_command(exports, "assessment",
                         "导出季度擂台比武情况通报（给出 --cluster 则导出该联合党组织的得分卡）",
                         export_assessment)
    parser.add_argument("--quarter", required=True, metavar="QUARTER", help="季度，例如 2026Q4")
    parser.add_argument("--cluster", metavar="ID", help="联合党组织（ID 或名称）：导出其得分卡")
    _output_options(parser)

    parser = add_command(exports, "score-sheet",
                         "导出空白擂台比武评分表（每位评委一份，打印后手填；--out 为 .xlsx 则导出"
                         " Excel 表，填好后可用 assess import-scores 导入）", export_score_sheet)
    parser.add_argument("--quarter", required=True, metavar="QUARTER", help="季度，例如 2026Q4")
    parser.add_argument("--judge", default="", metavar="NAME", help="评委（印在表头；省略则留空）")
    _output_options(parser, "FILE.docx|FILE.xlsx")


def _output_options(parser, out: str = "FILE.docx") -> None:
    parser.add_argument("--out", required=True, metavar=out,
                        help="保存为（" + "、".join(Path(o).suffix for o in out.split("|")) + "）")
    parser.add_argument("--substitute-fonts", action="store_true",
                        help="按“设置”中的字体替换表改用本机已有字体（如 仿宋_GB2312 → 仿宋）")


def _options(args):
    from desktop_app.documents import Options

    if not args.substitute_fonts:
        return Options()
    from desktop_app.config.settings import Settings

    return Options(substitutes=dict(Settings.load().font_substitutes))


def _period(args):
    date_from = parse.date_(args.date_from, "开始日期（--from）")
    date_to = parse.date_(args.date_to, "结束日期（--to）")
    if date_from and date_to and date_from > date_to:
        raise UserError(f"开始日期（{date_from}）不能晚于结束日期（{date_to}）")
    return date_from, date_to


def _written(ctx, kind: str, path: Path, data: dict | None = None,
             labels: dict[str, str] | None = None) -> None:
    """``已导出会议记录：PATH`` (plus labelled lines), or JSON with the path."""
    result = {"kind": kind, "path": str(Path(path).resolve()), **(data or {})}
    lines = [f"已导出{kind}：{path}"] + [f"{k}：{v}" for k, v in (labels or {}).items()]
    ctx.out.message(result, "\n".join(lines))


def export_assessment(ctx, args) -> None:
    from desktop_app.documents.assessment import export_card, export_notice

    if args.cluster:
        path = export_card(ctx.services, args.quarter, args.cluster, args.out, _options(args))
        _written(ctx, "擂台比武得分卡", path)
    else:
        path = export_notice(ctx.services, args.quarter, args.out, _options(args))
        _written(ctx, "擂台比武情况通报", path)


def export_score_sheet(ctx, args) -> None:
    if Path(args.out).suffix.lower() == ".xlsx":
        from desktop_app.excel.score_sheet import export_score_sheet as export_xlsx

        _written(ctx, "擂台比武评分表（Excel）",
                 export_xlsx(ctx.services, args.quarter, args.out, args.judge))
        return
    from desktop_app.documents.assessment import export_sheet

    path = export_sheet(ctx.services, args.quarter, args.out, args.judge, _options(args))
    _written(ctx, "擂台比武评分表", path)


def export_minutes(ctx, args) -> None:
    from desktop_app import documents

    path = documents.export_minutes(ctx.services, args.meeting_id, args.out, _options(args))
    _written(ctx, "会议记录", path)


def export_summary(ctx, args) -> None:
    from desktop_app import documents

    path = documents.export_summary(ctx.services, args.meeting_id, args.out, _options(args))
    _written(ctx, "会议纪要", path)


def export_register(ctx, args) -> None:
    from desktop_app import documents

    path = documents.export_register(ctx.services, args.agenda_id, args.out, _options(args))
    _written(ctx, "四议两公开登记表", path)


def export_ledger(ctx, args) -> None:
    from desktop_app import documents

    date_from, date_to = _period(args)
    chosen = documents.LedgerFilter(
        cluster_id=args.cluster, village_id=args.village, date_from=date_from, date_to=date_to,
        status=parse.choice(args.status, TASK_STATUSES, "任务状态"))
    path = documents.export_ledger(ctx.services, args.out, chosen, _options(args))
    _written(ctx, "工作任务台账", path)


def export_duty_log(ctx, args) -> None:
    from desktop_app import documents

    date_from, date_to = _period(args)
    path = documents.export_duty_log(ctx.services, args.out, date_from=date_from,
                                     date_to=date_to, cluster_id=args.cluster,
                                     options=_options(args))
    _written(ctx, "值班日志", path)


def export_certificate(ctx, args) -> None:
    from desktop_app import documents

    date_from, date_to = _period(args)
    issuer = documents.Issuer(organisation=args.issuer, responsible=args.responsible or "",
                              clerk=args.clerk, contact=args.contact or "")
    record = documents.issue_certificate(ctx.services, args.person_id, date_from, date_to,
                                         args.out, issuer, _options(args))
    _written(ctx, "志愿服务时长证明", Path(args.out),
             {"number": record.number, "hours": record.hours, "certificate_id": record.id},
             {"编号": record.number, "累计时长": f"{record.hours:g} 小时"})


def export_certificate_copy(ctx, args) -> None:
    from desktop_app import documents

    record = documents.reprint_certificate(ctx.services, args.certificate, args.out,
                                           _options(args))
    _written(ctx, "志愿服务时长证明（补打）", Path(args.out),
             {"number": record.number, "hours": record.hours, "certificate_id": record.id},
             {"编号": record.number, "累计时长": f"{record.hours:g} 小时"})


def export_sign_in(ctx, args) -> None:
    from desktop_app import documents

    path = documents.export_sign_in(ctx.services, args.activity_id, args.out, _options(args))
    _written(ctx, "志愿服务活动签到表", path)
