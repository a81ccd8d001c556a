"""产业 and 人才 at a glance (plain data, for the pages' summary lines and the CLI): money by
source, jobs, cooperatives by standing, 共富工坊 jobs and income by month; talents by pool
and where they are, rotations ending within a month, training sessions and hours by month."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from desktop_app.records.money import wan
from desktop_app.services import ListQuery, Services

ENDING_SOON_DAYS = 31


@dataclass(frozen=True)
class IndustrySummary:
    projects: int
    total_yuan: int
    by_source: dict[str, int]  # 元
    jobs: int
    coops: int
    coops_by_standing: dict[str, int]  # label -> count
    workshops: int
    workshop_months: dict[str, dict[str, int]] = field(default_factory=dict)  # month -> sums

    def line(self) -> str:
        sources = "、".join(f"{s} {wan(v):g}" for s, v in
                           sorted(self.by_source.items(), key=lambda kv: -kv[1]))
        standing = "、".join(f"{k} {v}" for k, v in self.coops_by_standing.items())
        return (f"产业项目 {self.projects} 个，总投资 {wan(self.total_yuan):g} 万元"
                f"（{sources or '无'}），带动就业 {self.jobs} 人；合作社 {self.coops} 个"
                f"（{standing or '无'}）；共富工坊 {self.workshops} 个")


@dataclass(frozen=True)
class TalentSummary:
    by_pool: dict[str, int]  # label -> count
    away: int
    ending_soon: int
    trainings: int  # this year
    training_hours: float  # person-hours this year
    hours_by_month: dict[str, float] = field(default_factory=dict)
    # category -> where label (在村 / 在外) -> count
    by_category: dict[str, dict[str, int]] = field(default_factory=dict)

    def line(self) -> str:
        pools = "、".join(f"{k} {v} 人" for k, v in self.by_pool.items())
        return (f"{pools or '人才库暂无'}（在外 {self.away} 人）；一个月内期满的轮岗 "
                f"{self.ending_soon} 个；今年培训 {self.trainings} 场，"
                f"参训合计 {self.training_hours:g} 学时")


def industry_summary(services: Services, cluster_id: str | None = None) -> IndustrySummary:
    query = ListQuery(cluster_id=cluster_id, limit=None)
    projects = services.projects.list(query).items
    rows = services.projects.rows([p.id for p in projects])
    coops = services.coops.list(query).items
    standings = services.coops.rows([c.id for c in coops])
    workshops = services.workshops.list(query).items
    months: dict[str, dict[str, int]] = defaultdict(lambda: {"employed": 0, "income": 0})
    for shop in workshops:
        for month, figures in services.workshops.months(shop.id).items():
            months[month]["employed"] += figures["employed"]
            months[month]["income"] += figures["income"]
    return IndustrySummary(
        projects=len(projects), total_yuan=sum(r["total"] for r in rows.values()),
        by_source=services.projects.funds_by_source(cluster_id),
        jobs=sum(p.jobs for p in projects), coops=len(coops),
        coops_by_standing=dict(Counter(r["standing_label"] for r in standings.values())),
        workshops=len(workshops), workshop_months=dict(sorted(months.items())))


def talent_summary(services: Services, cluster_id: str | None = None,
                   today: date | None = None) -> TalentSummary:
    today = today or date.today()
    talents = services.talents.list(ListQuery(cluster_id=cluster_id, limit=None)).items
    rows = services.talents.rows([t.id for t in talents])
    trainings = services.trainings.list(ListQuery(
        cluster_id=cluster_id, date_from=date(today.year, 1, 1), date_to=today,
        limit=None)).items
    by_category: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows.values():
        by_category[row["category"] or "其他"][row["whereabouts_label"]] += 1
    by_month: dict[str, float] = defaultdict(float)
    total = 0.0
    for training in trainings:
        hours = sum(services.trainings.attendees(training.id).values())
        by_month[f"{training.held_on:%Y-%m}"] += hours
        total += hours
    return TalentSummary(
        by_pool=dict(Counter(r["pool_label"] for r in rows.values())),
        away=sum(1 for t in talents if t.whereabouts == "away"),
        ending_soon=len(services.rotations.ending_soon(ENDING_SOON_DAYS, cluster_id)),
        trainings=len(trainings), training_hours=round(total, 1),
        hours_by_month=dict(sorted(by_month.items())),
        by_category={k: dict(v) for k, v in by_category.items()})
