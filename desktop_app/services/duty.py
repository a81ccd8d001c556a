"""值班: starting and ending a shift, its log and the handover note."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, exists, select
from sqlmodel import Session, col

from db.models import Cluster, DutyShift, Person, ShiftOfficer
from desktop_app.records.errors import UserError, ValidationError
from desktop_app.services.base import (
    RecordService,
    names_of,
    require_plausible_date,
    require_plausible_dates,
    require_record,
)
from desktop_app.services.describe import members_by_parent
from desktop_app.services.members import live_members, set_members


class DutyService(RecordService[DutyShift]):
    model = DutyShift
    status_column = None
    date_column = "start"
    order_by = ("-start",)

    def current(self) -> DutyShift | None:
        """The open shift on this PC, if any."""
        with self.db.session() as session:
            return session.scalar(self._open_shifts().limit(1))

    def _open_shifts(self) -> Select:
        return (
            select(DutyShift)
            .where(col(DutyShift.end).is_(None), col(DutyShift.deleted).is_(False))
            .where(col(DutyShift.origin) == self.db.node.node_id)
            .order_by(col(DutyShift.start).desc())
        )

    def start(self, cluster_id: str, officer_ids: list[str], *,
              start: datetime | None = None) -> DutyShift:
        """Put the officers on duty at the cluster's central village office."""
        with self.db.transaction() as session:
            if session.scalar(self._open_shifts().limit(1)) is not None:
                raise UserError("已有值班正在进行：请先交班（结束当前值班），再开始新的值班。")
            cluster = require_record(session, Cluster, cluster_id, "cluster_id", "联合党组织")
            self.check_office_scope({"cluster_id": cluster_id})
            if not officer_ids:
                raise ValidationError("officer_ids", "请选择值班人员")
            for person_id in officer_ids:
                person = require_record(session, Person, person_id, "officer_ids", "人员")
                if person.cluster_id not in (None, cluster_id):
                    raise ValidationError("officer_ids", f"{person.name}不属于{cluster.name}")
            require_plausible_date("start", start, "接班时间")
            # The shift is recorded by its own first officer.
            self.db.officer_id = officer_ids[0]
            shift = DutyShift(
                cluster_id=cluster_id,
                office_village_id=cluster.central_village_id,
                start=start or self.db.wall.now(),
            )
            session.add(shift)
            session.flush()
            set_members(session, ShiftOfficer, "shift_id", shift.id, "person_id",
                        {person_id: {} for person_id in officer_ids})
        return shift

    def end(self, handover_note: str = "", *, log: str | None = None,
            end: datetime | None = None) -> DutyShift:
        """Close the open shift with its handover note for the next officer."""
        with self.db.transaction() as session:
            shift = session.scalar(self._open_shifts().limit(1))
            if shift is None:
                raise UserError("当前没有进行中的值班。")
            end = end or self.db.wall.now()
            require_plausible_date("end", end, "交班时间")
            if end < shift.start:
                raise ValidationError("end", "交班时间不能早于接班时间")
            shift.end = end
            shift.handover_note = handover_note.strip()
            if log is not None:
                shift.log = log.strip()
            session.flush()
        self.db.officer_id = None
        return shift

    def delete(self, record_id: str) -> DutyShift:
        """A shift that has not been handed over yet cannot be deleted: its officer is on duty."""
        with self.db.session() as session:
            shift = self._get(session, record_id, include_deleted=True)
            if shift.end is None and not shift.deleted:
                raise UserError("这是正在进行的值班，不能删除：请先交班（结束值班），再删除。")
        return super().delete(record_id)

    def last_handover(self, cluster_id: str) -> DutyShift | None:
        """The most recent ended shift of the cluster that left a handover note."""
        with self.db.session() as session:
            return session.scalar(
                select(DutyShift)
                .where(col(DutyShift.cluster_id) == cluster_id, col(DutyShift.end).is_not(None))
                .where(col(DutyShift.deleted).is_(False), col(DutyShift.handover_note) != "")
                .order_by(col(DutyShift.end).desc())
                .limit(1)
            )

    def officers(self, shift_id: str) -> list[str]:
        with self.db.session() as session:
            return [o.person_id for o in live_members(session, ShiftOfficer, "shift_id", shift_id)]

    def describe(self, session: Session, records: list[DutyShift]) -> dict[str, dict[str, Any]]:
        officers = members_by_parent(session, ShiftOfficer, "shift_id", "person_id",
                                     [s.id for s in records])
        names = names_of(session, Person, [p for ids in officers.values() for p in ids])
        rows = super().describe(session, records)
        for shift in records:
            ids = officers.get(shift.id, [])
            rows[shift.id].update(officer_ids=ids,
                                  officers="、".join(names.get(p, "") for p in ids))
        return rows

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        require_plausible_dates(values, {"start": "接班时间", "end": "交班时间"})
        start = values.get("start", existing.start if existing else None)
        end = values.get("end", existing.end if existing else None)
        if start and end and end < start:
            raise ValidationError("end", "交班时间不能早于接班时间")

    def filter_village(self, stmt: Select, village_id: str) -> Select:
        return stmt.where(col(DutyShift.office_village_id) == village_id)

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        person_id = extra.get("person_id")
        if person_id:
            stmt = stmt.where(
                exists(select(col(ShiftOfficer.id)).where(
                    col(ShiftOfficer.shift_id) == DutyShift.id,
                    ShiftOfficer.person_id == person_id,
                    col(ShiftOfficer.deleted).is_(False),
                ))
            )
        return stmt
