"""产业项目: funds by source, each village's share of the pooled money, progress notes."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Select, exists, select
from sqlmodel import Session, col

from db.models import AidProject, Person, ProjectFund, ProjectProgress, ProjectShare
from desktop_app.records.errors import ValidationError
from desktop_app.records.money import check_amount, wan
from desktop_app.records.types.industry import PROJECT_STATUSES
from desktop_app.services.base import RecordService, require_plausible_date, require_record
from desktop_app.services.describe import village_names_by_parent
from desktop_app.services.industry_rules import amounts, span_in_order, village_of_cluster
from desktop_app.services.members import live_members, set_members


class ProjectService(RecordService[AidProject]):
    model = AidProject
    date_column = "start_on"
    order_by = ("-start_on", "name")
    choice_orders = {"status": tuple(PROJECT_STATUSES)}

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        cluster_id = values.get("cluster_id") or existing.cluster_id
        leader = require_record(session, Person, values.get("leader_id"), "leader_id", "责任人")
        if leader is not None and leader.cluster_id not in (None, cluster_id):
            raise ValidationError("leader_id", f"责任人{leader.name}不属于本联合党组织")
        span_in_order(values, existing, "start_on", "end_on", "开工日期", "计划完工日期")
        if values.get("funds") is not None:
            values["funds"] = amounts("funds", "资金来源", values["funds"])
        if values.get("shares") is not None:
            values["shares"] = self._checked_shares(session, cluster_id, values["shares"])
        funds = values.get("funds")
        if funds is None:
            funds = self._live(session, ProjectFund, "source", existing)
        shares = values.get("shares")
        if shares is None:
            shares = self._live(session, ProjectShare, "village_id", existing)
        if shares and sum(shares.values()) != sum(funds.values()):
            raise ValidationError(
                "shares", f"各村出资合计 {wan(sum(shares.values())):g} 万元，与资金合计 "
                          f"{wan(sum(funds.values())):g} 万元不符：各村出资应加起来等于总投资")

    @staticmethod
    def _checked_shares(session: Session, cluster_id: str, given: dict[str, Any]
                        ) -> dict[str, int]:
        checked = {}
        for village_id, amount in given.items():
            village = village_of_cluster(session, cluster_id, village_id, "shares")
            assert village is not None
            checked[village_id] = check_amount("shares", f"{village.name}的出资", amount)
        return checked

    @staticmethod
    def _live(session: Session, model, key: str, existing) -> dict[str, int]:
        if existing is None:
            return {}
        return {getattr(row, key): row.amount
                for row in live_members(session, model, "project_id", existing.id)}

    def write_children(self, session: Session, record: AidProject,
                       children: dict[str, Any]) -> None:
        if children.get("funds") is not None:
            set_members(session, ProjectFund, "project_id", record.id, "source",
                        {source: {"amount": amount}
                         for source, amount in children["funds"].items()})
        if children.get("shares") is not None:
            set_members(session, ProjectShare, "project_id", record.id, "village_id",
                        {village: {"amount": amount}
                         for village, amount in children["shares"].items()})

    # --- rows of a project -------------------------------------------------------------
    def funds(self, project_id: str) -> dict[str, int]:
        """``source -> 元`` of the project's live funds, in the order they were added."""
        with self.db.session() as session:
            return {row.source: row.amount
                    for row in live_members(session, ProjectFund, "project_id", project_id)}

    def shares(self, project_id: str) -> dict[str, int]:
        """``village id -> 元`` of each village's share."""
        with self.db.session() as session:
            return {row.village_id: row.amount
                    for row in live_members(session, ProjectShare, "project_id", project_id)}

    def add_progress(self, project_id: str, text: str, *,
                     noted_on: date | None = None) -> ProjectProgress:
        self._accepted({})
        if not text or not text.strip():
            raise ValidationError("text", "进展内容不能为空")
        with self.db.transaction() as session:
            project = self._get(session, project_id)
            self.check_office_scope({}, project)
            noted_on = noted_on or self.db.wall.today()
            require_plausible_date("noted_on", noted_on, "进展日期")
            progress = ProjectProgress(project_id=project_id, text=text.strip(),
                                       noted_on=noted_on)
            session.add(progress)
            session.flush()
            return progress

    def progress(self, project_id: str) -> list[ProjectProgress]:
        with self.db.session() as session:
            return list(session.scalars(
                select(ProjectProgress)
                .where(col(ProjectProgress.project_id) == project_id,
                       col(ProjectProgress.deleted).is_(False))
                .order_by(col(ProjectProgress.noted_on), col(ProjectProgress.id))))

    # --- lists -------------------------------------------------------------------------
    def describe(self, session: Session, records: list[AidProject]) -> dict[str, dict[str, Any]]:
        """Adds the villages taking part and the total money in 万元."""
        rows = super().describe(session, records)
        ids = [p.id for p in records]
        villages = village_names_by_parent(session, ProjectShare, "project_id", ids)
        totals: dict[str, int] = defaultdict(int)
        for project_id, amount in session.execute(
                select(col(ProjectFund.project_id), col(ProjectFund.amount))
                .where(col(ProjectFund.project_id).in_(ids),
                       col(ProjectFund.deleted).is_(False))):
            totals[project_id] += amount
        for project in records:
            rows[project.id].update(villages=villages.get(project.id, ""),
                                    total=totals[project.id],
                                    total_wan=wan(totals[project.id]))
        return rows

    def filter_village(self, stmt: Select, village_id: str) -> Select:
        return stmt.where(exists(select(col(ProjectShare.id)).where(
            col(ProjectShare.project_id) == AidProject.id,
            col(ProjectShare.village_id) == village_id,
            col(ProjectShare.deleted).is_(False))))

    def funds_by_source(self, cluster_id: str | None = None) -> dict[str, int]:
        """``source -> 元`` over the live projects (of one cluster, or the town)."""
        stmt = (select(col(ProjectFund.source), col(ProjectFund.amount))
                .join(AidProject, col(AidProject.id) == col(ProjectFund.project_id))
                .where(col(ProjectFund.deleted).is_(False), col(AidProject.deleted).is_(False)))
        if cluster_id:
            stmt = stmt.where(col(AidProject.cluster_id) == cluster_id)
        totals: dict[str, int] = defaultdict(int)
        with self.db.session() as session:
            for source, amount in session.execute(stmt):
                totals[source] += amount
        return dict(totals)


__all__ = ["ProjectService"]
