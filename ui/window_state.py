"""Sizes that fit the screen, and the window's and lists' layout remembered between runs.

Kept in ``window.ini`` in the data folder (QSettings, INI format), so a test or a portable
install (``LIANJIAN_HOME``) never touches the user's registry.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QRect, QSettings, QSize, QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from desktop_app.config.paths import data_home

PREFERRED_WINDOW = QSize(1280, 800)
# What a title bar and a window frame take on Windows, besides the window's own size.
FRAME = QSize(16, 40)


def settings() -> QSettings:
    return QSettings(str(data_home() / "window.ini"), QSettings.Format.IniFormat)


def available_area(widget: QWidget | None = None) -> QRect:
    """The screen's area without the taskbar: the widget's screen, else the primary one.

    The screen is asked of QGuiApplication (``screenAt``, static), never of the widget
    (``widget.screen()``): PySide makes the screen's wrapper a child of the widget it was
    asked of, and when the garbage collector frees that widget in a reference cycle it may
    give the wrapper ownership of the screen and delete the app's one QScreen with it (the
    next window to close crashed in ``QCursor::pos``; tests/ui/test_qt_lifetimes.py)."""
    screen = None
    if widget is not None:
        screen = QGuiApplication.screenAt(widget.mapToGlobal(widget.rect().center()))
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 728)


def fitting_size(preferred: QSize, widget: QWidget | None = None) -> QSize:
    """``preferred``, made smaller where the available screen (less the frame) is smaller."""
    area = available_area(widget).size() - FRAME
    return preferred.boundedTo(area)


def fit_on_screen(widget: QWidget) -> None:
    """Shrink ``widget`` to the available screen and move it fully onto it."""
    area = available_area(widget)
    size = widget.size().boundedTo(area.size() - FRAME)
    if size != widget.size():
        widget.resize(size)
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.x()), area.right() - size.width() - FRAME.width() + 1)
    y = min(max(frame.y(), area.y()), area.bottom() - size.height() - FRAME.height() + 1)
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(x, area.x()), max(y, area.y()))


def save_bytes(key: str, value: QByteArray) -> None:
    _write(key, QByteArray(value))


def load_bytes(key: str) -> QByteArray | None:
    wait_for_writes()
    value = settings().value(key)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def save_value(key: str, value: str) -> None:
    _write(key, value)


def load_value(key: str) -> str | None:
    wait_for_writes()
    value = settings().value(key)
    return value if isinstance(value, str) and value else None


# --- writing off the GUI thread ------------------------------------------------------------
_writer: QThreadPool | None = None


def _write(key: str, value: object) -> None:
    """Writes go to window.ini in order, on one worker thread of their own: reading the file,
    writing it whole and syncing it to disk held the GUI thread 50 ms on a busy PC at every
    sort of a list (bench/gui_report.md). A load, and the app's quitting, wait for them."""
    global _writer
    if _writer is None:
        _writer = QThreadPool()
        _writer.setMaxThreadCount(1)  # one at a time, in the order asked
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(wait_for_writes)
    _writer.start(lambda: _store(key, value))


def _store(key: str, value: object) -> None:
    store = settings()
    store.setValue(key, value)
    store.sync()


def wait_for_writes() -> None:
    """Until every remembered layout is in window.ini."""
    if _writer is not None:
        _writer.waitForDone()
