"""Conflicts to review: two PCs changed the same field; both values side by side.

"保留当前值" and "改用另一方的值" keep one side, "编辑…" writes a new value; each is an
ordinary edit (``services.sync.resolve``) that clears the conflict on every PC
once it has travelled there.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import UserError
from desktop_app.records.plain import value_text
from desktop_app.records.types import field_choices, field_label, table_label
from desktop_app.services.sync import Conflict, Side, SyncService
from ui import icons
from ui.sync_models import Field, RowsModel, local_time
from ui.widgets import row_table


def conflict_value(conflict: Conflict, value: Any) -> str:
    labels = field_choices(conflict.tbl, conflict.field)
    if labels is not None and value in labels:
        return labels[value]
    if isinstance(value, bool):
        return "是" if value else "否"
    if value is None or value == "":
        return "（空）"
    return value_text(value)


def side_text(side: Side) -> str:
    return f"{side.node}，{local_time(side.at)}"


def record_text(conflict: Conflict) -> str:
    return f"{table_label(conflict.tbl)}：{conflict.record}"


def field_text(conflict: Conflict) -> str:
    return field_label(conflict.tbl, conflict.field)


CONFLICT_FIELDS = [
    Field("记录", record_text, 160),
    Field("字段", field_text, 80),
    Field("当前值", lambda c: conflict_value(c, c.winner.value), 120),
    Field("当前值来自", lambda c: side_text(c.winner), 150),
    Field("另一方的值", lambda c: conflict_value(c, c.loser.value), 120),
    Field("另一方", lambda c: side_text(c.loser), 150),
]


class ConflictPanel(QWidget):
    """The conflict list and its three actions; ``resolved`` after a conflict was resolved."""

    resolved = Signal()

    def __init__(self, sync: SyncService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.model = RowsModel(CONFLICT_FIELDS, self)
        self.table = row_table(self.model, [field.width for field in CONFLICT_FIELDS])
        hint = QLabel("两台电脑改了同一项内容。程序已按统一规则显示“当前值”，另一方的值保存在这里，"
                      "请核实后选择保留哪一个；处理结果会随下次同步传到其他电脑。")
        hint.setWordWrap(True)
        self.keep_button = QPushButton("保留当前值")
        self.other_button = QPushButton("改用另一方的值")
        self.edit_button = icons.with_icon(QPushButton("编辑…"), "编辑")
        self.keep_button.clicked.connect(lambda: self.resolve_selected("winner"))
        self.other_button.clicked.connect(lambda: self.resolve_selected("loser"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.empty_label = QLabel("没有待处理的冲突。")
        row = QHBoxLayout()
        row.addWidget(self.empty_label)
        row.addWidget(self.error, 1)
        for button in (self.keep_button, self.other_button, self.edit_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.set_conflicts([])

    def set_conflicts(self, conflicts: list[Conflict]) -> None:
        selected = self.selected()
        self.model.set_rows(conflicts)
        self.empty_label.setVisible(not conflicts)
        for button in (self.keep_button, self.other_button, self.edit_button):
            button.setEnabled(bool(conflicts))
        if conflicts:
            ids = [c.id for c in conflicts]
            self.table.selectRow(ids.index(selected.id) if selected and selected.id in ids else 0)

    def selected(self) -> Conflict | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model is not None else []
        return self.model.row(rows[0].row()) if rows else None

    def resolve_selected(self, keep: str, value: Any = None) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        try:
            self.sync.resolve(conflict.id, keep=keep, value=value)
        except UserError as error:
            self.error.setText(str(error))
            return
        self.error.clear()
        self.resolved.emit()

    def edit_selected(self) -> None:
        conflict = self.selected()
        if conflict is None:
            return
        value = self.ask_value(conflict)
        if value is not None:
            self.resolve_selected("winner", value)

    def ask_value(self, conflict: Conflict) -> Any:
        """A new value from the person (None: cancelled or empty)."""
        title = f"编辑：{record_text(conflict)}"
        label = f"{field_text(conflict)}的新值："
        labels = field_choices(conflict.tbl, conflict.field)
        if isinstance(conflict.winner.value, bool):
            labels = {True: "是", False: "否"}
        if labels is not None:
            keys = list(labels)
            current = keys.index(conflict.winner.value) if conflict.winner.value in keys else 0
            text, ok = QInputDialog.getItem(self, title, label, list(labels.values()), current,
                                            False)
            return keys[list(labels.values()).index(text)] if ok else None
        current = "" if conflict.winner.value is None else str(conflict.winner.value)
        text, ok = QInputDialog.getText(self, title, label, text=current)
        if not ok:
            return None
        if not text.strip():
            self.error.setText("新值不能为空；如要保留某一方的值，请用左边的按钮。")
            return None
        return text.strip()
