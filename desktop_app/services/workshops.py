"""共富工坊: jobs, pay and the villages' income, with monthly figures so trends show."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from db.models import Workshop, WorkshopMonth
from desktop_app.records.errors import ValidationError
from desktop_app.records.money import check_amount
from desktop_app.services.base import RecordService
from desktop_app.services.industry_rules import village_of_cluster
from desktop_app.services.members import set_members

MONTH = re.compile(r"^(20\d\d)-(0[1-9]|1[0-2])$")
MONTH_FIGURES = {"employed": "从业人数", "pay": "人均月收入", "income": "村集体收入"}


class WorkshopService(RecordService[Workshop]):
    model = Workshop
    status_column = None
    order_by = ("name",)

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        cluster_id = values.get("cluster_id") or existing.cluster_id
        village_of_cluster(session, cluster_id, values.get("village_id"), "village_id")
        if values.get("months") is not None:
            values["months"] = checked_months(values["months"])

    def write_children(self, session: Session, record: Workshop,
                       children: dict[str, Any]) -> None:
        if children.get("months") is not None:
            set_members(session, WorkshopMonth, "workshop_id", record.id, "month",
                        children["months"])

    def months(self, workshop_id: str) -> dict[str, dict[str, int]]:
        """``"2026-05" -> {employed, pay, income}``, by month."""
        with self.db.session() as session:
            rows = session.scalars(
                select(WorkshopMonth)
                .where(col(WorkshopMonth.workshop_id) == workshop_id,
                       col(WorkshopMonth.deleted).is_(False))
                .order_by(col(WorkshopMonth.month)))
            return {row.month: {name: getattr(row, name) for name in MONTH_FIGURES}
                    for row in rows}


def checked_months(given: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Each month ``YYYY-MM`` with its figures, none negative."""
    checked: dict[str, dict[str, int]] = {}
    for month, figures in given.items():
        month = str(month).strip()
        if not MONTH.match(month):
            raise ValidationError("months", f"月份“{month}”应写成 YYYY-MM，例如 2026-05")
        unknown = set(figures) - set(MONTH_FIGURES)
        if unknown:
            raise ValidationError("months", f"月度台账没有这一项：{'、'.join(sorted(unknown))}")
        checked[month] = {name: check_amount("months", f"{month} 的{label}",
                                             figures.get(name) or 0)
                          for name, label in MONTH_FIGURES.items()}
    return checked
