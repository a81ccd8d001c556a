"""At start: if the PC's clock looks wrong, say so with both dates and let the person
correct it (then check again) or confirm today's date by hand (recorded by the service).

Until one of the two, services refuse to stamp new records (``ClockError``, shown where the
save was tried); reading, searching and sync keep working.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

RETRY, CONFIRM, LATER = "retry", "confirm", "later"


def check_clock(parent: QWidget | None, services: Any) -> bool:
    """True when new records may be stamped (the clock is right, or the date confirmed)."""
    while (problem := services.clock.problem()) is not None:
        choice = ask(parent, problem.message)
        if choice == RETRY:
            continue
        if choice == CONFIRM:
            day = pick_date(parent, problem.reference.date())
            if day is None:
                continue
            services.clock.confirm_date(day)
            return True
        return False
    return True


def ask(parent: QWidget | None, message: str) -> str:
    box = QMessageBox(QMessageBox.Icon.Warning, "请检查电脑时钟", message, parent=parent)
    retry = box.addButton("我已改正时钟，重新检查", QMessageBox.ButtonRole.AcceptRole)
    confirm = box.addButton("手动确认今天的日期…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("暂不记录，只查看", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    return RETRY if clicked is retry else CONFIRM if clicked is confirm else LATER


def pick_date(parent: QWidget | None, start: date) -> date | None:
    """The date a person says is today, or None if they cancel."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("确认今天的日期")
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("请对照手机或日历，选择今天的真实日期。\n"
                            "本次打开程序期间，新记录都按这个日期记录；此次确认会被记下。"))
    edit = QDateEdit(QDate(start.year, start.month, start.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy年M月d日")
    layout.addWidget(edit)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return edit.date().toPython()
