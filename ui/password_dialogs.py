"""The start-up password in the window: asked before the database opens, asked again to
unlock after the idle time, set/changed/removed in 设置, and reset with a code from the town
(desktop_app/security; docs/privacy.md)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import UserError
from desktop_app.security.password import StartupPassword
from ui import theme
from ui.background import wait_for

ERROR_STYLE = "color: #b3261e;"


def _error_and_buttons(dialog: QDialog, form: QFormLayout, save) -> QLabel:
    """The red line for a refusal and 确定/取消 at the foot of ``form``; returns the line."""
    error = QLabel()
    error.setStyleSheet(ERROR_STYLE)
    form.addRow(error)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(save)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    return error


def _save_or_say(dialog: QDialog, error: QLabel, change) -> None:
    """``change()`` on a worker (scrypt takes about 40 ms a password, two when changing it),
    then close; a refusal is said in ``error`` and the dialog stays."""
    try:
        wait_for(change)
    except UserError as refused:
        error.setText(str(refused))
        return
    dialog.accept()


def _secret(placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    return field


class PasswordPanel(QWidget):
    """The password field, and 忘记密码… with the reset by the town. ``unlocked`` fires when
    the right password (or a right reset code) was entered."""

    unlocked = Signal()

    def __init__(self, db_path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.password = StartupPassword(db_path)
        layout = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setStyleSheet(f"font-size: {theme.pt(14)}pt; font-weight: bold;")
        layout.addWidget(heading)
        row = QHBoxLayout()
        self.field = _secret("启动密码")
        self.field.returnPressed.connect(self.try_password)
        enter = QPushButton("进入")
        enter.clicked.connect(self.try_password)
        row.addWidget(self.field, 1)
        row.addWidget(enter)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        layout.addWidget(self.error)
        forgot = QPushButton("忘记密码…")
        forgot.setFlat(True)
        forgot.clicked.connect(self.show_reset)
        layout.addWidget(forgot, 0, Qt.AlignmentFlag.AlignLeft)
        self.reset_box = QWidget()
        reset = QVBoxLayout(self.reset_box)
        reset.setContentsMargins(0, 0, 0, 0)
        self.reset_text = QLabel()
        self.reset_text.setWordWrap(True)
        self.reset_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        reset.addWidget(self.reset_text)
        code_row = QHBoxLayout()
        self.code = QLineEdit()
        self.code.setPlaceholderText("镇里给的 8 位重置码，如 1234-5678")
        self.code.returnPressed.connect(self.try_code)
        use = QPushButton("重置密码")
        use.clicked.connect(self.try_code)
        code_row.addWidget(self.code, 1)
        code_row.addWidget(use)
        reset.addLayout(code_row)
        self.reset_box.hide()
        layout.addWidget(self.reset_box)
        layout.addStretch(1)

    def try_password(self) -> None:
        if self.password.check(self.field.text()):
            self.field.clear()
            self.error.clear()
            self.unlocked.emit()
        else:
            self.field.selectAll()
            self.error.setText("密码不对，请重新输入")

    def show_reset(self) -> None:
        from desktop_app.security.reset import this_pc

        request = self.password.reset_request()
        self.reset_text.setText(
            "忘记了启动密码，数据不会丢失。请打电话给镇里管同步的同志，报本机编号和申请号：\n"
            f"本机编号 {this_pc(self.db_path) or '（未知）'}    申请号 {request}\n"
            "镇里在“同步”页点“重置村里电脑的启动密码…”得到 8 位重置码；"
            "输入后启动密码即取消，进入后可在“设置”里重新设置。")
        self.reset_box.show()
        self.window().adjustSize()  # room for the explanation
        self.code.setFocus()

    def try_code(self) -> None:
        from desktop_app.security.reset import reset_with_code

        try:
            done = reset_with_code(self.db_path, self.code.text())
        except UserError as error:
            self.error.setText(str(error))
            self.show_reset()
            return
        if not done:
            self.error.setText("重置码不对，请核对后重新输入")
            return
        self.error.clear()
        self.unlocked.emit()


class PasswordPrompt(QDialog):
    """Asked at start, before the database opens; 退出 leaves the program."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("联建台账")
        layout = QVBoxLayout(self)
        self.panel = PasswordPanel(db_path, "请输入启动密码", self)
        self.panel.unlocked.connect(self.accept)
        layout.addWidget(self.panel)
        buttons = QDialogButtonBox()
        buttons.addButton("退出", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)


def ask_at_start(db_path: Path, parent: QWidget | None = None) -> bool:
    """True if no start-up password is set or the right one was entered."""
    if not StartupPassword(db_path).is_set():
        return True
    return bool(PasswordPrompt(db_path, parent).exec())


class SetPasswordDialog(QDialog):
    """Set or change the password (the old one is needed to change it)."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password = StartupPassword(db_path)
        changing = self.password.is_set()
        self.setWindowTitle("修改启动密码" if changing else "设置启动密码")
        form = QFormLayout(self)
        self.old = _secret()
        self.new = _secret("至少 6 个字符")
        self.repeated = _secret()
        if changing:
            form.addRow("原密码", self.old)
        form.addRow("新密码", self.new)
        form.addRow("再输一次", self.repeated)
        note = QLabel("密码只保存在本机（加盐的 scrypt 摘要，不保存密码本身），不随同步文件传出。"
                      "忘记时可由镇里给出重置码，数据不会丢失。")
        note.setWordWrap(True)
        form.addRow(note)
        self.error = _error_and_buttons(self, form, self.save)

    def save(self) -> None:
        password, new, repeated, old = (self.password, self.new.text(), self.repeated.text(),
                                        self.old.text())  # the worker holds no widget
        _save_or_say(self, self.error, lambda: password.set(new, repeated=repeated, old=old))


class RemovePasswordDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.password = StartupPassword(db_path)
        self.setWindowTitle("取消启动密码")
        form = QFormLayout(self)
        self.old = _secret()
        form.addRow("当前密码", self.old)
        self.error = _error_and_buttons(self, form, self.save)

    def save(self) -> None:
        password, old = self.password, self.old.text()  # the worker holds no widget
        _save_or_say(self, self.error, lambda: password.remove(old))
