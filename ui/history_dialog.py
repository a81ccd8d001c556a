"""修改历史 of one record: each change with field, old and new value, who, when and on which PC,
and each time someone revealed a masked value (services.history, from sync's operation log)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Services
from ui import theme
from ui.background import off_thread

COLUMNS = [("时间", 130), ("操作", 44), ("项目", 90), ("原来", 150), ("改为", 150),
           ("值班人员", 70), ("电脑", 130)]


class HistoryDialog(QDialog):
    def __init__(self, services: Services, record_id: str, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"修改历史 — {title}")
        changes = off_thread(services).history.history(record_id)
        self.table = QTableWidget(len(changes), len(COLUMNS))
        self.table.setHorizontalHeaderLabels([name for name, _ in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        for column, (_name, width) in enumerate(COLUMNS):
            self.table.setColumnWidth(column, theme.px(width))
        self.table.horizontalHeader().setSectionResizeMode(len(COLUMNS) - 1,
                                                           QHeaderView.ResizeMode.Stretch)
        for row, change in enumerate(reversed(changes)):  # newest first
            for column, text in enumerate((f"{change.at:%Y-%m-%d %H:%M}", change.action,
                                           change.label, change.old, change.new, change.who,
                                           change.pc)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        note = QLabel(f"共 {len(changes)} 条，最新的在最上面。身份证号、电话等只显示部分数字；"
                      "“查看”是有人在表单中点“显示”看过完整号码，并写明了原因。"
                      if changes else "没有这条记录的修改历史（示例镇的记录不记修改历史）。")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(theme.px(900), theme.px(460))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        from ui.window_state import fit_on_screen

        fit_on_screen(self)
