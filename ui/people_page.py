"""人员与村庄: people (filtered by role), villages, 组织架构 (clusters and their villages),
volunteer teams."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Services
from ui import list_specs
from ui.list_page import ListPage
from ui.org_page import OrgPage


class PeoplePage(QWidget):
    """Four tabs: 人员, 村庄, 组织架构, 志愿服务队."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = ListPage(services, list_specs.PEOPLE)
        self.villages = ListPage(services, list_specs.VILLAGES)
        self.org = OrgPage(services)
        self.teams = ListPage(services, list_specs.TEAMS)
        self.tabs = QTabWidget()
        for page, title in ((self.people, "人员"), (self.villages, "村庄"),
                            (self.org, "组织架构"), (self.teams, "志愿服务队")):
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
