"""全镇概况: each joint Party organisation's figures for the town PC, as plain data.

One row per cluster: open and overdue tasks, agenda items waiting for their next step,
volunteer hours this quarter, this month's 值班覆盖率 (the rota's staffed days with enough
officers), when its office's last sync file was read here and how many days ago, and the
conflicts on its records. The task and item counts use the same queries as
the lists (``ListQuery``), so a cluster's dashboard shows the same numbers. Built off the GUI
thread; ``lianjian-cli report town`` prints the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlmodel import col

from db.models import ActivityParticipant, VolunteerActivity
from desktop_app.reports.tiles import days_since, sync_level
from desktop_app.services import ListQuery, Services
from desktop_app.services.rota_reports import month_coverage


@dataclass(frozen=True)
class ClusterFigures:
    cluster_id: str
    name: str
    office: str  # the name of its approved office PC(s), "" when none is enrolled
    open_tasks: int
    overdue_tasks: int
    waiting_items: int
    hours_this_quarter: float
    last_file_at: datetime | None  # the office's last sync file read at this PC
    days_since_file: int | None  # None: never
    conflicts: int
    level: str  # "good", "amber" or "red": late offices stand out
    red_flag: str = ""  # the quarter whose 流动红旗 it holds now (擂台比武), else ""
    duty_coverage: float | None = None  # this month's 值班覆盖率 (0..1); None: no staffed day

    def reminder(self) -> str:
        """One line to read out on the phone to a late office."""
        if self.days_since_file is None:
            late = "镇里还没有收到过你们的同步文件"
        else:
            late = f"镇里已有 {self.days_since_file} 天没有收到你们的同步文件"
        return (f"{self.name}：{late}，请尽快用 U 盘导出同步文件送到镇里"
                f"（目前未办结任务 {self.open_tasks} 项，其中逾期 {self.overdue_tasks} 项）。")


def quarter_start(today: date) -> date:
    return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)


def hours_by_cluster(services: Services, since: date, until: date) -> dict[str, float]:
    stmt = (
        select(col(VolunteerActivity.cluster_id), func.sum(ActivityParticipant.hours))
        .join(VolunteerActivity, col(VolunteerActivity.id) == ActivityParticipant.activity_id)
        .where(col(ActivityParticipant.deleted).is_(False),
               col(VolunteerActivity.deleted).is_(False),
               col(VolunteerActivity.held_on) >= since, col(VolunteerActivity.held_on) <= until)
        .group_by(col(VolunteerActivity.cluster_id))
    )
    with services.db.session() as session:
        return {cluster: float(hours or 0) for cluster, hours in session.execute(stmt)}


def conflicts_by_cluster(services: Services) -> dict[str | None, int]:
    """Open conflicts by the cluster of their record (None: a record of no cluster)."""
    from desktop_app.sync.conflicts import MODELS

    result: dict[str | None, int] = {}
    conflicts = services.sync.conflicts()
    with services.db.session() as session:
        for conflict in conflicts:
            record = session.get(MODELS[conflict.tbl], conflict.row_id)
            cluster = getattr(record, "cluster_id", None)
            result[cluster] = result.get(cluster, 0) + 1
    return result


def town_overview(services: Services, *, warn_days: int = 7,
                  today: date | None = None) -> list[ClusterFigures]:
    today = today or services.db.wall.today()  # a date confirmed by hand counts
    hours = hours_by_cluster(services, quarter_start(today), today)
    coverage = month_coverage(services.db, today.year, today.month)
    conflicts = conflicts_by_cluster(services)
    offices: dict[str, list] = {}
    for peer in services.sync.peers():
        if peer.status == "approved" and peer.cluster_id:
            offices.setdefault(peer.cluster_id, []).append(peer)
    history = services.assessment.flag_history()
    latest = history[-1].quarter if history else ""
    holders = {change.holder for change in history if change.quarter == latest}
    rows = []

    def count(service, cluster_id: str, **query) -> int:
        return len(service.ids(ListQuery(cluster_id=cluster_id, limit=None, **query)))

    for cluster in services.clusters.list(ListQuery(limit=None)).items:
        peers = offices.get(cluster.id, [])
        received = [p.last_received_at for p in peers if p.last_received_at]
        last = max(received) if received else None
        days = days_since(last, today)
        rows.append(ClusterFigures(
            cluster_id=cluster.id,
            name=cluster.name,
            office="、".join(p.name for p in peers),
            open_tasks=count(services.tasks, cluster.id, extra={"open_only": True}),
            overdue_tasks=count(services.tasks, cluster.id, overdue=True),
            waiting_items=count(services.agenda, cluster.id, extra={"unfinished": True}),
            hours_this_quarter=round(hours.get(cluster.id, 0.0), 1),
            last_file_at=last,
            days_since_file=days,
            conflicts=conflicts.get(cluster.id, 0),
            level=sync_level(days, warn_days),
            red_flag=latest if cluster.id in holders else "",
            duty_coverage=coverage.get(cluster.id),
        ))
    return rows
