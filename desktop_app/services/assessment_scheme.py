"""A draft quarter's scheme edited as a whole (the window's 修改方案): its groups with their
weights, its indicators with their source, rule and parameters, and the 流动红旗 rule, saved
together in one transaction or not at all.

Refused by name, nothing changed: a finalised (定稿) quarter, a village office, weights that
do not total 100, a group or an indicator code twice, an empty name, an unknown source or
rule, parameters the rule cannot use, and an indicator the judges have already scored being
removed (its scores would be lost).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlmodel import Session, col

from db.models import AssessGroup, AssessIndicator, AssessScore
from desktop_app.assessment.compute import GroupSpec
from desktop_app.assessment.registry import require_source
from desktop_app.assessment.rules import RULE_LABELS, check_params
from desktop_app.records.errors import ValidationError
from desktop_app.services.assessment_records import FINAL, finalised_message
from desktop_app.services.checks import check_declared

if TYPE_CHECKING:
    from desktop_app.services.assessment import AssessmentService
    from desktop_app.services.assessment_records import GroupService, IndicatorService


@dataclass
class GroupDraft:
    """A group as the dialog holds it: ``key`` is its id, or any new key for a new one."""

    key: str
    name: str
    weight: float
    id: str | None = None  # None: new


@dataclass
class IndicatorDraft:
    group: str  # the key of its GroupDraft
    code: str
    name: str
    source: str
    rule: str
    max_points: float
    params: dict[str, Any] = field(default_factory=dict)
    id: str | None = None  # None: new
    scores: int = 0  # judges' scores it has (read only)


def scheme_drafts(session: Session, scheme_id: str) -> tuple[list[GroupDraft],
                                                               list[IndicatorDraft]]:
    """The scheme's live groups and indicators in their order, as drafts to edit."""
    groups = [GroupDraft(g.id, g.name, g.weight, g.id) for g in session.scalars(
        select(AssessGroup).where(col(AssessGroup.scheme_id) == scheme_id,
                                  col(AssessGroup.deleted).is_(False))
        .order_by(col(AssessGroup.position), col(AssessGroup.name)))]
    scored = dict(session.execute(
        select(col(AssessScore.indicator_id), func.count()).where(
            col(AssessScore.scheme_id) == scheme_id, col(AssessScore.deleted).is_(False))
        .group_by(col(AssessScore.indicator_id))).all())
    indicators = [IndicatorDraft(i.group_id, i.code, i.name, i.source, i.rule, i.max_points,
                                 json.loads(i.params) if i.params else {}, i.id,
                                 scored.get(i.id, 0))
                  for i in session.scalars(select(AssessIndicator).where(
                      col(AssessIndicator.scheme_id) == scheme_id,
                      col(AssessIndicator.deleted).is_(False))
                      .order_by(col(AssessIndicator.position), col(AssessIndicator.code)))]
    return groups, indicators


def check_drafts(quarter: str, groups: list[GroupDraft],
                 indicators: list[IndicatorDraft]) -> None:
    """Everything about the drafts that needs no database, refused by name."""
    from desktop_app.services.assessment import check_weights

    names: set[str] = set()
    for group in groups:
        group.name = group.name.strip()
        if not group.name:
            raise ValidationError("name", "指标类别名称不能为空")
        if group.name in names:
            raise ValidationError("name", f"指标类别“{group.name}”重复")
        names.add(group.name)
        if not 0 <= group.weight <= 100:
            raise ValidationError("weight", f"“{group.name}”的权重应在 0～100 分之间")
    check_weights([GroupSpec(g.key, g.name, g.weight) for g in groups], quarter)
    keys = {g.key for g in groups}
    codes: set[str] = set()
    for spec in indicators:
        spec.code, spec.name = spec.code.strip(), spec.name.strip()
        if not spec.code or not spec.name:
            raise ValidationError("code", f"指标“{spec.code or spec.name}”的编号和名称都要填写")
        if spec.code in codes:
            raise ValidationError("code", f"指标编号“{spec.code}”重复")
        codes.add(spec.code)
        if spec.group not in keys:
            raise ValidationError("group_id", f"指标“{spec.code} {spec.name}”所属的指标类别"
                                              "已删除：请改选类别或删除该指标")
        require_source(spec.source)
        if spec.rule not in RULE_LABELS:
            raise ValidationError("rule", f"指标“{spec.code} {spec.name}”的计分规则无效")
        if not 0 < spec.max_points <= 100:
            raise ValidationError("max_points", f"指标“{spec.code} {spec.name}”的满分应大于 0、"
                                                "不超过 100 分")
        check_params(spec.rule, spec.params)


def save_drafts(assessment: AssessmentService, groups_service: GroupService,
                indicators_service: IndicatorService, quarter: str, groups: list[GroupDraft],
                indicators: list[IndicatorDraft], scheme_values: dict[str, Any]) -> int:
    """Write the drafts (and ``scheme_values``: the flag rule) over the quarter's scheme as
    one new version of it; returns the version."""
    assessment.require_town("修改擂台比武方案")
    db = assessment.db
    db.check_clock()
    with db.transaction() as session:
        scheme = assessment.schemes.by_quarter(session, quarter)
        if scheme.status == FINAL:
            raise ValidationError("quarter", finalised_message(scheme.quarter))
        check_drafts(scheme.quarter, groups, indicators)
        check_declared(session, assessment.schemes.record_type, scheme_values, scheme,
                       today=db.wall.today())
        before_groups, before_indicators = scheme_drafts(session, scheme.id)
        kept = {spec.id for spec in indicators if spec.id}
        for old in before_indicators:
            if old.id not in kept:
                if old.scores:
                    raise ValidationError("indicator_id", f"指标“{old.code} {old.name}”已有评委"
                                          f"评分 {old.scores} 项，不能删除：请先删除这些评分")
                _delete(session, AssessIndicator, old.id)
        kept = {group.id for group in groups if group.id}
        for old_group in before_groups:
            if old_group.id not in kept:
                _delete(session, AssessGroup, old_group.id)
        ids = _write_groups(session, groups_service, scheme.id, groups)
        _write_indicators(session, indicators_service, scheme.id, indicators, ids)
        for name, value in scheme_values.items():
            setattr(scheme, name, value)
        scheme.scheme_version += 1
        session.flush()
        return scheme.scheme_version


def _delete(session: Session, model: Any, record_id: str | None) -> None:
    record = session.get(model, record_id)
    if record is not None:
        record.deleted = True


def _write_groups(session: Session, service: GroupService, scheme_id: str,
                  groups: list[GroupDraft]) -> dict[str, str]:
    """Create the new groups and change the others; ``draft key -> id``."""
    ids: dict[str, str] = {}
    for position, group in enumerate(groups, 1):
        values = {"name": group.name, "weight": group.weight, "position": position}
        if group.id is None:
            created = service.create_in(session, service._accepted(
                {"scheme_id": scheme_id, **values}))
            ids[group.key] = created.id
            continue
        record = session.get(AssessGroup, group.id)
        if record is None or record.scheme_id != scheme_id:
            raise ValidationError("group_id", f"指标类别“{group.name}”不属于该方案")
        check_declared(session, service.record_type, values, record)
        for name, value in values.items():
            setattr(record, name, value)
        ids[group.key] = record.id
    session.flush()
    return ids


def _write_indicators(session: Session, service: IndicatorService, scheme_id: str,
                      indicators: list[IndicatorDraft], group_ids: dict[str, str]) -> None:
    positions: dict[str, int] = {}
    for spec in indicators:
        group_id = group_ids[spec.group]
        positions[group_id] = positions.get(group_id, 0) + 1
        values = {"group_id": group_id, "code": spec.code, "name": spec.name,
                  "source": spec.source, "rule": spec.rule, "max_points": spec.max_points,
                  "params": json.dumps(spec.params, ensure_ascii=False) if spec.params else "",
                  "position": positions[group_id]}
        if spec.id is None:
            service.create_in(session, service._accepted({"scheme_id": scheme_id, **values}))
            continue
        record = session.get(AssessIndicator, spec.id)
        if record is None or record.scheme_id != scheme_id:
            raise ValidationError("indicator_id", f"指标“{spec.code} {spec.name}”不属于该方案")
        check_declared(session, service.record_type, values, record)  # the rest: checked
        for name, value in values.items():
            setattr(record, name, value)
    session.flush()

