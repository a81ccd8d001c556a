"""The order a person expects clusters and villages in, everywhere (forms, lists, documents):
a cluster's central village first, then the order set in 组织架构 (``position``), then the
name; clusters by their position, then name. ``move`` is 上移/下移."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, case, exists, select
from sqlmodel import col

from db.models import Cluster, Village


def is_central() -> ColumnElement[bool]:
    """Whether the village in the query is its cluster's central village (correlated)."""
    return exists().where(col(Cluster.id) == col(Village.cluster_id),
                          col(Cluster.central_village_id) == col(Village.id))


def village_order() -> list[Any]:
    """ORDER BY terms for villages within a cluster."""
    return [case((is_central(), 0), else_=1), col(Village.position), col(Village.name_sort)]


def cluster_order() -> list[Any]:
    return [col(Cluster.position), col(Cluster.name_sort)]


def village_cluster_order() -> list[Any]:
    """ORDER BY terms for villages of several clusters: by cluster, then within it."""
    own = col(Cluster.id) == col(Village.cluster_id)
    return [select(col(Cluster.position)).where(own).scalar_subquery(),
            select(col(Cluster.name_sort)).where(own).scalar_subquery(),
            col(Village.cluster_id), *village_order()]


def renumbered(siblings: Sequence, record_id: str, step: int) -> dict[str, int]:
    """New positions (id -> position, numbered from 1 in steps of 1) after moving
    ``record_id`` ``step`` places among ``siblings`` (already in display order); only the
    records whose position changes. A move past either end stops there."""
    order = [s.id for s in siblings]
    at = order.index(record_id)
    to = max(0, min(len(order) - 1, at + step))
    order.insert(to, order.pop(at))
    current = {s.id: s.position for s in siblings}
    return {sid: n for n, sid in enumerate(order, start=1) if current[sid] != n}
