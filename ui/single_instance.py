"""One window per database: a second start brings the running window to the front.

As Anki does: the first window takes a lock (``QLockFile`` in the data folder, named after
the database's full path; a crashed program's stale lock is taken over) and listens on a
``QLocalServer`` of the same name. A second start finds the lock held, tells the first
through a ``QLocalSocket`` to raise its window, and ends. At start-up the lock is taken
before the window's first paint and the server (QtNetwork, imported only then) listens right
after it; a second start in between keeps calling until it listens. So the running duty log is never
saved from two windows over each other. The CLI takes no part: it may read and write while
the window is open (SQLite's locking and the busy timeout serialise the writes).
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCryptographicHash, QLockFile, QObject, Signal

from desktop_app.config.paths import data_home
from desktop_app.logs import setup_logging

if TYPE_CHECKING:  # QtNetwork (and its libraries) load only once the window has painted
    from PySide6.QtNetwork import QLocalServer, QLocalSocket
    from PySide6.QtWidgets import QWidget

CONNECT_MS = 2000
RETRY_S = 0.05  # between calls to a window that has its lock but does not listen yet
RAISE = b"raise\n"
log = logging.getLogger("lianjian")


def instance_key(db_path: Path) -> str:
    """A name for the lock and the socket, the same for every spelling of the same file."""
    path = os.path.normcase(str(Path(db_path).expanduser().resolve()))
    # SHA-256 by QtCore rather than hashlib (which loads OpenSSL): the same name as ever.
    digest = QCryptographicHash.hash(path.encode("utf-8"), QCryptographicHash.Algorithm.Sha256)
    return "lianjian-" + bytes(digest.toHex().data()).decode("ascii")[:24]


class SingleInstance(QObject):
    """``claim()``: True for the first window on ``db_path``; False after waking it up.

    ``claim()`` is ``lock()`` then ``listen()``; the start-up calls them apart, around the
    window's first paint."""

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
        claimed = self.lock()
        if claimed:
            self.listen()
        return claimed

    def lock(self) -> bool:
        """True if this is the first window on the file; else wake that one and say False."""
        if self._lock.tryLock(0):
            return True
        setup_logging()  # the window's start sets it up after its first paint; this one ends
        self._wake_the_running_window()
        return False

    def listen(self) -> None:
        """Answer later starts on the same file (the lock must be held)."""
        from PySide6.QtNetwork import QLocalServer

        QLocalServer.removeServer(self.key)  # a crashed window's socket file (Unix)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.key):
            log.warning("单窗口：无法监听 %s：%s", self.key, server.errorString())
        server.newConnection.connect(self._on_connection)
        self._server = server
        log.info("单窗口：本窗口负责 %s", self.key)

    def release(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    def _wake_the_running_window(self) -> None:
        from PySide6.QtNetwork import QLocalSocket

        socket = QLocalSocket()
        if self._connect(socket):
            socket.write(RAISE)
            socket.waitForBytesWritten(CONNECT_MS)
            socket.disconnectFromServer()
            log.info("单窗口：已请正在运行的窗口到前面")
        else:
            log.warning("单窗口：锁被占用，但联系不上正在运行的窗口：%s", socket.errorString())

    def _connect(self, socket: QLocalSocket) -> bool:
        """Connect to the running window; if it does not listen yet (it is painting its first
        frame), call again a moment later, for up to ``CONNECT_MS``."""
        deadline = time.monotonic() + CONNECT_MS / 1000
        while True:
            socket.connectToServer(self.key)
            if socket.waitForConnected(CONNECT_MS):
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(RETRY_S)

    def _on_connection(self) -> None:
        """Take each caller and read its one short message when it arrives, without waiting
        for it here: a caller that connects and says nothing never holds up the window."""
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            socket.readyRead.connect(self._on_message)
            if socket.canReadLine():  # it came with the connection
                self._read_message(socket)

    def _on_message(self) -> None:
        from PySide6.QtNetwork import QLocalSocket  # loaded already: the server listens

        socket = self.sender()
        if isinstance(socket, QLocalSocket) and socket.canReadLine():
            self._read_message(socket)

    def _read_message(self, socket: QLocalSocket) -> None:
        message = bytes(socket.readLine().data())
        socket.close()  # the server, its parent, deletes it when the window lets go
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
