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
    head_id: str | None = Field(default=None, foreign_key="person.id")  # 网格长
    worker_id: str | None = Field(default=None, foreign_key="person.id")  # 网格员


class MicroGrid(SyncedRecord, table=True):
    """微网格: part of a grid, led by a committee member of its cluster or village."""

    __tablename__ = "micro_grid"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    village_id: str = Field(foreign_key="village.id", index=True)
    grid_id: str = Field(foreign_key="grid.id", index=True)
    name: str
    leader_id: str | None = Field(default=None, foreign_key="person.id", index=True)
    households: int = 0
    key_households: int = 0  # 困难户、空巢老人、流动人员等: visited monthly
    party_household: str = ""  # 党员中心户 (户主姓名)


class GridVisit(SyncedRecord, table=True):
    """入户走访 / 民情日志: one visit or patrol of a micro-grid."""

    __tablename__ = "grid_visit"
    __table_args__ = (Index("ix_grid_visit_micro_grid_day", "micro_grid_id", "visited_on"),)
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    village_id: str = Field(foreign_key="village.id", index=True)
    micro_grid_id: str = Field(foreign_key="micro_grid.id")
    visited_on: date = Field(index=True)
    visitor_id: str | None = Field(default=None, foreign_key="person.id")
    kind: str = "visit"
    households: int = 0
    heard: str = ""  # 民情民意
    problems: str = ""  # 发现的问题
    task_id: str | None = Field(default=None, foreign_key="work_task.id")
