"""撤销 in the status bar for a few seconds after a record is deleted (Ctrl+Z too).

"已删除“修村口排水沟”。[撤销]" stays ten seconds; 撤销 restores the record, as 恢复 in
the list's "已删除的" would. One notice at a time: a second delete replaces the first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMainWindow, QPushButton, QWidget

NOTICE_SECONDS = 10


class UndoNotice(QWidget):
    def __init__(self, text: str, undo: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undo_notice")
        self._undo = undo
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(text)
        self.button = QPushButton("撤销")
        self.button.setShortcut(QKeySequence.StandardKey.Undo)
        self.button.setToolTip("撤销刚才的删除（Ctrl+Z）")
        self.button.clicked.connect(self.undo)
        layout.addWidget(self.label)
        layout.addWidget(self.button)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.close_notice)
        self.timer.start(NOTICE_SECONDS * 1000)

    def undo(self) -> None:
        self.close_notice()
        self._undo()

    def close_notice(self) -> None:
        self.timer.stop()
        self.hide()
        self.deleteLater()


def offer_undo(page: QWidget, text: str, undo: Callable[[], None]) -> UndoNotice | None:
    """Show ``text`` and 撤销 in the status bar of ``page``'s main window; None outside one."""
    window = page.window()
    if not isinstance(window, QMainWindow):
        return None
    bar = window.statusBar()
    for old in bar.findChildren(UndoNotice, options=Qt.FindChildOption.FindDirectChildrenOnly):
        old.close_notice()
    notice = UndoNotice(text, undo, bar)
    bar.addWidget(notice)
    notice.show()
    return notice
