"""The 擂台比武 charts tab: the quarter's ranking bars and the chosen cluster's rank over
quarters (its history read on a worker)."""

from __future__ import annotations

import statistics
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from desktop_app.services import Services
from ui.assessment_charts import draw_groups_against_median, draw_rank_history, draw_ranking
from ui.background import run_in_background
from ui.charts import ChartCanvas


class ChartsTab(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ranking = ChartCanvas(self)
        self.history = ChartCanvas(self)
        self.groups = ChartCanvas(self)
        lower = QHBoxLayout()
        lower.addWidget(self.history, 1)
        lower.addWidget(self.groups, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.ranking, 3)
        layout.addLayout(lower, 2)
        self.view: Any = None
        self.cluster: str | None = None
        self.history_shown: list[tuple[str, int, float]] | None = None

    def show_quarter(self, view: Any) -> None:
        self.view = view
        self.cluster = None  # the quarter changed: draw the chosen cluster again
        rows = [(c.name, c.total, c.cluster_id in view.result.flags, c.vetoed)
                for c in view.result.clusters]
        self.ranking.show_chart(lambda figure, _targets: draw_ranking(
            figure, rows, f"{view.quarter} 擂台比武总分排名"))

    def show_cluster(self, cluster_id: str, name: str, clusters: int) -> None:
        if cluster_id == self.cluster:
            return
        self.cluster = cluster_id
        if self.view is not None:
            result = self.view.result
            rows = [(g.name, result.by_cluster(cluster_id).groups.get(g.id, 0.0),
                     statistics.median(c.groups.get(g.id, 0.0) for c in result.clusters),
                     g.weight) for g in self.view.groups]
            self.groups.show_chart(lambda figure, _targets: draw_groups_against_median(
                figure, name, rows))
        services = self.services

        def done(history: list[tuple[str, int, float]]) -> None:
            if cluster_id != self.cluster:
                return  # another cluster was chosen meanwhile
            self.history_shown = history
            self.history.show_chart(lambda figure, _targets: draw_rank_history(
                figure, name, history, clusters))

        run_in_background(self, lambda _p: services.assessment.rank_history(cluster_id),
                          on_done=done)
