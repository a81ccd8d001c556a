"""Small read-only tables of the 擂台比武 page (plain QTableWidgets filled from plain data)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ui import theme
from ui.widgets import stretch_keeping_header

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
KEY_ROLE = Qt.ItemDataRole.UserRole


def number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def read_only_table(headers: Sequence[str], *, stretch: int = -1) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(theme.px(24))
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch >= 0:  # the spare width, but never less than its cells (names) need
        stretch_keeping_header(table, stretch, contents=True)
    return table


def fill(table: QTableWidget, rows: Sequence[Sequence[Any]], keys: Sequence[Any] = (),
         numeric: Sequence[int] = (), colours: Sequence[str | None] = ()) -> None:
    """Put ``rows`` (cells as shown) into ``table``; ``keys[n]`` rides on row n's first cell;
    ``colours[n]`` tints row n's text."""
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem(str(value))
            if c in numeric:
                item.setTextAlignment(RIGHT)
            if r < len(colours) and colours[r]:
                item.setForeground(QBrush(QColor(colours[r])))
            if c == 0 and r < len(keys):
                item.setData(KEY_ROLE, keys[r])
            table.setItem(r, c, item)


def selected_key(table: QTableWidget) -> Any:
    rows = table.selectionModel().selectedRows()
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(KEY_ROLE) if item is not None else None
