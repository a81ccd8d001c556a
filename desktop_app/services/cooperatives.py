"""合作社: each looked after by a town cadre, with the town's quarterly liaison visits."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from db.models import Cooperative, CoopVisit, Person
from desktop_app.records.credit_codes import credit_code_problem
from desktop_app.records.errors import ValidationError
from desktop_app.records.types.industry import COOP_STANDINGS
from desktop_app.services.base import RecordService, require_plausible_date, require_record
from desktop_app.services.industry_rules import village_of_cluster


class CooperativeService(RecordService[Cooperative]):
    model = Cooperative
    status_column = "standing"
    order_by = ("name",)
    choice_orders = {"standing": tuple(COOP_STANDINGS)}

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        cluster_id = values.get("cluster_id") or existing.cluster_id
        village_of_cluster(session, cluster_id, values.get("village_id"), "village_id")
        code = values.get("credit_code")
        if code:
            values["credit_code"] = code = code.strip().upper()
            problem = credit_code_problem(code)
            if problem:
                raise ValidationError("credit_code", problem)

    # --- liaison visits: the town's to write ------------------------------------------
    def add_visit(self, cooperative_id: str, *, visited_on: date | None = None,
                  visitor_id: str | None = None, checklist: str = "", measures: str = "",
                  standing: str | None = None) -> CoopVisit:
        """A town cadre's visit (检查清单 and 措施); ``standing`` re-judges the cooperative."""
        self._accepted({})
        if self.db.node.cluster_id:
            raise ValidationError("visited_on", "联系走访由镇里记录：中心村值班室不能记录")
        if not (checklist or "").strip() and not (measures or "").strip():
            raise ValidationError("checklist", "请填写检查情况或帮扶措施")
        if standing is not None and standing not in COOP_STANDINGS:
            allowed = "、".join(COOP_STANDINGS.values())
            raise ValidationError("standing", f"规范程度“{standing}”无效，可选：{allowed}")
        with self.db.transaction() as session:
            cooperative = self._get(session, cooperative_id)
            visited_on = visited_on or self.db.wall.today()
            require_plausible_date("visited_on", visited_on, "走访日期")
            if visited_on > self.db.wall.today():
                raise ValidationError("visited_on", f"走访日期（{visited_on}）不能晚于今天")
            require_record(session, Person, visitor_id, "visitor_id", "走访干部")
            visit = CoopVisit(cooperative_id=cooperative_id, visited_on=visited_on,
                              visitor_id=visitor_id or cooperative.cadre_id,
                              checklist=(checklist or "").strip(),
                              measures=(measures or "").strip())
            session.add(visit)
            if standing is not None and standing != cooperative.standing:
                cooperative.standing = standing
            session.flush()
            return visit

    def visits(self, cooperative_id: str) -> list[CoopVisit]:
        with self.db.session() as session:
            return list(session.scalars(
                select(CoopVisit)
                .where(col(CoopVisit.cooperative_id) == cooperative_id,
                       col(CoopVisit.deleted).is_(False))
                .order_by(col(CoopVisit.visited_on), col(CoopVisit.id))))

    def describe(self, session: Session,
                 records: list[Cooperative]) -> dict[str, dict[str, Any]]:
        """Adds how often the town visited and when last."""
        rows = super().describe(session, records)
        visits = {
            coop_id: (count, last) for coop_id, count, last in session.execute(
                select(col(CoopVisit.cooperative_id), func.count(),
                       func.max(CoopVisit.visited_on))
                .where(col(CoopVisit.cooperative_id).in_([c.id for c in records]),
                       col(CoopVisit.deleted).is_(False))
                .group_by(col(CoopVisit.cooperative_id)))}
        for cooperative in records:
            count, last = visits.get(cooperative.id, (0, None))
            if isinstance(last, str):
                last = date.fromisoformat(last)
            rows[cooperative.id].update(visits=count, last_visit=last)
        return rows

    def filter_extra(self, stmt, extra: dict[str, Any]):
        if extra.get("cadre_id"):
            stmt = stmt.where(col(Cooperative.cadre_id) == extra["cadre_id"])
        return stmt
