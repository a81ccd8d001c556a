"""A quarter's results from plain inputs: points per indicator, group subtotals, bonuses,
penalties, vetoes, the ranking, the flags and the 红黑榜.

Each group's subtotal is its weight × the share of its indicators' full marks earned, so
the group weights (summing to 100) are the scheme's full marks; the total adds bonuses
and subtracts penalties (never below 0). A veto keeps the score but marks the cluster
"不得评先": no flag (when the flag rule says so) and no place on the 红榜.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from desktop_app.assessment.flags import FlagRule, Placed, award_flags, red_and_black
from desktop_app.assessment.ranking import Standing, judges_average, rank
from desktop_app.assessment.registry import MANUAL_SOURCES, Figure
from desktop_app.assessment.rules import apply_rule


@dataclass(frozen=True)
class GroupSpec:
    id: str
    name: str
    weight: float


@dataclass(frozen=True)
class IndicatorSpec:
    id: str
    group_id: str
    name: str
    source: str
    rule: str
    max_points: float
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Adjustment:
    id: str
    cluster_id: str
    kind: str  # bonus / penalty / veto
    points: float
    reason: str


@dataclass
class IndicatorResult:
    figure: float | None
    points: float
    evidence: list[str] = field(default_factory=list)


@dataclass
class ClusterResult:
    cluster_id: str
    name: str
    rank: int = 0
    total: float = 0.0
    groups: dict[str, float] = field(default_factory=dict)
    indicators: dict[str, IndicatorResult] = field(default_factory=dict)
    bonus: float = 0.0
    penalty: float = 0.0
    vetoed: bool = False
    veto_reason: str = ""
    adjustments: list[str] = field(default_factory=list)


@dataclass
class QuarterResult:
    quarter: str
    clusters: list[ClusterResult]  # in ranking order
    flags: list[str] = field(default_factory=list)
    red: list[str] = field(default_factory=list)
    black: list[str] = field(default_factory=list)

    def by_cluster(self, cluster_id: str) -> ClusterResult:
        return next(c for c in self.clusters if c.cluster_id == cluster_id)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> QuarterResult:
        data = json.loads(text)
        clusters = []
        for row in data["clusters"]:
            indicators = {k: IndicatorResult(**v) for k, v in row.pop("indicators").items()}
            clusters.append(ClusterResult(**row, indicators=indicators))
        return cls(data["quarter"], clusters, data["flags"], data["red"], data["black"])

    def evidence_ids(self) -> set[str]:
        return {e for c in self.clusters for i in c.indicators.values() for e in i.evidence}


def compute_quarter(
    quarter: str,
    clusters: Mapping[str, str],
    groups: Sequence[GroupSpec],
    indicators: Sequence[IndicatorSpec],
    figures: Mapping[str, Mapping[str, Figure]],
    scores: Mapping[str, Mapping[str, Sequence[float]]],
    adjustments: Sequence[Adjustment],
    flag_rule: FlagRule,
) -> QuarterResult:
    """``figures``: indicator id -> cluster id -> automatic figure; ``scores``: indicator id
    -> cluster id -> the judges' (or inspectors') points."""
    results = {cid: ClusterResult(cid, name) for cid, name in clusters.items()}
    jury_points: dict[str, float] = defaultdict(float)
    for spec in indicators:
        if spec.source in MANUAL_SOURCES:
            given = scores.get(spec.id, {})
            found = {cid: Figure(judges_average(list(given.get(cid, ())))) for cid in clusters}
        else:
            automatic = figures.get(spec.id, {})
            found = {cid: automatic.get(cid, Figure(None)) for cid in clusters}
        points = apply_rule(spec.rule, {c: f.value for c, f in found.items()},
                            spec.max_points, spec.params)
        for cid, result in results.items():
            result.indicators[spec.id] = IndicatorResult(found[cid].value, points[cid],
                                                         list(found[cid].evidence))
            if spec.source == "jury":
                jury_points[cid] += points[cid]
    for group in groups:
        members = [s for s in indicators if s.group_id == group.id]
        full = sum(s.max_points for s in members)
        for result in results.values():
            earned = sum(result.indicators[s.id].points for s in members)
            result.groups[group.id] = round(group.weight * earned / full, 2) if full else 0.0
    for adjustment in adjustments:
        if adjustment.cluster_id not in results:
            continue
        result = results[adjustment.cluster_id]
        result.adjustments.append(adjustment.id)
        if adjustment.kind == "bonus":
            result.bonus += adjustment.points
        elif adjustment.kind == "penalty":
            result.penalty += adjustment.points
        elif adjustment.kind == "veto":
            result.vetoed = True
            result.veto_reason = "；".join(r for r in (result.veto_reason, adjustment.reason) if r)
    for result in results.values():
        result.bonus, result.penalty = round(result.bonus, 2), round(result.penalty, 2)
        result.total = round(max(0.0, sum(result.groups.values()) + result.bonus
                                 - result.penalty), 2)
    ranks = rank([Standing(r.cluster_id, r.total, r.penalty, jury_points[r.cluster_id])
                  for r in results.values()])
    for cid, place in ranks.items():
        results[cid].rank = place
    ordered = sorted(results.values(), key=lambda r: (r.rank, r.name))
    placed = [Placed(r.cluster_id, r.rank, r.total, r.vetoed) for r in ordered]
    red, black = red_and_black(placed, flag_rule)
    return QuarterResult(quarter, ordered, award_flags(placed, flag_rule), red, black)
