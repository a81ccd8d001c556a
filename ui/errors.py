"""Errors are never silent: every unexpected error is logged and shown in Chinese.

``install(app)`` replaces ``sys.excepthook`` (PySide6 hands an exception raised in a slot to
it; on Windows without a console it would otherwise vanish) and ``threading.excepthook``.
The dialog says what happened, where the log is, and offers 复制错误信息; it never closes a
window or a form, so what was typed stays where it was.
"""

from __future__ import annotations

import sys
import threading
import traceback
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from desktop_app.logs import log_path, log_unexpected, setup_logging

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget

COPY = "复制错误信息"
_showing = False


def details_of(error: BaseException) -> str:
    text = getattr(error, "__traceback_text__", "")
    return text or "".join(traceback.format_exception(type(error), error, error.__traceback__))


def report(parent: QWidget | None, error: BaseException) -> None:
    """Log ``error`` and show the unexpected-error dialog (one at a time)."""
    global _showing
    details = details_of(error)
    log_unexpected(error, details)
    if _showing or QApplication.instance() is None:
        return  # already on screen: the log has this one too
    _showing = True
    try:
        box = unexpected_error_box(parent, error, details)
        box.exec()
    finally:
        _showing = False


def unexpected_error_box(parent: QWidget | None, error: BaseException,
                         details: str) -> QMessageBox:
    from PySide6.QtWidgets import QMessageBox

    text = (f"发生意外错误：{error}\n\n"
            "正在填写的内容仍保留在窗口中；已保存的数据没有受到影响。\n"
            f"错误已记录在日志文件：{log_path()}\n"
            "如需求助，请点“复制错误信息”，把内容发给技术人员。")
    box = QMessageBox(QMessageBox.Icon.Critical, "出错了", text, parent=parent)
    box.setDetailedText(details)
    copy = box.addButton(COPY, QMessageBox.ButtonRole.ActionRole)
    box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
    copy.clicked.connect(lambda: copy_details(error, details))
    return box


def copy_details(error: BaseException, details: str) -> None:
    clipboard = QApplication.clipboard()
    clipboard.setText(f"联建台账 意外错误：{error}\n日志：{log_path()}\n\n{details}")


def _excepthook(kind: type[BaseException], error: BaseException,
                tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    error.__traceback__ = tb
    app = QApplication.instance()
    report(app.activeWindow() if isinstance(app, QApplication) else None, error)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log_unexpected(args.exc_value, "".join(traceback.format_exception(
            args.exc_type, args.exc_value, args.exc_traceback)))


def install() -> None:
    """Log to the data folder and show every unexpected error."""
    setup_logging()
    catch_errors()


def catch_errors() -> None:
    """Show and log every unexpected error; the log file is set up at the first one (the
    window's start sets it up after its first paint, without making the first frame wait)."""
    sys.excepthook = _excepthook
    threading.excepthook = _thread_excepthook
