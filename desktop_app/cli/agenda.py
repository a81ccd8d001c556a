"""议题 and its 四议两公开 steps: ``agenda`` (add / list / show / update / delete / restore)
and ``agenda step``."""

from __future__ import annotations

from typing import Any

from desktop_app.cli import parse
from desktop_app.cli.context import record_fields
from desktop_app.cli.crud import Crud, ListFilter, choice_filter, place_filters
from desktop_app.cli.declared import add_field_options, field_values
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import add_command
from desktop_app.records import procedure
from desktop_app.records.types.agenda import AGENDA_ITEM, DECISION_STEP
from desktop_app.records.vocabulary import (
    AGENDA_STATUSES,
    DECISION_STEPS,
    STEP_OUTCOMES,
    STEP_SHORT,
    TASK_STATUSES,
)

STEP_COLUMNS = [Column("step", "步骤"), Column("name", "名称"), Column("held_on", "日期"),
                Column("body", "机构"), Column("form", "形式", 12), Column("due", "应到"),
                Column("present", "实到"), Column("attendance", "到会比例"),
                Column("votes_for", "赞成"), Column("votes_against", "反对"),
                Column("votes_abstain", "弃权"), Column("outcome_label", "结果")]
TASK_COLUMNS = [Column("id", "ID"), Column("title", "任务", 30), Column("status_label", "状态"),
                Column("due_on", "截止日期")]


class AgendaCrud(Crud):
    """An agenda item with the step it waits for, its 四议两公开 steps and its tasks."""

    def more(self, rows: list[dict]) -> list[dict]:
        for row in rows:
            row["waiting_for"] = step_label(row["next_step"]) if row["status"] == "open" else ""
        return rows

    def details(self, ctx, record) -> tuple[dict[str, Any], list[Section]]:
        tasks = ctx.services.tasks.list(ctx.query(limit=None,
                                                  extra={"agenda_item_id": record.id}))
        values = {
            "village_ids": ctx.services.agenda.village_ids(record.id),
            "steps": [step_row(s) for s in ctx.services.agenda.steps(record.id)],
            "tasks": [{"id": t.id, "title": t.title, "status": t.status, "due_on": t.due_on,
                       "status_label": TASK_STATUSES.get(t.status, t.status)}
                      for t in tasks.items],
        }
        return values, [Section("四议两公开", "steps", STEP_COLUMNS),
                        Section("相关任务", "tasks", TASK_COLUMNS)]


AGENDA = AgendaCrud(
    "agenda", AGENDA_ITEM, "agenda", own_cluster=True, dated=True,
    help="议题（重大事项）与四议两公开", defaults={"raised_on": "今天"},
    extra_show=(("waiting_for", "下一步"),), filters=(
        *place_filters("议题"),
        choice_filter(AGENDA_ITEM, "status"),
        ListFilter("waiting-step", "只列出等待第 N 步的办理中议题", extra="waiting_step",
                   parse_as=lambda value: parse.integer(value, "步骤（--waiting-step）",
                                                        minimum=1, maximum=6)),
    ))


def register(commands) -> None:
    agenda = AGENDA.register(commands)
    parser = add_command(agenda, "step", "记录四议两公开的一个步骤（1～6），显示是否通过",
                         agenda_step)
    parser.add_argument("id", metavar="ID")
    parser.add_argument("number", metavar="N",
                        help="；".join(f"{k} {v}" for k, v in DECISION_STEPS.items()))
    add_field_options(parser, DECISION_STEP, creating=False, skip=("agenda_item_id", "step"))


def step_label(step: int | None) -> str:
    return "已全部完成" if step is None else f"第{step}步 {STEP_SHORT[step]}"


def step_row(step) -> dict:
    return {
        **record_fields(step),
        "name": DECISION_STEPS[step.step],
        "attendance": procedure.percent(step.present, step.due) if step.due else None,
        "outcome_label": STEP_OUTCOMES.get(step.outcome, step.outcome),
    }


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
