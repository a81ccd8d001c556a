"""志愿服务: ``team add / list`` and ``activity add / list / show``."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.context import cluster_for_new_record, record_fields
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import add_command, add_group, add_paging

ACTIVITY_FIELDS = [("id", "ID"), ("cluster", "联合党组织"), ("title", "活动名称"),
                   ("held_on", "日期"), ("time", "时间"), ("team", "志愿服务队"), ("place", "地点"),
                   ("content", "服务内容"), ("people_served", "服务人数"),
                   ("participants", "参与人数"), ("hours", "总时长（小时）")]
ACTIVITY_COLUMNS = [Column("id", "ID"), Column("held_on", "日期"), Column("time", "时间"),
                    Column("title", "活动名称", 24), Column("team", "服务队", 16),
                    Column("place", "地点", 16), Column("participants", "参与人数"),
                    Column("hours", "总时长"), Column("people_served", "服务人数")]
PARTICIPANT_COLUMNS = [Column("name", "姓名"), Column("hours", "时长（小时）")]
TEAM_COLUMNS = [Column("id", "ID"), Column("name", "名称"), Column("kind", "类别"),
                Column("cluster", "联合党组织"), Column("leader", "队长")]


def register(commands) -> None:
    teams = add_group(commands, "team", "志愿服务队")
    parser = add_command(teams, "add", "新增志愿服务队", team_add)
    parser.add_argument("--cluster", metavar="ID", help="联合党组织（默认：当前值班的联合党组织）")
    parser.add_argument("--name", required=True, metavar="NAME")
    parser.add_argument("--kind", metavar="CATEGORY", help="例如 党员、老兵、巾帼、青年")
    parser.add_argument("--leader", metavar="ID", help="队长")
    parser = add_command(teams, "list", "列出志愿服务队", team_list)
    parser.add_argument("--cluster", metavar="ID")

    activities = add_group(commands, "activity", "志愿服务活动")
    parser = add_command(activities, "add", "记录志愿服务活动及参与人员时长", activity_add)
    parser.add_argument("--cluster", metavar="ID", help="联合党组织（默认：当前值班的联合党组织）")
    parser.add_argument("--title", required=True, metavar="NAME")
    parser.add_argument("--date", required=True, metavar="DATE", help="活动日期 YYYY-MM-DD")
    parser.add_argument("--start", required=True, metavar="HH:MM", help="开始时间")
    parser.add_argument("--end", required=True, metavar="HH:MM", help="结束时间")
    parser.add_argument("--team", metavar="ID", help="志愿服务队")
    parser.add_argument("--place", metavar="PLACE")
    parser.add_argument("--content", metavar="TEXT", help="服务内容")
    parser.add_argument("--served", metavar="N", help="服务人数")
    parser.add_argument("--participant", action="append", metavar="PERSON_ID:HOURS",
                        help="参与人员及实际服务小时数（不含路途），可多次给出；省略小时数则按活动时长")

    parser = add_command(activities, "list", "列出志愿服务活动", activity_list)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--team", metavar="ID")
    parser.add_argument("--person", metavar="ID", help="该人员参加的活动")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="活动日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="活动日期不晚于")
    add_paging(parser)

    parser = add_command(activities, "show", "查看活动及参与人员", activity_show)
    parser.add_argument("id", metavar="ID")


# --- teams -----------------------------------------------------------------------------


def team_row(ctx, team) -> dict:
    return {**record_fields(team), "cluster": ctx.cluster_name(team.cluster_id),
            "leader": ctx.person_name(team.leader_id)}


def team_add(ctx, args) -> None:
    team = ctx.services.teams.create(cluster_id=cluster_for_new_record(ctx, args.cluster),
                                     name=args.name, kind=args.kind or "", leader_id=args.leader)
    ctx.out.record(team_row(ctx, team), [(c.key, c.header) for c in TEAM_COLUMNS],
                   heading="已新增志愿服务队。")


def team_list(ctx, args) -> None:
    page = ctx.services.teams.list(ctx.query(cluster_id=args.cluster, limit=None))
    ctx.out.listing([team_row(ctx, t) for t in page.items], TEAM_COLUMNS, page.total)


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

    start = parse.time_(args.start, "开始时间")
    end = parse.time_(args.end, "结束时间")
    participants: dict[str, float] = {}
    for value in args.participant or []:
        person_id, hours = parse.pair(value, "参与人员", "PERSON_ID:HOURS，例如 <人员ID>:2.5")
        participants[person_id] = (parse.hours(hours, f"{person_id} 的服务时长")
                                   if hours is not None else max(activity_hours(start, end), 0))
    activity = ctx.services.activities.create(
        cluster_id=cluster_for_new_record(ctx, args.cluster), title=args.title,
        held_on=parse.date_(args.date, "活动日期"), start_time=start, end_time=end,
        team_id=args.team, place=args.place or "", content=args.content or "",
        people_served=parse.integer(args.served, "服务人数") or 0,
        participants=participants,
    )
    show_activity(ctx, activity.id, "已记录志愿服务活动。")


def activity_list(ctx, args) -> None:
    query = ctx.query(
        cluster_id=args.cluster,
        date_from=parse.date_(args.date_from, "开始日期（--from）"),
        date_to=parse.date_(args.date_to, "结束日期（--to）"),
        text=args.search, extra={"team_id": args.team, "person_id": args.person},
        **parse.paging(args.limit, args.offset),
    )
    page = ctx.services.activities.list(query)
    ctx.out.listing(activity_rows(ctx, page.items), ACTIVITY_COLUMNS, page.total, query.offset)


def activity_show(ctx, args) -> None:
    show_activity(ctx, args.id)
