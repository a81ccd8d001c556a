"""志愿服务: the activities and the register of volunteer-hours certificates, as two tabs."""

from __future__ import annotations

import functools

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop_app.services import Services
from ui import list_specs
from ui.lazy_pane import LazyTabs
from ui.list_page import ListPage


class VolunteerPage(QWidget):
    """Two tabs: 志愿服务活动, and 证明登记簿 (certificates issued; a copy can be printed).

    Certificates are issued from 人员与村庄 → 人员 (导出 Word → 志愿服务时长证明)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.lists: LazyTabs[ListPage] = LazyTabs(self.tabs)  # each built when first shown
        self.lists.add("志愿服务活动", functools.partial(ListPage, services, list_specs.ACTIVITIES))
        self.lists.add("证明登记簿", functools.partial(ListPage, services, list_specs.CERTIFICATES))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    @property
    def activities(self) -> ListPage:
        return self.lists["志愿服务活动"]

    @property
    def certificates(self) -> ListPage:
        return self.lists["证明登记簿"]
