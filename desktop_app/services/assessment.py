"""擂台比武 as a whole: a quarter's results (live for a draft, stored for a finalised one),
定稿, the 流动红旗 history, a figure's evidence, a new quarter copied from the last, and the
scheme's weights set together (they must total 100)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlmodel import Session, col

from db.ids import utcnow
from db.models import (
    AssessAdjustment,
    AssessGroup,
    AssessIndicator,
    AssessScheme,
    AssessScore,
    AssessSelfReport,
    Cluster,
)
from desktop_app.assessment import sources as _sources  # noqa: F401  (registers them)
from desktop_app.assessment import sources_industry as _industry  # noqa: F401
from desktop_app.assessment import sources_modules as _modules  # noqa: F401  (and these)
from desktop_app.assessment import sources_rota as _rota  # noqa: F401
from desktop_app.assessment.compute import (
    Adjustment,
    GroupSpec,
    IndicatorSpec,
    QuarterResult,
    compute_quarter,
)
from desktop_app.assessment.flags import FlagChange, FlagRule, flag_history
from desktop_app.assessment.quarters import previous_quarter, quarter_dates
from desktop_app.assessment.registry import MANUAL_SOURCES, SOURCES, Figure
from desktop_app.records.errors import UserError, ValidationError
from desktop_app.services.assessment_records import (
    FINAL,
    SchemeService,
    finalised_message,
)
from desktop_app.services.assessment_scheme import (
    GroupDraft,
    IndicatorDraft,
    save_drafts,
    scheme_drafts,
)
from desktop_app.storage.database import Database

WEIGHT_TOTAL = 100.0


@dataclass
class QuarterView:
    """A quarter's results with what a screen or a document needs to show them."""

    quarter: str
    scheme_id: str
    title: str
    scheme_version: int
    status: str
    result: QuarterResult
    groups: list[GroupSpec]
    indicators: list[IndicatorSpec]
    finalised_by: str = ""
    finalised_at: datetime | None = None
    late_records: int = 0  # records counted now that the finalised figures did not count
    flag_rule: FlagRule = field(default_factory=FlagRule)

    @property
    def final(self) -> bool:
        return self.status == FINAL

    def indicator(self, indicator_id: str) -> IndicatorSpec:
        return next(i for i in self.indicators if i.id == indicator_id)


@dataclass(frozen=True)
class Evidence:
    table: str  # the kind of record (a table name) the ids name
    ids: list[str]


def flag_rule_of(scheme: AssessScheme) -> FlagRule:
    return FlagRule(scheme.flag_count, scheme.flag_min_score, scheme.flag_mode,
                    scheme.veto_excludes, scheme.red_count, scheme.black_count)


def _live(model):
    return col(model.deleted).is_(False)


def scheme_specs(session: Session, scheme_id: str) -> tuple[list[GroupSpec],
                                                            list[IndicatorSpec]]:
    groups = list(session.scalars(select(AssessGroup).where(
        col(AssessGroup.scheme_id) == scheme_id, _live(AssessGroup))
        .order_by(col(AssessGroup.position), col(AssessGroup.name))))
    indicators = list(session.scalars(select(AssessIndicator).where(
        col(AssessIndicator.scheme_id) == scheme_id, _live(AssessIndicator))
        .order_by(col(AssessIndicator.position), col(AssessIndicator.code))))
    order = {g.id: n for n, g in enumerate(groups)}
    indicators.sort(key=lambda i: (order.get(i.group_id, 99), i.position, i.code))
    return ([GroupSpec(g.id, g.name, g.weight) for g in groups],
            [IndicatorSpec(i.id, i.group_id, f"{i.code} {i.name}", i.source, i.rule,
                           i.max_points, _params(i)) for i in indicators])


def _params(indicator: AssessIndicator) -> dict[str, Any]:
    params = json.loads(indicator.params) if indicator.params else {}
    source = SOURCES.get(indicator.source)
    if source is not None and source.lower_better:
        params.setdefault("lower_better", True)
    return params


def check_weights(groups: list[GroupSpec], quarter: str) -> None:
    total = round(sum(g.weight for g in groups), 2)
    if total != WEIGHT_TOTAL:
        raise ValidationError("weight", f"{quarter} 各指标类别的权重合计为 {total:g} 分，"
                                        f"应为 {WEIGHT_TOTAL:g} 分")


def automatic_figures(connection: Connection, indicators: list[IndicatorSpec],
                      quarter: str, today: date) -> dict[str, dict[str, Figure]]:
    """Each automatic indicator's figures as of ``today``, each source computed once."""
    start, end = quarter_dates(quarter)
    by_source: dict[str, dict[str, Figure]] = {}
    figures: dict[str, dict[str, Figure]] = {}
    for spec in indicators:
        if spec.source in MANUAL_SOURCES:
            continue
        if spec.source not in by_source:
            by_source[spec.source] = SOURCES[spec.source].figures(connection, start, end,
                                                                        today)
        figures[spec.id] = by_source[spec.source]
    return figures


def compute_scheme(session: Session, scheme: AssessScheme, groups: list[GroupSpec],
                   indicators: list[IndicatorSpec], today: date) -> QuarterResult:
    """The quarter's results computed from its records, scores and adjustments as of
    ``today``."""
    connection = session.connection()
    clusters: dict[str, str] = dict(session.execute(
        select(col(Cluster.id), col(Cluster.name)).where(_live(Cluster))
        .order_by(col(Cluster.name))).all())
    scores: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for indicator_id, cluster_id, points in session.execute(select(
            col(AssessScore.indicator_id), col(AssessScore.assessed_id),
            col(AssessScore.points)).where(
            col(AssessScore.scheme_id) == scheme.id, _live(AssessScore))):
        scores[indicator_id][cluster_id].append(points)
    adjustments = [Adjustment(a.id, a.assessed_id, a.kind, a.points, a.reason)
                   for a in session.scalars(select(AssessAdjustment).where(
                       col(AssessAdjustment.scheme_id) == scheme.id,
                       _live(AssessAdjustment)).order_by(col(AssessAdjustment.id)))]
    figures = automatic_figures(connection, indicators, scheme.quarter, today)
    return compute_quarter(scheme.quarter, clusters, groups, indicators, figures, scores,
                           adjustments, flag_rule_of(scheme))


def finalise_scheme(session: Session, scheme: AssessScheme, by: str, at: datetime,
                    today: date | None = None) -> None:
    """定稿 in ``session``: the figures as computed now (as of ``today``, by default the
    day of ``at``), who and when."""
    if scheme.status == FINAL:
        raise ValidationError("quarter", finalised_message(scheme.quarter))
    groups, indicators = scheme_specs(session, scheme.id)
    check_weights(groups, scheme.quarter)
    scheme.results = compute_scheme(session, scheme, groups, indicators,
                                    today or at.date()).to_json()
    scheme.status = FINAL
    scheme.finalised_by = by
    scheme.finalised_at = at
    session.flush()


class AssessmentService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.schemes = SchemeService(db)

    # --- reading --------------------------------------------------------------------
    def quarters(self) -> list[dict[str, Any]]:
        """Every quarter with a scheme, newest first: quarter, title, status, id."""
        with self.db.session() as session:
            rows = session.scalars(select(AssessScheme).where(_live(AssessScheme))
                                   .order_by(col(AssessScheme.quarter).desc()))
            return [{"id": s.id, "quarter": s.quarter, "title": s.title, "status": s.status,
                     "scheme_version": s.scheme_version} for s in rows]

    def view(self, quarter: str, *, check_late: bool = True) -> QuarterView:
        """The quarter's results: computed now for a draft, as stored for a finalised one
        (then ``late_records`` counts records the stored figures did not count)."""
        with self.db.session() as session:
            scheme = self.schemes.by_quarter(session, quarter)
            groups, indicators = scheme_specs(session, scheme.id)
            connection = session.connection()
            if scheme.status == FINAL and scheme.results:
                result = QuarterResult.from_json(scheme.results)
                late = 0
                if check_late:
                    live = automatic_figures(connection, indicators, scheme.quarter,
                                             self.db.wall.today())
                    counted = {e for f in live.values() for fig in f.values()
                               for e in fig.evidence}
                    late = len(counted - result.evidence_ids())
            else:
                check_weights(groups, scheme.quarter)
                result = compute_scheme(session, scheme, groups, indicators,
                                        self.db.wall.today())
                late = 0
            return QuarterView(scheme.quarter, scheme.id, scheme.title, scheme.scheme_version,
                               scheme.status, result, groups, indicators, scheme.finalised_by,
                               scheme.finalised_at, late, flag_rule_of(scheme))

    def evidence(self, quarter: str, cluster_id: str, indicator_id: str) -> Evidence:
        """The records an indicator's figure counted for a cluster: as stored once the
        quarter is final, else from its one source now (not the whole quarter)."""
        with self.db.session() as session:
            scheme = self.schemes.by_quarter(session, quarter)
            indicator = session.get(AssessIndicator, indicator_id)
            if indicator is None or indicator.scheme_id != scheme.id:
                raise ValidationError("indicator_id",
                                      f"{scheme.quarter} 的方案中没有指标“{indicator_id}”")
            if indicator.source in MANUAL_SOURCES:
                return Evidence("assess_score", self._score_ids(scheme.id, cluster_id,
                                                                indicator_id))
            source = SOURCES[indicator.source]
            if scheme.status == FINAL and scheme.results:
                stored = QuarterResult.from_json(scheme.results).by_cluster(cluster_id)
                return Evidence(source.table, list(stored.indicators[indicator_id].evidence))
            start, end = quarter_dates(scheme.quarter)
            figure = source.figures(session.connection(), start, end,
                                    self.db.wall.today()).get(cluster_id)
            return Evidence(source.table, list(figure.evidence) if figure else [])

    def _score_ids(self, scheme_id: str, cluster_id: str, indicator_id: str) -> list[str]:
        with self.db.session() as session:
            return list(session.scalars(select(col(AssessScore.id)).where(
                col(AssessScore.scheme_id) == scheme_id,
                col(AssessScore.indicator_id) == indicator_id,
                col(AssessScore.assessed_id) == cluster_id, _live(AssessScore))))

    def scores(self, quarter: str) -> list[dict[str, Any]]:
        """Every judge's score of the quarter as plain rows."""
        with self.db.session() as session:
            scheme = self.schemes.by_quarter(session, quarter)
            return [{"id": s.id, "indicator_id": s.indicator_id, "cluster_id": s.assessed_id,
                     "judge": s.judge, "points": s.points}
                    for s in session.scalars(select(AssessScore).where(
                        col(AssessScore.scheme_id) == scheme.id, _live(AssessScore))
                        .order_by(col(AssessScore.judge)))]

    def self_reports(self, quarter: str) -> list[dict[str, Any]]:
        """The quarter's self-reports (自评), newest first, with each office's cluster name;
        a central village office sees its own only."""
        office = self.db.node.cluster_id
        with self.db.session() as session:
            scheme = self.schemes.by_quarter(session, quarter)
            stmt = select(AssessSelfReport).where(
                col(AssessSelfReport.scheme_id) == scheme.id, _live(AssessSelfReport))
            if office:
                stmt = stmt.where(col(AssessSelfReport.cluster_id) == office)
            reports = list(session.scalars(stmt.order_by(col(AssessSelfReport.created_at).desc())))
        names = self.cluster_names()
        return [{"id": r.id, "cluster_id": r.cluster_id, "cluster": names.get(r.cluster_id, ""),
                 "summary": r.summary, "claimed_points": r.claimed_points,
                 "evidence": [e for e in r.evidence.splitlines() if e],
                 "created_at": r.created_at} for r in reports]

    def flag_history(self) -> list[FlagChange]:
        """Who held, kept or took over the flag in each finalised quarter, oldest first."""
        with self.db.session() as session:
            finals = list(session.scalars(select(AssessScheme).where(
                _live(AssessScheme), col(AssessScheme.status) == FINAL)
                .order_by(col(AssessScheme.quarter))))
            awards = [(s.quarter, QuarterResult.from_json(s.results).flags) for s in finals
                      if s.results]
        return flag_history(awards)

    def rank_history(self, cluster_id: str) -> list[tuple[str, int, float]]:
        """A cluster's (quarter, rank, total) in each quarter, oldest first (finalised ones
        as stored, a draft as computed now)."""
        history = []
        for quarter in reversed(self.quarters()):
            try:
                view = self.view(quarter["quarter"], check_late=False)
            except ValidationError:
                continue  # a draft whose weights do not total 100 yet
            found = [c for c in view.result.clusters if c.cluster_id == cluster_id]
            if found:
                history.append((quarter["quarter"], found[0].rank, found[0].total))
        return history

    def cluster_names(self) -> dict[str, str]:
        with self.db.session() as session:
            return dict(session.execute(select(col(Cluster.id), col(Cluster.name))
                                        .where(_live(Cluster))).all())

    # --- finding by what a person types ------------------------------------------------
    def scheme_id(self, quarter: str) -> str:
        """The id of the quarter's scheme; a quarter without one is refused by name."""
        with self.db.session() as session:
            return self.schemes.by_quarter(session, quarter).id

    def indicator_id(self, quarter: str, key: str) -> str:
        """An indicator of the quarter's scheme by its id, code (A1) or name."""
        with self.db.session() as session:
            scheme = self.schemes.by_quarter(session, quarter)
            for found in session.scalars(select(AssessIndicator).where(
                    col(AssessIndicator.scheme_id) == scheme.id, _live(AssessIndicator))):
                if key in (found.id, found.code, found.name):
                    return found.id
        raise ValidationError("indicator_id", f"{scheme.quarter} 的方案中没有指标“{key}”")

    def group_id(self, quarter: str, key: str) -> str:
        with self.db.session() as session:
            scheme = self.schemes.by_quarter(session, quarter)
            for found in session.scalars(select(AssessGroup).where(
                    col(AssessGroup.scheme_id) == scheme.id, _live(AssessGroup))):
                if key in (found.id, found.name):
                    return found.id
        raise ValidationError("group_id", f"{scheme.quarter} 的方案中没有指标类别“{key}”")

    def cluster_id(self, key: str) -> str:
        """A cluster by its id or its name."""
        for cluster_id, name in self.cluster_names().items():
            if key in (cluster_id, name):
                return cluster_id
        raise ValidationError("assessed_id", f"找不到联合党组织：{key}")

    # --- writing --------------------------------------------------------------------
    def require_town(self, what: str) -> None:
        """A central village office is refused by name (before anything is looked up)."""
        self._town_only(what)

    def _town_only(self, what: str) -> None:
        if self.db.node.cluster_id:
            raise ValidationError("quarter", f"中心村值班室不能{what}：由镇里统一填写")

    def finalise(self, quarter: str, by: str) -> QuarterView:
        """定稿: store the quarter's figures as computed now, with who and when; from then on
        they never change."""
        self._town_only("定稿擂台比武")
        if not by or not by.strip():
            raise ValidationError("finalised_by", "请填写定稿人")
        self.db.check_clock()
        with self.db.transaction() as session:
            scheme = self.schemes.by_quarter(session, quarter)
            finalise_scheme(session, scheme, by.strip(), utcnow(), self.db.wall.today())
        return self.view(quarter, check_late=False)

    def set_weights(self, quarter: str, weights: dict[str, float]) -> list[GroupSpec]:
        """Set the groups' weights (by group name) together; the scheme's total must stay
        100, else nothing changes."""
        self._town_only("修改擂台比武方案")
        self.db.check_clock()
        with self.db.transaction() as session:
            scheme = self.schemes.by_quarter(session, quarter)
            if scheme.status == FINAL:
                raise ValidationError("quarter", finalised_message(scheme.quarter))
            groups = {g.name: g for g in session.scalars(select(AssessGroup).where(
                col(AssessGroup.scheme_id) == scheme.id, _live(AssessGroup)))}
            for name, weight in weights.items():
                if name not in groups:
                    raise ValidationError("weight", f"{scheme.quarter} 的方案没有指标类别“{name}”，"
                                                    f"现有：{'、'.join(groups)}")
                if not 0 <= weight <= WEIGHT_TOTAL:
                    raise ValidationError("weight", f"“{name}”的权重应在 0～100 分之间")
                groups[name].weight = weight
            check_weights([GroupSpec(g.id, g.name, g.weight) for g in groups.values()],
                          scheme.quarter)
            scheme.scheme_version += 1
            session.flush()
            specs, _ = scheme_specs(session, scheme.id)
            return specs

    def scheme_drafts(self, quarter: str) -> tuple[list[GroupDraft], list[IndicatorDraft]]:
        """The quarter's groups and indicators as drafts to edit (修改方案)."""
        with self.db.session() as session:
            return scheme_drafts(session, self.schemes.by_quarter(session, quarter).id)

    def save_scheme(self, quarter: str, groups: list[GroupDraft],
                    indicators: list[IndicatorDraft],
                    scheme_values: dict[str, Any] | None = None) -> int:
        """Groups, weights, indicators and the flag rule saved together (see
        ``assessment_scheme``); returns the scheme's new version."""
        from desktop_app.services.assessment_records import GroupService, IndicatorService

        return save_drafts(self, GroupService(self.db), IndicatorService(self.db), quarter,
                           groups, indicators, dict(scheme_values or {}))

    def new_quarter(self, quarter: str, title: str | None = None) -> AssessScheme:
        """A new quarter's scheme, its groups, indicators and flag rule copied from the
        latest scheme before it (an empty scheme when there is none)."""
        self._town_only("新建擂台比武方案")
        from desktop_app.assessment.quarters import quarter_label

        with self.db.session() as session:
            earlier = session.scalars(select(AssessScheme).where(
                _live(AssessScheme), col(AssessScheme.quarter) < quarter.strip().upper())
                .order_by(col(AssessScheme.quarter).desc())).first()
            template = None
            if earlier is not None:
                groups = list(session.scalars(select(AssessGroup).where(
                    col(AssessGroup.scheme_id) == earlier.id, _live(AssessGroup))))
                indicators = list(session.scalars(select(AssessIndicator).where(
                    col(AssessIndicator.scheme_id) == earlier.id, _live(AssessIndicator))))
                template = (earlier.model_dump(), [g.model_dump() for g in groups],
                            [i.model_dump() for i in indicators])
        code = quarter.strip().upper()
        values: dict[str, Any] = {"quarter": code}
        if template is not None:
            values.update({k: template[0][k] for k in (
                "flag_count", "flag_min_score", "flag_mode", "veto_excludes", "red_count",
                "black_count")})
        from desktop_app.assessment.quarters import parse_quarter

        parse_quarter(code)
        values["title"] = title or f"{quarter_label(code)}联合党组织擂台比武"
        return self._create_with_copy(values, template)

    def _create_with_copy(self, values: dict[str, Any], template) -> AssessScheme:
        """The scheme and its copied rows in one transaction (the copies come from a scheme
        that passed its checks; the new scheme passes the declared ones here)."""
        from desktop_app.services.checks import check_declared

        self.db.check_clock()
        with self.db.transaction() as session:
            check_declared(session, self.schemes.record_type, values, None)
            self.schemes.validate(session, values, None)
            scheme = AssessScheme(**values)
            session.add(scheme)
            session.flush()
            if template is not None:
                new_group = {}
                for g in template[1]:
                    group = AssessGroup(scheme_id=scheme.id, name=g["name"], weight=g["weight"],
                                        position=g["position"])
                    session.add(group)
                    session.flush()
                    new_group[g["id"]] = group.id
                for i in template[2]:
                    session.add(AssessIndicator(
                        scheme_id=scheme.id, group_id=new_group[i["group_id"]], code=i["code"],
                        name=i["name"], source=i["source"], rule=i["rule"], params=i["params"],
                        max_points=i["max_points"], position=i["position"]))
                session.flush()
            return scheme


__all__ = ["AssessmentService", "Evidence", "QuarterView", "UserError", "previous_quarter"]
