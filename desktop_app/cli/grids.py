"""网格与微网格: ``grid`` and ``microgrid`` (add / list / show / update / delete / restore)."""

from __future__ import annotations

from desktop_app.cli.crud import Crud, ListFilter, register_crud
from desktop_app.records.types.governance import GRID, MICRO_GRID

GRIDS = Crud("grid", GRID, "grids", filters=(
    ListFilter("cluster", "该联合党组织的网格", query="cluster_id"),
    ListFilter("village", "该村的网格", query="village_id"),
))

MICRO_GRIDS = Crud("microgrid", MICRO_GRID, "micro_grids", filters=(
    ListFilter("cluster", "该联合党组织的微网格", query="cluster_id"),
    ListFilter("village", "该村的微网格", query="village_id"),
    ListFilter("grid", "该网格的微网格", extra="grid_id"),
    ListFilter("leader", "该微网格长的微网格", extra="leader_id"),
))


def register(commands) -> None:
    register_crud(commands, GRIDS, "网格（村级）")
    register_crud(commands, MICRO_GRIDS, "微网格（网格之下，由两委成员包联）")
