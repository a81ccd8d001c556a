"""人员与村庄: people (filtered by role), villages, joint Party organisations, volunteer teams."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import ListQuery, Services
from ui import list_specs
from ui.background import off_thread
from ui.list_page import ListPage
from ui.record_model import Column, RecordTableModel
from ui.widgets import row_table

CLUSTER_COLUMNS = [
    Column("name", "联合党组织", 180),
    Column("central_village", "中心村", 100),
    Column("village_count", "村数", 50, align_right=True),
    Column("villages", "所辖村庄", 400),
]


class ClusterTable(QWidget):
    """A read-only list of the town's joint Party organisations (tens of rows)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._shown_before = False
        self.model = RecordTableModel(CLUSTER_COLUMNS, services.clusters.rows, self)
        self.table = row_table(self.model, [column.width for column in CLUSTER_COLUMNS])
        self.count_label = QLabel()
        title = QLabel("联合党组织")
        title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self.reload()

    def reload(self) -> None:
        self.model.set_ids(off_thread(self.services).clusters.ids(ListQuery(limit=None)))
        self.count_label.setText(f"共 {self.model.rowCount()} 个联合党组织")

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._shown_before:
            self.reload()
        self._shown_before = True


class PeoplePage(QWidget):
    """Four tabs: 人员, 村庄, 联合党组织, 志愿服务队."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.people = ListPage(services, list_specs.PEOPLE)
        self.villages = ListPage(services, list_specs.VILLAGES)
        self.clusters = ClusterTable(services)
        self.teams = ListPage(services, list_specs.TEAMS)
        self.tabs = QTabWidget()
        for page, title in ((self.people, "人员"), (self.villages, "村庄"),
                            (self.clusters, "联合党组织"), (self.teams, "志愿服务队")):
            self.tabs.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
