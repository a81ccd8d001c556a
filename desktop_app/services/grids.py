"""网格 and 微网格: a village's grids, their micro-grids and who leads them; which micro-grids
are due a visit."""

from __future__ import annotations

import builtins
from datetime import timedelta
from typing import Any

from sqlalchemy import Select, case, func, or_, select
from sqlmodel import Session, col

from db.models import Grid, GridVisit, MicroGrid
from desktop_app.config.settings import Settings
from desktop_app.records.errors import ValidationError
from desktop_app.services.base import RecordService, require_record
from desktop_app.services.governance_rules import require_cadre_of, take_place_of, village_of


class GridService(RecordService[Grid]):
    model = Grid
    status_column = None
    order_by = ("village_id", "code")

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        village = village_of(session, values, existing)
        assert village is not None  # required on creation, never changed afterwards
        if existing is None:
            take_place_of(values, None, village, "village_id")
        cluster_id = village.cluster_id
        code = values.get("code")
        if code is not None:
            taken = session.scalar(select(col(Grid.name)).where(
                col(Grid.code) == code, col(Grid.deleted).is_(False),
                col(Grid.id) != (existing.id if existing else "")))
            if taken:
                raise ValidationError("code", f"网格编码 {code} 已被“{taken}”使用")
        for name, label in (("head_id", "网格长"), ("worker_id", "网格员")):
            if name in values:
                require_cadre_of(session, values[name], cluster_id, name, label)

    def describe(self, session: Session, records: builtins.list[Grid]) -> dict[str, dict[str, Any]]:
        rows = super().describe(session, records)
        counts = dict(session.execute(
            select(col(MicroGrid.grid_id), func.count())
            .where(col(MicroGrid.grid_id).in_([g.id for g in records]),
                   col(MicroGrid.deleted).is_(False))
            .group_by(MicroGrid.grid_id)).all())
        for grid in records:
            rows[grid.id]["micro_grids"] = counts.get(grid.id, 0)
        return rows

    def choices(self, cluster_id: str | None) -> builtins.list[tuple[str, str]]:
        """(id, name) of the cluster's live grids (their names say the village), for pickers."""
        return _choices(self.db, Grid, cluster_id)


def _choices(db, model, cluster_id: str | None) -> list[tuple[str, str]]:
    with db.session() as session:
        stmt = (select(col(model.id), col(model.name))
                .where(col(model.deleted).is_(False))
                .order_by(model.village_id, model.created_at))
        if cluster_id:
            stmt = stmt.where(col(model.cluster_id) == cluster_id)
        return [(i, n) for i, n in session.execute(stmt)]


def last_visit_column():
    """The day of a micro-grid's latest live visit (NULL if none), as a correlated query."""
    return (select(func.max(GridVisit.visited_on))
            .where(col(GridVisit.micro_grid_id) == MicroGrid.id,
                   col(GridVisit.deleted).is_(False))
            .scalar_subquery())


class MicroGridService(RecordService[MicroGrid]):
    model = MicroGrid
    status_column = None
    order_by = ("village_id", "grid_id", "created_at")

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        if "grid_id" in values or existing is None:
            grid = require_record(session, Grid, values.get("grid_id"), "grid_id", "所属网格")
            assert grid is not None  # required: checked by its declaration
            if existing is not None and grid.village_id != existing.village_id:
                raise ValidationError("grid_id", f"微网格只能调整到本村的网格，"
                                                 f"{grid.name}属于其他村")
            take_place_of(values, existing, grid, "grid_id")
        cluster_id = values.get("cluster_id") or existing.cluster_id
        if "leader_id" in values:
            require_cadre_of(session, values["leader_id"], cluster_id, "leader_id", "微网格长")

    def describe(self, session: Session,
                 records: builtins.list[MicroGrid]) -> dict[str, dict[str, Any]]:
        rows = super().describe(session, records)
        last = dict(session.execute(
            select(col(GridVisit.micro_grid_id), func.max(GridVisit.visited_on))
            .where(col(GridVisit.micro_grid_id).in_([m.id for m in records]),
                   col(GridVisit.deleted).is_(False))
            .group_by(GridVisit.micro_grid_id)).all())
        for micro in records:
            rows[micro.id]["last_visit"] = last.get(micro.id)
        return rows

    def filter_overdue(self, stmt: Select) -> Select:
        """Micro-grids not visited within their frequency: monthly if they hold key
        households (困难户 …), else twice a year (settings ``visit_days_*``)."""
        settings = Settings.load()
        today = self.db.wall.today()
        ordinary = (today - timedelta(days=settings.visit_days_ordinary)).isoformat()
        key = (today - timedelta(days=settings.visit_days_key)).isoformat()
        since = case((col(MicroGrid.key_households) > 0, key), else_=ordinary)
        last = last_visit_column()
        return stmt.where(or_(last.is_(None), last < since))

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        if extra.get("grid_id"):
            stmt = stmt.where(col(MicroGrid.grid_id) == extra["grid_id"])
        if extra.get("leader_id"):
            stmt = stmt.where(col(MicroGrid.leader_id) == extra["leader_id"])
        if extra.get("visited_from") or extra.get("visited_to"):  # (not) visited in a period
            visits = select(col(GridVisit.id)).where(
                col(GridVisit.micro_grid_id) == MicroGrid.id, col(GridVisit.deleted).is_(False))
            if extra.get("visited_from"):
                visits = visits.where(col(GridVisit.visited_on) >= extra["visited_from"])
            if extra.get("visited_to"):
                visits = visits.where(col(GridVisit.visited_on) <= extra["visited_to"])
            found = visits.exists()
            stmt = stmt.where(~found if extra.get("not_visited") else found)
        return stmt

    def choices(self, cluster_id: str | None) -> builtins.list[tuple[str, str]]:
        """(id, name) of the cluster's live micro-grids, for pickers."""
        return _choices(self.db, MicroGrid, cluster_id)
