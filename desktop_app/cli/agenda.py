"""议题 and its 四议两公开 steps: ``agenda add / list / show / update / step``."""

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
from desktop_app.records import procedure
from desktop_app.records.types.agenda import AGENDA_ITEM, DECISION_STEP
from desktop_app.records.vocabulary import (
    AGENDA_STATUSES,
    DECISION_STEPS,
    STEP_OUTCOMES,
    STEP_SHORT,
    TASK_STATUSES,
)

AGENDA_FIELDS = show_fields(AGENDA_ITEM, ("waiting_for", "下一步"))
AGENDA_COLUMNS = list_columns(AGENDA_ITEM)
STEP_COLUMNS = [Column("step", "步骤"), Column("name", "名称"), Column("held_on", "日期"),
                Column("body", "机构"), Column("form", "形式", 12), Column("due", "应到"),
                Column("present", "实到"), Column("attendance", "到会比例"),
                Column("votes_for", "赞成"), Column("votes_against", "反对"),
                Column("votes_abstain", "弃权"), Column("outcome_label", "结果")]
TASK_COLUMNS = [Column("id", "ID"), Column("title", "任务", 30), Column("status_label", "状态"),
                Column("due_on", "截止日期")]


def register(commands) -> None:
    agenda = add_group(commands, "agenda", "议题（重大事项）与四议两公开")
    parser = add_command(agenda, "add", "新增议题", agenda_add)
    add_field_options(parser, AGENDA_ITEM, creating=True,
                      defaults={**CLUSTER_DEFAULT, "raised_on": "今天"})

    parser = add_command(agenda, "list", "列出议题", agenda_list)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--village", metavar="ID", help="涉及该村的议题")
    parser.add_argument("--status", metavar="STATUS", help=choices_help(AGENDA_STATUSES))
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="提出日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="提出日期不晚于")
    parser.add_argument("--waiting-step", metavar="N", help="只列出等待第 N 步的办理中议题")
    add_paging(parser)

    parser = add_command(agenda, "show", "查看议题及其四议两公开步骤", agenda_show)
    parser.add_argument("id", metavar="ID")

    parser = add_command(agenda, "update", "修改议题", agenda_update)
    parser.add_argument("id", metavar="ID")
    add_field_options(parser, AGENDA_ITEM, creating=False)

    parser = add_command(agenda, "step", "记录四议两公开的一个步骤（1～6），显示是否通过",
                         agenda_step)
    parser.add_argument("id", metavar="ID")
    parser.add_argument("number", metavar="N",
                        help="；".join(f"{k} {v}" for k, v in DECISION_STEPS.items()))
    add_field_options(parser, DECISION_STEP, creating=False, skip=("agenda_item_id", "step"))


def step_label(step: int | None) -> str:
    return "已全部完成" if step is None else f"第{step}步 {STEP_SHORT[step]}"


def agenda_rows(ctx, items) -> list[dict]:
    rows = ctx.rows(ctx.services.agenda, items)
    for row in rows:
        row["waiting_for"] = step_label(row["next_step"]) if row["status"] == "open" else ""
    return rows


def step_row(step) -> dict:
    return {
        **record_fields(step),
        "name": DECISION_STEPS[step.step],
        "attendance": procedure.percent(step.present, step.due) if step.due else None,
        "outcome_label": STEP_OUTCOMES.get(step.outcome, step.outcome),
    }


def show_agenda(ctx, item_id: str, heading: str | None = None) -> None:
    item = ctx.services.agenda.get(item_id)
    data = agenda_rows(ctx, [item])[0]
    data["cluster"] = ctx.cluster_name(item.cluster_id)
    data["village_ids"] = ctx.services.agenda.village_ids(item.id)
    data["steps"] = [step_row(s) for s in ctx.services.agenda.steps(item.id)]
    tasks = ctx.services.tasks.list(ctx.query(limit=None, extra={"agenda_item_id": item.id}))
    data["tasks"] = [{"id": t.id, "title": t.title, "status": t.status, "due_on": t.due_on,
                      "status_label": TASK_STATUSES.get(t.status, t.status)} for t in tasks.items]
    ctx.out.record(data, AGENDA_FIELDS, [Section("四议两公开", "steps", STEP_COLUMNS),
                                         Section("相关任务", "tasks", TASK_COLUMNS)],
                   heading=heading)


def agenda_add(ctx, args) -> None:
    values = field_values(args, AGENDA_ITEM)
    values["cluster_id"] = cluster_for_new_record(ctx, values.get("cluster_id"))
    item = ctx.services.agenda.create(**values)
    show_agenda(ctx, item.id, "已新增议题。")


def agenda_update(ctx, args) -> None:
    values = field_values(args, AGENDA_ITEM)
    if not values:
        args.parser.error("请至少给出一项要修改的内容")
    ctx.services.agenda.update(args.id, **values)
    show_agenda(ctx, args.id, "已修改议题。")


def agenda_list(ctx, args) -> None:
    extra = {}
    if args.waiting_step is not None:
        extra["waiting_step"] = parse.integer(args.waiting_step, "步骤（--waiting-step）",
                                              minimum=1, maximum=6)
    query = ctx.query(
        cluster_id=args.cluster, village_id=args.village,
        status=parse.choice(args.status, AGENDA_STATUSES, "议题状态"),
        date_from=parse.date_(args.date_from, "开始日期（--from）"),
        date_to=parse.date_(args.date_to, "结束日期（--to）"),
        text=args.search, extra=extra, **parse.paging(args.limit, args.offset),
    )
    page = ctx.services.agenda.list(query)
    ctx.out.listing(agenda_rows(ctx, page.items), AGENDA_COLUMNS, page.total,
                    query.offset)


def agenda_step(ctx, args) -> None:
    number = parse.integer(args.number, "步骤", minimum=1, maximum=6)
    values = field_values(args, DECISION_STEP)
    row, verdict = ctx.services.agenda.record_step(args.id, number, **values)
    item = ctx.services.agenda.get(args.id)
    next_step = ctx.services.agenda.next_step(args.id)
    data = {
        "agenda_item_id": item.id,
        "step": step_row(row),
        "passed": verdict.passed,
        "outcome": verdict.outcome,
        "outcome_label": STEP_OUTCOMES[verdict.outcome],
        "quorum_met": verdict.quorum_met,
        "majority_met": verdict.majority_met,
        "problems": list(verdict.problems),
        "agenda_status": item.status,
        "agenda_status_label": AGENDA_STATUSES.get(item.status, item.status),
        "next_step": next_step,
    }
    ctx.out.message(data, lambda: _verdict_text(item, row, verdict, next_step))


def _verdict_text(item, row, verdict, next_step) -> str:
    outcome = STEP_OUTCOMES[verdict.outcome]
    lines = [f"议题：{item.title}",
             f"第{row.step}步 {DECISION_STEPS[row.step]}（{row.body}）：{outcome}"]
    counts = []
    if row.due is not None or row.present is not None:
        ratio = f"（{procedure.percent(row.present, row.due)}）" if row.due else ""
        counts.append(f"应到 {_n(row.due)} 人，实到 {_n(row.present)} 人{ratio}")
    if row.votes_for is not None:
        counts.append(f"赞成 {row.votes_for}，反对 {_n(row.votes_against)}，"
                      f"弃权 {_n(row.votes_abstain)}")
    if counts:
        lines.append("  " + "；".join(counts))
    lines += [f"  - {problem}" for problem in verdict.problems]
    status = AGENDA_STATUSES.get(item.status, item.status)
    lines.append(f"议题状态：{status}；下一步：{step_label(next_step)}")
    return "\n".join(lines)


def _n(value: int | None) -> str:
    return "—" if value is None else str(value)


def agenda_show(ctx, args) -> None:
    show_agenda(ctx, args.id)
