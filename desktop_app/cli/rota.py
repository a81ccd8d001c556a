"""轮值排班: ``rota generate / show / swap / leave / due / attendance / holidays /
indicators``, and the record groups ``pool``, ``rota-pattern``, ``holiday``, ``rota-turn``,
``swap`` and ``leave`` (add|list|show|update|delete|restore, from the declarations)."""

from __future__ import annotations

import re
from datetime import date

from desktop_app.cli import parse
from desktop_app.cli.crud import Crud, ListFilter
from desktop_app.cli.declared import CLUSTER_DEFAULT, add_field_options
from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command, add_group
from desktop_app.records.types import record_type
from desktop_app.records.types.rota import DUTY_LEAVE, ROTA_SWAP

CLUSTER = ListFilter("cluster", "联合党组织", query="cluster_id")
SWAPS = Crud("swap", ROTA_SWAP, "swaps", filters=(CLUSTER,), dated=True, own_cluster=True)
LEAVE = Crud("leave", DUTY_LEAVE, "leave", filters=(CLUSTER,), dated=True, own_cluster=True)
GROUPS = (Crud("pool", record_type("duty_pool_member"), "pool", filters=(CLUSTER,),
               own_cluster=True),
          Crud("rota-pattern", record_type("rota_pattern"), "patterns", filters=(CLUSTER,),
               own_cluster=True),
          Crud("holiday", record_type("holiday"), "holidays", filters=(CLUSTER,), dated=True),
          Crud("rota-turn", record_type("rota_turn"), "turns", filters=(CLUSTER,), dated=True,
               own_cluster=True),
          SWAPS, LEAVE)

DAY_COLUMNS = [Column("day", "日期"), Column("weekday", "星期"),
               Column("officers_text", "值班人员", 40), Column("remark", "备注", 16)]
DUE_COLUMNS = [Column("cluster", "联合党组织"), Column("person", "值班人员"),
               Column("village", "所在村"), Column("role_label", "身份"),
               Column("status_label", "到岗")]
PERSON_COLUMNS = [Column("person", "姓名"), Column("village", "所在村"), Column("due", "应值班"),
                  Column("present", "到岗"), Column("excused", "请假"), Column("absent", "缺岗"),
                  Column("rate_text", "到岗率")]
VILLAGE_COLUMNS = [Column("cluster", "联合党组织"), Column("village", "村"),
                   Column("due", "应值班"), Column("present", "到岗"), Column("excused", "请假"),
                   Column("absent", "缺岗"), Column("rate_text", "到岗率")]
ABSENCE_COLUMNS = [Column("day", "日期"), Column("cluster", "联合党组织"),
                   Column("person", "缺岗人员"), Column("village", "所在村")]


def month_(value: str | None, label: str) -> tuple[int, int]:
    """``2026-12`` (or ``2026/12``) -> (2026, 12)."""
    match = re.fullmatch(r"\s*(\d{4})[-/.](\d{1,2})\s*", value or "")
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise parse.BadValue(f"{label}“{value}”无效：应为 YYYY-MM 格式的月份，例如 2026-12")
    return int(match.group(1)), int(match.group(2))


def register(commands) -> None:
    for crud in GROUPS:
        crud.register(commands)
    rota = add_group(commands, "rota", "轮值排班：生成、查看、调班、请假、到岗统计")
    parser = add_command(rota, "generate", "按排班规则生成一段时间的值班表（一个月或一个季度）",
                         rota_generate)
    parser.add_argument("--cluster", required=True, metavar="ID")
    parser.add_argument("--from", dest="date_from", required=True, metavar="DATE")
    parser.add_argument("--to", dest="date_to", required=True, metavar="DATE")
    parser.add_argument("--replace", action="store_true", help="覆盖这段时间已有的值班安排")
    parser.add_argument("--allow-missing-role", action="store_true",
                        help="轮值人员中缺少规则要求的身份时仍然生成")
    parser = add_command(rota, "show", "查看一个月的值班表", rota_show)
    parser.add_argument("--cluster", required=True, metavar="ID")
    parser.add_argument("--month", required=True, metavar="YYYY-MM")
    parser = add_command(rota, "print", "导出一个月的值班表（Word，横向）", rota_print)
    parser.add_argument("--cluster", required=True, metavar="ID")
    parser.add_argument("--month", required=True, metavar="YYYY-MM")
    parser.add_argument("--out", required=True, metavar="FILE.docx")
    parser = add_command(rota, "swap", "登记调班或替班（须双方同意）", rota_swap)
    add_field_options(parser, ROTA_SWAP, creating=True, defaults=CLUSTER_DEFAULT)
    parser = add_command(rota, "leave", "登记请假", rota_leave)
    add_field_options(parser, DUTY_LEAVE, creating=True, defaults=CLUSTER_DEFAULT)
    parser = add_command(rota, "due", "查看某天应值班人员及是否到岗", rota_due)
    parser.add_argument("--day", metavar="DATE", help="日期（默认今天）")
    parser.add_argument("--cluster", metavar="ID", help="默认全部联合党组织")
    parser = add_command(rota, "attendance", "到岗统计（按人、按村）", rota_attendance)
    parser.add_argument("--month", required=True, metavar="YYYY-MM")
    parser.add_argument("--cluster", metavar="ID", help="默认全部联合党组织")
    parser.add_argument("--out", metavar="FILE.docx", help="导出到岗统计（Word）")
    parser = add_command(rota, "holidays", "写入国务院公布的全年节假日安排（镇里使用）",
                         rota_holidays)
    parser.add_argument("--year", required=True, metavar="N")
    parser = add_command(rota, "indicators", "值班覆盖率与到岗率（按联合党组织、季度）",
                         rota_indicators)
    parser.add_argument("--year", required=True, metavar="N")
    parser.add_argument("--quarter", required=True, metavar="N", help="1～4")


def _dates(args) -> tuple[date, date]:
    first = parse.date_(args.date_from, "开始日期（--from）")
    last = parse.date_(args.date_to, "结束日期（--to）")
    assert first is not None and last is not None  # required options
    return first, last


def rota_generate(ctx, args) -> None:
    first, last = _dates(args)
    result = ctx.services.turns.generate(args.cluster, first, last, replace=args.replace,
                                         allow_missing_role=args.allow_missing_role)

    def text() -> str:
        lines = [f"已生成值班表：{first} 至 {last}，值班 {result['days']} 天，"
                 f"共 {result['turns']} 人次。"]
        lines += [f"  {name}  {count} 次" for name, count in result["per_person"].items()]
        if result["uncovered"]:
            lines.append("缺少规定身份的值班日：" + "、".join(map(str, result["uncovered"])))
        return "\n".join(lines)

    ctx.out.message(result, text)


def officer_text(officer: dict) -> str:
    text = officer["person"]
    if officer["swapped_from"]:
        text += f"（替{officer['swapped_from']}）"
    if officer["status"] in ("absent", "excused"):
        text += f"[{officer['status_label']}]"
    return text


def rota_show(ctx, args) -> None:
    year, month = month_(args.month, "月份（--month）")
    data = ctx.services.rota.month(args.cluster, year, month)
    if ctx.out.json_mode:
        ctx.out.json(data)
        return
    rows = []
    for day in data["days"]:
        if not day["officers"] and not day["holiday"] and not day["unplanned"]:
            continue
        rows.append({"day": day["day"], "weekday": day["weekday"],
                     "officers_text": "、".join(officer_text(o) for o in day["officers"])
                     or ("（未排班）" if day["unplanned"] else ""),
                     "remark": day["holiday"] or day["workday"]})
    ctx.out.message(None, f"{data['cluster']} {year}年{month}月值班表")
    ctx.out.table(rows, DAY_COLUMNS)


def rota_print(ctx, args) -> None:
    from desktop_app.documents.rota_table import export_rota_month

    year, month = month_(args.month, "月份（--month）")
    path = export_rota_month(ctx.services, args.cluster, year, month, args.out)
    ctx.out.message({"out": str(path)}, f"已导出值班表：{path}")


def rota_swap(ctx, args) -> None:
    row = ctx.rows(ctx.services.swaps, [SWAPS.create(ctx, args)])[0]
    ctx.out.message(row, f"已登记{row['kind_label']}：{row['day']} {row['from_person']} → "
                         f"{row['to_person']}（{row['reason']}）。")


def rota_leave(ctx, args) -> None:
    row = ctx.rows(ctx.services.leave, [LEAVE.create(ctx, args)])[0]
    ctx.out.message(row, f"已登记请假：{row['person']} {row['start_on']} 至 {row['end_on']}"
                         f"（{row['reason']}）。")


def rota_due(ctx, args) -> None:
    day = parse.date_(args.day, "日期（--day）") or ctx.services.rota.today()
    rows = ctx.services.rota.due(day, args.cluster)
    if ctx.out.json_mode:
        ctx.out.json({"day": day, "items": rows})
        return
    ctx.out.message(None, f"{day} 应值班：")
    ctx.out.listing(rows, DUE_COLUMNS, len(rows))


def _rate(row: dict) -> dict:
    rate = row["rate"]
    return {**row, "rate_text": "—" if rate is None else f"{rate:.0%}"}


def rota_attendance(ctx, args) -> None:
    year, month = month_(args.month, "月份（--month）")
    if args.out:
        from desktop_app.documents.rota_table import export_attendance

        path = export_attendance(ctx.services, year, month, args.out, cluster_id=args.cluster)
        ctx.out.message({"out": str(path)}, f"已导出值班到岗统计：{path}")
        return
    data = ctx.services.rota.attendance(year, month, args.cluster)
    if ctx.out.json_mode:
        ctx.out.json(data)
        return
    total = data["total"]
    ctx.out.message(None, f"{year}年{month}月值班到岗：应值班 {total['due']} 人次，到岗 "
                          f"{total['present']}，请假 {total['excused']}，缺岗 {total['absent']}")
    ctx.out.message(None, "\n按人员：")
    ctx.out.table([_rate(r) for r in data["people"]], PERSON_COLUMNS)
    ctx.out.message(None, "\n按村：")
    ctx.out.table([_rate(r) for r in data["villages"]], VILLAGE_COLUMNS)
    if data["absences"]:
        ctx.out.message(None, "\n缺岗：")
        ctx.out.table(data["absences"], ABSENCE_COLUMNS)


def rota_holidays(ctx, args) -> None:
    year = parse.integer(args.year, "年份（--year）", minimum=2000, maximum=2100)
    added = ctx.services.holidays.load_official(year)
    ctx.out.message({"year": year, "added": added},
                    f"已写入{year}年节假日安排 {added} 天（已有的保持不变）。")


def rota_indicators(ctx, args) -> None:
    from desktop_app.services.rota_reports import duty_indicators

    year = parse.integer(args.year, "年份（--year）", minimum=2000, maximum=2100)
    quarter = parse.integer(args.quarter, "季度（--quarter）", minimum=1, maximum=4)
    assert year is not None and quarter is not None
    rows = duty_indicators(ctx.db, year, quarter)
    if ctx.out.json_mode:
        ctx.out.json({"year": year, "quarter": quarter, "items": rows})
        return

    def percent(value: float | None) -> str:
        return "—" if value is None else f"{value:.0%}"

    ctx.out.table([{**r, "coverage_text": percent(r["coverage"]),
                    "attendance_text": percent(r["attendance"])} for r in rows],
                  [Column("cluster", "联合党组织"), Column("coverage_text", "值班覆盖率"),
                   Column("attendance_text", "到岗率")])
