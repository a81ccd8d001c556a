"""Rules that turn each cluster's figure into points (practice.md, 擂台比武 conversions).

Every rule takes ``{cluster: figure}``, the indicator's full marks and its parameters, and
returns ``{cluster: points}`` rounded to two decimals. A cluster without a figure gets 0.
Parameters (all optional unless said):

- ``rank``: ``points`` the list of points by rank (ranks 1-5 get 60, 57, 54, 51, 48), or
  ``step`` (points lost per place, default full marks ÷ clusters); equal figures share a rank;
  ``lower_better``.
- ``proportional``: the leader gets full marks, others full × value ÷ leader's
  (``lower_better``: full × leader's ÷ value).
- ``bands``: ``bands`` ``[[threshold, points], ...]``, the first threshold the figure reaches
  (or, ``lower_better``, does not exceed) gives its points, else 0 (巡查覆盖率 ≥ 95 → 10).
- ``deduct``: ``per_event`` points off full marks per event (the figure), down to 0 (扣完为止).
- ``direct``: the figure is the points (judges' and inspection scores), capped at full marks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from desktop_app.records.errors import ValidationError

Figures = Mapping[str, float | None]
Points = dict[str, float]
Rule = Callable[[Figures, float, Mapping[str, Any]], Points]

RULE_LABELS = {
    "rank": "按名次赋分",
    "proportional": "按与第一名的比例赋分",
    "bands": "按区间赋分",
    "deduct": "按次扣分，扣完为止",
    "direct": "按评分直接计分",
}


def _round(value: float) -> float:
    return round(value + 0.0, 2)


def _known(figures: Figures) -> dict[str, float]:
    return {key: float(value) for key, value in figures.items() if value is not None}


def by_rank(figures: Figures, full: float, params: Mapping[str, Any]) -> Points:
    known = _known(figures)
    lower = bool(params.get("lower_better"))
    table = params.get("points")
    step = params.get("step")
    if step is None:
        step = full / max(len(figures), 1)
    points: Points = {key: 0.0 for key in figures}
    for key, value in known.items():
        rank = 1 + sum(1 for other in known.values()
                       if (other < value if lower else other > value))
        if table is not None:
            earned = float(table[rank - 1]) if rank <= len(table) else 0.0
        else:
            earned = max(0.0, full - step * (rank - 1))
        points[key] = _round(min(full, earned))
    return points


def proportional(figures: Figures, full: float, params: Mapping[str, Any]) -> Points:
    known = _known(figures)
    points: Points = {key: 0.0 for key in figures}
    if not known:
        return points
    lower = bool(params.get("lower_better"))
    leader = min(known.values()) if lower else max(known.values())
    for key, value in known.items():
        if lower:
            share = 1.0 if value <= 0 else (leader / value if leader > 0 else 0.0)
        else:
            share = value / leader if leader > 0 else 0.0
        points[key] = _round(full * max(0.0, min(1.0, share)))
    return points


def bands(figures: Figures, full: float, params: Mapping[str, Any]) -> Points:
    lower = bool(params.get("lower_better"))
    table = sorted(((float(t), float(p)) for t, p in params.get("bands", [])),
                   reverse=not lower)
    points: Points = {}
    for key, value in figures.items():
        earned = 0.0
        if value is not None:
            for threshold, band_points in table:
                if (value <= threshold) if lower else (value >= threshold):
                    earned = band_points
                    break
        points[key] = _round(min(full, earned))
    return points


def deduct(figures: Figures, full: float, params: Mapping[str, Any]) -> Points:
    per_event = float(params.get("per_event", 1))
    return {key: _round(max(0.0, full - per_event * float(value or 0)))
            for key, value in figures.items()}


def direct(figures: Figures, full: float, params: Mapping[str, Any]) -> Points:
    return {key: _round(max(0.0, min(full, float(value or 0)))) for key, value in figures.items()}


RULES: dict[str, Rule] = {"rank": by_rank, "proportional": proportional, "bands": bands,
                          "deduct": deduct, "direct": direct}


def apply_rule(rule: str, figures: Figures, full: float, params: Mapping[str, Any]) -> Points:
    """Points of each cluster by the named rule; an unknown rule is refused by name."""
    if rule not in RULES:
        allowed = "、".join(RULE_LABELS.values())
        raise ValidationError("rule", f"计分规则“{rule}”无效，可选：{allowed}")
    return RULES[rule](figures, full, params)


def check_params(rule: str, params: Mapping[str, Any]) -> None:
    """Refuse parameters a rule cannot use, naming them."""
    if rule == "bands":
        table = params.get("bands")
        if not table or not all(isinstance(b, list | tuple) and len(b) == 2 for b in table):
            raise ValidationError("params", "区间赋分须给出区间，例如 [[95, 10], [90, 8]]")
    if rule == "deduct" and float(params.get("per_event", 1)) <= 0:
        raise ValidationError("params", "每次扣分应大于 0")
    if rule == "rank" and params.get("points") is not None and not params["points"]:
        raise ValidationError("params", "名次分值不能为空")
