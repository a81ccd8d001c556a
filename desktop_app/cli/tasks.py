"""工作任务: ``task add / list / show / update / delete / restore``."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.context import cluster_for_new_record, record_fields
from desktop_app.cli.declared import (
    CLUSTER_DEFAULT,
    add_field_options,
    field_values,
    list_columns,
    show_fields,
)
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import add_command, add_group, add_paging, choices_help
from desktop_app.records.types.tasks import WORK_TASK
from desktop_app.records.vocabulary import TASK_STATUSES

TASK_FIELDS = show_fields(WORK_TASK, ("overdue", "已逾期"), ("deleted", "已删除"))
TASK_COLUMNS = list_columns(WORK_TASK, Column("overdue", "逾期"))
PROGRESS_COLUMNS = [Column("noted_at", "时间"), Column("percent", "完成%"), Column("text", "进展")]
STATUS_HELP = choices_help(WORK_TASK.field("status").choices or {})
DEFAULTS = {**CLUSTER_DEFAULT, "found_on": "今天"}


def register(commands) -> None:
    tasks = add_group(commands, "task", "工作任务（逐村认领）")
    parser = add_command(tasks, "add", "新增任务", task_add)
    add_field_options(parser, WORK_TASK, creating=True, defaults=DEFAULTS)

    parser = add_command(tasks, "list", "列出任务", task_list)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--village", metavar="ID", help="该村认领的任务")
    parser.add_argument("--status", metavar="STATUS", help=STATUS_HELP)
    parser.add_argument("--assignee", metavar="ID", help="该责任人的任务")
    parser.add_argument("--agenda", metavar="ID", help="来自该议题的任务")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="截止日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="截止日期不晚于")
    parser.add_argument("--overdue", action="store_true", help="只列出已逾期未办结的任务")
    parser.add_argument("--open", action="store_true", help="只列出未办结（待办理、办理中）的任务")
    parser.add_argument("--deleted", action="store_true", help="只列出已删除的任务")
    add_paging(parser)

    parser = add_command(tasks, "show", "查看任务、认领村与进展", task_show)
    parser.add_argument("id", metavar="ID")

    parser = add_command(tasks, "update", "修改任务，或记录一条进展", task_update)
    parser.add_argument("id", metavar="ID")
    add_field_options(parser, WORK_TASK, creating=False)
    parser.add_argument("--progress", metavar="TEXT", help="记录一条进展")
    parser.add_argument("--percent", metavar="N",
                        help="进展的完成比例 0～100（与 --progress 同用）")

    parser = add_command(tasks, "delete", "删除任务（可恢复）", task_delete)
    parser.add_argument("id", metavar="ID")
    parser = add_command(tasks, "restore", "恢复已删除的任务", task_restore)
    parser.add_argument("id", metavar="ID")


def task_rows(ctx, tasks) -> list[dict]:
    return ctx.rows(ctx.services.tasks, tasks)


def show_task(ctx, task_id: str, heading: str | None = None) -> None:
    task = ctx.services.tasks.get(task_id, include_deleted=True)
    data = task_rows(ctx, [task])[0]
    data["cluster"] = ctx.cluster_name(task.cluster_id)
    data["village_ids"] = ctx.services.tasks.village_ids(task.id)
    data["agenda_title"] = (ctx.services.agenda.get(task.agenda_item_id, include_deleted=True).title
                            if task.agenda_item_id else None)
    data["progress"] = [record_fields(p) for p in ctx.services.tasks.progress(task.id)]
    ctx.out.record(data, TASK_FIELDS, [Section("进展", "progress", PROGRESS_COLUMNS)],
                   heading=heading)


def task_add(ctx, args) -> None:
    values = field_values(args, WORK_TASK)
    values["cluster_id"] = cluster_for_new_record(ctx, values.get("cluster_id"))
    task = ctx.services.tasks.create(**values)
    show_task(ctx, task.id, "已新增任务。")


def task_update(ctx, args) -> None:
    values = field_values(args, WORK_TASK)
    if args.percent is not None and args.progress is None:
        args.parser.error("--percent 须与 --progress 一起使用")
    if not values and args.progress is None:
        args.parser.error("请至少给出一项要修改的内容，或用 --progress 记录进展")
    percent = parse.integer(args.percent, "完成比例", minimum=0, maximum=100)
    if args.progress is not None and not args.progress.strip():
        raise parse.BadValue("进展内容不能为空")
    if values:
        ctx.services.tasks.update(args.id, **values)
    if args.progress is not None:
        ctx.services.tasks.add_progress(args.id, args.progress, percent=percent)
    show_task(ctx, args.id, "已记录进展。" if not values else "已修改任务。")


def task_list(ctx, args) -> None:
    extra = {"assignee_id": args.assignee, "agenda_item_id": args.agenda, "open_only": args.open}
    query = ctx.query(
        cluster_id=args.cluster, village_id=args.village,
        status=parse.choice(args.status, TASK_STATUSES, "任务状态"),
        date_from=parse.date_(args.date_from, "开始日期（--from）"),
        date_to=parse.date_(args.date_to, "结束日期（--to）"),
        overdue=args.overdue, text=args.search, only_deleted=args.deleted, extra=extra,
        **parse.paging(args.limit, args.offset),
    )
    page = ctx.services.tasks.list(query)
    ctx.out.listing(task_rows(ctx, page.items), TASK_COLUMNS, page.total, query.offset)


def task_delete(ctx, args) -> None:
    task = ctx.services.tasks.delete(args.id)
    ctx.out.message(task_rows(ctx, [task])[0],
                    f"已删除任务“{task.title}”（{task.id}）。可用 task restore {task.id} 恢复。")


def task_restore(ctx, args) -> None:
    task = ctx.services.tasks.restore(args.id)
    ctx.out.message(task_rows(ctx, [task])[0], f"已恢复任务“{task.title}”（{task.id}）。")


def task_show(ctx, args) -> None:
    show_task(ctx, args.id)
