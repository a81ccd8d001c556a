"""会议: ``meeting add / list / show / decision-to-task``."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.context import cluster_for_new_record
from desktop_app.cli.declared import (
    CLUSTER_DEFAULT,
    add_field_options,
    add_row_options,
    field_values,
    list_columns,
    row_values,
    show_fields,
)
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import add_command, add_group, add_paging, choices_help
from desktop_app.cli.tasks import show_task
from desktop_app.records.types.meetings import MEETING, MEETING_DECISION
from desktop_app.records.vocabulary import ATTENDANCE, MEETING_OUTCOMES

MEETING_FIELDS = show_fields(MEETING, ("present_names", "出席"), ("non_voting_names", "列席"),
                             ("absent_names", "缺席"))
MEETING_COLUMNS = list_columns(MEETING)
ITEM_COLUMNS = [Column("agenda_item_id", "议题 ID"), Column("title", "议题", 30),
                Column("outcome_label", "议定结果"), Column("votes_for", "赞成"),
                Column("votes_against", "反对"), Column("votes_abstain", "弃权")]
DECISION_COLUMNS = [Column("id", "决定 ID"), Column("text", "会议决定", 40),
                    Column("owner", "责任人"), Column("deadline", "期限")]
OUTCOMES_HELP = choices_help(MEETING_OUTCOMES)


def register(commands) -> None:
    meetings = add_group(commands, "meeting", "会议记录")
    parser = add_command(meetings, "add", "记录一次会议：参会、议题及议定结果、会议决定",
                         meeting_add)
    add_field_options(parser, MEETING, creating=True, defaults=CLUSTER_DEFAULT)
    parser.add_argument("--present", action="append", metavar="ID", help="出席人员，可多次给出")
    parser.add_argument("--non-voting", action="append", metavar="ID", help="列席人员，可多次给出")
    parser.add_argument("--absent", action="append", metavar="ID:REASON",
                        help="缺席人员及原因，可多次给出")
    parser.add_argument("--item", action="append", metavar="AGENDA_ID:OUTCOME",
                        help="议题及议定结果（标识或中文）：" + OUTCOMES_HELP)
    add_row_options(parser, MEETING_DECISION, lead="decision", lead_field="text",
                    dest="decisions",
                    help="会议决定，可多次给出；其后的 --decision-owner、--decision-deadline "
                         "为这一项的责任人和截止日期")

    parser = add_command(meetings, "list", "列出会议", meeting_list)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="会议日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="会议日期不晚于")
    add_paging(parser)

    parser = add_command(meetings, "show", "查看会议记录", meeting_show)
    parser.add_argument("id", metavar="ID")

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


def meeting_add(ctx, args) -> None:
    decisions = row_values(args.decisions, MEETING_DECISION)
    values = field_values(args, MEETING)
    values["cluster_id"] = cluster_for_new_record(ctx, values.get("cluster_id"))
    meeting = ctx.services.meetings.create(**values, attendees=_attendees(args),
                                           agenda=_agenda(args), decisions=decisions)
    show_meeting(ctx, meeting.id, "已记录会议。")


def show_meeting(ctx, meeting_id: str, heading: str | None = None) -> None:
    services = ctx.services
    meeting = services.meetings.get(meeting_id)
    data = ctx.rows(services.meetings, [meeting])[0]
    data["cluster"] = ctx.cluster_name(meeting.cluster_id)
    attendees = [{"person_id": a.person_id, "name": ctx.person_name(a.person_id),
                  "attendance": a.attendance, "reason": a.reason}
                 for a in services.meetings.attendees(meeting.id)]
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
        for row in services.meetings.agenda(meeting.id)
    ]
    data["decisions"] = [
        {"id": d.id, "text": d.text, "owner_id": d.owner_id, "owner": ctx.person_name(d.owner_id),
         "deadline": d.deadline, "agenda_item_id": d.agenda_item_id}
        for d in services.meetings.decisions(meeting.id)
    ]
    ctx.out.record(data, MEETING_FIELDS, [Section("议题", "agenda", ITEM_COLUMNS),
                                          Section("会议决定", "decisions", DECISION_COLUMNS)],
                   heading=heading)


def meeting_list(ctx, args) -> None:
    query = ctx.query(
        cluster_id=args.cluster,
        date_from=parse.date_(args.date_from, "开始日期（--from）"),
        date_to=parse.date_(args.date_to, "结束日期（--to）"),
        text=args.search, **parse.paging(args.limit, args.offset),
    )
    page = ctx.services.meetings.list(query)
    ctx.out.listing(ctx.rows(ctx.services.meetings, page.items), MEETING_COLUMNS, page.total,
                    query.offset)


def meeting_show(ctx, args) -> None:
    show_meeting(ctx, args.id)


def decision_to_task(ctx, args) -> None:
    task = ctx.services.meetings.decision_to_task(
        args.decision_id, village_ids=parse.items(args.village), title=args.title,
        due_on=parse.date_(args.due, "截止日期"),
    )
    show_task(ctx, task.id, "已由会议决定生成任务。")
