"""评分录入: one judge's scores as a grid of clusters × the scheme's hand-scored indicators,
with each cluster's total as the judge types; 保存 writes the new and changed cells."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.assessment.registry import MANUAL_SOURCES
from desktop_app.services import Services
from ui import icons
from ui.assessment_tables import RIGHT
from ui.background import off_thread, run_in_background, show_error

BAD = "#ffcdd2"


class ScoreGrid(QWidget):
    """``saved`` fires after the scores were written."""

    saved = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.view: Any = None
        self.clusters: list[tuple[str, str]] = []  # (id, name) in row order
        self.indicators: list[Any] = []  # hand-scored indicators in column order
        self.scores: list[dict[str, Any]] = []
        self.judge = QComboBox()
        self.judge.setEditable(True)
        self.judge.setMinimumWidth(160)
        self.judge.setToolTip("选择评委，或输入新评委的称呼（例如：镇党委书记）")
        self.judge.currentTextChanged.connect(lambda _text: self._fill_cells())
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.save_button = icons.with_icon(QPushButton("保存评分"), "保存")
        self.save_button.clicked.connect(self.save)
        self.word_button = QPushButton("评分表（Word）…")
        self.word_button.setToolTip("导出空白评分表，打印后由评委手填")
        self.excel_button = QPushButton("评分表（Excel）…")
        self.excel_button.setToolTip("导出评分表 Excel：每个联合党组织一行、每项评分一列，"
                                     "评委填好后可用“导入评分表”录入")
        self.import_button = QPushButton("导入评分表…")
        self.import_button.setToolTip("导入评委填好的 Excel 评分表：有一格不对则全部不导入，"
                                      "并指出是哪一格")
        self.word_button.clicked.connect(lambda: self._export(".docx"))
        self.excel_button.clicked.connect(lambda: self._export(".xlsx"))
        self.import_button.clicked.connect(self._import)
        top = QHBoxLayout()
        top.addWidget(QLabel("评委"))
        top.addWidget(self.judge)
        top.addWidget(self.note, 1)
        top.addWidget(self.save_button)
        sheets = QHBoxLayout()
        sheets.addWidget(self.word_button)
        sheets.addWidget(self.excel_button)
        sheets.addWidget(self.import_button)
        sheets.addStretch(1)
        self.table = QTableWidget(0, 0)
        self.table.verticalHeader().setVisible(False)
        self.table.cellChanged.connect(self._cell_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(sheets)
        self._filling = False

    def _export(self, suffix: str) -> None:
        if self.view is not None:
            from ui.assessment_sheets import export_sheet

            export_sheet(self, self.services, self.view.quarter,
                         self.judge.currentText().strip(), suffix)

    def _import(self) -> None:
        if self.view is not None:
            from ui.assessment_sheets import import_sheet

            import_sheet(self, self.services, self.view.quarter,
                         self.judge.currentText().strip(), lambda _r: self.saved.emit())

    def show_quarter(self, view: Any, names: dict[str, str]) -> None:
        self.view = view
        self.clusters = [(c.cluster_id, c.name) for c in
                         sorted(view.result.clusters, key=lambda c: c.name)]
        self.indicators = [i for i in view.indicators if i.source in MANUAL_SOURCES]
        services, quarter = self.services, view.quarter
        run_in_background(self, lambda _p: services.assessment.scores(quarter),
                          on_done=self._show_scores)

    def _show_scores(self, scores: list[dict[str, Any]]) -> None:
        self.scores = scores
        judges = sorted({s["judge"] for s in scores})
        current = self.judge.currentText()
        self.judge.blockSignals(True)
        self.judge.clear()
        self.judge.addItems(judges)
        self.judge.setCurrentText(current or (judges[0] if judges else ""))
        self.judge.blockSignals(False)
        headers = ["联合党组织", *[f"{i.name}（{i.max_points:g}）" for i in self.indicators],
                   "合计"]
        self._filling = True
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(self.clusters))
        for row, (_cid, name) in enumerate(self.clusters):
            item = QTableWidgetItem(name)
            item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
            self.table.setItem(row, 0, item)
        self._filling = False
        final = bool(self.view and self.view.final)
        self.table.setEnabled(not final)
        self.save_button.setEnabled(not final)
        self.import_button.setEnabled(not final)
        self.note.setText("该季度已定稿，评分不能再修改。" if final else
                          "每格填该评委给该联合党组织的分数；合计随输入更新。"
                          "5 名及以上评委时去掉一个最高分和一个最低分后取平均。")
        self._fill_cells()

    def _existing(self, judge: str) -> dict[tuple[str, str], dict[str, Any]]:
        return {(s["cluster_id"], s["indicator_id"]): s for s in self.scores
                if s["judge"] == judge}

    def _fill_cells(self) -> None:
        existing = self._existing(self.judge.currentText().strip())
        self._filling = True
        for row, (cluster_id, _name) in enumerate(self.clusters):
            for col, spec in enumerate(self.indicators, start=1):
                found = existing.get((cluster_id, spec.id))
                item = QTableWidgetItem("" if found is None else f"{found['points']:g}")
                item.setTextAlignment(RIGHT)
                self.table.setItem(row, col, item)
            self._update_total(row)
        self._filling = False
        self.table.resizeColumnsToContents()  # with the scores and totals in (合计 was cut)

    def _cell_changed(self, row: int, col: int) -> None:
        if self._filling or not 1 <= col <= len(self.indicators):
            return
        self._filling = True
        self._update_total(row)
        self._filling = False
        self.table.resizeColumnToContents(self.table.columnCount() - 1)  # the new 合计 whole

    def value(self, row: int, col: int) -> float | None:
        """The number in a cell, None when empty; a bad one marks the cell and raises."""
        item = self.table.item(row, col)
        text = item.text().strip() if item is not None else ""
        if not text:
            return None
        return float(text)

    def _update_total(self, row: int) -> None:
        total = 0.0
        for col, spec in enumerate(self.indicators, start=1):
            item = self.table.item(row, col)
            try:
                value = self.value(row, col)
                good = value is None or 0 <= value <= spec.max_points
            except ValueError:
                value, good = None, False
            if item is not None:
                item.setBackground(QBrush(QColor(BAD)) if not good else QBrush())
            if good:
                total += value or 0.0
        item = QTableWidgetItem(f"{total:g}")
        item.setTextAlignment(RIGHT)
        item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
        self.table.setItem(row, len(self.indicators) + 1, item)

    def total(self, row: int) -> str:
        item = self.table.item(row, len(self.indicators) + 1)
        return item.text() if item is not None else ""

    def save(self) -> int:
        """Write every new or changed cell; the first refused one stops and is shown.
        Returns how many were written."""
        judge = self.judge.currentText().strip()
        if not judge or self.view is None:
            self.note.setText("请先选择或输入评委。")
            return 0
        existing = self._existing(judge)
        scores = off_thread(self.services).assess_scores
        written = 0
        try:
            for row, (cluster_id, name) in enumerate(self.clusters):
                for col, spec in enumerate(self.indicators, start=1):
                    try:
                        value = self.value(row, col)
                    except ValueError:
                        self.note.setText(f"{name}“{spec.name}”不是数字")
                        return written
                    found = existing.get((cluster_id, spec.id))
                    if value is None or (found is not None and found["points"] == value):
                        continue
                    if found is None:
                        scores.create(scheme_id=self.view.scheme_id, indicator_id=spec.id,
                                      assessed_id=cluster_id, judge=judge, points=value)
                    else:
                        scores.update(found["id"], points=value)
                    written += 1
        except Exception as error:  # noqa: BLE001 (shown; the cells before it stay saved)
            show_error(self, error)
        self.note.setText(f"已保存 {written} 项评分。")
        if written:
            self.saved.emit()
        return written
