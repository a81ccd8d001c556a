"""Automatic backups while the window is open: checked hourly, written at most daily, off the
GUI thread; and one at close (``ui.app``). A failed backup is logged (docs/privacy.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from desktop_app.logs import log_unexpected
from ui.background import run_in_background

if TYPE_CHECKING:
    from desktop_app.services import Services

HOUR_MS = 60 * 60 * 1000


def _failed(error: BaseException) -> None:
    log_unexpected(error, "自动备份失败")


def back_up_if_due(window: QWidget, services: Services) -> None:
    run_in_background(window, lambda _progress: services.backups.create_if_due(),
                      on_error=_failed)


def _when_open(window: QWidget, services: Services) -> None:
    """The window's database now (another after 从备份恢复; none while it is replaced)."""
    current = getattr(window, "services", services)
    if current is not None:
        back_up_if_due(window, current)


def start(window: QWidget, services: Services) -> QTimer:
    """Check now and then every hour; the timer lives as long as ``window``."""
    timer = QTimer(window)
    timer.setInterval(HOUR_MS)
    timer.timeout.connect(lambda: _when_open(window, services))
    timer.start()
    first = QTimer(window)  # a child of the window: gone with it, never fires after it
    first.setSingleShot(True)
    first.setInterval(60_000)
    first.timeout.connect(lambda: _when_open(window, services))
    first.start()
    return timer


def at_close(services: Services) -> None:
    """One backup as the window closes (after every worker is done)."""
    try:
        services.backups.create()
    except Exception as error:  # never keep the program from closing
        _failed(error)
