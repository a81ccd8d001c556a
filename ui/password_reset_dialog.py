"""At the town: the code that resets a village PC's forgotten start-up password, for the
request number its officer reads over the phone (desktop_app/security/reset.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from desktop_app.records.errors import UserError
from ui.sync_approval import fingerprint_style
from ui.widgets import ChoiceCombo


class ResetCodeDialog(QDialog):
    """``pcs``: (node id, name) of the approved village PCs; ``sync``: the sync service (its
    calls off the GUI thread)."""

    def __init__(self, sync: Any, pcs: list[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sync = sync
        self.setWindowTitle("重置启动密码")
        form = QFormLayout(self)
        intro = QLabel("村里忘记启动密码时，请对方读出锁定画面上的本机编号和申请号，"
                       "选中那台电脑、输入申请号，把得到的重置码告诉对方。")
        intro.setWordWrap(True)
        form.addRow(intro)
        self.pc = ChoiceCombo([(node_id, f"{name}（{node_id}）") for node_id, name in pcs])
        self.request = QLineEdit()
        self.request.setPlaceholderText("6 位数字")
        self.request.returnPressed.connect(self.make_code)
        make = QPushButton("得到重置码")
        make.clicked.connect(self.make_code)
        self.code = QLabel()
        self.code.setStyleSheet(fingerprint_style())
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e;")
        form.addRow("电脑", self.pc)
        form.addRow("申请号", self.request)
        form.addRow("", make)
        form.addRow("重置码", self.code)
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(520)

    def make_code(self) -> None:
        node_id = self.pc.key()
        self.code.clear()
        if not node_id:
            self.error.setText("请先选择电脑")
            return
        try:
            self.code.setText(self.sync.password_reset_code(node_id, self.request.text()))
        except UserError as error:
            self.error.setText(str(error))
            return
        self.error.clear()
