"""Batch look-ups that turn ids into the names a list shows (one query per kind)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlmodel import Session, col

from db.models import SyncedRecord, Village, table_of
from desktop_app.services.ordering import village_order


def members_by_parent(session: Session, model: type[SyncedRecord], parent_field: str,
                      member_field: str, parent_ids: Iterable[str]) -> dict[str, list[str]]:
    """``parent id -> [member ids]`` of the live set members, in one query."""
    parent_column = getattr(model, parent_field)
    rows = session.execute(
        select(parent_column, getattr(model, member_field))
        .where(parent_column.in_(list(parent_ids)), col(model.deleted).is_(False))
        .order_by(col(model.created_at), col(model.id))
    )
    grouped: dict[str, list[str]] = defaultdict(list)
    for parent, member in rows:
        grouped[parent].append(member)
    return grouped


def village_names_by_parent(session: Session, model: type[SyncedRecord], parent_field: str,
                            parent_ids: Iterable[str]) -> dict[str, str]:
    """``parent id -> "黄璩村、韩璩村"`` for claim-like rows that name villages."""
    parent_column = getattr(model, parent_field)
    rows = session.execute(
        select(parent_column, col(Village.name))
        .join(Village, col(Village.id) == table_of(model).c.village_id)
        .where(parent_column.in_(list(parent_ids)), col(model.deleted).is_(False))
        .order_by(*village_order())
    )
    grouped: dict[str, list[str]] = defaultdict(list)
    for parent, name in rows:
        grouped[parent].append(name)
    return {parent: "、".join(names) for parent, names in grouped.items()}
