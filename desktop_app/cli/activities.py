"""志愿服务: ``team`` and ``activity`` (add / list / show / update / delete / restore); an
activity's volunteers and their hours with ``--participant PERSON_ID:HOURS``."""

from __future__ import annotations

from typing import Any

from desktop_app.cli import parse
from desktop_app.cli.crud import Crud, ListFilter, choice_filter
from desktop_app.cli.declared import field_values
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import ArgumentParser
from desktop_app.records.types.volunteers import VOLUNTEER_ACTIVITY, VOLUNTEER_TEAM

TEAMS = Crud("team", VOLUNTEER_TEAM, "teams", own_cluster=True, filters=(
    ListFilter("cluster", "该联合党组织的志愿服务队", query="cluster_id"),
))

PARTICIPANT_COLUMNS = [Column("name", "姓名"), Column("hours", "时长（小时）")]


class ActivityCrud(Crud):
    """An activity and its volunteers: each with the hours they served (the activity's
    length when not given)."""

    def add_options(self, parser: ArgumentParser, *, creating: bool) -> None:
        replaces = "" if creating else "（给出时替换原有名单）"
        parser.add_argument(
            "--participant", action="append", metavar="PERSON_ID:HOURS",
            help=f"参与人员及实际服务小时数（不含路途），可多次给出；省略小时数则按活动时长{replaces}")

    def extra_values(self, ctx, args) -> dict[str, Any]:
        if not args.participant:
            return {}
        from desktop_app.services.volunteers import activity_hours

        times = field_values(args, VOLUNTEER_ACTIVITY)
        if getattr(args, "id", None):  # update: the times not given stay the record's
            record = ctx.services.activities.get(args.id)
            times = {"start_time": record.start_time, "end_time": record.end_time, **times}
        length = max(activity_hours(times["start_time"], times["end_time"]), 0)
        participants: dict[str, float] = {}
        for value in args.participant:
            person_id, hours = parse.pair(value, "参与人员", "PERSON_ID:HOURS，例如 <人员ID>:2.5")
            participants[person_id] = (parse.hours(hours, f"{person_id} 的服务时长")
                                       if hours is not None else length)
        return {"participants": participants}

    def details(self, ctx, record):
        values = {"participant_hours": [
            {"person_id": p.person_id, "name": ctx.person_name(p.person_id), "hours": p.hours}
            for p in ctx.services.activities.participants(record.id)
        ]}
        return values, [Section("参与人员", "participant_hours", PARTICIPANT_COLUMNS)]


ACTIVITIES = ActivityCrud("activity", VOLUNTEER_ACTIVITY, "activities", own_cluster=True,
                          dated=True, help="志愿服务活动", filters=(
    ListFilter("cluster", "该联合党组织的活动", query="cluster_id"),
    ListFilter("team", "该志愿服务队的活动", extra="team_id"),
    choice_filter(VOLUNTEER_ACTIVITY, "kind", option="kind", query=None, extra="kind"),
    ListFilter("person", "该人员参加的活动", extra="person_id"),
))


def register(commands) -> None:
    TEAMS.register(commands)
    ACTIVITIES.register(commands)
