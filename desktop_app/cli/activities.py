"""志愿服务: ``team add / list`` and ``activity add / list / show``."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.context import cluster_for_new_record
from desktop_app.cli.declared import (
    CLUSTER_DEFAULT,
    add_field_options,
    field_values,
    list_columns,
    show_fields,
)
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import add_command, add_group, add_paging
from desktop_app.records.types.volunteers import (
    ACTIVITY_KINDS,
    VOLUNTEER_ACTIVITY,
    VOLUNTEER_TEAM,
)

ACTIVITY_FIELDS = show_fields(VOLUNTEER_ACTIVITY, ("participants", "参与人数"),
                              ("hours", "总时长（小时）"))
ACTIVITY_COLUMNS = list_columns(VOLUNTEER_ACTIVITY)
PARTICIPANT_COLUMNS = [Column("name", "姓名"), Column("hours", "时长（小时）")]
TEAM_FIELDS = show_fields(VOLUNTEER_TEAM)
TEAM_COLUMNS = list_columns(VOLUNTEER_TEAM)


def register(commands) -> None:
    teams = add_group(commands, "team", "志愿服务队")
    parser = add_command(teams, "add", "新增志愿服务队", team_add)
    add_field_options(parser, VOLUNTEER_TEAM, creating=True, defaults=CLUSTER_DEFAULT)
    parser = add_command(teams, "list", "列出志愿服务队", team_list)
    parser.add_argument("--cluster", metavar="ID")

    activities = add_group(commands, "activity", "志愿服务活动")
    parser = add_command(activities, "add", "记录志愿服务活动及参与人员时长", activity_add)
    add_field_options(parser, VOLUNTEER_ACTIVITY, creating=True, defaults=CLUSTER_DEFAULT)
    parser.add_argument("--participant", action="append", metavar="PERSON_ID:HOURS",
                        help="参与人员及实际服务小时数（不含路途），可多次给出；省略小时数则按活动时长")

    parser = add_command(activities, "list", "列出志愿服务活动", activity_list)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--team", metavar="ID")
    parser.add_argument("--kind", metavar="KIND",
                        help="活动类别：regular（志愿服务）或 fair（为民服务大集）")
    parser.add_argument("--person", metavar="ID", help="该人员参加的活动")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="活动日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="活动日期不晚于")
    add_paging(parser)

    parser = add_command(activities, "show", "查看活动及参与人员", activity_show)
    parser.add_argument("id", metavar="ID")


# --- teams -----------------------------------------------------------------------------


def team_add(ctx, args) -> None:
    values = field_values(args, VOLUNTEER_TEAM)
    values["cluster_id"] = cluster_for_new_record(ctx, values.get("cluster_id"))
    team = ctx.services.teams.create(**values)
    ctx.out.record(ctx.rows(ctx.services.teams, [team])[0], TEAM_FIELDS,
                   heading="已新增志愿服务队。")


def team_list(ctx, args) -> None:
    page = ctx.services.teams.list(ctx.query(cluster_id=args.cluster, limit=None))
    ctx.out.listing(ctx.rows(ctx.services.teams, page.items), TEAM_COLUMNS, page.total)


# --- activities ------------------------------------------------------------------------


def activity_rows(ctx, activities) -> list[dict]:
    rows = ctx.rows(ctx.services.activities, activities)
    for row in rows:
        row["time"] = f"{row['start_time']:%H:%M}～{row['end_time']:%H:%M}"
    return rows


def show_activity(ctx, activity_id: str, heading: str | None = None) -> None:
    activity = ctx.services.activities.get(activity_id)
    data = activity_rows(ctx, [activity])[0]
    data["cluster"] = ctx.cluster_name(activity.cluster_id)
    data["participant_hours"] = [
        {"person_id": p.person_id, "name": ctx.person_name(p.person_id), "hours": p.hours}
        for p in ctx.services.activities.participants(activity.id)
    ]
    ctx.out.record(data, ACTIVITY_FIELDS,
                   [Section("参与人员", "participant_hours", PARTICIPANT_COLUMNS)], heading=heading)


def activity_add(ctx, args) -> None:
    from desktop_app.services.volunteers import activity_hours

    values = field_values(args, VOLUNTEER_ACTIVITY)
    values["cluster_id"] = cluster_for_new_record(ctx, values.get("cluster_id"))
    length = max(activity_hours(values["start_time"], values["end_time"]), 0)
    participants: dict[str, float] = {}
    for value in args.participant or []:
        person_id, hours = parse.pair(value, "参与人员", "PERSON_ID:HOURS，例如 <人员ID>:2.5")
        participants[person_id] = (parse.hours(hours, f"{person_id} 的服务时长")
                                   if hours is not None else length)
    activity = ctx.services.activities.create(**values, participants=participants)
    show_activity(ctx, activity.id, "已记录志愿服务活动。")


def activity_list(ctx, args) -> None:
    query = ctx.query(
        cluster_id=args.cluster,
        date_from=parse.date_(args.date_from, "开始日期（--from）"),
        date_to=parse.date_(args.date_to, "结束日期（--to）"),
        text=args.search, extra={"team_id": args.team, "person_id": args.person,
               "kind": parse.choice(args.kind, ACTIVITY_KINDS, "活动类别（--kind）")},
        **parse.paging(args.limit, args.offset),
    )
    page = ctx.services.activities.list(query)
    ctx.out.listing(activity_rows(ctx, page.items), ACTIVITY_COLUMNS, page.total, query.offset)


def activity_show(ctx, args) -> None:
    show_activity(ctx, args.id)
