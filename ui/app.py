"""Starting the GUI: one QApplication, one database, one main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app.database import Database
from desktop_app.errors import UserError
from desktop_app.services import Services
from db.migrate import SchemaTooNewError
from ui import gc_guard
from ui.main_window import MainWindow

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
    """Open the main window on ``db_path``; returns the application's exit code."""
    app = make_application()
    try:
        db = Database(db_path)
    except (SchemaTooNewError, UserError) as error:
        QMessageBox.critical(None, "无法打开数据库", str(error))
        return 1
    window = MainWindow(Services(db))
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
