"""值班: ``duty start``, ``duty end``, ``duty current`` and ``duty list``."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command, add_group, add_paging

SHIFT_FIELDS = [("id", "ID"), ("cluster", "联合党组织"), ("office_village", "值班地点"),
                ("officers", "值班人员"), ("start", "接班时间"), ("end", "交班时间"),
                ("log", "值班记录"), ("handover_note", "交接事项")]
SHIFT_COLUMNS = [Column("id", "ID"), Column("cluster", "联合党组织"),
                 Column("officers", "值班人员", 20), Column("start", "接班时间"),
                 Column("end", "交班时间"), Column("handover_note", "交接事项", 30)]


def register(commands) -> None:
    duty = add_group(commands, "duty", "轮值值班")
    parser = add_command(duty, "start", "开始值班（接班）", duty_start)
    parser.add_argument("--cluster", required=True, metavar="ID", help="值班的联合党组织")
    parser.add_argument("--person", required=True, action="append", metavar="ID",
                        help="值班人员，可多次给出；第一位为记录人")
    parser.add_argument("--at", metavar="DATETIME", help="接班时间“YYYY-MM-DD HH:MM”（默认现在）")
    parser = add_command(duty, "end", "结束值班（交班）", duty_end)
    parser.add_argument("--note", metavar="TEXT", default="", help="交接事项（留给下一班）")
    parser.add_argument("--log", metavar="TEXT", help="值班记录")
    parser.add_argument("--at", metavar="DATETIME", help="交班时间“YYYY-MM-DD HH:MM”（默认现在）")
    add_command(duty, "current", "查看当前值班", duty_current)
    parser = add_command(duty, "list", "列出值班记录", duty_list)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--person", metavar="ID", help="只列出该人员的值班")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="接班日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="接班日期不晚于")
    add_paging(parser)


def shift_rows(ctx, shifts) -> list[dict]:
    rows = ctx.rows(ctx.services.duty, shifts)
    for row in rows:
        row["office_village"] = ctx.village_name(row["office_village_id"])
    return rows


def shift_row(ctx, shift) -> dict:
    return shift_rows(ctx, [shift])[0]


def duty_start(ctx, args) -> None:
    people = parse.items(args.person)
    start = parse.datetime_(args.at, "接班时间")
    shift = ctx.services.duty.start(args.cluster, people, start=start)
    row = shift_row(ctx, shift)
    last = ctx.services.duty.last_handover(args.cluster)
    row["previous_handover_note"] = last.handover_note if last else None
    ctx.out.record(row, SHIFT_FIELDS + [("previous_handover_note", "上一班交接事项")],
                   heading="已开始值班。")


def duty_end(ctx, args) -> None:
    end = parse.datetime_(args.at, "交班时间")
    shift = ctx.services.duty.end(args.note, log=args.log, end=end)
    ctx.out.record(shift_row(ctx, shift), SHIFT_FIELDS, heading="已交班，值班结束。")


def duty_current(ctx, args) -> None:
    shift = ctx.services.duty.current()
    if shift is None:
        ctx.out.message(None, "当前无人值班。")
        return
    ctx.out.record(shift_row(ctx, shift), SHIFT_FIELDS, heading="当前值班：")


def duty_list(ctx, args) -> None:
    query = ctx.query(
        cluster_id=args.cluster,
        date_from=parse.date_(args.date_from, "开始日期（--from）"),
        date_to=parse.date_(args.date_to, "结束日期（--to）"),
        text=args.search, extra={"person_id": args.person},
        **parse.paging(args.limit, args.offset),
    )
    page = ctx.services.duty.list(query)
    ctx.out.listing(shift_rows(ctx, page.items), SHIFT_COLUMNS, page.total,
                    query.offset)
