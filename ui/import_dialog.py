"""导入: bring a sheet (.xlsx, .xls, .ods, .csv) into any list, the way docs/excel.md says.

Choose a file; the dialog shows which column it guessed for which field (each can be
changed), and the first rows as they will be read, every cell with a problem in red with
the reason; then 导入 writes all rows or none (or only the good ones, if ticked). Reading,
checking and writing run on a worker thread (``desktop_app.excel``), so the window paints
while a 10,000-row sheet is checked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.excel import Column, ImportOptions, ImportReport, Plan
from desktop_app.excel.columns import importable
from desktop_app.excel.values import clean_text
from desktop_app.records.fields import Kind
from desktop_app.services import Services
from ui.background import run_in_background, unwrapped

PREVIEW_ROWS = 50
SKIP = "（不导入）"
PROBLEM = QColor("#FDE2E1")
SHEET_FILTER = "表格 (*.xlsx *.xls *.ods *.csv *.xlsm);;所有文件 (*)"


class ImportDialog(QDialog):
    """The import of one record type's sheet. ``checked`` fires when a preview is shown,
    ``imported`` after records were written (the list reloads), ``finished_import`` with
    the report of every attempt (tests wait on them)."""

    checked = Signal()
    imported = Signal()
    finished_import = Signal(object)

    def __init__(self, services: Services, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = unwrapped(services)
        self.kind = kind
        self.declared = self.services.by_kind(kind).record_type
        self.fields = importable(self.declared)
        self.path: Path | None = None
        self.plan: Plan | None = None
        self.report: ImportReport | None = None
        self._columns: list[Column] | None = None
        self.setWindowTitle(f"从表格导入{self.declared.label}")
        self.resize(980, 640)

        self.file = QLineEdit()
        self.file.setReadOnly(True)
        self.file.setPlaceholderText("请选择 Excel、WPS 或 CSV 表格")
        choose = QPushButton("选择文件…")
        choose.clicked.connect(self.choose_file)
        self.sheet = QComboBox()
        self.sheet.setMinimumContentsLength(10)
        self.sheet.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet.currentTextChanged.connect(self._sheet_changed)
        top = QHBoxLayout()
        top.addWidget(QLabel("文件"))
        top.addWidget(self.file, 1)
        top.addWidget(choose)
        top.addWidget(QLabel("工作表"))
        top.addWidget(self.sheet)

        self.mapping = QTableWidget(0, 2)
        self.mapping.setHorizontalHeaderLabels(["表中的列", "导入为"])
        self.mapping.verticalHeader().hide()
        self.mapping.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.mapping.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.mapping.setColumnWidth(1, 130)
        self.mapping.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.preview = QTableWidget(0, 0)
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.verticalHeader().hide()
        self.preview.setWordWrap(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("列的对应（可修改）"))
        left_layout.addWidget(self.mapping)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.preview_title = QLabel(f"预览（前 {PREVIEW_ROWS} 行；红色单元格有问题，"
                                    f"鼠标停留可看原因）")
        right_layout.addWidget(self.preview_title)
        right_layout.addWidget(self.preview)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([310, 670])

        self.notes = QLabel("选择表格后，这里显示读到的行数和问题。")
        self.notes.setWordWrap(True)
        self.create_villages = QCheckBox("新建表中有、本机没有的村庄（按表中的联合党组织）")
        self.create_villages.setVisible(any(
            f.kind in (Kind.VILLAGE, Kind.VILLAGES) for f in self.fields))
        self.create_villages.toggled.connect(lambda _on: self.check())
        self.good_only = QCheckBox("只导入没有问题的行（默认：有一行有问题就都不导入）")
        self.save_button = QPushButton("保存问题行…")
        self.save_button.setToolTip("把有问题的行连同“问题”一列保存为 Excel，改正后重新导入")
        self.save_button.clicked.connect(self.save_problems)
        self.import_button = QPushButton("导入")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.create_villages)
        layout.addWidget(self.good_only)
        layout.addLayout(buttons)
        self._update_buttons()

    # --- choosing and checking ------------------------------------------------------
    def choose_file(self) -> None:
        from ui.exports import export_folder

        path, _ = QFileDialog.getOpenFileName(self, f"选择要导入的{self.declared.label}表格",
                                              str(export_folder()), SHEET_FILTER)
        if path:
            self.load(path)

    def load(self, path: str | Path) -> None:
        """Read ``path`` (its first sheet) and show the guessed mapping and the preview."""
        self.path = Path(path)
        self.file.setText(str(self.path))
        self._columns = None
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.blockSignals(False)
        self.check()

    def _sheet_changed(self, _name: str) -> None:
        if self.plan is not None and self.sheet.currentText() != self.plan.sheet:
            self._columns = None
            self.check()

    def options(self, **changes: Any) -> ImportOptions:
        return ImportOptions(sheet=self.sheet.currentText() or None, columns=self._columns,
                             create_villages=self.create_villages.isChecked(),
                             good_rows_only=self.good_only.isChecked(), **changes)

    def check(self) -> None:
        """Read and check the sheet again with the current choices (on a worker)."""
        if self.path is None:
            return
        from desktop_app.excel import prepare

        services, kind, path, options = self.services, self.kind, self.path, self.options()
        self.notes.setText("正在读取和检查表格…")
        self._update_buttons(busy=True)

        def work(_progress) -> Plan:
            plan = prepare(services, kind, path, options)
            preview_check(services, plan)
            return plan

        run_in_background(self, work, on_done=self._show_plan, on_error=self._failed,
                          label="正在读取表格…")

    def _failed(self, error: BaseException) -> None:
        from ui.background import user_message

        self.plan = None
        self.notes.setText(user_message(error))
        self._update_buttons()
        self.checked.emit()

    def _show_plan(self, plan: Plan) -> None:
        self.plan = plan
        self.report = None
        self._columns = plan.columns
        self.sheet.blockSignals(True)
        if self.sheet.count() != len(plan.sheet_names):
            self.sheet.clear()
            self.sheet.addItems(plan.sheet_names)
        self.sheet.setCurrentText(plan.sheet)
        self.sheet.blockSignals(False)
        self._fill_mapping(plan)
        self._fill_preview(plan)
        refused = sum(1 for row in plan.rows if not row.ok)
        lines = [f"共 {len(plan.rows)} 行数据，表头在第 {plan.header_row} 行"
                 + (f"；{refused} 行有问题（红色）" if refused else "；未发现问题")]
        lines += plan.notes
        self.notes.setText("\n".join(lines))
        self._update_buttons()
        self.checked.emit()

    def _fill_mapping(self, plan: Plan) -> None:
        self.mapping.setRowCount(len(plan.columns))
        for n, column in enumerate(plan.columns):
            shown = f"{column.letter}  {column.header}" if column.header else column.letter
            item = QTableWidgetItem(shown)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.mapping.setItem(n, 0, item)
            combo = QComboBox()
            combo.addItem(SKIP, None)
            for spec in self.fields:
                combo.addItem(spec.label, spec.name)
            combo.setCurrentIndex(max(combo.findData(column.field), 0))
            combo.currentIndexChanged.connect(lambda _i, n=n: self._mapping_changed(n))
            self.mapping.setCellWidget(n, 1, combo)

    def field_combo(self, column: int) -> QComboBox:
        widget = self.mapping.cellWidget(column, 1)
        assert isinstance(widget, QComboBox)
        return widget

    def _mapping_changed(self, index: int) -> None:
        if self._columns is None:
            return
        name = self.field_combo(index).currentData()
        columns = []
        for column in self._columns:
            if column.index == index:
                columns.append(Column(column.index, column.header, name))
            elif name is not None and column.field == name:  # a field fills one column
                columns.append(Column(column.index, column.header, None))
                self.field_combo(column.index).blockSignals(True)
                self.field_combo(column.index).setCurrentIndex(0)
                self.field_combo(column.index).blockSignals(False)
            else:
                columns.append(column)
        self._columns = columns
        self.check()

    def _fill_preview(self, plan: Plan) -> None:
        mapped = [c for c in plan.columns if c.field]
        labels = {spec.name: spec.label for spec in self.fields}
        self.preview.clear()
        self.preview.setColumnCount(len(mapped) + 2)
        self.preview.setHorizontalHeaderLabels(
            ["行", "问题", *(labels[c.field] for c in mapped if c.field)])
        rows = plan.rows[:PREVIEW_ROWS]
        self.preview.setRowCount(len(rows))
        for r, row in enumerate(rows):
            self.preview.setItem(r, 0, QTableWidgetItem(str(row.number)))
            for n, column in enumerate(mapped, start=2):
                raw = row.cells[column.index] if column.index < len(row.cells) else ""
                item = QTableWidgetItem(as_excel_shows(raw))
                problem = row.problems.get(column.field or "")
                if problem:
                    item.setBackground(QBrush(PROBLEM))
                    item.setToolTip(problem)
                self.preview.setItem(r, n, item)
            text = "；".join(row.problems.values())
            item = QTableWidgetItem(text)
            if text:
                item.setBackground(QBrush(PROBLEM))
                item.setToolTip(text)
            self.preview.setItem(r, 1, item)
        self.preview.resizeColumnsToContents()
        for n in range(self.preview.columnCount()):
            widest = 260 if n == 1 else 180
            self.preview.setColumnWidth(n, min(self.preview.columnWidth(n), widest))

    # --- importing ------------------------------------------------------------------
    def start_import(self) -> None:
        if self.path is None or self.plan is None:
            return
        from desktop_app.excel import import_sheet

        services, kind, path, options = self.services, self.kind, self.path, self.options()
        self._update_buttons(busy=True)
        self.notes.setText("正在导入…")
        run_in_background(
            self, lambda progress: import_sheet(services, kind, path, options,
                                                progress=progress),
            on_done=self._imported, on_error=self._failed, label="正在导入…")

    def _imported(self, report: ImportReport) -> None:
        self.report = report
        lines = [report.summary]
        lines += [f"第 {p.row} 行" + (f"【{p.field}】" if p.field else "") + f"：{p.message}"
                  for p in report.problems[:8]]
        if len(report.problems) > 8:
            lines.append(f"……共 {len(report.problems)} 个问题，可“保存问题行”查看全部")
        self.notes.setText("\n".join(lines))
        self._update_buttons()
        if report.written:
            self.imported.emit()
        self.finished_import.emit(report)

    def save_problems(self, path: str | None = None) -> Path | None:
        """Save the refused rows with a 问题 column (after 导入, or the preview's)."""
        report = self.report or self._preview_report()
        if report is None or not report.refused:
            return None
        if path is None:
            from ui.exports import export_folder

            suggested = export_folder() / f"{self.declared.label}-问题行.xlsx"
            path, _ = QFileDialog.getSaveFileName(self, "保存问题行", str(suggested),
                                                  "Excel 表格 (*.xlsx)")
            if not path:
                return None
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
        from desktop_app.excel import save_problems

        saved = save_problems(report, Path(path))
        QMessageBox.information(self, "保存问题行", f"已保存：{saved}\n改正“问题”一列所说的"
                                                   f"内容后，可重新导入这个文件。")
        return saved

    def _preview_report(self) -> ImportReport | None:
        if self.plan is None:
            return None
        from desktop_app.excel.importer import report_of

        return report_of(self.plan, self.declared)

    def _update_buttons(self, *, busy: bool = False) -> None:
        ready = self.plan is not None and bool(self.plan.rows) and not busy
        self.import_button.setEnabled(ready)
        refused = (self.report.refused if self.report is not None
                   else [r for r in self.plan.rows if not r.ok] if self.plan else [])
        self.save_button.setEnabled(bool(refused) and not busy)


def as_excel_shows(value: Any) -> str:
    """A cell as the clerk saw it in Excel: a long number as 3.70523E+17."""
    if isinstance(value, float) and abs(value) >= 1e15:
        return f"{value:.5E}"
    return clean_text(value)


def preview_check(services: Services, plan: Plan) -> None:
    """Let the service's own rules (a phone number's shape ...) mark the preview's rows too:
    a dry run of the first rows, written into ``plan``'s rows, nothing kept."""
    from dataclasses import replace

    from desktop_app.excel import ImportOptions, import_sheet

    shown = replace(plan, rows=plan.rows[:PREVIEW_ROWS])
    try:
        import_sheet(services, plan.kind, "", ImportOptions(dry_run=True), plan=shown)
    except Exception:  # noqa: BLE001 - e.g. nobody on shift: the import itself will say so
        return


__all__ = ["ImportDialog"]
