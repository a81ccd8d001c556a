"""值班: start a shift (pick yourself), keep the shift log, and hand over with a note."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import UserError
from desktop_app.records.vocabulary import DUTY_ROLES
from desktop_app.services import Services
from ui import icons, lookups, theme
from ui.background import off_thread, show_error, unwrapped
from ui.exports import DUTY_EXPORTS
from ui.list_page import ListPage, ListSpec
from ui.record_model import declared_columns
from ui.rota_due import DueBox
from ui.widgets import ChoiceCombo, dialog_buttons

CHOOSE_OFFICER = "请选择值班人员"
SAVED_MESSAGE_MS = 5000

SHIFTS = ListSpec(
    title="值班记录",
    service="duty",
    columns=declared_columns("duty_shift"),
    villages=False,
    date_label="接班",
    exports=DUTY_EXPORTS,
)


def duty_officer_choices(services: Services, cluster_id: str | None) -> list[tuple[str, str]]:
    """Who may take duty here: people whose roles include a duty role (设置 lists them).

    Everyone of the cluster if nobody has such a role yet, so that a new office is not stuck.
    """
    everyone = lookups.people_choices(services, cluster_id)
    officers = {key for role in DUTY_ROLES
                for key, _label in lookups.people_choices(services, cluster_id, role)}
    return [choice for choice in everyone if choice[0] in officers] or everyone


class HandoverDialog(QDialog):
    """Asked when a shift ends: what the next officer must know."""

    def __init__(self, log: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("交班")
        self.resize(480, 360)
        self.log = QPlainTextEdit(log)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText("例如：黄店村路灯已报修，明天上午回访；低保评议材料在档案柜。")
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        form = QFormLayout()
        form.addRow("本班值班记录", self.log)
        form.addRow("交接事项", self.note)
        buttons = dialog_buttons(self, "交班", self._check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # The log was kept during the shift; what is asked now is the handover note.
        self.note.setFocus()

    def _check(self) -> None:
        if not self.note.toPlainText().strip():
            self.error.setText("请填写交接事项（没有需要交接的，可填“无”）")
            self.error.show()
            return
        self.accept()


class DutyPage(QWidget):
    """``shift_changed`` fires after a shift starts or ends.

    The log is saved when 保存值班记录 is clicked; until then ``has_unsaved_log()`` is true and
    the main window saves it on closing (``save_unsaved_log``).
    """

    shift_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = off_thread(services)  # the cluster's people grow with the data
        self._shift_id: str | None = None  # the shift whose log is in the editor
        self._saved_log = ""  # that log as last written to the database
        layout = QVBoxLayout(self)
        self.box = QGroupBox("当前值班")
        box_layout = QVBoxLayout(self.box)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setStyleSheet(f"font-size: {theme.pt(12)}pt;")
        box_layout.addWidget(self.state)
        self.previous_note = QLabel()
        self.previous_note.setWordWrap(True)
        self.previous_note.setStyleSheet("background: #fff8e1; padding: 6px;")
        box_layout.addWidget(self.previous_note)

        self.start_row = QWidget()
        start = QHBoxLayout(self.start_row)
        start.setContentsMargins(0, 0, 0, 0)
        self.officer = ChoiceCombo(empty=CHOOSE_OFFICER)
        self.officer.setMinimumWidth(220)
        self.add_person_button = QPushButton("名单里没有我…")
        self.add_person_button.clicked.connect(self.add_myself)
        self.start_button = QPushButton("开始值班")
        self.start_button.clicked.connect(self.start_shift)
        start.addWidget(QLabel("我是："))
        start.addWidget(self.officer)
        start.addWidget(self.add_person_button)
        start.addStretch(1)
        start.addWidget(self.start_button)
        box_layout.addWidget(self.start_row)

        self.on_shift_row = QWidget()
        on_shift = QVBoxLayout(self.on_shift_row)
        on_shift.setContentsMargins(0, 0, 0, 0)
        self.log = QPlainTextEdit()
        self.log.setPlaceholderText("值班记录：接待来访、处理事项、电话等")
        self.log.setMaximumHeight(110)
        buttons = QHBoxLayout()
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #2e7d32;")
        self._saved_label_timer = QTimer(self)
        self._saved_label_timer.setSingleShot(True)
        self._saved_label_timer.timeout.connect(self.saved_label.clear)
        self.save_log_button = icons.with_icon(QPushButton("保存值班记录"), "保存")
        self.save_log_button.clicked.connect(self.save_log)
        self.end_button = QPushButton("交班（结束值班）")
        self.end_button.clicked.connect(self.end_shift)
        buttons.addStretch(1)
        buttons.addWidget(self.saved_label)
        buttons.addWidget(self.save_log_button)
        buttons.addWidget(self.end_button)
        on_shift.addWidget(self.log)
        on_shift.addLayout(buttons)
        box_layout.addWidget(self.on_shift_row)
        layout.addWidget(self.box)
        self.due = DueBox(services)  # 今明两天应值班 (ui/rota_due.py)
        layout.addWidget(self.due)

        self.history = ListPage(unwrapped(services), SHIFTS)
        layout.addWidget(self.history, 1)
        self.refresh()

    @property
    def cluster_id(self) -> str | None:
        return lookups.default_cluster(self.services)

    def refresh(self) -> None:
        shift = self.services.duty.current()
        self.start_row.setVisible(shift is None)
        self.on_shift_row.setVisible(shift is not None)
        if shift is None:
            self.state.setText("当前无人值班。请选择自己的名字，开始值班；本班记录的事项都将署您的名字。")
            self.officer.set_choices(duty_officer_choices(self.services, self.cluster_id))
            self.officer.set_key(None)  # nobody starts a shift by accident
        else:
            officers = self.services.duty.rows([shift.id])[shift.id]["officers"]
            self.state.setText(f"{officers} 正在值班（{shift.start:%Y-%m-%d %H:%M} 接班）")
            if shift.id != self._shift_id or not self.has_unsaved_log():
                self._shift_id, self._saved_log = shift.id, shift.log
                self.log.setPlainText(shift.log)
                self.saved_label.clear()
        previous = self.services.duty.last_handover(self.cluster_id) if self.cluster_id else None
        self.previous_note.setVisible(previous is not None)
        if previous is not None:
            self.previous_note.setText(
                f"上一班（{previous.end:%m-%d %H:%M} 交班）交接事项：{previous.handover_note}")

    def add_myself(self) -> None:
        name, ok = QInputDialog.getText(self, "添加值班人员", "姓名：")
        if not ok or not name.strip():
            return
        try:
            person = self.services.people.create(name=name, cluster_id=self.cluster_id,
                                                 roles=["village_committee"])
        except UserError as error:
            show_error(self, error)
            return
        self.officer.set_choices(duty_officer_choices(self.services, self.cluster_id))
        self.officer.set_key(person.id)

    def start_shift(self) -> None:
        officer = self.officer.key()
        try:
            if not officer:
                raise UserError("请先选择值班人员")
            if not self.cluster_id:
                raise UserError("尚未设置本值班室所属的联合党组织：请到“设置”页面设置")
            self.services.duty.start(self.cluster_id, [officer])
        except UserError as error:
            show_error(self, error)
            return
        self._changed()

    def has_unsaved_log(self) -> bool:
        """The log in the editor differs from the one saved for its shift."""
        return (self._shift_id is not None
                and self.log.toPlainText().strip() != self._saved_log.strip())

    def save_log(self) -> bool:
        """保存值班记录: write the log and say so; False (after saying why) if it failed."""
        try:
            self._write_log()
        except Exception as error:  # whatever it is, the officer must know
            show_error(self, error)
            return False
        return True

    def save_unsaved_log(self) -> None:
        """Write the log if it has unsaved changes; raises if that fails (nothing shown)."""
        if self.has_unsaved_log():
            self._write_log()

    def _write_log(self) -> None:
        if self._shift_id is None:
            return
        log = self.log.toPlainText().strip()
        self.services.duty.update(self._shift_id, log=log)
        self._saved_log = log
        message = f"值班记录已保存 {datetime.now():%H:%M}"
        self.saved_label.setText(message)
        self._saved_label_timer.start(SAVED_MESSAGE_MS)
        self.history.reload()

    def end_shift(self) -> None:
        dialog = HandoverDialog(self.log.toPlainText(), self)
        if not dialog.exec():
            # Keep what was written in the dialog's log: it is saved like any other edit.
            if dialog.log.toPlainText() != self.log.toPlainText():
                self.log.setPlainText(dialog.log.toPlainText())
            return
        self.end_with(dialog.note.toPlainText(), dialog.log.toPlainText())

    def end_with(self, note: str, log: str) -> None:
        try:
            self.services.duty.end(note, log=log)
        except UserError as error:
            show_error(self, error)
            return
        self._shift_id, self._saved_log = None, ""
        self._changed()

    def _changed(self) -> None:
        self.refresh()
        self.due.reload()
        self.history.reload()
        self.shift_changed.emit()
