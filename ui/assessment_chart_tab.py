"""The 擂台比武 charts tab: the quarter's ranking bars and the chosen cluster's rank over
quarters (its history read on a worker)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop_app.services import Services
from ui.assessment_charts import draw_rank_history, draw_ranking
from ui.background import run_in_background
from ui.charts import ChartCanvas


class ChartsTab(QWidget):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ranking = ChartCanvas(self)
        self.history = ChartCanvas(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.ranking, 3)
        layout.addWidget(self.history, 2)
        self.cluster: str | None = None
        self.history_shown: list[tuple[str, int, float]] | None = None

    def show_quarter(self, view: Any) -> None:
        rows = [(c.name, c.total, c.cluster_id in view.result.flags, c.vetoed)
                for c in view.result.clusters]
        draw_ranking(self.ranking.figure, rows, f"{view.quarter} 擂台比武总分排名")
        self.ranking.draw_idle()

    def show_cluster(self, cluster_id: str, name: str, clusters: int) -> None:
        if cluster_id == self.cluster:
            return
        self.cluster = cluster_id
        services = self.services

        def done(history: list[tuple[str, int, float]]) -> None:
            if cluster_id != self.cluster:
                return  # another cluster was chosen meanwhile
            self.history_shown = history
            draw_rank_history(self.history.figure, name, history, clusters)
            self.history.draw_idle()

        run_in_background(self, lambda _p: services.assessment.rank_history(cluster_id),
                          on_done=done)
