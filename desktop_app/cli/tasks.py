"""工作任务: ``task add / list / show / update / delete / restore``; ``update --progress``
records a progress note."""

from __future__ import annotations

from typing import Any

from desktop_app.cli import parse
from desktop_app.cli.context import record_fields
from desktop_app.cli.crud import Crud, ListFilter
from desktop_app.cli.declared import field_values
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import choices_help
from desktop_app.records.types.tasks import WORK_TASK
from desktop_app.records.vocabulary import TASK_STATUSES

PROGRESS_COLUMNS = [Column("noted_at", "时间"), Column("percent", "完成%"), Column("text", "进展")]


class TaskCommands(Crud):
    def add_options(self, parser, *, creating: bool) -> None:
        if creating:
            return
        parser.add_argument("--progress", metavar="TEXT", help="记录一条进展")
        parser.add_argument("--percent", metavar="N",
                            help="进展的完成比例 0～100（与 --progress 同用）")

    def update(self, ctx, args) -> None:
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
        self.show(ctx, args.id, "已记录进展。" if not values else "已修改任务。")

    def details(self, ctx, record) -> tuple[dict[str, Any], list[Section]]:
        agenda = (ctx.services.agenda.get(record.agenda_item_id, include_deleted=True).title
                  if record.agenda_item_id else None)
        return ({"cluster": ctx.cluster_name(record.cluster_id),
                 "village_ids": ctx.services.tasks.village_ids(record.id),
                 "agenda_title": agenda,
                 "progress": [record_fields(p) for p in ctx.services.tasks.progress(record.id)]},
                [Section("进展", "progress", PROGRESS_COLUMNS)])


TASKS = TaskCommands(
    "task", WORK_TASK, "tasks", help="工作任务（逐村认领）", own_cluster=True,
    defaults={"found_on": "今天"}, dated=True,
    extra_show=(("overdue", "已逾期"),), list_extras=(Column("overdue", "逾期"),),
    filters=(
        ListFilter("cluster", "该联合党组织的任务", query="cluster_id"),
        ListFilter("village", "该村认领的任务", query="village_id"),
        ListFilter("status", choices_help(TASK_STATUSES), query="status",
                   parse_as=lambda value: parse.choice(value, TASK_STATUSES, "任务状态")),
        ListFilter("assignee", "该责任人的任务", extra="assignee_id"),
        ListFilter("agenda", "来自该议题的任务", extra="agenda_item_id"),
        ListFilter("overdue", "只列出已逾期未办结的任务", query="overdue", flag=True),
        ListFilter("open", "只列出未办结（待办理、办理中）的任务", extra="open_only", flag=True),
    ))


def register(commands) -> None:
    TASKS.register(commands)


def show_task(ctx, task_id: str, heading: str | None = None) -> None:
    TASKS.show(ctx, task_id, heading)
