"""擂台比武 records: the town writes schemes, groups, indicators, scores and adjustments; a
cluster office writes its own self-report. A finalised (定稿) quarter takes no more writes."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from sqlalchemy import Select, select
from sqlmodel import Session, col

from db.models import (
    AssessAdjustment,
    AssessGroup,
    AssessIndicator,
    AssessScheme,
    AssessScore,
    AssessSelfReport,
    SyncedRecord,
    table_of,
)
from desktop_app.assessment.quarters import parse_quarter
from desktop_app.assessment.registry import MANUAL_SOURCES, require_source
from desktop_app.assessment.rules import check_params
from desktop_app.records.errors import ValidationError
from desktop_app.services.base import RecordService, names_of, require_record

FINAL = "final"


def finalised_message(quarter: str) -> str:
    return f"{quarter} 已定稿：其方案、评分和加减分不能再修改"


def refuse_if_final(session: Session, scheme_id: str | None) -> AssessScheme | None:
    """The scheme, refused by name when it is finalised."""
    if scheme_id is None:
        return None
    scheme = require_record(session, AssessScheme, scheme_id, "scheme_id", "擂台比武方案")
    if scheme.status == FINAL:
        raise ValidationError("scheme_id", finalised_message(scheme.quarter))
    return scheme


class _QuarterRecords(RecordService):
    """What every 擂台比武 record shares: the town writes it (a central village office is
    refused by name, since the town refuses its sync file otherwise), and a finalised
    quarter refuses every change."""

    status_column = None
    town_only: ClassVar[bool] = True

    def check_office_scope(self, values: dict[str, Any], existing: Any = None) -> None:
        if self.town_only and self.db.node.cluster_id:
            verb = "新建" if existing is None else "修改"
            raise ValidationError("scheme_id", f"中心村值班室不能{verb}{self.label}：擂台比武的"
                                               "方案、评分、加减分和定稿由镇里统一填写")
        super().check_office_scope(values, existing)
        scheme_id = values.get("scheme_id") or getattr(existing, "scheme_id", None)
        with self.db.session() as session:
            refuse_if_final(session, scheme_id)

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        if extra.get("scheme_id") and "scheme_id" in self.fields:
            stmt = stmt.where(table_of(self.model).c.scheme_id == extra["scheme_id"])
        return stmt

    def describe(self, session: Session, records: list) -> dict[str, dict[str, Any]]:
        """The declared display values, and each record's quarter under ``scheme``."""
        rows = super().describe(session, records)
        if "scheme_id" in self.fields:
            quarters = names_of(session, AssessScheme, [r.scheme_id for r in records],
                                "quarter")
            for record in records:
                rows[record.id]["scheme"] = quarters.get(record.scheme_id, "")
        return rows


def bump_version(session: Session, scheme_id: str) -> None:
    """An edit of a scheme's groups or indicators makes a new version of it."""
    scheme = session.get(AssessScheme, scheme_id)
    if scheme is not None:
        scheme.scheme_version += 1


class SchemeService(_QuarterRecords, RecordService[AssessScheme]):
    model = AssessScheme
    order_by = ("-quarter",)

    def check_office_scope(self, values: dict[str, Any], existing: Any = None) -> None:
        super().check_office_scope(values, existing)
        if existing is not None and existing.status == FINAL:
            raise ValidationError("quarter", finalised_message(existing.quarter))

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        if existing is None:
            year, q = parse_quarter(values["quarter"])
            values["quarter"] = f"{year}Q{q}"
            taken = session.scalar(select(col(AssessScheme.id)).where(
                col(AssessScheme.quarter) == values["quarter"],
                col(AssessScheme.deleted).is_(False)))
            if taken:
                raise ValidationError("quarter", f"{values['quarter']} 已有擂台比武方案")

    def by_quarter(self, session: Session, quarter: str) -> AssessScheme:
        """The quarter's scheme; a quarter without one is refused by name."""
        year, q = parse_quarter(quarter)
        code = f"{year}Q{q}"
        scheme = session.scalars(select(AssessScheme).where(
            col(AssessScheme.quarter) == code, col(AssessScheme.deleted).is_(False))).first()
        if scheme is None:
            raise ValidationError("quarter", f"没有 {code} 的擂台比武：请先新建该季度的方案")
        return scheme


class GroupService(_QuarterRecords, RecordService[AssessGroup]):
    model = AssessGroup
    order_by = ("position", "name")

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        scheme_id = values.get("scheme_id") or existing.scheme_id
        if existing is not None:
            bump_version(session, scheme_id)


class IndicatorService(_QuarterRecords, RecordService[AssessIndicator]):
    model = AssessIndicator
    order_by = ("position", "code")

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        scheme_id = values.get("scheme_id") or existing.scheme_id
        group_id = values.get("group_id") or existing.group_id
        group = require_record(session, AssessGroup, group_id, "group_id", "指标类别")
        if group.scheme_id != scheme_id:
            raise ValidationError("group_id", f"指标类别“{group.name}”不属于该方案")
        if "source" in values:
            require_source(values["source"])
        rule = values.get("rule") or (existing.rule if existing else "direct")
        params = values.get("params", existing.params if existing else "")
        try:
            parsed = json.loads(params) if params else {}
        except ValueError as error:
            raise ValidationError("params", f"规则参数不是有效的 JSON：{error}") from None
        if not isinstance(parsed, dict):
            raise ValidationError("params", "规则参数应为 JSON 对象，例如 {\"per_event\": 2}")
        check_params(rule, parsed)
        if existing is not None:
            bump_version(session, scheme_id)


class ScoreService(_QuarterRecords, RecordService[AssessScore]):
    model = AssessScore
    order_by = ("judge",)

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        indicator_id = values.get("indicator_id") or existing.indicator_id
        indicator = require_record(session, AssessIndicator, indicator_id, "indicator_id",
                                   "考核指标")
        scheme_id = values.get("scheme_id") or existing.scheme_id
        if indicator.scheme_id != scheme_id:
            raise ValidationError("indicator_id", f"指标“{indicator.name}”不属于该季度的方案")
        if indicator.source not in MANUAL_SOURCES:
            raise ValidationError("indicator_id", f"指标“{indicator.name}”由记录自动计算，"
                                                  "不由评委打分")
        points = values.get("points")
        if points is not None and not 0 <= points <= indicator.max_points:
            raise ValidationError("points", f"得分 {points:g} 超出指标“{indicator.name}”的"
                                            f"范围（0～{indicator.max_points:g} 分）")
        if existing is None:
            twice = session.scalar(select(col(AssessScore.id)).where(
                col(AssessScore.indicator_id) == indicator_id,
                col(AssessScore.assessed_id) == values["assessed_id"],
                col(AssessScore.judge) == values["judge"],
                col(AssessScore.deleted).is_(False)))
            if twice:
                raise ValidationError("judge", f"评委“{values['judge']}”已为该联合党组织的"
                                               f"“{indicator.name}”评过分：请修改原评分")


    def record_judge(self, scheme_id: str, judge: str,
                     cells: list[tuple[str, str, float]]) -> tuple[int, int, int]:
        """One judge's scores of (cluster, indicator, points) saved together or not at all
        (a filled 评分表): a cell the judge scored before takes the new points. Returns how
        many were created, changed and already so."""
        created = changed = same = 0
        with self.db.transaction() as session:
            before = {(s.assessed_id, s.indicator_id): s for s in session.scalars(
                select(AssessScore).where(col(AssessScore.scheme_id) == scheme_id,
                                          col(AssessScore.judge) == judge,
                                          col(AssessScore.deleted).is_(False)))}
            for cluster_id, indicator_id, points in cells:
                record = before.get((cluster_id, indicator_id))
                if record is None:
                    self.create_in(session, self._accepted({
                        "scheme_id": scheme_id, "indicator_id": indicator_id,
                        "assessed_id": cluster_id, "judge": judge, "points": points}))
                    created += 1
                elif record.points == points:
                    same += 1
                else:
                    change = {"points": points}
                    self.check_office_scope(change, record)
                    self.validate(session, change, record)
                    record.points = points
                    changed += 1
            session.flush()
        return created, changed, same


class AdjustmentService(_QuarterRecords, RecordService[AssessAdjustment]):
    model = AssessAdjustment
    date_column = "happened_on"
    order_by = ("-happened_on",)

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        kind = values.get("kind") or existing.kind
        points = values.get("points", existing.points if existing else 0) or 0
        if kind == "veto":
            values["points"] = 0.0
        elif points <= 0:
            word = "加分" if kind == "bonus" else "扣分"
            raise ValidationError("points", f"请填写{word}分值（大于 0）")


class SelfReportService(_QuarterRecords, RecordService[AssessSelfReport]):
    """A cluster office's own self-report: scoped to its cluster like its other records."""

    model = AssessSelfReport
    order_by = ("-created_at",)
    town_only = False

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        """Each evidence line names a record that exists (its id, one a line)."""
        if "evidence" not in values:
            return
        ids = [line.strip() for line in (values["evidence"] or "").splitlines() if line.strip()]
        for record_id in ids:
            if not any(session.get(model, record_id) is not None
                       for model in SyncedRecord.__subclasses__()):
                raise ValidationError("evidence", f"找不到佐证记录：{record_id}")
        values["evidence"] = "\n".join(ids)


QUARTER_MODELS: tuple[type[SyncedRecord], ...] = (
    AssessGroup, AssessIndicator, AssessScore, AssessAdjustment, AssessSelfReport)
