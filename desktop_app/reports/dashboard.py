"""What the 工作台 shows, gathered in one call as plain data (safe to build off the GUI thread)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from desktop_app.records.money import wan
from desktop_app.reports.industry import (
    IndustrySummary,
    TalentSummary,
    industry_summary,
    talent_summary,
)
from desktop_app.reports.stats import DashboardFigures, dashboard_figures
from desktop_app.reports.tiles import INDUSTRY, TALENT, Tile, build_tiles
from desktop_app.services import ListQuery, Services

LIST_LENGTH = 12


@dataclass(frozen=True)
class Dashboard:
    cluster_name: str
    officers: str  # "" when nobody is on shift
    shift_start: str
    handover_note: str  # left by the previous shift
    due_tasks: list[dict[str, Any]]  # due today or overdue, open
    overdue_count: int
    waiting_items: list[dict[str, Any]]  # unfinished agenda items and the step they wait for
    recent_activities: list[dict[str, Any]]
    figures: DashboardFigures
    tiles: list[Tile]
    due_today: list[dict[str, Any]]  # the rota's officers for today, signed in or not
    industry: IndustrySummary  # the 产业 and 人才 charts and cards
    talent: TalentSummary


def build_dashboard(services: Services, cluster_id: str | None,
                    today: date | None = None, *, warn_days: int = 7) -> Dashboard:
    today = today or services.db.wall.today()  # a date confirmed by hand counts
    cluster_name = services.clusters.get(cluster_id).name if cluster_id else "全镇"
    shift = services.duty.current()
    officers, shift_start = "", ""
    if shift is not None:
        officers = services.duty.rows([shift.id])[shift.id]["officers"]
        shift_start = f"{shift.start:%Y-%m-%d %H:%M}"
    handover = services.duty.last_handover(cluster_id) if cluster_id else None

    due = ListQuery(cluster_id=cluster_id, date_to=today, limit=LIST_LENGTH,
                    extra={"open_only": True}, order_by="due_on")
    due_page = services.tasks.list(due)
    overdue = services.tasks.list(ListQuery(cluster_id=cluster_id, overdue=True, limit=0)).total
    waiting = services.agenda.list(ListQuery(cluster_id=cluster_id, limit=LIST_LENGTH,
                                             extra={"unfinished": True}, order_by="raised_on"))
    industry = industry_summary(services, cluster_id)
    talent = talent_summary(services, cluster_id, today)
    recent = services.activities.list(ListQuery(cluster_id=cluster_id, limit=6,
                                                 date_from=today - timedelta(days=90),
                                                 date_to=today))
    return Dashboard(
        cluster_name=cluster_name,
        officers=officers,
        shift_start=shift_start,
        handover_note=handover.handover_note if handover else "",
        due_tasks=_rows(services.tasks, due_page.items),
        overdue_count=overdue,
        waiting_items=_rows(services.agenda, waiting.items),
        recent_activities=_rows(services.activities, recent.items),
        figures=dashboard_figures(services.db, cluster_id),
        tiles=[*build_tiles(services, cluster_id, warn_days=warn_days, today=today),
               *module_tiles(industry, talent)],
        due_today=services.rota.due(today, cluster_id),
        industry=industry,
        talent=talent,
    )


def module_tiles(industry: IndustrySummary, talent: TalentSummary) -> list[Tile]:
    """产业 and 人才 in two cards beside 治理联抓's tiles; each opens its page."""
    people = sum(talent.by_pool.values())
    return [
        Tile(INDUSTRY, "产业投资", f"{wan(industry.total_yuan):g}", "万元", "normal",
             f"{industry.projects} 个项目，带动就业 {industry.jobs} 人", None, row=1),
        Tile(TALENT, "人才库", str(people), "人", "normal",
             f"在外 {talent.away} 人，今年培训 {talent.training_hours:g} 学时", None, row=1),
    ]


def _rows(service, records) -> list[dict[str, Any]]:
    ids = [r.id for r in records]
    rows = service.rows(ids)
    return [rows[i] for i in ids if i in rows]
