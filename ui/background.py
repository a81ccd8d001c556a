"""Running long work off the GUI thread, with progress, cancel and errors shown in the window.

Usage::

    run_in_background(parent, lambda progress: services.tasks.ids(query),
                      on_done=self.set_ids, label="正在查询…")

The function runs on a ``QThreadPool`` worker. It receives a ``Progress`` it may call
(``progress(done, total)``) and poll (``progress.cancelled``). Only plain data returns to the
GUI thread (see Lifetimes below); the worker never touches a widget, so the work holds none
(no ``self.method`` of a widget, no widget in its closure): the GUI tests check every job's
work for a reachable ``QObject`` (``tests/ui/widget_free_work.py``). A progress dialog appears
only if the work takes longer than ``SHOW_PROGRESS_AFTER_MS``; it has a 取消 button only if
the work stops when asked (``cancellable=True``: it polls ``progress.cancelled``) — a button
that closed the dialog while the work went on to the end would mislead.

Forms read and save in straight-line code (open, fill, save, show the error beside the
field). For them ``wait_for(work)`` runs ``work`` on a worker and returns its result (or
raises its error) to the caller, running the event loop meanwhile without user input: the
window keeps painting and its timers keep running, and a click waits until the work is done.
``off_thread(services)`` wraps the services so that every service call goes this way; the
forms hold such a wrapper. Writes from any thread are serialised by ``Database.writing()``.

Lifetimes: what a job holds (its work and the closure's objects, its ``Progress``, its
``Task``) is kept on the GUI thread, in ``_jobs``, from its start until its end has been
delivered there, and let go there. The worker takes them from ``_jobs`` and, once done,
holds nothing but the job's number; it emits on ``_Relay``, one QObject made once on the GUI
thread and never deleted. So nothing is let go on a worker (a job's QObject let go there,
while the GUI thread deleted its receiver, crashed the window), no worker emits on a deleted
object, and nothing of a finished job stays alive: its ``Task`` lets go of its callbacks
and deletes itself once they have run. A job whose ``Task`` went with its widget runs to
its end and tells nobody. (The pool is given a function holding the number,
not a ``QRunnable``: PySide6's ``QThreadPool.start(runnable)`` makes the pool the runnable's
Python parent, so one that Qt does not delete itself, ``setAutoDelete(False)``, is kept for
good, and one that Qt deletes is deleted, with its last Python reference, on the worker.)
"""

from __future__ import annotations

import functools
import itertools
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6

from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    Qt,
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


class _Job:
    """What one worker needs: the work, its ``Progress``, the ``Task`` that shows it and, once
    run, its outcome. Held in ``_jobs`` on the GUI thread from before the worker starts until
    the worker's end is delivered there; the worker holds only the job's number when it
    emits, so nothing the worker touched is let go on the worker (see the module's notes)."""

    __slots__ = ("work", "progress", "task", "outcome")

    def __init__(self, work: Callable[[Progress], Any], progress: Progress, task: Task) -> None:
        self.work = work
        self.progress = progress
        self.task = task
        self.outcome: tuple[bool, Any] | None = None  # (True, result) or (False, error)


_jobs: dict[int, _Job] = {}  # running jobs by number; changed only on the GUI thread
_numbers = itertools.count(1)


class _Relay(QObject):
    """The one object workers emit on, made once on the GUI thread and never deleted: a
    worker's signal never reaches a deleted sender or receiver, and no per-job QObject is
    ever let go on a worker thread."""

    progressed = Signal(int, int, int)  # job number, done, total
    ended = Signal(int)  # job number: its outcome is in ``_jobs[number]``

    def __init__(self) -> None:
        super().__init__()
        queued = Qt.ConnectionType.QueuedConnection
        self.progressed.connect(self._progressed, queued)
        self.ended.connect(self._ended, queued)

    @Slot(int, int, int)
    def _progressed(self, number: int, done: int, total: int) -> None:
        job = _jobs.get(number)
        if job is not None and shiboken6.isValid(job.task):
            job.task._progressed(done, total)

    @Slot(int)
    def _ended(self, number: int) -> None:
        job = _jobs.pop(number)
        task, outcome = job.task, job.outcome
        del job  # the work, its closure and its Progress are let go here, on the GUI thread
        assert outcome is not None
        succeeded, value = outcome
        if not shiboken6.isValid(task):
            return  # its widget is gone (deleted with it): nobody to tell
        if succeeded:
            task._succeeded(value)
        else:
            task._failed(value)


_relay: _Relay | None = None


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        app = QCoreApplication.instance()
        assert app is not None and QThread.currentThread() is app.thread(), \
            "background jobs start on the GUI thread"
        _relay = _Relay()
    return _relay


def _work_on(number: int) -> None:
    """A worker's whole part. It takes what it needs from ``_jobs`` (only the GUI thread
    adds and removes entries, and this one stays until ``ended`` is delivered), leaves the
    outcome there and, holding nothing but the number, emits ``ended``."""
    job = _jobs[number]
    try:
        job.outcome = (True, job.work(job.progress))
    except BaseException as error:  # reported on the GUI thread
        error.__traceback_text__ = traceback.format_exc()
        job.outcome = (False, error)
    del job
    assert _relay is not None
    try:
        _relay.ended.emit(number)
    except RuntimeError:  # the application has ended meanwhile (a script quitting): nobody
        pass  # is left to tell (the window itself waits for its jobs before it closes)


class Task(QObject):
    """A running background job as the GUI sees it; its methods run on the GUI thread.
    ``finished`` is emitted before ``on_done`` or ``on_error`` runs; after them the task
    deletes itself (``deleteLater``)."""

    finished = Signal()

    def __init__(self, progress: Progress, parent: QObject | None, *, on_done, on_error,
                 label: str | None, cancellable: bool = False) -> None:
        super().__init__(parent)
        self.progress = progress
        self._on_done = on_done
        self._on_error = on_error
        self._label = label
        self._cancellable = cancellable
        self.dialog: QProgressDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)

    def cancel(self) -> None:
        self.progress.cancel()

    def _widget(self) -> QWidget | None:
        """The widget the task belongs to. (Asked of Qt, not kept: a task's own reference
        to its widget could be the widget's last, and deleting the task would then delete
        the widget, and the task again with it.)"""
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    @Slot()
    def _show_dialog(self) -> None:
        if self._label is None:
            return
        self.dialog = QProgressDialog(self._label, "取消", 0, 0, self._widget())
        self.dialog.setWindowTitle("请稍候")
        self.dialog.setMinimumDuration(0)
        if self._cancellable:
            self.dialog.canceled.connect(self.cancel)
        else:  # the work goes on to its end: no button that seems to stop it
            self.dialog.setCancelButton(None)
        self.dialog.show()

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

    def _succeeded(self, result: Any) -> None:
        try:
            self._finish()
            if self._on_done is not None:
                self._on_done(result)
        finally:
            self._let_go()

    def _failed(self, error: BaseException) -> None:
        try:
            self._finish()
            if isinstance(error, Cancelled):
                return
            if self._on_error is not None:
                self._on_error(error)
            else:
                show_error(self._widget(), error)
        finally:
            self._let_go()

    def _let_go(self) -> None:
        """Done: the task leaves its widget, which would otherwise keep a task, its timer
        and its callbacks for every job it ever ran. The callbacks go first, here: one of
        them may hold the last reference to the widget (``on_done=dialog.show_plan``), and
        if it went only inside the task's destructor, the widget would be deleted there, and
        the task, its child, a second time (a crash). If that deletes the widget here, the
        task goes with it."""
        self._on_done = self._on_error = None
        if shiboken6.isValid(self):
            self.deleteLater()


def run_in_background(
    parent: QObject | None,
    work: Callable[[Progress], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    label: str | None = None,
    cancellable: bool = False,
) -> Task:
    """Run ``work`` on a worker thread; ``on_done(result)`` runs on the GUI thread, unless
    ``parent`` was deleted meanwhile. With a ``label``, a dialog shows it if the work takes
    a while, with a 取消 button if ``cancellable`` (``work`` polls ``progress.cancelled``)."""
    relay = _the_relay()
    number = next(_numbers)
    progress = Progress(functools.partial(relay.progressed.emit, number))
    task = Task(progress, parent, on_done=on_done, on_error=on_error, label=label,
                cancellable=cancellable)
    _jobs[number] = _Job(work, progress, task)
    task._timer.start(SHOW_PROGRESS_AFTER_MS)
    # A function holding only the number: PySide6 lets it go on the worker once run, and
    # that frees nothing else. (A QRunnable handed to ``start`` is kept by the pool for good.)
    QThreadPool.globalInstance().start(functools.partial(_work_on, number))
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

    run_in_background(None, lambda _progress: work(),
                      on_done=lambda result: finished("result", result),
                      on_error=lambda error: finished("error", error))
    if not outcome:
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    error = outcome.pop("error", None)
    if error is not None:
        try:
            raise error
        finally:
            del error  # no cycle: the error's traceback → this frame → the error
    return outcome.pop("result")


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
