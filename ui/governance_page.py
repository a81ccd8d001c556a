"""治理联抓: grids, micro-grids, visits, disputes and the service counter, one tab each; the
zero-report tab's 今日零报告 reports "no new dispute" for this office's cluster in one click."""

from __future__ import annotations

import functools

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import UserError
from desktop_app.reports.governance import FIGURES, attention
from desktop_app.services import Services
from ui import governance_lists, lookups
from ui.background import off_thread, run_in_background, unwrapped
from ui.first_paint import after_first_paint
from ui.lazy_pane import LazyTabs
from ui.list_page import ListPage

TABS = (("网格", "GRIDS"), ("微网格", "MICRO_GRIDS"), ("民情日志", "VISITS"),
        ("矛盾纠纷", "DISPUTES"), ("零报告", "ZERO_REPORTS"), ("代办登记", "SERVICE_REQUESTS"),
        ("服务事项", "SERVICE_ITEMS"))


class GovernancePage(QWidget):
    """One tab per list."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tabs = QTabWidget()
        self.attention: dict[str, QPushButton] = {}
        strip = QHBoxLayout()
        strip.setContentsMargins(8, 4, 8, 0)
        for tab, label, _service in FIGURES:
            button = QPushButton(f"{label}：…")
            button.setFlat(True)
            button.setToolTip("点击查看")
            button.clicked.connect(lambda _checked=False, tab=tab: self.show_overdue(tab))
            self.attention[tab] = button
            strip.addWidget(button)
        strip.addStretch(1)
        self.lists: LazyTabs[ListPage] = LazyTabs(self.tabs)  # each built when first shown
        for title, spec in TABS:
            self.lists.add(title, functools.partial(self._make_list, title, spec))
        self.zero_button = QPushButton("今日零报告（一键）")
        self.zero_button.setToolTip("本联合党组织今日无新增矛盾纠纷：记录一份零报告")
        self.zero_button.clicked.connect(self.report_zero)
        self.zero_result = QLabel()
        corner = QWidget()
        row = QHBoxLayout(corner)
        row.setContentsMargins(0, 0, 4, 0)
        row.addWidget(self.zero_result)
        row.addWidget(self.zero_button)
        self.tabs.setCornerWidget(corner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(strip)
        layout.addWidget(self.tabs)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """The figures each time the page is shown (other screens may have changed them):
        counted once, by the current list's reload where it has a figure and reloads."""
        super().showEvent(event)  # the current list has had its own showEvent and reload
        if not self._current_list_recounts():  # counted once the page is painted
            after_first_paint(self, self.refresh_attention)

    def _current_list_recounts(self) -> bool:
        title = self.tabs.tabText(self.tabs.currentIndex())
        pane = self.lists.panes.get(title)
        return (title in self.attention and pane is not None and pane.built
                and self.lists[title].loading)

    def _make_list(self, title: str, spec: str) -> ListPage:
        page = ListPage(self.services, getattr(governance_lists, spec))
        if title in self.attention:  # its figure changes after a save or a delete
            page.reloaded.connect(self.refresh_attention)
        return page

    def refresh_attention(self) -> None:
        """The three figures, counted off the GUI thread for this office's cluster."""
        services = self.services
        cluster_id = services.sync.office().cluster_id

        def work(_progress):
            return attention(unwrapped(services), cluster_id)

        run_in_background(self, work, on_done=self._show_attention)

    def _show_attention(self, figures) -> None:
        for figure in figures:
            button = self.attention[figure.tab]
            button.setText(f"{figure.label}：{figure.count}")
            button.setStyleSheet("color: #b3261e; font-weight: bold;" if figure.count else "")

    def show_overdue(self, tab: str) -> None:
        """The tab, with its 仅… filter on."""
        self.lists.show(tab).overdue.setChecked(True)

    def show_tile_list(self, tab: str, cluster_id: str | None) -> ListPage:
        """The tab with only its 仅… filter and the cluster: the list a 工作台 tile counted."""
        listing = self.lists.show(tab)
        listing.show_overdue_only(cluster_id)
        return listing

    def report_zero(self) -> None:
        """Today's zero report of the cluster chosen in the zero-report list (else this
        office's); the result is said beside the button."""
        reports = self.lists.show("零报告")
        services = off_thread(self.services)
        cluster_id = reports.cluster.key() or lookups.default_cluster(services)
        if not cluster_id:
            self.zero_result.setText("请先选择联合党组织")
            return
        try:
            services.zero_reports.report(cluster_id)
        except UserError as error:  # already reported today, or a dispute came in
            self.zero_result.setText(str(error))
        else:
            self.zero_result.setText("已记录今日零报告")
            reports.reload()
