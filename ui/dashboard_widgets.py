"""The dashboard's parts: tiles, short lists in columns, and the list a tile opens."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.plain import value_text
from desktop_app.reports.tiles import TABLE_OF_SERVICE, Tile
from desktop_app.services import ListQuery
from ui import theme
from ui.background import run_in_background
from ui.record_model import BLOCK, ID_ROLE, OVERDUE_BRUSH, RecordTableModel
from ui.status_colours import status_brush
from ui.widgets import row_table

# The list screen whose columns (and their texts, e.g. 待商议) a tile's list shows, by service.
LIST_SPECS = {"tasks": "ui.list_specs:TASKS", "agenda": "ui.list_specs:AGENDA",
              "activities": "ui.list_specs:ACTIVITIES",
              "micro_grids": "ui.governance_lists:MICRO_GRIDS",
              "disputes": "ui.governance_lists:DISPUTES",
              "service_requests": "ui.governance_lists:SERVICE_REQUESTS"}


class TileButton(QFrame):
    """A figure that matters today; a click, Enter or Space opens what is behind it."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.px(8), theme.px(4), theme.px(8), theme.px(4))
        layout.setSpacing(0)
        self.label = QLabel()
        self.value = QLabel()
        self.hint = QLabel()
        for label in (self.label, self.value, self.hint):
            label.setWordWrap(True)
            layout.addWidget(label)
        self.tile: Tile | None = None

    def set_tile(self, tile: Tile) -> None:
        """Today's tiles (row 0) in three lines; the second row's (治理联抓, 产业, 人才) in one,
        their hint in the tooltip, so that both rows fit a 1024×768 screen."""
        self.tile = tile
        compact = tile.row > 0
        self.label.setVisible(not compact)
        self.hint.setVisible(not compact)
        margin = theme.px(2 if compact else 4)
        self.layout().setContentsMargins(theme.px(8), margin, theme.px(8), margin)
        size = theme.pt(13 if compact else 20)
        figure = f"<span style='font-size:{size}pt; font-weight:bold'>{tile.value}</span>"
        unit = f" {tile.unit}" if tile.unit else ""  # none for a word: 未同步
        self.value.setText(f"{tile.label}&nbsp;&nbsp;{figure}{unit}" if compact
                           else f"{figure}{unit}")
        self.label.setText(tile.label)
        self.hint.setText(tile.hint)
        self.setToolTip(f"{tile.label}：{tile.value}{unit}。{tile.hint}")
        self.setAccessibleName(f"{tile.label} {tile.value}{unit}")
        # One style sheet for the tile and its labels: with a sheet of each label's own, making
        # and showing the eleven tiles took 10–13 ms of the GUI thread instead of 4–8.
        self.setStyleSheet(f"QFrame#tile {{ {theme.level_style(tile.level)} border-radius: 4px; }}"
                           "QFrame#tile:focus { border: 2px solid #1565c0; }"
                           "QFrame#tile QLabel { border: none; background: transparent; }")

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class RowsModel(QAbstractTableModel):
    """A few plain rows (dicts with an "id") in columns: (key, header, text or None)."""

    def __init__(self, columns: Sequence[tuple[str, str, Callable[[Any], str] | None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key, _header, text = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = row.get(key)
            return text(value) if text else value_text(value)
        if role == ID_ROLE:
            return row.get("id")
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.get("overdue"):
                return OVERDUE_BRUSH
            return status_brush(row.get("status")) if key == "status_label" else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section][1]
        return None


class RowsList(QStackedWidget):
    """A short list in columns, or a sentence when it is empty. ``opened(id)`` fires on a
    double-click or Enter."""

    opened = Signal(str)

    def __init__(self, columns, widths: Sequence[int], empty: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowsModel(columns, self)
        self.table = row_table(self.model, [theme.px(w) for w in widths], stretch_last=False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.empty = QLabel(empty)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.table)
        self.addWidget(self.empty)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self.setCurrentWidget(self.table if rows else self.empty)

    def _activated(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id:
            self.opened.emit(record_id)


class RecordListDialog(QDialog):
    """The records behind a tile: the tile's own query, in the record type's list columns;
    Enter or a double-click opens one. ``loaded`` fires when the ids have arrived."""

    loaded = Signal()

    def __init__(self, services: Any, title: str, service_name: str, query: ListQuery,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.services = services
        self.table_name = TABLE_OF_SERVICE[service_name]
        service = getattr(services, service_name)
        from desktop_app.lazy import imported

        columns = imported(LIST_SPECS[service_name]).columns
        self.model = RecordTableModel(columns, service.rows, self)
        self.table = row_table(self.model, [c.width for c in columns], stretch_last=True,
                               samples=[c.samples for c in columns])
        self.table.activated.connect(self._activated)
        self.count_label = QLabel("正在查询…")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("双击或按回车键打开一条记录。"))
        layout.addWidget(buttons)
        self.resize(theme.px(860), theme.px(480))
        self._service, self._query = service, query
        self.reload()

    def reload(self) -> None:
        service, query = self._service, self._query  # plain objects, never a widget

        def work(_progress) -> tuple[list[str], dict]:
            ids = service.ids(query)
            return ids, service.rows(ids[:BLOCK])

        run_in_background(self, work, on_done=lambda found: self._show(*found))

    def _show(self, ids: list[str], rows: dict) -> None:
        self.model.set_ids(ids, rows)
        self.count_label.setText(f"共 {len(ids)} 条" if ids else "没有符合条件的记录。")
        if ids:
            self.table.selectRow(0)
        self.loaded.emit()

    def _activated(self, index: QModelIndex) -> None:
        from ui import open_record

        record_id = self.model.id_at(index.row())
        if record_id and open_record.open_record(self.services, self.table_name, record_id, self):
            self.reload()  # show what was saved
