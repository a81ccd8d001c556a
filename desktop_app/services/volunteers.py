"""志愿服务: teams, activities and each participant's hours."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, func, select
from sqlmodel import Session, col

from db.models import ActivityParticipant, Person, VolunteerActivity, VolunteerTeam
from desktop_app.records.errors import ValidationError
from desktop_app.services.base import (
    RecordService,
    require_record,
)
from desktop_app.services.members import live_members, set_members


class TeamService(RecordService[VolunteerTeam]):
    model = VolunteerTeam
    status_column = None
    order_by = ("name",)



def activity_hours(start, end) -> float:
    """Length of an activity in hours, from its start and end times."""
    day = datetime(2000, 1, 1)
    return (datetime.combine(day, end) - datetime.combine(day, start)).total_seconds() / 3600


class ActivityService(RecordService[VolunteerActivity]):
    model = VolunteerActivity
    status_column = None
    date_column = "held_on"
    order_by = ("-held_on", "-start_time")
    requires_shift = True

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        team = require_record(session, VolunteerTeam, values.get("team_id"), "team_id",
                              "志愿服务队")
        cluster_id = values.get("cluster_id") or existing.cluster_id
        if team is not None and team.cluster_id != cluster_id:
            raise ValidationError("team_id", f"{team.name}属于其他联合党组织")
        start = values.get("start_time", existing.start_time if existing else None)
        end = values.get("end_time", existing.end_time if existing else None)
        # Both are required: a new activity has them (check_declared), an existing one keeps them.
        assert start is not None and end is not None
        if end <= start:
            raise ValidationError("end_time",
                                  f"结束时间（{end:%H:%M}）应晚于开始时间（{start:%H:%M}）")
        kind = values.get("kind", existing.kind if existing else "regular")
        content = values.get("content", existing.content if existing else "")
        if kind == "fair" and not (content or "").strip():
            raise ValidationError("content", "为民服务大集须在服务内容中写明提供的服务项目")
        participants = values.get("participants")
        if participants is None and existing is not None:
            participants = {p.person_id: p.hours for p in
                            live_members(session, ActivityParticipant, "activity_id", existing.id)}
        length = activity_hours(start, end)
        for person_id, hours in (participants or {}).items():
            person = require_record(session, Person, person_id, "participants", "志愿者")
            if hours is None or hours <= 0:
                raise ValidationError("participants", f"{person.name}的服务时长应大于 0 小时")
            if hours > length + 1e-9:
                raise ValidationError(
                    "participants",
                    f"{person.name}的服务时长（{hours:g} 小时）超过活动时长（{length:g} 小时）")


    def write_children(self, session: Session, record: VolunteerActivity,
                       children: dict[str, Any]) -> None:
        if children.get("participants") is not None:
            set_members(session, ActivityParticipant, "activity_id", record.id, "person_id",
                        {person_id: {"hours": float(hours)}
                         for person_id, hours in children["participants"].items()})

    def participants(self, activity_id: str) -> list[ActivityParticipant]:
        with self.db.session() as session:
            return live_members(session, ActivityParticipant, "activity_id", activity_id)

    def total_hours(self, activity_id: str) -> float:
        with self.db.session() as session:
            return session.scalar(
                select(func.coalesce(func.sum(ActivityParticipant.hours), 0)).where(
                    col(ActivityParticipant.activity_id) == activity_id,
                    col(ActivityParticipant.deleted).is_(False))) or 0.0

    def describe(self, session: Session,
                 records: list[VolunteerActivity]) -> dict[str, dict[str, Any]]:
        ids = [a.id for a in records]
        totals = {
            activity_id: (count, hours)
            for activity_id, count, hours in session.execute(
                select(col(ActivityParticipant.activity_id), func.count(),
                       func.sum(ActivityParticipant.hours))
                .where(col(ActivityParticipant.activity_id).in_(ids),
                       col(ActivityParticipant.deleted).is_(False))
                .group_by(ActivityParticipant.activity_id))
        }
        rows = super().describe(session, records)
        for activity in records:
            count, hours = totals.get(activity.id, (0, 0.0))
            rows[activity.id].update(participants=count, hours=hours or 0.0)
        return rows

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        if extra.get("team_id"):
            stmt = stmt.where(VolunteerActivity.team_id == extra["team_id"])
        if extra.get("kind"):
            stmt = stmt.where(col(VolunteerActivity.kind) == extra["kind"])
        if extra.get("person_id"):
            stmt = stmt.where(exists(select(col(ActivityParticipant.id)).where(
                col(ActivityParticipant.activity_id) == VolunteerActivity.id,
                ActivityParticipant.person_id == extra["person_id"],
                col(ActivityParticipant.deleted).is_(False))))
        return stmt
