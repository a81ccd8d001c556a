"""Figures for the dashboard: counts and sums computed in SQL, returned as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Select, func, select
from sqlmodel import col

from db.models import (
    ActivityParticipant,
    AgendaItem,
    DecisionStep,
    TaskClaim,
    Village,
    VolunteerActivity,
    WorkTask,
    table_of,
)
from desktop_app.records.vocabulary import DECISION_STEPS, TASK_STATUSES
from desktop_app.services.base import not_indexed
from desktop_app.services.ordering import village_cluster_order
from desktop_app.storage.database import Database


@dataclass(frozen=True)
class DashboardFigures:
    tasks_by_village: dict[str, dict[str, int]]  # village -> status -> count
    hours_by_month: list[tuple[str, float]]  # ("2026-09", 123.5), oldest first
    items_by_step: dict[int, int]  # next step (1..6) -> open items waiting for it; 0 = 已办结
    village_ids: dict[str, str] = field(default_factory=dict)  # village name -> id (clicks)


def tasks_by_village(db: Database, cluster_id: str | None) -> dict[str, dict[str, int]]:
    """Live tasks per claiming village and status (a task claimed by two counts for both).

    Counted by village id first, names joined to the few totals after: the join of every
    live task with its claims reads only indexes (migration 0019). The tasks lead: with
    statistics SQLite would rather walk the claims and look up each task's row (2.7 s on a
    five-year town against 0.45 s), so the task's id is not offered to it as an index."""
    counted: Select = (
        select(col(TaskClaim.village_id).label("village_id"),
               col(WorkTask.status).label("status"), func.count().label("tasks"))
        .select_from(WorkTask)
        .join(TaskClaim, col(TaskClaim.task_id) == not_indexed(table_of(WorkTask).c.id))
        .where(col(TaskClaim.deleted).is_(False), col(WorkTask.deleted).is_(False))
        .group_by(col(TaskClaim.village_id), col(WorkTask.status))
    )
    if cluster_id:
        counted = counted.where(col(WorkTask.cluster_id) == cluster_id)
    totals = counted.subquery()
    stmt = (select(col(Village.name), totals.c.status, totals.c.tasks)
            .join(totals, totals.c.village_id == Village.id)
            .order_by(*village_cluster_order()))
    result: dict[str, dict[str, int]] = {}
    with db.session() as session:
        for village, status, count in session.execute(stmt):
            result.setdefault(village, dict.fromkeys(TASK_STATUSES, 0))[status] = count
    return result


def hours_by_month(db: Database, cluster_id: str | None, months: int = 12,
                   today: date | None = None) -> list[tuple[str, float]]:
    """Volunteer hours per calendar month for the last ``months`` months, oldest first."""
    today = today or db.wall.today()  # a date confirmed by hand counts
    keys = []
    year, month = today.year, today.month
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    keys.reverse()
    first = date(int(keys[0][:4]), int(keys[0][5:]), 1)
    month_of = func.strftime("%Y-%m", VolunteerActivity.held_on)
    stmt = (
        select(month_of, func.sum(ActivityParticipant.hours))
        .join(VolunteerActivity, col(VolunteerActivity.id) == ActivityParticipant.activity_id)
        .where(col(ActivityParticipant.deleted).is_(False),
               col(VolunteerActivity.deleted).is_(False))
        .where(col(VolunteerActivity.held_on) >= first, col(VolunteerActivity.held_on) <= today)
        .group_by(month_of)
    )
    if cluster_id:
        stmt = stmt.where(col(VolunteerActivity.cluster_id) == cluster_id)
    with db.session() as session:
        sums = dict(session.execute(stmt).all())
    return [(key, float(sums.get(key) or 0.0)) for key in keys]


def items_by_step(db: Database, cluster_id: str | None) -> dict[int, int]:
    """Open agenda items by the 四议两公开 step they wait for; key 0 counts completed items."""
    passed = (
        select(col(DecisionStep.agenda_item_id), func.count().label("done"))
        .where(col(DecisionStep.deleted).is_(False), col(DecisionStep.outcome) != "failed")
        .group_by(col(DecisionStep.agenda_item_id))
        .subquery()
    )
    stmt = (
        select(col(AgendaItem.status), func.coalesce(passed.c.done, 0), func.count())
        .outerjoin(passed, passed.c.agenda_item_id == AgendaItem.id)
        .where(col(AgendaItem.deleted).is_(False), col(AgendaItem.status) != "withdrawn")
        .group_by(col(AgendaItem.status), passed.c.done)
    )
    if cluster_id:
        stmt = stmt.where(col(AgendaItem.cluster_id) == cluster_id)
    result = {step: 0 for step in (*DECISION_STEPS, 0)}
    with db.session() as session:
        for status, done, count in session.execute(stmt):
            # Steps are recorded in order, so "n steps passed" means "waiting for n + 1".
            key = 0 if status == "completed" or done >= len(DECISION_STEPS) else done + 1
            result[key] += count
    return result


def village_ids(db: Database, cluster_id: str | None) -> dict[str, str]:
    """Village name -> id, so that a click on a village's bar can list its tasks."""
    stmt = (select(col(Village.name), col(Village.id)).where(col(Village.deleted).is_(False))
            .order_by(*village_cluster_order()))
    if cluster_id:
        stmt = stmt.where(col(Village.cluster_id) == cluster_id)
    with db.session() as session:
        return {name: village_id for name, village_id in session.execute(stmt)}


def dashboard_figures(db: Database, cluster_id: str | None) -> DashboardFigures:
    return DashboardFigures(tasks_by_village(db, cluster_id), hours_by_month(db, cluster_id),
                            items_by_step(db, cluster_id), village_ids(db, cluster_id))
