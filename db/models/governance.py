"""治理联抓: grids and micro-grids, household visits (民情日志), disputes (矛盾纠纷) with their
mediation sessions and zero reports, and the one-stop service counter (便民服务代办)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from db.models.base import SyncedRecord


class Grid(SyncedRecord, table=True):
    """网格: one village's grid, led by its 网格长 with a 网格员."""

    __tablename__ = "grid"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    village_id: str = Field(foreign_key="village.id", index=True)
    code: str = Field(index=True)  # 网格编码, at most 20 characters
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    head_id: str | None = Field(default=None, foreign_key="person.id")  # 网格长
    worker_id: str | None = Field(default=None, foreign_key="person.id")  # 网格员


class MicroGrid(SyncedRecord, table=True):
    """微网格: part of a grid, led by a committee member of its cluster or village."""

    __tablename__ = "micro_grid"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    village_id: str = Field(foreign_key="village.id", index=True)
    grid_id: str = Field(foreign_key="grid.id", index=True)
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    leader_id: str | None = Field(default=None, foreign_key="person.id", index=True)
    households: int = 0
    key_households: int = 0  # 困难户、空巢老人、流动人员等: visited monthly
    party_household: str = ""  # 党员中心户 (户主姓名)


class GridVisit(SyncedRecord, table=True):
    """入户走访 / 民情日志: one visit or patrol of a micro-grid."""

    __tablename__ = "grid_visit"
    __table_args__ = (
        Index("ix_grid_visit_micro_grid_day", "micro_grid_id", "visited_on"),
        # The list's order (newest first) with what its ids query reads: 30,000 visits are
        # one scan of this index.
        Index("ix_grid_visit_list_order", "visited_on", "id", "deleted", "kind"),
    )
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    village_id: str = Field(foreign_key="village.id", index=True)
    micro_grid_id: str = Field(foreign_key="micro_grid.id")
    visited_on: date
    visitor_id: str | None = Field(default=None, foreign_key="person.id")
    kind: str = "visit"
    households: int = 0
    heard: str = ""  # 民情民意
    problems: str = ""  # 发现的问题
    task_id: str | None = Field(default=None, foreign_key="work_task.id")


class Dispute(SyncedRecord, table=True):
    """矛盾纠纷: registered, mediated (sessions of its own), closed with an outcome."""

    __tablename__ = "dispute"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    village_id: str = Field(foreign_key="village.id", index=True)
    micro_grid_id: str | None = Field(default=None, foreign_key="micro_grid.id")
    registered_on: date = Field(index=True)
    source: str = "applied"
    category: str
    parties: str = ""  # sensitive
    summary: str = ""
    risk: str = "yellow"
    mediators: str = ""
    status: str = Field(default="open", index=True)
    outcome: str | None = None
    transferred_to: str = ""
    agreement: str = ""
    agreement_on: date | None = None
    closed_on: date | None = None
    followup_on: date | None = None
    followup_result: str = ""


class MediationSession(SyncedRecord, table=True):
    """调解记录: one mediation session of a dispute."""

    __tablename__ = "mediation_session"
    dispute_id: str = Field(foreign_key="dispute.id", index=True)
    held_on: date
    mediator: str = ""
    notes: str = ""


class DisputeZeroReport(SyncedRecord, table=True):
    """零报告: a cluster's "no new dispute" for a day."""

    __tablename__ = "dispute_zero_report"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    reported_on: date = Field(index=True)
    reporter_id: str | None = Field(default=None, foreign_key="person.id")
    note: str = ""


class ServiceItem(SyncedRecord, table=True):
    """便民服务事项: the town's catalogue (no cluster: the town's to keep)."""

    __tablename__ = "service_item"
    department: str
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    kind: str = "agency"
    time_limit_days: int = 5  # 办结时限, working days
    materials: str = ""
    sensitive: bool = False  # reveals 低保, disability or health status: masked in lists
    active: bool = True


class ServiceRequest(SyncedRecord, table=True):
    """代办登记: one person's request at the counter, with its status and rating."""

    __tablename__ = "service_request"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    village_id: str = Field(foreign_key="village.id", index=True)
    applicant: str
    phone: str = ""  # sensitive
    item_id: str = Field(foreign_key="service_item.id", index=True)
    received_on: date = Field(index=True)
    agent_id: str | None = Field(default=None, foreign_key="person.id")
    status: str = Field(default="accepted", index=True)
    return_reason: str = ""
    due_on: date | None = None  # received + the item's limit in working days
    done_on: date | None = None
    result: str = ""
    rating: int | None = None  # 1 非常不满意 … 5 非常满意
    fix_due_on: date | None = None  # a rating ≤ 2: fixed within 15 working days
    fix_note: str = ""
