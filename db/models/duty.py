"""轮值 / 值班: duty shifts at a central village office."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field

from db.models.base import SyncedRecord


class DutyShift(SyncedRecord, table=True):
    __tablename__ = "duty_shift"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    office_village_id: str | None = Field(default=None, foreign_key="village.id")
    start: datetime = Field(index=True, sa_type=DateTime)
    end: datetime | None = Field(default=None, sa_type=DateTime)
    log: str = ""  # 值班记录: what happened on the shift
    handover_note: str = ""  # 交接班事项 for the next officer


class ShiftOfficer(SyncedRecord, table=True):
    """An officer on a shift (set member)."""

    __tablename__ = "shift_officer"
    shift_id: str = Field(foreign_key="duty_shift.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
