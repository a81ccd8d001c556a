"""轮值排班: the duty pool, the rota pattern, holidays, rota turns, swaps and leave."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from db.models.base import SyncedRecord


class DutyPoolMember(SyncedRecord, table=True):
    """A person who takes turns at the cluster's office (轮值人员), with their village."""

    __tablename__ = "duty_pool_member"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    village_id: str | None = Field(default=None, foreign_key="village.id")
    role: str = "village_committee"  # 包村干部 / 党建指导员 / 两委干部
    note: str = ""


class RotaPattern(SyncedRecord, table=True):
    """How a cluster's office is staffed (排班规则): one per cluster."""

    __tablename__ = "rota_pattern"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    weekdays: str = "12345"  # ISO weekdays staffed, 1 = Monday
    officers_per_day: int = 2
    required_role: str | None = None  # a role one of the day's officers must have
    note: str = ""


class Holiday(SyncedRecord, table=True):
    """A 法定节假日 or a 调休 working day; no cluster: the whole town's (written by the town)."""

    __tablename__ = "holiday"
    cluster_id: str | None = Field(default=None, foreign_key="cluster.id", index=True)
    day: date = Field(index=True)
    kind: str = "holiday"  # holiday (放假) / workday (调休上班)
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write


class RotaTurn(SyncedRecord, table=True):
    """One officer's turn on one day (值班安排)."""

    __tablename__ = "rota_turn"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    day: date = Field(index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    on_holiday: bool = False  # said so: a turn on a holiday
    swapped_from_id: str | None = Field(default=None, foreign_key="person.id")
    note: str = ""


class RotaSwap(SyncedRecord, table=True):
    """调班 (two turns exchanged) or 替班 (one turn taken over), agreed by both."""

    __tablename__ = "rota_swap"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    kind: str = "substitute"  # substitute (替班) / exchange (调班)
    from_person_id: str = Field(foreign_key="person.id")
    to_person_id: str = Field(foreign_key="person.id")
    day: date = Field(index=True)
    other_day: date | None = None  # 调班: the day of the other person's turn
    reason: str = ""
    from_agreed: bool = False
    to_agreed: bool = False


class DutyLeave(SyncedRecord, table=True):
    """请假: a person excused from their turns between two days."""

    __tablename__ = "duty_leave"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    start_on: date = Field(index=True)
    end_on: date
    reason: str = ""
