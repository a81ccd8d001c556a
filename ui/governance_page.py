"""治理联抓: grids, micro-grids, visits, disputes and the service counter, one tab each."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop_app.services import Services
from ui import governance_lists
from ui.list_page import ListPage

TABS = (("网格", "GRIDS"), ("微网格", "MICRO_GRIDS"), ("民情日志", "VISITS"))


class GovernancePage(QWidget):
    """One tab per list; each list is built when its tab is first shown."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tabs = QTabWidget()
        self.lists: dict[str, ListPage] = {}
        for title, spec in TABS:
            page = ListPage(services, getattr(governance_lists, spec))
            self.lists[title] = page
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
