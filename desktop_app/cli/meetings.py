"""会议: ``meeting`` (add / list / show / update / delete / restore, with attendance, agenda
outcomes and decisions) and ``meeting decision-to-task``."""

from __future__ import annotations

from typing import Any

from desktop_app.cli import parse
from desktop_app.cli.crud import Crud, ListFilter
from desktop_app.cli.declared import add_row_options, row_values
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import ArgumentParser, add_command, choices_help
from desktop_app.cli.tasks import show_task
from desktop_app.records.types.meetings import MEETING, MEETING_DECISION
from desktop_app.records.vocabulary import ATTENDANCE, MEETING_OUTCOMES

ITEM_COLUMNS = [Column("agenda_item_id", "议题 ID"), Column("title", "议题", 30),
                Column("outcome_label", "议定结果"), Column("votes_for", "赞成"),
                Column("votes_against", "反对"), Column("votes_abstain", "弃权")]
DECISION_COLUMNS = [Column("id", "决定 ID"), Column("text", "会议决定", 40),
                    Column("owner", "责任人"), Column("deadline", "期限")]
OUTCOMES_HELP = choices_help(MEETING_OUTCOMES)


class MeetingCrud(Crud):
    """A meeting with its attendance, the agenda items and their outcomes, and decisions."""

    def add_options(self, parser: ArgumentParser, *, creating: bool) -> None:
        replaces = "" if creating else "；给出任一项时替换原有参会名单"
        parser.add_argument("--present", action="append", metavar="ID",
                            help=f"出席人员，可多次给出{replaces}")
        parser.add_argument("--non-voting", action="append", metavar="ID",
                            help=f"列席人员，可多次给出{replaces}")
        parser.add_argument("--absent", action="append", metavar="ID:REASON",
                            help=f"缺席人员及原因，可多次给出{replaces}")
        parser.add_argument("--item", action="append", metavar="AGENDA_ID:OUTCOME",
                            help="议题及议定结果（标识或中文）：" + OUTCOMES_HELP
                            + ("" if creating else "；给出时替换原有议题"))
        add_row_options(parser, MEETING_DECISION, lead="decision", lead_field="text",
                        dest="decisions",
                        help=("会议决定" if creating else "再增加的会议决定")
                        + "，可多次给出；其后的 --decision-owner、--decision-deadline "
                          "为这一项的责任人和截止日期")

    def extra_values(self, ctx, args) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if args.present or args.non_voting or args.absent or not getattr(args, "id", None):
            values["attendees"] = _attendees(args)
        if args.item or not getattr(args, "id", None):
            values["agenda"] = _agenda(args)
        if args.decisions or not getattr(args, "id", None):
            values["decisions"] = row_values(args.decisions, MEETING_DECISION)
        return values

    def details(self, ctx, record) -> tuple[dict[str, Any], list[Section]]:
        return meeting_details(ctx, record.id), [Section("议题", "agenda", ITEM_COLUMNS),
                                                 Section("会议决定", "decisions",
                                                         DECISION_COLUMNS)]


MEETINGS = MeetingCrud(
    "meeting", MEETING, "meetings", own_cluster=True, dated=True, help="会议记录",
    filters=(ListFilter("cluster", "该联合党组织的会议", query="cluster_id"),),
    extra_show=(("present_names", "出席"), ("non_voting_names", "列席"),
                ("absent_names", "缺席")))


def register(commands) -> None:
    meetings = MEETINGS.register(commands)
    parser = add_command(meetings, "decision-to-task", "把一项会议决定转为工作任务",
                         decision_to_task)
    parser.add_argument("decision_id", metavar="DECISION_ID")
    parser.add_argument("--village", action="append", metavar="ID", help="认领的村，可多次给出")
    parser.add_argument("--due", metavar="DATE", help="截止日期 YYYY-MM-DD（默认按决定的期限）")
    parser.add_argument("--title", metavar="TITLE", help="任务标题（默认取决定内容）")


def _attendees(args) -> list[dict]:
    rows: dict[str, dict] = {}

    def add(person_id: str, attendance: str, reason: str = "") -> None:
        earlier = rows.get(person_id)
        if earlier and earlier["attendance"] != attendance:
            before, now = ATTENDANCE[earlier["attendance"]], ATTENDANCE[attendance]
            raise parse.BadValue(f"人员 {person_id} 不能既{before}又{now}")
        rows[person_id] = {"person_id": person_id, "attendance": attendance, "reason": reason}

    for person_id in parse.items(args.present):
        add(person_id, "present")
    for person_id in parse.items(args.non_voting):
        add(person_id, "non_voting")
    for value in args.absent or []:
        person_id, reason = parse.pair(value, "缺席人员", "ID:原因，例如 <人员ID>:因病请假")
        add(person_id, "absent", reason or "")
    return list(rows.values())


def _agenda(args) -> list[dict]:
    rows = []
    for value in args.item or []:
        item_id, outcome = parse.pair(value, "议题", "AGENDA_ID:结果，例如 <议题ID>:同意")
        if outcome is None:
            raise parse.BadValue(
                f"议题“{value}”缺少议定结果：应为 AGENDA_ID:结果，可选：{OUTCOMES_HELP}")
        rows.append({"agenda_item_id": item_id,
                     "outcome": parse.choice(outcome, MEETING_OUTCOMES, "议定结果")})
    return rows


def meeting_details(ctx, meeting_id: str) -> dict[str, Any]:
    """A meeting's attendance (also as names per kind), agenda rows and decisions."""
    services = ctx.services
    data: dict[str, Any] = {}
    attendees = [{"person_id": a.person_id, "name": ctx.person_name(a.person_id),
                  "attendance": a.attendance, "reason": a.reason}
                 for a in services.meetings.attendees(meeting_id)]
    data["attendees"] = attendees
    for kind in ATTENDANCE:
        data[f"{kind}_names"] = [
            f"{a['name']}（{a['reason']}）" if a["reason"] else a["name"]
            for a in attendees if a["attendance"] == kind
        ]
    data["agenda"] = [
        {"agenda_item_id": row.agenda_item_id,
         "title": services.agenda.get(row.agenda_item_id, include_deleted=True).title,
         "outcome": row.outcome, "outcome_label": MEETING_OUTCOMES.get(row.outcome, row.outcome),
         "votes_for": row.votes_for, "votes_against": row.votes_against,
         "votes_abstain": row.votes_abstain, "discussion": row.discussion}
        for row in services.meetings.agenda(meeting_id)
    ]
    data["decisions"] = [
        {"id": d.id, "text": d.text, "owner_id": d.owner_id, "owner": ctx.person_name(d.owner_id),
         "deadline": d.deadline, "agenda_item_id": d.agenda_item_id}
        for d in services.meetings.decisions(meeting_id)
    ]
    return data


def decision_to_task(ctx, args) -> None:
    task = ctx.services.meetings.decision_to_task(
        args.decision_id, village_ids=parse.items(args.village), title=args.title,
        due_on=parse.date_(args.due, "截止日期"),
    )
    show_task(ctx, task.id, "已由会议决定生成任务。")
