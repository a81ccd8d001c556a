"""The window locks after the chosen idle time when a start-up password is set.

A key or mouse press anywhere in the program counts as activity: the lock watches the
program's windows (each as it gets the focus), where Qt delivers input before it passes it on
to a widget. It does not watch the whole application: every event of every object (each
widget's painting, each timer) then went through its Python filter, and each such call waited
for the GIL while a worker ran Python (``bench/bench_gui.py`` (d): the worst gaps of all its
actions 600–655 ms in sum without, 763–1,046 ms with an application-wide filter).

Locked, every open window of the program (the main window, and a form or message open over
it) is covered, so nothing of the records shows, and an application-modal lock dialog asks for
the password (or a reset code from the town); the window's shortcuts are off meanwhile. An
open form is covered, not closed: nothing typed into it is lost. The clock is a parameter so
tests move time on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QShortcut, QWindow
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QVBoxLayout, QWidget

from desktop_app.security.password import StartupPassword
from ui.password_dialogs import PasswordPanel

CHECK_MS = 30_000
ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel}


class Cover(QWidget):
    """An opaque sheet over one window's content while the program is locked."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("lock_cover")
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        label = QLabel("已锁定")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color: #777;")
        layout.addWidget(label)
        self.setGeometry(window.rect())
        self.show()
        self.raise_()


class LockDialog(QDialog):
    """Asks for the password over every window; cannot be closed without it."""

    def __init__(self, window: QMainWindow, db_path: Path) -> None:
        super().__init__(window)
        self.setWindowTitle("联建台账已锁定")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        layout = QVBoxLayout(self)
        self.panel = PasswordPanel(db_path, "已锁定：请输入启动密码继续", self)
        layout.addWidget(self.panel)
        self.setMinimumWidth(560)

    def reject(self) -> None:  # Esc does not unlock
        return


class IdleLock(QObject):
    """Watches for activity and locks ``window`` after the idle time of ``db_path``'s
    start-up password (none set, or 0 minutes: never)."""

    def __init__(self, window: QMainWindow, db_path: Path,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(window)
        self.window = window
        self.password = StartupPassword(db_path)
        self.clock = clock
        self.last_activity = clock()
        self.dialog = LockDialog(window, db_path)
        self.dialog.panel.unlocked.connect(self.unlock)
        self.covers: list[Cover] = []
        self._shortcuts: list[QShortcut] = []
        window.installEventFilter(self)  # its resizing, while locked
        QGuiApplication.instance().focusWindowChanged.connect(self._watch)
        self._watch(window.windowHandle())  # None until the window is first shown
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    @property
    def locked(self) -> bool:
        return bool(self.covers)

    def _watch(self, window: QWindow | None) -> None:
        """Input to ``window`` passes the filter (installing it again changes nothing)."""
        if window is not None:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        # The windows' events pass here (the main window's widget's too). This frame keeps
        # no ``watched``: a frame kept after it returned (the stall watchdog's sampler keeps
        # what it saw until its next tick) kept the wrapper of a widget Qt then deleted, and
        # the next widget made at its address came back as that stale wrapper (a table's
        # header answered as a plain QWidget with no setDefaultSectionSize).
        is_window = watched is self.window
        del watched
        kind = event.type()
        if kind in ACTIVITY and not self.locked:
            self.last_activity = self.clock()
        elif kind == QEvent.Type.Resize and self.locked and is_window:
            self.covers[0].setGeometry(self.window.rect())
        return False

    def check(self) -> None:
        """Lock if the idle time has passed (the timer calls this every half minute)."""
        minutes = self.password.idle_minutes
        if (self.locked or not minutes or not self.password.is_set()
                or self.clock() - self.last_activity < minutes * 60):
            return
        self.lock()

    def lock(self) -> None:
        windows = [self.window] + [w for w in QApplication.topLevelWidgets()
                                   if w.isVisible() and w is not self.window
                                   and w is not self.dialog]
        self.covers = [Cover(w) for w in windows]
        self._shortcuts = [s for s in self.window.findChildren(QShortcut) if s.isEnabled()]
        for shortcut in self._shortcuts:
            shortcut.setEnabled(False)
        self.window.menuBar().setEnabled(False)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.panel.field.setFocus()

    def unlock(self) -> None:
        self.dialog.hide()
        for cover in self.covers:
            try:
                cover.deleteLater()
            except RuntimeError:  # its window was closed meanwhile, and the cover with it
                pass
        self.covers = []
        self.window.menuBar().setEnabled(True)
        for shortcut in self._shortcuts:
            shortcut.setEnabled(True)
        self._shortcuts = []
        self.last_activity = self.clock()


def install(window: QMainWindow, db_path: Path) -> IdleLock:
    """Lives as long as ``window``."""
    return IdleLock(window, db_path)
