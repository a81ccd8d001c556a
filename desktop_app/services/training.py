"""培训: sessions, who signed in and their hours, and hours per person per year."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, exists, func, select
from sqlmodel import Session, col

from db.models import Person, TalentProfile, TrainingAttendee, TrainingSession
from desktop_app.records.errors import ValidationError
from desktop_app.services.base import RecordService, require_record
from desktop_app.services.members import live_members, set_members
from desktop_app.services.talent import talent_names


class TrainingService(RecordService[TrainingSession]):
    model = TrainingSession
    status_column = None
    date_column = "held_on"
    order_by = ("-held_on", "title")

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        teacher = require_record(session, TalentProfile, values.get("teacher_talent_id"),
                                 "teacher_talent_id", "主讲人才")
        if teacher is not None:
            values.setdefault("teacher_kind", "talent")
        length = values.get("hours", existing.hours if existing else 0) or 0
        attendees = values.get("attendees")
        if attendees is None and existing is not None and "hours" in values:
            attendees = {a.person_id: a.hours for a in
                         live_members(session, TrainingAttendee, "training_id", existing.id)}
        for person_id, hours in (attendees or {}).items():
            person = require_record(session, Person, person_id, "attendees", "参训人员")
            if hours is None or hours < 0:
                raise ValidationError("attendees", f"{person.name}的学时不能为负数")
            if hours > length + 1e-9:
                raise ValidationError("attendees", f"{person.name}的学时（{hours:g}）超过培训"
                                                   f"学时（{length:g}）")

    def write_children(self, session: Session, record: TrainingSession,
                       children: dict[str, Any]) -> None:
        if children.get("attendees") is not None:
            set_members(session, TrainingAttendee, "training_id", record.id, "person_id",
                        {person: {"hours": float(hours)}
                         for person, hours in children["attendees"].items()})

    def attendees(self, training_id: str) -> dict[str, float]:
        """``person id -> hours`` of who signed in."""
        with self.db.session() as session:
            return {a.person_id: a.hours
                    for a in live_members(session, TrainingAttendee, "training_id", training_id)}

    def describe(self, session: Session,
                 records: list[TrainingSession]) -> dict[str, dict[str, Any]]:
        rows = super().describe(session, records)
        ids = [t.id for t in records]
        counts = dict(session.execute(
            select(col(TrainingAttendee.training_id), func.count())
            .where(col(TrainingAttendee.training_id).in_(ids),
                   col(TrainingAttendee.deleted).is_(False))
            .group_by(col(TrainingAttendee.training_id))).all())
        teachers = talent_names(session, (t.teacher_talent_id for t in records))
        for training in records:
            rows[training.id].update(attendee_count=counts.get(training.id, 0),
                                     teacher_talent_name=teachers.get(training.teacher_talent_id,
                                                                      ""))
        return rows

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        if extra.get("teacher_talent_id"):
            stmt = stmt.where(col(TrainingSession.teacher_talent_id)
                              == extra["teacher_talent_id"])
        if extra.get("person_id"):
            stmt = stmt.where(exists(select(col(TrainingAttendee.id)).where(
                col(TrainingAttendee.training_id) == TrainingSession.id,
                col(TrainingAttendee.person_id) == extra["person_id"],
                col(TrainingAttendee.deleted).is_(False))))
        return stmt

    def hours_by_person(self, year: int, cluster_id: str | None = None
                        ) -> list[dict[str, Any]]:
        """Each person's trainings and hours in ``year``, most hours first."""
        stmt = (select(col(Person.id), col(Person.name), func.count(),
                       func.sum(TrainingAttendee.hours))
                .join(TrainingAttendee, col(TrainingAttendee.person_id) == col(Person.id))
                .join(TrainingSession,
                      col(TrainingSession.id) == col(TrainingAttendee.training_id))
                .where(col(TrainingAttendee.deleted).is_(False),
                       col(TrainingSession.deleted).is_(False),
                       col(TrainingSession.held_on) >= date(year, 1, 1),
                       col(TrainingSession.held_on) <= date(year, 12, 31))
                .group_by(col(Person.id), col(Person.name))
                .order_by(func.sum(TrainingAttendee.hours).desc(), col(Person.name)))
        if cluster_id:
            stmt = stmt.where(col(TrainingSession.cluster_id) == cluster_id)
        with self.db.session() as session:
            return [{"person_id": pid, "name": name, "sessions": count,
                     "hours": round(hours or 0, 1)}
                    for pid, name, count, hours in session.execute(stmt)]
