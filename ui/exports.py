"""Word documents and Excel sheets from the screens: what each list offers, and producing one.

The documents themselves are written by ``desktop_app.documents`` (the same functions the
CLI uses), on a worker thread; the person picks where to save, and can open the result.
The ledger and the duty log, which may run to 100,000 rows, are written in a child process
(``documents.process``): the window's worker only waits for it, reports its progress and
passes on 取消.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QWidget,
)

from desktop_app.lazy import imported
from desktop_app.services import ListQuery, Services
from ui.background import run_in_background
from ui.widgets import from_qdate, to_qdate


@dataclass(frozen=True)
class ExportAction:
    """One document a list offers. ``run(services, record_id, query, path)`` writes it."""

    label: str  # e.g. "会议记录"
    file_name: str  # suggested name, may use {title}
    run: Callable[..., object]  # (services, record_id, query, path, progress)
    needs_selection: bool = True
    asks_period: bool = False
    # personal data printed whole (docs/privacy.md): said in the dialog before writing
    prints_whole: str = ""


DOCS = "desktop_app.documents"


def of_record(export: str) -> Callable[..., object]:
    """The ``run`` of a document of one record: ``export`` (``"module:function"``, imported
    when it runs) takes the services, the record's id and the path."""

    def run(services, record_id, _query, path, _progress=None):
        return imported(export)(services, record_id, path)

    return run


def _ledger(services, _record_id, query: ListQuery, path, progress=None):
    from desktop_app.documents import LedgerFilter
    from desktop_app.documents.process import export_in_process

    chosen = LedgerFilter(cluster_id=query.cluster_id, village_id=query.village_id,
                          date_from=query.date_from, date_to=query.date_to, status=query.status)
    return export_in_process("export_ledger", services.db.path, path, chosen,
                             progress=progress)


def _duty_log(services, _record_id, query: ListQuery, path, progress=None):
    from desktop_app.documents.process import export_in_process

    return export_in_process("export_duty_log", services.db.path, path,
                             date_from=query.date_from, date_to=query.date_to,
                             cluster_id=query.cluster_id, progress=progress)


def _certificate(services, record_id, query: ListQuery, path, _progress=None):
    from desktop_app.documents import issue_certificate

    return issue_certificate(services, record_id, query.date_from, query.date_to, path)


def _excel(kind: str, services, _record_id, query: ListQuery, path, progress=None):
    from desktop_app.excel import export_xlsx

    return export_xlsx(services, kind, query, path, progress=progress)


def excel_export(kind: str, label: str) -> ExportAction:
    """Every list's Excel export: all rows its filters find, sensitive values masked
    (desktop_app/excel, docs/excel.md); on a worker thread with progress and 取消."""
    return ExportAction("Excel 表格（按当前筛选）", f"{label}.xlsx", partial(_excel, kind),
                        needs_selection=False)


MEETING_EXPORTS = [ExportAction("会议记录", "会议记录-{title}.docx",
                                of_record(f"{DOCS}:export_minutes")),
                   ExportAction("会议纪要", "会议纪要-{title}.docx",
                                of_record(f"{DOCS}:export_summary"))]
AGENDA_EXPORTS = [ExportAction("四议两公开登记表", "四议两公开登记表-{title}.docx",
                               of_record(f"{DOCS}:export_register"))]
TASK_EXPORTS = [ExportAction("工作任务台账（按当前筛选）", "工作任务台账.docx", _ledger,
                             needs_selection=False)]
DUTY_EXPORTS = [ExportAction("值班日志", "值班日志.docx", _duty_log, needs_selection=False,
                             asks_period=True)]
ACTIVITY_EXPORTS = [ExportAction("活动签到表", "签到表-{title}.docx",
                                 of_record(f"{DOCS}:export_sign_in"))]
CERTIFICATE_PRINTS_WHOLE = "本证明按规定打印完整身份证号，请妥善保管，勿随意转发。"
PERSON_EXPORTS = [ExportAction("志愿服务时长证明", "志愿服务时长证明-{title}.docx", _certificate,
                               asks_period=True, prints_whole=CERTIFICATE_PRINTS_WHOLE)]
CERTIFICATE_EXPORTS = [ExportAction("补打证明（同一编号）", "志愿服务时长证明-{title}-补打.docx",
                                    of_record(f"{DOCS}:reprint_certificate"),
                                    prints_whole=CERTIFICATE_PRINTS_WHOLE)]


class PeriodDialog(QDialog):
    """From and to dates, defaulting to the filter's or the last 30 days."""

    def __init__(self, start: date, end: date, parent: QWidget | None = None,
                 note: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("选择时间段")
        self.note = QLabel(note)
        self.note.setWordWrap(True)
        self.start, self.end = QDateEdit(to_qdate(start)), QDateEdit(to_qdate(end))
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form = QFormLayout(self)
        if note:
            form.addRow(self.note)
        form.addRow("从", self.start)
        form.addRow("到", self.end)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def period(self) -> tuple[date, date]:
        return from_qdate(self.start.date()), from_qdate(self.end.date())


def produce(parent: QWidget, services: Services, action: ExportAction, record_id: str | None,
            query: ListQuery, title: str = "", *, ask_path=None, on_done=None) -> bool:
    """Ask for the period (if needed) and the file, then write it off the GUI thread.

    Returns False when the person cancelled. ``ask_path`` replaces the save dialog (tests).
    """
    if action.needs_selection and not record_id:
        QMessageBox.information(parent, action.label, "请先在列表中选中一条记录。")
        return False
    if action.asks_period:
        end = query.date_to or date.today()
        start = query.date_from or end - timedelta(days=30)
        dialog = PeriodDialog(start, end, parent, action.prints_whole)
        if not dialog.exec():
            return False
        start, end = dialog.period()
        query = ListQuery(**{**vars(query), "date_from": start, "date_to": end})
    suggested = action.file_name.format(title=_safe(title) or "导出")
    label = f"{action.label}（{action.prints_whole}）" if action.prints_whole else action.label
    path = (ask_path or _ask_path)(parent, label, suggested)
    if not path:
        return False

    def done(_result) -> None:
        if on_done is not None:
            on_done(Path(path))
            return
        after_saving(parent, action.label, Path(path))

    run_in_background(parent, lambda progress: action.run(services, record_id, query,
                                                           Path(path), progress),
                      on_done=done, label=f"正在生成{action.label}…", cancellable=True)
    return True


def after_saving(parent: QWidget, label: str, path: Path) -> None:
    """已保存: 打开 (the document), 打开所在文件夹, or 关闭."""
    box = QMessageBox(QMessageBox.Icon.Information, label, f"已保存：{path}", parent=parent)
    open_file = box.addButton("打开", QMessageBox.ButtonRole.AcceptRole)
    open_folder = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_file)
    box.exec()
    if box.clickedButton() is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    elif box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


EXPORT_FOLDER = "联建台账导出"


def export_folder() -> Path:
    """Where the save dialog starts: the folder saved to last time, if it is still there;
    else 文档/联建台账导出 (created now)."""
    from ui import window_state

    last = window_state.load_value("exports/folder")
    if last and Path(last).is_dir():
        return Path(last)
    documents = QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents or Path.home()) / EXPORT_FOLDER
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path(documents or Path.home())
    return folder


def remember_folder(path: Path) -> None:
    from ui import window_state

    window_state.save_value("exports/folder", str(path.parent))


FILE_TYPES = {".docx": "Word 文档 (*.docx)", ".xlsx": "Excel 表格 (*.xlsx)"}


def _ask_path(parent: QWidget, label: str, suggested: str) -> str:
    suffix = Path(suggested).suffix.lower() or ".docx"
    path, _ = QFileDialog.getSaveFileName(parent, f"保存{label}", str(export_folder() / suggested),
                                          FILE_TYPES.get(suffix, f"(*{suffix})"))
    if path and not path.lower().endswith(suffix):
        path += suffix
    if path:
        remember_folder(Path(path))
    return path


def _safe(text: str) -> str:
    """A title usable in a file name on Windows."""
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in text).strip()[:40]


__all__ = ["ExportAction", "excel_export", "produce"]
