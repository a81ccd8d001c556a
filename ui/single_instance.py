"""One window per database: a second start brings the running window to the front.

As Anki does: the first window takes a lock (``QLockFile`` in the data folder, named after
the database's full path; a crashed program's stale lock is taken over) and listens on a
``QLocalServer`` of the same name. A second start finds the lock held, tells the first
through a ``QLocalSocket`` to raise its window, and ends. So the running duty log is never
saved from two windows over each other. The CLI takes no part: it may read and write while
the window is open (SQLite's locking and the busy timeout serialise the writes).
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from desktop_app.config.paths import data_home

CONNECT_MS = 2000
RAISE = b"raise\n"
log = logging.getLogger("lianjian")


def instance_key(db_path: Path) -> str:
    """A name for the lock and the socket, the same for every spelling of the same file."""
    path = os.path.normcase(str(Path(db_path).expanduser().resolve()))
    return "lianjian-" + hashlib.sha256(path.encode("utf-8")).hexdigest()[:24]


class SingleInstance(QObject):
    """``claim()``: True for the first window on ``db_path``; False after waking it up."""

    activated = Signal()  # another start asked this window to come to the front

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.key = instance_key(db_path)
        folder = data_home() / "locks"
        folder.mkdir(parents=True, exist_ok=True)
        self._lock = QLockFile(str(folder / f"{self.key}.lock"))
        self._lock.setStaleLockTime(0)  # stale only if its process is gone
        self._server: QLocalServer | None = None

    def claim(self) -> bool:
        if not self._lock.tryLock(0):
            self._wake_the_running_window()
            return False
        QLocalServer.removeServer(self.key)  # a crashed window's socket file (Unix)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            log.warning("单窗口：无法监听 %s：%s", self.key, server.errorString())
        server.newConnection.connect(self._on_connection)
        self._server = server
        log.info("单窗口：本窗口负责 %s", self.key)
        return True

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _wake_the_running_window(self) -> None:
        socket = QLocalSocket()
        socket.connectToServer(self.key)
        if socket.waitForConnected(CONNECT_MS):
            socket.write(RAISE)
            socket.waitForBytesWritten(CONNECT_MS)
            socket.disconnectFromServer()
            log.info("单窗口：已请正在运行的窗口到前面")
        else:
            log.warning("单窗口：锁被占用，但联系不上正在运行的窗口：%s", socket.errorString())

    def _on_connection(self) -> None:
        """Read each caller's one short message at once (it is written right after connecting),
        then close: no socket outlives this slot."""
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            if socket.bytesAvailable() or socket.waitForReadyRead(CONNECT_MS):
                message = bytes(socket.readAll().data())
            else:
                message = b""
            socket.close()
            if message.startswith(RAISE.strip()):
                log.info("单窗口：又一次启动，把窗口调到前面")
                self.activated.emit()


def bring_to_front(window: QWidget) -> None:
    """Un-minimise, show and activate ``window`` (Windows may only flash its taskbar
    button if another program has the focus)."""
    window.setWindowState(window.windowState() & ~window.windowState().WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
