"""产业: the lists of 产业项目, 合作社 and 共富工坊 on one page of tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.records.types import field_choices
from desktop_app.services import Services
from ui.background import run_in_background
from ui.forms.industry_forms import CooperativeForm, ProjectForm, WorkshopForm
from ui.industry_exports import COOPERATIVE_EXPORTS, PROJECT_EXPORTS, WORKSHOP_EXPORTS
from ui.list_page import ListPage, ListSpec
from ui.record_model import declared_columns

PROJECTS = ListSpec(
    title="产业项目",
    service="projects",
    columns=declared_columns("aid_project"),
    form=ProjectForm,
    statuses=field_choices("aid_project", "status"),
    date_label="开工",
    search_hint="搜索：项目名称、联农带农机制、进展（Ctrl+F）",
    exports=PROJECT_EXPORTS,
)

COOPERATIVES = ListSpec(
    title="合作社",
    service="coops",
    columns=declared_columns("cooperative"),
    form=CooperativeForm,
    statuses=field_choices("cooperative", "standing"),
    search_hint="搜索：合作社名称（或拼音首字母）、品牌、信用代码（Ctrl+F）",
    exports=COOPERATIVE_EXPORTS,
)

WORKSHOPS = ListSpec(
    title="共富工坊",
    service="workshops",
    columns=declared_columns("workshop"),
    form=WorkshopForm,
    search_hint="搜索：工坊名称（Ctrl+F）",
    exports=WORKSHOP_EXPORTS,
)


class IndustryPage(QWidget):
    """Three tabs: 项目, 合作社, 共富工坊."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.projects = ListPage(services, PROJECTS)
        self.cooperatives = ListPage(services, COOPERATIVES)
        self.workshops = ListPage(services, WORKSHOPS)
        self.tabs = QTabWidget()
        for page, title in ((self.projects, "项目"), (self.cooperatives, "合作社"),
                            (self.workshops, "共富工坊")):
            self.tabs.addTab(page, title)
        self.services = services
        self.summary = QLabel("正在统计…")
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(8, 4, 8, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self.refresh_summary()

    def refresh_summary(self) -> None:
        """The summary line of this office's cluster (the town's: every cluster)."""
        from desktop_app.reports.industry import industry_summary

        services = self.services
        cluster_id = services.sync.office().cluster_id
        run_in_background(self, lambda _progress: industry_summary(services, cluster_id).line(),
                          on_done=self.summary.setText)
