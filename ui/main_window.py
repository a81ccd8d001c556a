"""The main window: navigation on the left, the current screen on the right, status below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QSplitter, QStackedWidget

from desktop_app.services import Services
from ui import list_specs
from ui.list_page import ListPage
from ui.dashboard import DashboardPage


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        db = services.db
        self.setWindowTitle(f"联建台账 — {db.node.name or '未命名值班室'}")
        self.resize(1100, 720)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(150)
        self.pages = QStackedWidget()
        for title, page in (("工作台", DashboardPage(services)),
                            ("任务", ListPage(services, list_specs.TASKS))):
            self.navigation.addItem(title)
            self.pages.addWidget(page)
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        self.setCentralWidget(splitter)
        self._fill_status_bar()

    def _fill_status_bar(self) -> None:
        db = self.services.db
        officer = "无人值班"
        if db.officer_id:
            officer = "值班：" + self.services.people.get(db.officer_id).name
        bar = self.statusBar()
        self.office_label = QLabel(f"值班室：{db.node.name or '未命名'}")
        self.officer_label = QLabel(officer)
        self.db_label = QLabel(f"数据库：{db.path}")
        for label in (self.office_label, self.officer_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.db_label)
