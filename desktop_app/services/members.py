"""Rows that belong to a record as members of a set (attendees, claims, participants ...).

A member's id is derived from its parent and the member it names (``db.ids.member_id``),
so the same member added on two PCs is one row. Removing a member tombstones its row;
adding it back restores the row.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, col, select

from db.ids import member_id
from db.models import SyncedRecord, Village, table_of
from desktop_app.records.errors import ValidationError


def set_members(
    session: Session,
    model: type[SyncedRecord],
    parent_field: str,
    parent_id: str,
    member_field: str,
    wanted: Mapping[str, Mapping[str, Any]],
) -> None:
    """Make the live members of ``parent_id`` exactly ``wanted`` (member -> other values)."""
    existing = {
        getattr(row, member_field): row
        for row in session.exec(select(model).where(getattr(model, parent_field) == parent_id))
    }
    for member, current in existing.items():
        if member not in wanted and not current.deleted:
            current.deleted = True
    for member, values in wanted.items():
        row = existing.get(member)
        if row is None:
            links: dict[str, Any] = {parent_field: parent_id, member_field: member}
            row = model(id=member_id(table_of(model).name, parent_id, member), **links)
            session.add(row)
        row.deleted = False
        for name, value in values.items():
            if getattr(row, name) != value:
                setattr(row, name, value)


def live_members(session: Session, model: type[SyncedRecord], parent_field: str,
                 parent_id: str) -> list[Any]:
    return list(
        session.exec(
            select(model)
            .where(getattr(model, parent_field) == parent_id, col(model.deleted).is_(False))
            .order_by(col(model.created_at), col(model.id))
        )
    )


def check_villages_in_cluster(session: Session, cluster_id: str, village_ids: list[str],
                              field: str = "village_ids") -> None:
    """Every village must exist and belong to the cluster."""
    for village_id in village_ids:
        village = session.get(Village, village_id)
        if village is None or village.deleted:
            raise ValidationError(field, f"找不到村庄：{village_id}")
        if village.cluster_id != cluster_id:
            raise ValidationError(field, f"{village.name}不属于本联合党组织，不能认领或关联")
