"""Starting the GUI: one QApplication, one database, one main window.

The window is painted first and the database opened right after, off the GUI thread: opening
imports SQLAlchemy, SQLModel and the tables (about a second), so nothing at the top of this
module may import them. ``bench/bench_startup.py`` times process start to the first paint.

The first frame is kept as light as a bare window's: the window with its title, menu bar,
empty navigation column and status bar ("正在打开数据库…"), after a lock on the file (so no
second window opens it). Right after it is painted come the navigation's entries and icons,
Qt's Chinese texts, the log file and the one-window server (``_after_first_paint``), then the
database. Every Qt class touched and every module imported before the first paint costs
start-up time, so this module imports the rest where it is used.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QThreadPool, QTimer
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from desktop_app.config.paths import resource_path
from ui import errors, gc_guard
from ui.first_paint import FIRST_PAINT_MARKER, after_first_paint
from ui.main_window import MainWindow
from ui.single_instance import SingleInstance, bring_to_front

if TYPE_CHECKING:
    from desktop_app.services import Services
    from ui.background import Task
    from ui.welcome import WelcomeDialog

# Chinese UI fonts in order of preference on Windows and Linux duty-office PCs.
UI_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
            "SimHei"]
# Set to 1 by bench/bench_startup.py: print FIRST_PAINT_MARKER and quit after the first paint.
EXIT_AFTER_FIRST_PAINT = "LIANJIAN_EXIT_AFTER_FIRST_PAINT"
# Qt's own texts in Simplified Chinese, from PySide6's translations folder.
QT_TRANSLATION = "qtbase_zh_CN"
# How long a thread waiting for the GIL waits before it asks a worker running Python to let
# go (Python's default: 5 ms). A turn of the event loop takes the GIL once per Python slot,
# and each take waited up to that long beside a busy worker: ten slots in a turn, a 50 ms
# freeze. At 1 ms, 12 ms, the worker's speed within the benchmark's noise
# (bench/switch_report.md). The command line, with no window to keep answering, keeps 5 ms.
SWITCH_INTERVAL_S = 0.001


def make_application(argv: list[str] | None = None) -> QApplication:
    """The application with its names, icon, fonts, 字号, Qt's texts in Chinese and the
    garbage collector's guard."""
    app = application_for_first_frame(argv)
    finish_application(app)
    return app


def application_for_first_frame(argv: list[str] | None = None) -> QApplication:
    """The application as its first frame needs it, and the GIL handed to the GUI thread
    quickly; ``finish_application`` after the paint."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    sys.setswitchinterval(SWITCH_INTERVAL_S)  # before any worker thread starts
    app.setApplicationName("联建台账")
    app.setOrganizationName("Lianjian")
    # Docks and task bars match the window to lianjian.desktop (make deb) by this name.
    app.setDesktopFileName("lianjian")
    app.setWindowIcon(QIcon(str(resource_path("icons", "lianjian.png"))))
    font = QFont()
    font.setFamilies(UI_FONTS)
    font.setPointSize(10)
    app.setFont(font)
    from desktop_app.config.settings import Settings
    from ui import theme

    theme.apply_font_size(Settings.load().font_size, app)  # 字号, remembered on this PC
    # Month and weekday names (the calendar popup), number formats: Chinese even on an
    # English Windows; only widgets made from now on take it, so before the first window.
    QLocale.setDefault(QLocale("zh_CN"))
    if os.environ.get("LIANJIAN_WATCHDOG", "") not in ("", "0"):  # a debug aid, off by default
        _start_stall_watchdog(app)
    return app


def finish_application(app: QApplication) -> None:
    """Qt's texts in Chinese and the garbage collector's guard (which counts every object:
    10 ms): the first frame does without them; a dialog before the window (the welcome, the
    start-up password) needs both, and the guard must stand before any worker thread."""
    speak_chinese(app)
    gc_guard.install(app)


def _start_stall_watchdog(app: QApplication) -> None:
    """``LIANJIAN_WATCHDOG=1``: every stall of the GUI thread over 50 ms goes to the log."""
    from ui.stall_watchdog import StallWatchdog, start_for_app

    if app.findChild(StallWatchdog) is None:
        start_for_app(app)


def speak_chinese(app: QApplication) -> None:
    """Qt's own words in Simplified Chinese: 是/否/取消 on message boxes, the file dialogs, a
    text field's context menu. The translation ships with PySide6 (and the package keeps it).
    The first frame shows none of them (widgets made before take it too)."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    if app.findChild(QTranslator, QT_TRANSLATION) is not None:
        return  # made once per application (tests call make_application again)
    translator = QTranslator(app)
    translator.setObjectName(QT_TRANSLATION)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QT_TRANSLATION, folder):
        app.installTranslator(translator)


def run_gui(db_path: Path) -> int:
    """Open the main window on ``db_path``; returns the application's exit code.

    With no database yet, the welcome dialog sets up this office or the sample town first.
    """
    app = application_for_first_frame()
    errors.catch_errors()  # no exception goes unseen; the log file is set up after the paint
    instance = SingleInstance(db_path, app)
    if not instance.lock():
        return 0  # the window already open on this database was brought to the front
    if not db_path.exists():
        finish_application(app)
        _serve(instance)
        return _first_start(app, db_path, instance)
    if not _password_given(app, db_path):  # the start-up password, before the database opens
        return 0
    window = MainWindow(None, first_frame_only=True)
    window.show()
    if os.environ.get(EXIT_AFTER_FIRST_PAINT) == "1":
        after_first_paint(window, lambda: _report_first_paint(app))
    else:
        after_first_paint(window, lambda: _after_first_paint(app, instance, window, db_path))
    return _exec(app, window)


def _password_given(app: QApplication, db_path: Path) -> bool:
    """True if no start-up password is set or the right one was entered. Its file, beside
    the database, exists only once one was set: else the dialogs' module is not imported."""
    from desktop_app.security.files import password_path

    if not password_path(db_path).exists():
        return True
    finish_application(app)  # the dialog's buttons in Chinese; it checks on a worker thread
    from ui.password_dialogs import ask_at_start

    return ask_at_start(db_path)


def _after_first_paint(app: QApplication, instance: SingleInstance, window: MainWindow,
                       db_path: Path) -> None:
    """What the first frame could do without: Qt's Chinese texts and the rest of the window;
    once that is painted (the next turn of the event loop), the log file, the one-window
    server and the database (with the garbage collector's guard before its worker)."""
    speak_chinese(app)
    window.finish()
    instance.activated.connect(lambda: bring_to_front(window))
    QTimer.singleShot(0, lambda: (_serve(instance), open_database(window, db_path)))


def _serve(instance: SingleInstance) -> None:
    """The log file, then the one-window server (a start before it listens calls again)."""
    from desktop_app.logs import setup_logging

    setup_logging()  # a rotating log in the data folder
    instance.listen()


def open_services(db_path: Path) -> Services:
    """Open (and if needed migrate) the file; runs on a worker thread."""
    from desktop_app.services.opening import open_services as open_file

    return open_file(db_path)


def open_database(window: MainWindow, db_path: Path,
                  on_open: Callable[[], None] | None = None) -> Task:
    """Open ``db_path`` off the GUI thread and attach it to ``window`` (then call ``on_open``).

    If it cannot be opened (a newer program's file, a locked or damaged file), say why and
    quit with exit code 1.
    """
    from ui.background import run_in_background, show_error

    gc_guard.install(QApplication.instance())  # before the first worker thread

    def opened(services: Services) -> None:
        gc_guard.set_aside()  # SQLAlchemy and the tables, imported on the worker
        window.attach(services)
        from ui import backup_timer

        backup_timer.start(window, services)  # at most daily while open
        from ui import idle_lock

        idle_lock.install(window, db_path)  # locks after the idle time if a password is set
        from ui.clock_dialog import check_clock

        check_clock(window, services)  # a wrong clock: said with both dates, before any save
        from ui.preload import preload_later

        preload_later(window)  # the screens' modules, on a worker, not on their first visit
        if on_open is not None:
            on_open()

    def failed(error: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        from desktop_app.records.errors import UserError

        if isinstance(error, UserError | OSError):  # a newer program's file is a UserError
            QMessageBox.critical(window, "无法打开数据库", str(error))
        else:
            show_error(window, error)
        QApplication.instance().exit(1)

    return run_in_background(window, lambda _progress: open_services(db_path),
                             on_done=opened, on_error=failed)


def _exec(app: QApplication, window: MainWindow) -> int:
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()  # no worker may outlive the database
        if window.services is not None:
            from ui import backup_timer

            backup_timer.at_close(window.services)
            window.services.db.close()


def _report_first_paint(app: QApplication) -> None:
    print(FIRST_PAINT_MARKER, flush=True)
    app.quit()


def _first_start(app: QApplication, db_path: Path, instance: SingleInstance) -> int:
    """No database yet: the welcome dialog, then the new file's first contents, then the window."""
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.records.errors import UserError
    from ui.welcome import WelcomeDialog

    welcome = WelcomeDialog(str(db_path))
    if not welcome.exec():
        return 0
    try:
        services = open_services(db_path)
    except (UserError, OSError) as error:
        QMessageBox.critical(None, "无法打开数据库", str(error))
        return 1
    from ui.clock_dialog import check_clock

    # A wrong clock first: the new office (or the sample town) would be dated by it.
    if not check_clock(None, services) or not _first_contents(services, welcome):
        services.db.close()
        return 1
    window = MainWindow(services)
    instance.activated.connect(lambda: bring_to_front(window))
    from ui import idle_lock

    idle_lock.install(window, db_path)  # a password set in this first session locks too
    window.show()
    return _exec(app, window)


def _first_contents(services: Services, welcome: WelcomeDialog) -> bool:
    """Fill a new database as the welcome dialog asked; False if that failed."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.records.errors import UserError
    from ui.background import run_in_background, show_error

    if welcome.choice == "office":
        from desktop_app.services.office_setup import set_up_office

        try:
            set_up_office(services, welcome.plan)
        except UserError as error:
            QMessageBox.critical(None, "无法创建数据", str(error))
            return False
        return True
    from desktop_app.demo import build_demo

    outcome: list[bool] = []
    loop = QEventLoop()
    db = services.db
    def failed(error: BaseException) -> None:
        outcome.append(False)
        show_error(None, error)

    task = run_in_background(None, lambda _progress: build_demo(db), label="正在创建示例镇…",
                             on_done=lambda _counts: outcome.append(True), on_error=failed)
    task.finished.connect(loop.quit)
    loop.exec()
    return bool(outcome and outcome[0])
