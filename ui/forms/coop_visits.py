"""A cooperative's liaison visits in its form: the list, and on the town PC 记录走访 (the
checklist, the measures, the standing judged again)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import UserError, ValidationError
from desktop_app.records.types.industry import COOP_STANDINGS
from ui.widgets import ChoiceCombo, dialog_buttons, from_qdate, to_qdate

HEADERS = ("日期", "检查情况", "帮扶措施")


class VisitDialog(QDialog):
    """记录走访: written through ``services.coops.add_visit`` (which refuses an office PC)."""

    def __init__(self, services, cooperative_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.cooperative_id = cooperative_id
        self.setWindowTitle("记录联系走访")
        self.visited_on = QDateEdit(to_qdate(date.today()))
        self.visited_on.setCalendarPopup(True)
        self.checklist = QPlainTextEdit()
        self.checklist.setPlaceholderText("章程、三会、财务、成员账户、盈余返还、社务公开、年报")
        self.measures = QPlainTextEdit()
        self.standing = ChoiceCombo(COOP_STANDINGS.items(), empty="（不变）")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow("走访日期", self.visited_on)
        form.addRow("检查情况", self.checklist)
        form.addRow("帮扶措施", self.measures)
        form.addRow("规范程度", self.standing)
        buttons = dialog_buttons(self, "保存", self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, 420)

    def save(self) -> None:
        try:
            self.services.coops.add_visit(
                self.cooperative_id, visited_on=from_qdate(self.visited_on.date()),
                checklist=self.checklist.toPlainText(), measures=self.measures.toPlainText(),
                standing=self.standing.key())
        except (ValidationError, UserError) as error:
            self.error.setText(getattr(error, "message", str(error)))
            return
        self.accept()


class VisitsBox(QWidget):
    """The visits of a saved cooperative, newest last; 记录走访 only on the town PC."""

    def __init__(self, services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.cooperative_id: str | None = None
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setFixedHeight(120)
        self.add = QPushButton("记录走访…")
        self.add.clicked.connect(self.record_visit)
        self.note = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addWidget(self.add)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def load(self, cooperative_id: str | None) -> None:
        self.cooperative_id = cooperative_id
        town = self.services.sync.office().is_town
        self.add.setVisible(bool(cooperative_id) and town)
        self.note.setText("" if town else "联系走访由镇里记录，同步后在此显示。")
        self.note.setVisible(not town)
        visits = self.services.coops.visits(cooperative_id) if cooperative_id else []
        self.table.setRowCount(len(visits))
        for row, visit in enumerate(visits):
            for column, text in enumerate((visit.visited_on.isoformat(), visit.checklist,
                                           visit.measures)):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def record_visit(self) -> None:
        assert self.cooperative_id is not None
        if VisitDialog(self.services, self.cooperative_id, self).exec():
            self.load(self.cooperative_id)
