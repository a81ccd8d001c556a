"""A small table of rows typed into a form: a project's funds (来源, 万元), each village's
share, a workshop's months. Each column is text, a choice, a whole number or money in 万元
(kept in 元)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.widgets import ChoiceCombo

YUAN_PER_WAN = 10_000
ROW_HEIGHT = 28


@dataclass(frozen=True)
class RowColumn:
    header: str
    # text | words (a combo that takes typed words) | choice | number | hours | wan
    kind: str = "text"
    choices: Sequence[tuple[Any, str]] = field(default_factory=tuple)
    width: int = 120
    hint: str = ""


class RowsTable(QWidget):
    """Rows with 添加 / 删除 buttons; :meth:`rows` reads them as lists of values."""

    def __init__(self, columns: Sequence[RowColumn], *, visible_rows: int = 3,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.labels: dict[Any, str] = {}  # labels of keys outside the choices
        self.table = QTableWidget(0, len(self.columns))
        self.table.setHorizontalHeaderLabels([c.header for c in self.columns])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for index, column in enumerate(self.columns):
            self.table.setColumnWidth(index, column.width)
        header.setSectionResizeMode(len(self.columns) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setFixedHeight(ROW_HEIGHT * (visible_rows + 1) + 4)
        add = QPushButton("添加一行")
        add.clicked.connect(lambda: self.add_row())
        remove = QPushButton("删除所选行")
        remove.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _cell(self, column: RowColumn, value: Any) -> QWidget:
        if column.kind == "words":
            words = QComboBox()
            words.setEditable(True)
            words.addItems([label for _, label in column.choices])
            words.setCurrentText("" if value is None else str(value))
            return words
        if column.kind == "choice":
            combo = ChoiceCombo(column.choices, empty="（请选择）")
            if value is not None and combo.findData(value) < 0:
                combo.addItem(self.unknown_label(value), value)
            combo.set_key(value)
            return combo
        if column.kind == "number":
            box = QSpinBox()
            box.setRange(0, 999_999_999)
            box.setValue(int(value or 0))
            return box
        if column.kind == "hours":
            hours = QDoubleSpinBox()
            hours.setDecimals(1)
            hours.setRange(0, 24)
            hours.setSingleStep(0.5)
            hours.setValue(float(value or 0))
            return hours
        if column.kind == "wan":
            money = QDoubleSpinBox()
            money.setDecimals(2)
            money.setRange(0, 99_999_999)
            money.setSuffix(" 万元")
            money.setValue((value or 0) / YUAN_PER_WAN)
            return money
        edit = QLineEdit("" if value is None else str(value))
        edit.setPlaceholderText(column.hint)
        return edit

    @staticmethod
    def _value(column: RowColumn, widget: QWidget) -> Any:
        if isinstance(widget, ChoiceCombo):
            return widget.key()
        if isinstance(widget, QComboBox):
            return widget.currentText().strip()
        if isinstance(widget, QDoubleSpinBox):
            if column.kind == "hours":
                return widget.value()
            return round(widget.value() * YUAN_PER_WAN)
        if isinstance(widget, QSpinBox):
            return widget.value()
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def unknown_label(self, key: Any) -> str:
        """The label of a chosen key not among the column's choices (a person of another
        cluster who attended): the form names it (``labels``), else the key itself."""
        return self.labels.get(key, str(key))

    def add_row(self, values: Sequence[Any] | None = None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for index, column in enumerate(self.columns):
            value = values[index] if values is not None else None
            self.table.setCellWidget(row, index, self._cell(column, value))

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def rows(self) -> list[list[Any]]:
        return [[self._value(column, self.table.cellWidget(row, index))
                 for index, column in enumerate(self.columns)]
                for row in range(self.table.rowCount())]

    def set_rows(self, rows: Sequence[Sequence[Any]]) -> None:
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(values)

    def set_choices(self, index: int, choices: Sequence[tuple[Any, str]]) -> None:
        """New choices of a choice column (a cluster's villages), keeping what was chosen
        (rows set later whose key is not among them keep it too: see ``set_rows``)."""
        self.columns[index] = RowColumn(**{**self.columns[index].__dict__,
                                           "choices": tuple(choices)})
        for row in range(self.table.rowCount()):
            widget = self.table.cellWidget(row, index)
            if isinstance(widget, ChoiceCombo):
                widget.set_choices(choices)
