"""The records behind one figure of the 擂台比武: a list of them, in their declared columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop_app.assessment.registry import MANUAL_SOURCES, SOURCES
from desktop_app.records.types import record_type, table_label
from desktop_app.services import Services
from ui.assessment_tables import fill, read_only_table
from ui.background import run_in_background

SHOWN = 200  # rows listed; the count says how many there are


def _evidence_rows(services: Services, quarter: str, cluster_id: str, indicator_id: str,
                   table: str | None, ids: list[str]) -> tuple[str, list[str], list[dict]]:
    if table is None:  # judges' scores: looked up, not stored with the figure
        found = services.assessment.evidence(quarter, cluster_id, indicator_id)
        table, ids = found.table, found.ids
    rows = services.by_kind(table).rows(ids[:SHOWN])
    return table, ids, [rows[i] for i in ids[:SHOWN] if i in rows]


class EvidenceDialog(QDialog):
    def __init__(self, services: Services, view: Any, cluster_id: str, indicator_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        spec = view.indicator(indicator_id)
        cluster = view.result.by_cluster(cluster_id)
        figure = cluster.indicators[indicator_id]
        self.setWindowTitle(f"得分依据 · {cluster.name} · {spec.name}")
        self.resize(820, 480)
        self.heading = QLabel(f"{cluster.name}“{spec.name}”：数值 "
                              f"{'无' if figure.figure is None else f'{figure.figure:g}'}，得分 "
                              f"{figure.points:g}／{spec.max_points:g}。正在读取记录…")
        self.heading.setWordWrap(True)
        self.table = read_only_table(["记录"])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        manual = spec.source in MANUAL_SOURCES
        table = None if manual else SOURCES[spec.source].table
        ids = [] if manual else list(figure.evidence)
        self.rows: list[dict] = []
        run_in_background(self, lambda _p: _evidence_rows(services, view.quarter, cluster_id,
                                                          indicator_id, table, ids),
                          on_done=self._show)

    def _show(self, found: tuple[str, list[str], list[dict]]) -> None:
        table, ids, rows = found
        self.rows = rows
        columns = [f for f in record_type(table).list_columns][:7]
        self.table.setColumnCount(len(columns))
        self.table.setHorizontalHeaderLabels([f.label for f in columns])
        self.table.horizontalHeader().setStretchLastSection(True)
        fill(self.table, [[_cell(row.get(f.shown_as)) for f in columns] for row in rows])
        more = f"（列出前 {SHOWN} 条）" if len(ids) > SHOWN else ""
        text = self.heading.text().replace("正在读取记录…", "")
        self.heading.setText(f"{text}依据{table_label(table)} {len(ids)} 条{more}。")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # before numbers: a bool is an int
        return "是" if value else "否"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)
