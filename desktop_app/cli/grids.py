"""网格、微网格与民情日志: ``grid``, ``microgrid`` and ``visit`` (add / list / show / update /
delete / restore); ``visit overdue`` (or ``microgrid list --overdue``) lists the micro-grids
not visited within their frequency, ``visit task ID`` turns a visit's problems into a task."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.crud import Crud, ListFilter
from desktop_app.cli.declared import list_columns
from desktop_app.cli.parser import add_command, add_paging, choices_help
from desktop_app.records.governance_words import VISIT_KINDS
from desktop_app.records.types.governance import GRID, GRID_VISIT, MICRO_GRID

GRIDS = Crud("grid", GRID, "grids", help="网格（村级）", filters=(
    ListFilter("cluster", "该联合党组织的网格", query="cluster_id"),
    ListFilter("village", "该村的网格", query="village_id"),
))

OVERDUE_HELP = "只列出未按走访频次走访的微网格（有重点户的每月，其余每半年；可在设置文件中修改）"

MICRO_GRIDS = Crud("microgrid", MICRO_GRID, "micro_grids",
                   help="微网格（网格之下，由两委成员包联）", filters=(
    ListFilter("cluster", "该联合党组织的微网格", query="cluster_id"),
    ListFilter("village", "该村的微网格", query="village_id"),
    ListFilter("grid", "该网格的微网格", extra="grid_id"),
    ListFilter("leader", "该微网格长的微网格", extra="leader_id"),
    ListFilter("overdue", OVERDUE_HELP, query="overdue", flag=True),
))

VISITS = Crud("visit", GRID_VISIT, "visits", dated=True,
              help="入户走访、巡查（民情日志）", filters=(
    ListFilter("cluster", "该联合党组织的民情日志", query="cluster_id"),
    ListFilter("village", "该村的民情日志", query="village_id"),
    ListFilter("micro-grid", "该微网格的民情日志", extra="micro_grid_id"),
    ListFilter("visitor", "该走访人的民情日志", extra="visitor_id"),
    ListFilter("kind", f"方式：{choices_help(VISIT_KINDS)}", query="status",
               parse_as=lambda value: parse.choice(value, VISIT_KINDS, "方式")),
), extra_show=(("task_title", "转办任务"),))


def register(commands) -> None:
    GRIDS.register(commands)
    MICRO_GRIDS.register(commands)
    visits = VISITS.register(commands)
    parser = add_command(visits, "task",
                         "把这条民情日志发现的问题转为本村认领的工作任务（来源：网格发现）",
                         visit_task)
    parser.add_argument("id", metavar="ID")
    parser.add_argument("--due", metavar="YYYY-MM-DD", help="任务截止日期（默认 7 天后）")
    parser = add_command(visits, "log", "导出一个微网格的民情日志（Word）", visit_log)
    parser.add_argument("--micro-grid", dest="micro_grid", metavar="ID", required=True)
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="走访日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="走访日期不晚于")
    parser.add_argument("--out", metavar="FILE.docx", required=True, help="保存到")
    parser = add_command(visits, "overdue", "列出未按走访频次走访的微网格", visit_overdue)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--village", metavar="ID")
    add_paging(parser, search=False)


def visit_task(ctx, args) -> None:
    task_id = ctx.services.visits.to_task(args.id, due_on=parse.date_(args.due, "截止日期"))
    from desktop_app.cli.tasks import show_task

    show_task(ctx, task_id, "已转为工作任务（来源：网格发现），由本村认领。")


def visit_log(ctx, args) -> None:
    from desktop_app.documents.declared_register import export_visit_log

    query = ctx.query(date_from=parse.date_(args.date_from, "开始日期（--from）"),
                      date_to=parse.date_(args.date_to, "结束日期（--to）"))
    written = export_visit_log(ctx.services, args.micro_grid, args.out, query)
    ctx.out.message({"path": str(written)}, f"已导出民情日志：{written}")


def visit_overdue(ctx, args) -> None:
    query = ctx.query(cluster_id=args.cluster, village_id=args.village, overdue=True,
                      **parse.paging(args.limit, args.offset))
    page = ctx.services.micro_grids.list(query)
    ctx.out.listing(ctx.rows(ctx.services.micro_grids, page.items), list_columns(MICRO_GRID),
                    page.total, query.offset)
