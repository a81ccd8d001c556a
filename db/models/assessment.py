"""擂台比武: the quarter's scheme (groups, indicators, flag settings, 定稿 and its stored
figures), judges' and inspection scores, bonuses, penalties and vetoes (all written by the
town), and the clusters' self-reports (自评)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime
from sqlmodel import Field

from db.models.base import SyncedRecord


class AssessScheme(SyncedRecord, table=True):
    """One quarter's 擂台比武: its scheme version, flag rule and, once finalised, its figures."""

    __tablename__ = "assess_scheme"
    quarter: str = Field(index=True)  # 2026Q4
    title: str
    title_sort: str | None = None  # pinyin sort key, kept on write
    scheme_version: int = 1  # bumped by each edit of groups or indicators
    status: str = "draft"  # draft / final
    flag_count: int = 1
    flag_min_score: float = 90.0
    flag_mode: str = "first"  # first / top
    veto_excludes: bool = True
    red_count: int = 10
    black_count: int = 5
    finalised_by: str = ""
    finalised_at: datetime | None = Field(default=None, sa_type=DateTime)
    results: str = ""  # JSON of the figures as finalised (never recomputed)
    note: str = ""


class AssessGroup(SyncedRecord, table=True):
    """An indicator group (党建引领 ...) and its weight (the groups of a scheme sum to 100)."""

    __tablename__ = "assess_group"
    scheme_id: str = Field(foreign_key="assess_scheme.id", index=True)
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    weight: float
    position: int = 0


class AssessIndicator(SyncedRecord, table=True):
    """An indicator: its source (an automatic one, 评委 or 实地查看), rule and full marks."""

    __tablename__ = "assess_indicator"
    scheme_id: str = Field(foreign_key="assess_scheme.id", index=True)
    group_id: str = Field(foreign_key="assess_group.id", index=True)
    code: str
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    source: str
    rule: str = "direct"
    params: str = ""  # JSON of the rule's parameters
    max_points: float
    position: int = 0


class AssessScore(SyncedRecord, table=True):
    """One judge's (or inspector's) points for one cluster on one indicator."""

    __tablename__ = "assess_score"
    scheme_id: str = Field(foreign_key="assess_scheme.id", index=True)
    indicator_id: str = Field(foreign_key="assess_indicator.id", index=True)
    assessed_id: str = Field(foreign_key="cluster.id", index=True)
    judge: str
    points: float
    note: str = ""


class AssessAdjustment(SyncedRecord, table=True):
    """A bonus, a penalty or a one-vote veto (一票否决), with its reason and evidence."""

    __tablename__ = "assess_adjustment"
    scheme_id: str = Field(foreign_key="assess_scheme.id", index=True)
    assessed_id: str = Field(foreign_key="cluster.id", index=True)
    kind: str  # bonus / penalty / veto
    points: float = 0.0
    reason: str
    reason_sort: str | None = None  # pinyin sort key, kept on write
    evidence: str = ""
    approver: str = ""
    happened_on: date | None = None


class AssessSelfReport(SyncedRecord, table=True):
    """A cluster office's self-report (自评) for a quarter, with its evidence records."""

    __tablename__ = "assess_self_report"
    scheme_id: str = Field(foreign_key="assess_scheme.id", index=True)
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    summary: str
    claimed_points: float | None = None
    evidence: str = ""  # ids of the records it points to, one per line
