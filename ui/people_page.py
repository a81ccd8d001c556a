"""人员与村庄: people (filtered by role), villages, 组织架构 (clusters and their villages),
volunteer teams."""

from __future__ import annotations

import functools

from PySide6.QtWidgets import (
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Services
from ui import list_specs
from ui.lazy_pane import LazyPane, LazyTabs
from ui.list_page import ListPage
from ui.org_page import OrgPage


class PeoplePage(QWidget):
    """Four tabs: 人员, 村庄, 组织架构, 志愿服务队."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.lists: LazyTabs[ListPage] = LazyTabs(self.tabs)  # each built when first shown
        self.lists.add("人员", functools.partial(ListPage, services, list_specs.PEOPLE))
        self.lists.add("村庄", functools.partial(ListPage, services, list_specs.VILLAGES))
        self.org_pane = LazyPane(functools.partial(OrgPage, services))
        self.tabs.addTab(self.org_pane, "组织架构")
        self.lists.add("志愿服务队", functools.partial(ListPage, services, list_specs.TEAMS))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    @property
    def people(self) -> ListPage:
        return self.lists["人员"]

    @property
    def villages(self) -> ListPage:
        return self.lists["村庄"]

    @property
    def org(self) -> OrgPage:
        return self.org_pane.content()

    @property
    def teams(self) -> ListPage:
        return self.lists["志愿服务队"]
