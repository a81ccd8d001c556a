"""矛盾纠纷排查调处: registration, mediation sessions (rows of their own), the outcome and its
agreement, 回访, the 30-day 司法确认 window; 零报告 per cluster; 调处率 and 成功率."""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Integer, Select, case, cast, func, select
from sqlmodel import Session, col

from db.ids import member_id
from db.models import Cluster, Dispute, DisputeZeroReport, MediationSession, MicroGrid, Village
from desktop_app.records.errors import ValidationError
from desktop_app.records.governance_words import (
    DISPUTE_OUTCOMES,
    DISPUTE_STATUSES,
    JUDICIAL_CONFIRMATION_DAYS,
)
from desktop_app.services.base import RecordService, require_record
from desktop_app.services.governance_rules import take_place_of, village_of

MEDIATION_DAYS = 30  # the usual limit of a mediation (人民调解工作若干规定 Art 36)


def confirmation_deadline(agreement_on: date | None) -> date | None:
    """The last day to apply for 司法确认: 30 days after the agreement took effect."""
    if agreement_on is None:
        return None
    return agreement_on + timedelta(days=JUDICIAL_CONFIRMATION_DAYS)


class DisputeService(RecordService[Dispute]):
    model = Dispute
    date_column = "registered_on"
    order_by = ("status", "-registered_on")
    choice_orders = {"status": tuple(DISPUTE_STATUSES)}

    def fill_defaults(self, values: dict[str, Any]) -> None:
        values.setdefault("registered_on", self.db.wall.today())

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        if "village_id" in values or existing is None:
            village = village_of(session, values, existing)
            assert village is not None  # required: checked by its declaration
            take_place_of(values, existing, village, "village_id")
        village_id = values.get("village_id", getattr(existing, "village_id", None))
        micro = require_record(session, MicroGrid, values.get("micro_grid_id"), "micro_grid_id",
                               "微网格")
        if micro is not None and micro.village_id != village_id:
            raise ValidationError("micro_grid_id", f"微网格{micro.name}不在本村")
        merged = {name: values.get(name, getattr(existing, name, None))
                  for name in ("registered_on", "status", "outcome", "transferred_to",
                               "agreement", "agreement_on", "closed_on", "followup_on",
                               "followup_result")}
        today = self.db.wall.today()
        registered = merged["registered_on"]
        if registered is not None and registered > today:
            raise ValidationError("registered_on", f"受理日期（{registered}）不能晚于今天")
        outcome = merged["outcome"]
        if outcome is not None and values.get("status") is None and merged["status"] != "closed":
            values["status"] = merged["status"] = "closed"  # an outcome closes the case
        if merged["status"] == "closed":
            if not outcome:
                raise ValidationError("outcome", "结案须写明调解结果：调解成功、未成功、终止或移交")
            if merged["closed_on"] is None:
                values["closed_on"] = merged["closed_on"] = today
        elif outcome is not None:
            raise ValidationError("status", "已有调解结果的纠纷应为已结案")
        if outcome == "transferred" and not (merged["transferred_to"] or "").strip():
            raise ValidationError("transferred_to", "移交的纠纷须写明移交单位")
        if outcome != "success":
            for name, label in (("agreement", "调解协议"), ("agreement_on", "协议生效日期")):
                if merged[name]:
                    shown = DISPUTE_OUTCOMES.get(outcome, "尚无结果") if outcome else "尚无结果"
                    raise ValidationError(name, f"只有调解成功的纠纷才有{label}（本纠纷：{shown}）")
        for name, label in (("agreement_on", "协议生效日期"), ("closed_on", "结案日期"),
                            ("followup_on", "回访日期")):
            day = merged[name]
            if day is not None and registered is not None and day < registered:
                raise ValidationError(name, f"{label}（{day}）不能早于受理日期（{registered}）")
            if day is not None and day > today:
                raise ValidationError(name, f"{label}（{day}）不能晚于今天")
        if merged["followup_on"] is not None and merged["status"] != "closed":
            raise ValidationError("followup_on", "结案后才能回访")
        if merged["followup_result"] and merged["followup_on"] is None:
            raise ValidationError("followup_on", "请填写回访日期")

    def describe(self, session: Session,
                 records: builtins.list[Dispute]) -> dict[str, dict[str, Any]]:
        rows = super().describe(session, records)
        counts = dict(session.execute(
            select(col(MediationSession.dispute_id), func.count())
            .where(col(MediationSession.dispute_id).in_([d.id for d in records]),
                   col(MediationSession.deleted).is_(False))
            .group_by(MediationSession.dispute_id)).all())
        for dispute in records:
            rows[dispute.id].update(confirm_by=confirmation_deadline(dispute.agreement_on),
                                    sessions=counts.get(dispute.id, 0))
        return rows

    def filter_overdue(self, stmt: Select) -> Select:
        """Open cases registered more than a month ago (the usual mediation limit)."""
        since = self.db.wall.today() - timedelta(days=MEDIATION_DAYS)
        return stmt.where(col(Dispute.status) != "closed", col(Dispute.registered_on) < since)

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        for name in ("category", "risk", "outcome", "micro_grid_id", "status"):
            if extra.get(name):
                stmt = stmt.where(getattr(Dispute, name) == extra[name])
        if extra.get("confirm_open"):  # agreements whose 司法确认 window is still open
            since = self.db.wall.today() - timedelta(days=JUDICIAL_CONFIRMATION_DAYS)
            stmt = stmt.where(col(Dispute.outcome) == "success",
                              col(Dispute.agreement_on) >= since)
        return stmt

    # --- mediation sessions ----------------------------------------------------------
    def add_session(self, dispute_id: str, held_on: date, mediator: str = "",
                    notes: str = "") -> MediationSession:
        """One mediation session (调解记录); an open case is then 调解中."""
        self._accepted({})
        with self.db.transaction() as session:
            dispute = self._get(session, dispute_id)
            self.check_office_scope({}, dispute)
            if dispute.status == "closed":
                raise ValidationError("held_on", "纠纷已结案，不能再记录调解")
            if held_on < dispute.registered_on or held_on > self.db.wall.today():
                raise ValidationError("held_on", f"调解日期（{held_on}）应在受理日期"
                                                 f"（{dispute.registered_on}）与今天之间")
            if not notes.strip():
                raise ValidationError("notes", "调解情况不能为空")
            row = MediationSession(dispute_id=dispute.id, held_on=held_on,
                                   mediator=mediator.strip(), notes=notes.strip())
            session.add(row)
            if dispute.status == "open":
                dispute.status = "mediating"
            session.flush()
            return row

    def sessions(self, dispute_id: str) -> builtins.list[MediationSession]:
        with self.db.session() as session:
            return list(session.scalars(
                select(MediationSession)
                .where(col(MediationSession.dispute_id) == dispute_id,
                       col(MediationSession.deleted).is_(False))
                .order_by(col(MediationSession.held_on), col(MediationSession.created_at))))


class ZeroReportService(RecordService[DisputeZeroReport]):
    """零报告: a cluster says "no new dispute" for a day; one per cluster and day (its id is
    derived from both, so two PCs reporting the same day make one record)."""

    model = DisputeZeroReport
    status_column = None
    date_column = "reported_on"
    order_by = ("-reported_on",)

    def fill_defaults(self, values: dict[str, Any]) -> None:
        values.setdefault("reported_on", self.db.wall.today())
        values.setdefault("note", "本日无新增矛盾纠纷")

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        cluster_id = values.get("cluster_id") or existing.cluster_id
        day = values.get("reported_on", getattr(existing, "reported_on", None))
        if day is not None and day > self.db.wall.today():
            raise ValidationError("reported_on", f"报告日期（{day}）不能晚于今天")
        found = session.scalar(select(func.count()).select_from(Dispute).where(
            col(Dispute.cluster_id) == cluster_id, col(Dispute.registered_on) == day,
            col(Dispute.deleted).is_(False)))
        if found:
            raise ValidationError("reported_on", f"{day} 已受理矛盾纠纷 {found} 件，不能报零")
        if existing is None:
            values["id"] = member_id("dispute_zero_report", cluster_id, str(day))
            if session.get(DisputeZeroReport, values["id"]) is not None:
                raise ValidationError("reported_on", f"{day} 已报过零报告")

    def report(self, cluster_id: str, *, day: date | None = None,
               reporter_id: str | None = None) -> DisputeZeroReport:
        """One click: today's (or ``day``'s) zero report of the cluster."""
        values: dict[str, Any] = {"cluster_id": cluster_id, "reporter_id": reporter_id}
        if day is not None:
            values["reported_on"] = day
        return self.create(**values)


# --- rates --------------------------------------------------------------------------------

GROUPINGS = {"village": "村", "cluster": "联合党组织", "quarter": "季度"}


@dataclass(frozen=True)
class DisputeRate:
    """调处率 = 调处数 ÷ 排查数; 成功率 = 成功数 ÷ 调处数 (sichuangrid)."""

    key: str
    name: str
    found: int  # 排查数: registered
    handled: int  # 调处数: closed with an outcome
    succeeded: int  # 成功数: 调解成功

    @property
    def handled_rate(self) -> float | None:
        return self.handled / self.found if self.found else None

    @property
    def success_rate(self) -> float | None:
        return self.succeeded / self.handled if self.handled else None


def dispute_rates(db, by: str = "cluster", *, year: int | None = None,
                  cluster_id: str | None = None) -> list[DisputeRate]:
    """调处率 and 成功率 of the disputes registered in ``year`` (all years if None), per
    village, cluster or quarter, with a 合计 row last."""
    if by not in GROUPINGS:
        raise ValidationError("by", f"统计口径“{by}”无效，可选：village、cluster、quarter")
    handled = func.sum(case((col(Dispute.status) == "closed", 1), else_=0))
    succeeded = func.sum(case((col(Dispute.outcome) == "success", 1), else_=0))
    month = cast(func.strftime("%m", Dispute.registered_on), Integer)
    quarter = func.printf("%s年第%d季度", func.strftime("%Y", Dispute.registered_on),
                          (month + 2) / 3)
    key = {"village": col(Dispute.village_id), "cluster": col(Dispute.cluster_id),
           "quarter": quarter}[by]
    stmt = (select(key, func.count(), handled, succeeded).where(col(Dispute.deleted).is_(False))
            .group_by(key).order_by(key))
    if year is not None:
        stmt = stmt.where(func.strftime("%Y", Dispute.registered_on) == str(year))
    if cluster_id:
        stmt = stmt.where(col(Dispute.cluster_id) == cluster_id)
    with db.session() as session:
        rows = session.execute(stmt).all()
        names: dict[str, str] = {}
        if by in ("village", "cluster"):
            model = Village if by == "village" else Cluster
            names = dict(session.execute(select(col(model.id), col(model.name))).all())
    rates = [DisputeRate(str(k), names.get(k, str(k)), n, h or 0, s or 0) for k, n, h, s in rows]
    if by != "quarter":
        rates.sort(key=lambda r: (-r.found, r.name))
    total = DisputeRate("total", "合计", sum(r.found for r in rates),
                        sum(r.handled for r in rates), sum(r.succeeded for r in rates))
    return [*rates, total]
