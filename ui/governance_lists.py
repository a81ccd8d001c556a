"""The 治理联抓 lists: which columns and filters each of its record types shows."""

from __future__ import annotations

from ui.forms.governance_forms import GridForm, MicroGridForm
from ui.list_page import ListSpec
from ui.record_model import declared_columns

GRIDS = ListSpec(
    title="网格",
    service="grids",
    columns=declared_columns("grid"),
    form=GridForm,
    search_hint="搜索：网格编码或名称（Ctrl+F）",
)

MICRO_GRIDS = ListSpec(
    title="微网格",
    service="micro_grids",
    columns=declared_columns("micro_grid"),
    form=MicroGridForm,
    search_hint="搜索：微网格名称或党员中心户（Ctrl+F）",
)
