"""Running long work off the GUI thread, with progress, cancel and errors shown in the window.

Usage::

    run_in_background(parent, lambda progress: services.tasks.ids(query),
                      on_done=self.set_ids, label="正在查询…")

The function runs on a ``QThreadPool`` worker. It receives a ``Progress`` it may call
(``progress(done, total)``) and poll (``progress.cancelled``). Only plain data returns to the
GUI thread, through signals; the worker never touches a widget. A progress dialog appears
only if the work takes longer than ``SHOW_PROGRESS_AFTER_MS`` and can cancel it.

Forms read and save in straight-line code (open, fill, save, show the error beside the
field). For them ``wait_for(work)`` runs ``work`` on a worker and returns its result (or
raises its error) to the caller, running the event loop meanwhile without user input: the
window keeps painting and its timers keep running, and a click waits until the work is done.
``off_thread(services)`` wraps the services so that every service call goes this way; the
forms hold such a wrapper. Writes from any thread are serialised by ``Database.writing()``.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from desktop_app.records.errors import NotFoundError, UserError
from desktop_app.records.plain import plain

SHOW_PROGRESS_AFTER_MS = 600


class Cancelled(Exception):
    """Raised inside a worker by ``Progress.check()`` after the person pressed cancel."""


class Progress:
    """Handed to the work function: report progress, and learn whether to stop."""

    def __init__(self, emit: Callable[[int, int], None]) -> None:
        self._emit = emit
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        self._emit(done, total)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the Task on the GUI thread owns the job and its signals
        self.work = work
        self.signals = _Signals()
        self.progress = Progress(self.signals.progressed.emit)

    def run(self) -> None:
        work, self.work = self.work, None  # let the closure go once run
        try:
            result = work(self.progress)
        except BaseException as error:  # reported on the GUI thread
            error.__traceback_text__ = traceback.format_exc()
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


class Task(QObject):
    """A running background job as the GUI sees it; its slots run on the GUI thread."""

    finished = Signal()

    def __init__(self, job: _Job, parent: QWidget | None, *, on_done, on_error,
                 label: str | None) -> None:
        super().__init__(parent)
        self.job = job
        self._parent = parent
        self._on_done = on_done
        self._on_error = on_error
        self._label = label
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        job.signals.progressed.connect(self._progressed)
        job.signals.succeeded.connect(self._succeeded)
        job.signals.failed.connect(self._failed)

    def start(self) -> None:
        self._timer.start(SHOW_PROGRESS_AFTER_MS)
        QThreadPool.globalInstance().start(self.job)

    def cancel(self) -> None:
        self.job.progress.cancel()

    @Slot()
    def _show_dialog(self) -> None:
        if self._label is None:
            return
        self.dialog = QProgressDialog(self._label, "取消", 0, 0, self._parent)
        self.dialog.setWindowTitle("请稍候")
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.cancel)
        self.dialog.show()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def _finish(self) -> None:
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.deleteLater()
            self.dialog = None
        self.finished.emit()

    @Slot(object)
    def _succeeded(self, result: Any) -> None:
        self._finish()
        if self._on_done is not None:
            self._on_done(result)

    @Slot(object)
    def _failed(self, error: BaseException) -> None:
        self._finish()
        if isinstance(error, Cancelled):
            return
        if self._on_error is not None:
            self._on_error(error)
        else:
            show_error(self._parent, error)


def run_in_background(
    parent: QWidget | None,
    work: Callable[[Progress], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    label: str | None = None,
) -> Task:
    """Run ``work`` on a worker thread; ``on_done(result)`` runs on the GUI thread."""
    task = Task(_Job(work), parent, on_done=on_done, on_error=on_error, label=label)
    task.start()
    return task


def wait_for(work: Callable[[], Any]) -> Any:
    """``work()`` on a worker; the GUI thread runs its event loop, without user input, until
    it is done. Returns the result or raises the error. Off the GUI thread: ``work()``."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        return work()
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finished(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    task = run_in_background(None, lambda _progress: work(),
                             on_done=lambda result: finished("result", result),
                             on_error=lambda error: finished("error", error))
    if not outcome:
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    task.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


class _ServiceView:
    """One service as a screen calls it: through ``run`` (a worker, or in place), with
    plain data back (``desktop_app.services.plain``)."""

    def __init__(self, service: Any, run: Callable[[Callable[[], Any]], Any]) -> None:
        self._service = service
        self._run = run

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._service, name)
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._run(lambda: plain(value(*args, **kwargs)))

        return call


class ServicesView:
    """``Services`` as a form sees them: every call runs through ``run`` and returns plain
    data; ``db`` is the database itself (its ``node`` and ``officer_id`` are read without a
    query)."""

    def __init__(self, services: Any, run: Callable[[Callable[[], Any]], Any]) -> None:
        self.unwrapped = services
        self.db = services.db
        self._run = run

    def __getattr__(self, name: str) -> Any:
        return _ServiceView(getattr(self.unwrapped, name), self._run)


def off_thread(services: Any) -> ServicesView:
    """Services whose every call runs on a worker (``wait_for``) and returns plain data."""
    return ServicesView(unwrapped(services), wait_for)


def in_place(services: Any) -> ServicesView:
    """Services whose calls run on the calling thread (a row or two) and return plain data."""
    return ServicesView(unwrapped(services), lambda work: work())


def unwrapped(services: Any) -> Any:
    """The services themselves."""
    return services.unwrapped if isinstance(services, ServicesView) else services


def user_message(error: BaseException) -> str:
    """What to tell the user: never a record's raw id (找不到… names what is missing instead)."""
    if isinstance(error, NotFoundError):
        return f"找不到这条{error.what}：它可能已被删除（或在其他电脑上删除后同步到了本机）。"
    return str(error)


def show_error(parent: QWidget | None, error: BaseException) -> None:
    """One clear message: the user's mistake as it is, anything else as an unexpected error."""
    if isinstance(error, UserError):
        QMessageBox.warning(parent, "无法完成", user_message(error))
    else:
        from ui.errors import report

        report(parent, error)  # logged, with the log's place and 复制错误信息
