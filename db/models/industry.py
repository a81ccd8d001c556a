"""产业联营: aid projects with their funds and village shares, cooperatives with the town's
liaison visits, and 共富工坊 workshops with their monthly figures. Money is in whole 元."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from db.models.base import SyncedRecord


class AidProject(SyncedRecord, table=True):
    """产业项目: villages pool aid money into one project."""

    __tablename__ = "aid_project"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    kind: str = ""  # 设施农业 / 种养殖 / 加工 / 农旅 ... (an editable word)
    status: str = Field(default="planned", index=True)
    start_on: date | None = Field(default=None, index=True)
    end_on: date | None = None
    benefit: str = ""  # 联农带农机制
    jobs: int = 0
    coops_served: int = 0
    village_income: int = 0  # 村集体年增收, 元 per village per year
    leader_id: str | None = Field(default=None, foreign_key="person.id")


class ProjectFund(SyncedRecord, table=True):
    """Money of one source put into a project (set member by source)."""

    __tablename__ = "project_fund"
    project_id: str = Field(foreign_key="aid_project.id", index=True)
    source: str
    amount: int  # 元


class ProjectShare(SyncedRecord, table=True):
    """A village's part of a project's pooled money (set member by village)."""

    __tablename__ = "project_share"
    project_id: str = Field(foreign_key="aid_project.id", index=True)
    village_id: str = Field(foreign_key="village.id", index=True)
    amount: int  # 元


class ProjectProgress(SyncedRecord, table=True):
    """A progress note on a project."""

    __tablename__ = "project_progress"
    project_id: str = Field(foreign_key="aid_project.id", index=True)
    noted_on: date
    text: str


class Cooperative(SyncedRecord, table=True):
    """农民专业合作社, looked after by a town cadre."""

    __tablename__ = "cooperative"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    village_id: str = Field(foreign_key="village.id", index=True)
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    kind: str = ""  # 种植 / 养殖 / 农机 ...
    members: int = 0
    founded_on: date | None = None
    credit_code: str = ""  # 统一社会信用代码, 18 characters
    standing: str = Field(default="fair", index=True)  # sound / fair / shell
    cadre_id: str | None = Field(default=None, foreign_key="person.id", index=True)
    brands: str = ""


class CoopVisit(SyncedRecord, table=True):
    """A town cadre's liaison visit to a cooperative: the checklist and the measures."""

    __tablename__ = "coop_visit"
    cooperative_id: str = Field(foreign_key="cooperative.id", index=True)
    visited_on: date
    visitor_id: str | None = Field(default=None, foreign_key="person.id")
    checklist: str = ""
    measures: str = ""


class Workshop(SyncedRecord, table=True):
    """共富工坊."""

    __tablename__ = "workshop"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    village_id: str = Field(foreign_key="village.id", index=True)
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    kind: str = ""  # 来料加工 / 定向招工 / 电商直播 / 农旅融合 / 品牌带动 / 产业赋能
    opened_on: date | None = None
    floor_area: int = 0  # m²
    fixed_jobs: int = 0
    seasonal_jobs: int = 0
    outside_workers: int = 0  # 周边村
    groups_helped: str = ""  # 脱贫户、残疾人、妇女 … (sensitive)
    monthly_pay: int = 0  # 人均月增收, 元
    yearly_income: int = 0  # 村集体年增收, 元


class WorkshopMonth(SyncedRecord, table=True):
    """A workshop's figures of one month (set member by month, ``YYYY-MM``)."""

    __tablename__ = "workshop_month"
    workshop_id: str = Field(foreign_key="workshop.id", index=True)
    month: str
    employed: int = 0
    pay: int = 0  # 人均月收入, 元
    income: int = 0  # 村集体当月收入, 元
