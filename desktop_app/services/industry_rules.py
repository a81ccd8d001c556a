"""Rules the industry records share: a village of the record's own cluster, the dates of a
span, amounts of money and rows read back in order."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from db.models import Village
from desktop_app.records.errors import ValidationError
from desktop_app.records.money import check_amount


def village_of_cluster(session: Session, cluster_id: str, village_id: str | None,
                       field: str) -> Village | None:
    """The village, which must exist and belong to ``cluster_id`` (None passes)."""
    if village_id is None:
        return None
    village = session.get(Village, village_id)
    if village is None or village.deleted:
        raise ValidationError(field, f"找不到村庄：{village_id}")
    if village.cluster_id != cluster_id:
        raise ValidationError(field, f"{village.name}不属于本联合党组织")
    return village


def span_in_order(values: dict[str, Any], existing: Any, start: str, end: str,
                  start_label: str, end_label: str) -> None:
    """The end of a span (a project, a rotation) may not come before its start."""
    first: date | None = values.get(start, getattr(existing, start, None))
    last: date | None = values.get(end, getattr(existing, end, None))
    if first and last and last < first:
        raise ValidationError(end, f"{end_label}（{last}）不能早于{start_label}（{first}）")


def amounts(field: str, label: str, given: dict[str, Any]) -> dict[str, int]:
    """``{key: amount}`` with each amount checked: a whole number of 元, not negative."""
    checked = {}
    for key, amount in given.items():
        if key is None or not str(key).strip():
            raise ValidationError(field, f"{label}不能为空")
        checked[str(key).strip()] = check_amount(field, f"{label}“{key}”的金额", amount)
    return checked
