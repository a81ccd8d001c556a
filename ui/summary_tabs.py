"""A page of list tabs under a summary line, with a 概况 tab of charts (the 产业 and 人才
pages); each tab is built the first time it is shown."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.services import Services
from ui.background import run_in_background
from ui.first_paint import after_first_paint
from ui.lazy_pane import LazyPane, LazyTabs
from ui.list_page import ListPage, ListSpec

OVERVIEW = "概况"


class SummaryTabsPage(QWidget):
    """Subclasses name their tabs (title, ``ListSpec``), the summary (a function of the
    services and the office's cluster, returning an object with ``line()``) and the charts
    (a function of no arguments returning a widget with ``show_summary``)."""

    tabs_spec: tuple[tuple[str, ListSpec], ...] = ()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.tabs = QTabWidget()
        self.lists: LazyTabs[ListPage] = LazyTabs(self.tabs)  # each built when first shown
        for title, spec in self.tabs_spec:
            self.lists.add(title, functools.partial(ListPage, services, spec))
        self.overview = LazyPane(self._make_overview)  # matplotlib waits for the tab
        self.tabs.addTab(self.overview, OVERVIEW)
        self.last_summary: Any = None
        self.summary = QLabel("正在统计…")
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(8, 4, 8, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs)

    # --- for subclasses -----------------------------------------------------------------
    @staticmethod
    def summarise(services: Services, cluster_id: str | None) -> Any:
        """The summary (on a worker). A plain function, never a method: work handed to a
        worker closes over plain objects only, never a widget (a bound method would hand it
        the page)."""
        raise NotImplementedError

    def make_charts(self) -> Any:
        raise NotImplementedError

    # --- the summary and the charts ---------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        after_first_paint(self, self.refresh_summary)  # the page painted, then the loading

    def refresh_summary(self) -> None:
        """The summary of this office's cluster (the town's: every cluster)."""
        services = self.services
        cluster_id = services.sync.office().cluster_id
        summarise: Callable = type(self).summarise  # no page (see summarise)
        run_in_background(self, lambda _progress: summarise(services, cluster_id),
                          on_done=self._show_summary)

    @property
    def charts(self) -> Any:
        """The 概况 tab's charts, or None before it was first shown."""
        return self.overview.content() if self.overview.built else None

    def _show_summary(self, summary: Any) -> None:
        self.last_summary = summary
        self.summary.setText(summary.line())
        if self.charts is not None:
            self.charts.show_summary(summary)

    def _make_overview(self) -> QWidget:
        charts = self.make_charts()
        if self.last_summary is not None:
            charts.show_summary(self.last_summary)
        return charts
