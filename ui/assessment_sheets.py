"""The 评分表 from the 评分录入 tab: the blank sheet for a judge as Word (to print) or Excel
(to fill in on a computer), and a filled Excel sheet taken into the judge's scores — every
cell or none, each bad cell named (``desktop_app.excel.score_sheet``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.background import run_in_background, show_error, unwrapped
from ui.exports import _ask_path, after_saving, export_folder

LABEL = "擂台比武评分表"


def export_sheet(parent: QWidget, services: Any, quarter: str, judge: str,
                 suffix: str) -> None:
    """Ask where, then write the blank 评分表 (``suffix`` ``.docx`` or ``.xlsx``)."""
    name = f"{LABEL}-{quarter}" + (f"-{judge}" if judge else "") + suffix
    path = _ask_path(parent, LABEL, name)
    if not path:
        return
    services = unwrapped(services)

    def work(_progress) -> Path:
        if suffix == ".xlsx":
            from desktop_app.excel.score_sheet import export_score_sheet

            return export_score_sheet(services, quarter, path, judge)
        from desktop_app.documents.assessment import export_sheet as export_word

        return export_word(services, quarter, path, judge)

    run_in_background(parent, work, on_done=lambda saved: after_saving(parent, LABEL, saved),
                      on_error=lambda error: show_error(parent, error),
                      label=f"正在生成{LABEL}…")


def import_sheet(parent: QWidget, services: Any, quarter: str, judge: str,
                 on_done: Any = None) -> None:
    """Pick a filled .xlsx and take it in; the judge is the one the sheet names, else the
    one chosen in the tab."""
    path, _ = QFileDialog.getOpenFileName(parent, "选择评委填好的评分表", str(export_folder()),
                                          "Excel 表格 (*.xlsx *.xls *.ods)")
    if not path:
        return
    services = unwrapped(services)

    def work(_progress) -> Any:
        from desktop_app.excel.score_sheet import import_score_sheet

        return import_score_sheet(services, quarter, path, default_judge=judge)

    def done(result) -> None:
        QMessageBox.information(parent, "导入评分表",
                                f"已导入{result.judge}的评分：新增 {result.created} 项，"
                                f"修改 {result.updated} 项，未变 {result.unchanged} 项。")
        if on_done is not None:
            on_done(result)

    run_in_background(parent, work, on_done=done, on_error=lambda e: show_error(parent, e),
                      label="正在导入评分表…")
