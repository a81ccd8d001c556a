"""Starting the GUI: one QApplication, one database, one main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from db.migrate import SchemaTooNewError
from desktop_app.database import Database
from desktop_app.errors import UserError
from desktop_app.office_setup import set_up_office
from desktop_app.services import Services
from ui import gc_guard
from ui.background import run_in_background, show_error
from ui.main_window import MainWindow
from ui.welcome import WelcomeDialog

# Chinese UI fonts in order of preference on Windows and Linux duty-office PCs.
UI_FONTS = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei",
            "SimHei"]


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("联建台账")
    app.setOrganizationName("Lianjian")
    font = QFont()
    font.setFamilies(UI_FONTS)
    font.setPointSize(10)
    app.setFont(font)
    gc_guard.install(app)
    return app


def run_gui(db_path: Path) -> int:
    """Open the main window on ``db_path``; returns the application's exit code.

    With no database yet, the welcome dialog sets up this office or the sample town first.
    """
    app = make_application()
    first_start = not db_path.exists()
    welcome = None
    if first_start:
        welcome = WelcomeDialog(str(db_path))
        if not welcome.exec():
            return 0
    try:
        db = Database(db_path)
    except (SchemaTooNewError, UserError, OSError) as error:
        QMessageBox.critical(None, "无法打开数据库", str(error))
        return 1
    services = Services(db)
    if welcome is not None and not _first_contents(services, welcome):
        db.close()
        return 1
    window = MainWindow(services)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()


def _first_contents(services: Services, welcome: WelcomeDialog) -> bool:
    """Fill a new database as the welcome dialog asked; False if that failed."""
    if welcome.choice == "office":
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
    task = run_in_background(None, lambda _progress: build_demo(db), label="正在创建示例镇…",
                             on_done=lambda _counts: outcome.append(True),
                             on_error=lambda error: outcome.append(False) or show_error(None, error))
    task.finished.connect(loop.quit)
    loop.exec()
    return bool(outcome and outcome[0])
