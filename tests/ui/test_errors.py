"""Errors are never silent: an unexpected error is logged, shown in Chinese with
复制错误信息 and the log's place, and the form keeps what was typed."""

from __future__ import annotations

import sys
import threading

import pytest

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.logs import log_path
from ui import errors
from ui.forms.task_form import TaskForm


@pytest.fixture
def shown(monkeypatch):
    """The error dialogs that would have been shown (their text), without blocking."""
    texts: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: texts.append(box.text()) or 0)
    return texts


@pytest.fixture
def hooks_restored(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


def test_an_error_in_a_slot_is_logged_and_shown_with_the_logs_place(qtbot, shown,
                                                                     hooks_restored):
    """A bug in a button's handler shows 出错了 in Chinese, naming the log file, and the log
    holds the traceback."""
    errors.install()
    try:
        raise RuntimeError("按钮处理出错")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    assert len(shown) == 1
    assert "发生意外错误：按钮处理出错" in shown[0] and str(log_path()) in shown[0]
    assert "仍保留在窗口中" in shown[0]
    logged = log_path().read_text(encoding="utf-8")
    assert "按钮处理出错" in logged and "Traceback" in logged


def test_copy_error_information_puts_the_details_on_the_clipboard(qtbot):
    """复制错误信息 copies the error, the log's place and the traceback, ready to paste."""
    error = ValueError("坏数据")
    box = errors.unexpected_error_box(None, error, "Traceback: 某行")
    copy = next(b for b in box.buttons() if b.text() == errors.COPY)
    copy.click()
    copied = QApplication.clipboard().text()
    assert "坏数据" in copied and "Traceback: 某行" in copied and str(log_path()) in copied


def test_a_failing_save_keeps_the_form_and_what_was_typed(qtbot, services, on_shift, shown,
                                                          monkeypatch):
    """If saving a task fails unexpectedly, the form stays open with the title typed, says
    nothing was saved, and the error dialog is shown."""
    form = TaskForm(services, None, None)
    qtbot.addWidget(form)
    form.show()
    form.title.setText("清理黄璩村东排水沟淤泥")

    def broken(*_args, **_kwargs):
        raise RuntimeError("写入失败")

    monkeypatch.setattr(type(services.tasks), "create", broken)
    monkeypatch.setattr(QMessageBox, "question",  # closing at the end: discard the draft
                        lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    form.save()
    assert form.isVisible() and form.result() != form.DialogCode.Accepted
    assert form.title.text() == "清理黄璩村东排水沟淤泥"
    assert "内容没有保存" in form.visible_errors()["_"]
    assert len(shown) == 1 and "写入失败" in shown[0]
    assert "写入失败" in log_path().read_text(encoding="utf-8")
    assert services.tasks.list().total == 0


def test_an_error_on_a_worker_thread_is_logged(qtbot, hooks_restored):
    """An error in a thread of its own is written to the log, not lost."""
    errors.install()
    thread = threading.Thread(target=lambda: 1 / 0)
    thread.start()
    thread.join()
    assert "ZeroDivisionError" in log_path().read_text(encoding="utf-8")
