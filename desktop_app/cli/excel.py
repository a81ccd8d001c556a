"""Excel in and out for every declared list (docs/excel.md):
``export xlsx KIND [filters…] --out FILE`` and
``import xlsx KIND FILE [--sheet NAME] [--map 列=字段 …] [--dry-run]``."""

from __future__ import annotations

from pathlib import Path

from desktop_app.cli import parse
from desktop_app.cli.parser import add_command, add_group
from desktop_app.records.errors import UserError

KIND_HELP = ("记录种类：person（人员）、village（村庄）、task（工作任务）、agenda（议题）、"
             "meeting（会议）、activity（志愿服务活动）等，也可写中文名称或表名")


def register_export(exports) -> None:
    """``export xlsx`` (called by ``cli/export.py`` for its group)."""
    parser = add_command(exports, "xlsx", "把任一列表导出为 Excel（.xlsx），筛选条件与列表相同",
                         export_xlsx)
    parser.add_argument("kind", metavar="KIND", help=KIND_HELP)
    parser.add_argument("--cluster", metavar="ID", help="联合党组织")
    parser.add_argument("--village", metavar="ID", help="村庄")
    parser.add_argument("--status", metavar="STATUS", help="状态（中文或代码）")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="日期不晚于")
    parser.add_argument("--search", metavar="TEXT", help="只导出检索到的记录")
    parser.add_argument("--overdue", action="store_true", help="只导出逾期的")
    parser.add_argument("--deleted", action="store_true", help="只导出已删除的")
    parser.add_argument("--whole", action="store_true",
                        help="身份证号、电话等个人信息完整导出（默认遮盖；完整导出请妥善保管文件）")
    parser.add_argument("--out", required=True, metavar="FILE.xlsx", help="保存为（.xlsx）")


def register(commands) -> None:
    imports = add_group(commands, "import", "从 Excel、WPS 或 CSV 表格导入记录")
    parser = add_command(imports, "xlsx",
                         "从表格（.xlsx、.xls、.ods、.csv）导入记录：全部无误才写入", import_xlsx)
    parser.add_argument("kind", metavar="KIND", help=KIND_HELP)
    parser.add_argument("file", metavar="FILE", help="表格文件")
    parser.add_argument("--sheet", metavar="NAME", help="工作表名称（默认：第一个）")
    parser.add_argument("--map", dest="overrides", action="append", default=[],
                        metavar="列=字段", help="指定某列对应的字段，如 手机=联系电话；"
                        "列也可写列号 C；字段留空表示不导入该列。可重复")
    parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")
    parser.add_argument("--good-rows-only", action="store_true",
                        help="有问题的行不导入，其余照常导入（默认：有一行有问题就都不导入）")
    parser.add_argument("--create-villages", action="store_true",
                        help="表中写到但本机没有的村庄，按所属联合党组织新建")
    parser.add_argument("--problems", metavar="FILE.xlsx",
                        help="把有问题的行连同“问题”一列保存为 Excel，改正后可重新导入")


def export_xlsx(ctx, args) -> None:
    from desktop_app.excel import export_xlsx as write
    from desktop_app.excel.kinds import resolve_kind

    kind = resolve_kind(args.kind)
    out = Path(args.out)
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"--out 应为 .xlsx 文件：{out}")
    service = ctx.services.by_kind(kind)
    query = ctx.query(
        cluster_id=args.cluster, village_id=args.village,
        status=_status(service, args.status),
        date_from=parse.date_(args.date_from, "开始日期（--from）"),
        date_to=parse.date_(args.date_to, "结束日期（--to）"),
        overdue=args.overdue, text=args.search, only_deleted=args.deleted, limit=None)
    count = write(ctx.services, kind, query, out, whole=args.whole)
    note = "（个人信息完整导出，请妥善保管）" if args.whole else ""
    ctx.out.message({"kind": kind, "path": str(out.resolve()), "rows": count},
                    f"已导出{service.label} {count} 条：{out}{note}")


def _status(service, text: str | None):
    if text is None:
        return None
    spec = service.record_type.get(service.status_column or "")
    if spec is None or not spec.choices:
        raise UserError(f"{service.label}没有状态可筛选")
    return parse.choice(text, spec.choices, spec.label)


def import_xlsx(ctx, args) -> int:
    from desktop_app.excel import ImportOptions, import_sheet, save_problems
    from desktop_app.excel.kinds import resolve_kind

    kind = resolve_kind(args.kind)
    options = ImportOptions(sheet=args.sheet, overrides=tuple(args.overrides),
                            dry_run=args.dry_run, good_rows_only=args.good_rows_only,
                            create_villages=args.create_villages)
    report = import_sheet(ctx.services, kind, Path(args.file), options)
    if args.problems and report.refused:
        save_problems(report, Path(args.problems))
    data = {"kind": kind, "sheet": report.sheet, "header_row": report.header_row,
            "read": report.read, "imported": report.imported, "written": report.written,
            "created_villages": report.created_villages, "notes": report.notes,
            "problems": [{"row": p.row, "field": p.field, "message": p.message}
                         for p in report.problems]}
    lines = [f"工作表“{report.sheet}”：{report.summary}"]
    lines += [f"说明：{note}" for note in report.notes]
    if report.created_villages:
        lines.append(f"新建村庄：{'、'.join(report.created_villages)}")
    lines += [f"第 {p.row} 行" + (f"【{p.field}】" if p.field else "") + f"：{p.message}"
              for p in report.problems]
    if args.problems and report.refused:
        lines.append(f"有问题的行已保存到：{args.problems}（改正“问题”一列所说的内容后重新导入）")
    ctx.out.message(data, "\n".join(lines))
    return 1 if report.refused and not args.good_rows_only else 0
