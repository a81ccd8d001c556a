"""``lianjian --smoke-test --db PATH``: does the (frozen) program really work on this PC?

Opens the main window on PATH as a normal start does (creating the sample town first if the
file does not exist), waits for the dashboard's figures and charts, draws them, grabs the
window, opens 关于, checks that Qt's own buttons speak Chinese and what Qt asks of the bundled
ICU on Linux (``check_chinese_text``), writes the task ledger in a child process as the window
does (``check_ledger_in_child``), and exits 0; any failure (an exception, an error
dialog, a time-out) prints one message and exits 1. ``LIANJIAN_SMOKE_SCREENSHOT=FILE.png``
also saves the grab. A line ``LIANJIAN_SMOKE_TIMES painted=T complete=T opened=T loaded=T``
gives the wall-clock time (``time.time()``) of each step (the first frame, the whole window,
the database, the dashboard), for ``bench/bench_startup.py``.
Used by ``build/smoke_test.sh`` against the PyInstaller build, and by the tests unfrozen.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from collections.abc import Callable
from functools import cmp_to_key
from pathlib import Path

from PySide6.QtCore import (
    QCollator,
    QCoreApplication,
    QEventLoop,
    QLocale,
    QObject,
    QStringDecoder,
    QThreadPool,
    QTimer,
)
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.app import application_for_first_frame, open_database, speak_chinese
from ui.first_paint import after_first_paint
from ui.main_window import MainWindow

TIMEOUT_S = 120
TIMES_MARKER = "LIANJIAN_SMOKE_TIMES"


class SmokeTestFailure(Exception):
    pass


class _Watch(QObject):
    """Collects what went wrong: uncaught exceptions, and error dialogs (closed at once)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.problems: list[str] = []
        self._hook = sys.excepthook
        sys.excepthook = self._exception
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._close_error_dialogs)
        self._timer.start(100)  # also runs inside a dialog's own event loop

    def _exception(self, kind, value, tb) -> None:
        self.problems.append("".join(traceback.format_exception(kind, value, tb)).strip())

    def _close_error_dialogs(self) -> None:
        for widget in self.app.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                detail = widget.detailedText()
                self.problems.append(f"{widget.windowTitle()}：{widget.text()}"
                                     + (f"\n{detail}" if detail else ""))
                widget.done(0)

    def stop(self) -> None:
        self._timer.stop()
        sys.excepthook = self._hook

    def wait_until(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT_S
        while not done():
            if self.problems:
                raise SmokeTestFailure(f"{what}时出错：\n{self.problems[0]}")
            if time.monotonic() > deadline:
                raise SmokeTestFailure(f"{what}超时（{TIMEOUT_S} 秒）")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            time.sleep(0.01)
        if self.problems:
            raise SmokeTestFailure(f"{what}时出错：\n{self.problems[0]}")


def _say(message: str) -> None:
    print(f"smoke-test: {message}", flush=True)


def _create_sample_town(db_path: Path) -> None:
    from desktop_app.demo import build_demo
    from desktop_app.services.opening import open_services

    _say(f"创建示例镇 {db_path}")
    services = open_services(db_path)
    try:
        build_demo(services.db)
    finally:
        services.db.close()


def check_chinese_text() -> str:
    """On Linux Qt sorts text (QCollator, also in QFileDialog) and reads legacy encodings with
    the ICU that PySide6 bundles, whose data the package cuts down to what Qt asks for
    (build/slim_icu.py): Chinese must still sort by pinyin, and GB18030 must still be known.
    Elsewhere Qt asks the system, which the package does not touch. Returns what was checked."""
    if not sys.platform.startswith("linux"):
        return ""
    collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    ordered = "".join(sorted("赵阿张李王", key=cmp_to_key(collator.compare)))
    if ordered != "阿李王张赵":
        raise SmokeTestFailure(f"中文排序未按拼音：{ordered}（应为 阿李王张赵）")
    if not QStringDecoder("GB18030").isValid():
        raise SmokeTestFailure("Qt 不认识 GB18030 编码（ICU 数据不全）")
    return f"中文排序 {ordered}、GB18030"


def _check(window: MainWindow, watch: _Watch, times: dict[str, float]) -> str:
    """Everything after the window opened; returns the summary line."""
    from desktop_app import __version__
    from ui.about import AboutDialog
    from ui.dashboard import DashboardPage

    page = window.pages.widget(0)
    if not isinstance(page, DashboardPage):
        raise SmokeTestFailure(f"第一个页面不是工作台：{type(page).__name__}")
    loaded: list[bool] = []
    page.loaded.connect(lambda: loaded.append(True))
    watch.wait_until(lambda: bool(loaded), "加载工作台")
    times["loaded"] = time.time()
    if len(page.canvases) != 3:
        raise SmokeTestFailure(f"工作台应有 3 张图表，实有 {len(page.canvases)} 张")
    # drawn on workers, with the bundled fonts and matplotlib data
    from ui.charts import chart_title, drawn

    watch.wait_until(lambda: drawn(page.canvases), "绘制图表")
    titles = [chart_title(canvas.figure) for canvas in page.canvases]
    if not all(titles):
        raise SmokeTestFailure(f"图表缺少标题：{titles}")
    settle = time.monotonic() + 0.5  # let the layout place the new canvases
    watch.wait_until(lambda: time.monotonic() > settle, "绘制图表")
    grab = window.grab()
    if grab.isNull() or grab.width() < 200 or grab.height() < 200:
        raise SmokeTestFailure(f"截图失败（{grab.width()}×{grab.height()}）")
    screenshot = os.environ.get("LIANJIAN_SMOKE_SCREENSHOT")
    if screenshot and not grab.save(screenshot):
        raise SmokeTestFailure(f"无法保存截图 {screenshot}")
    about = AboutDialog(window.services, window)
    schema = window.services.sync.schema().newest
    text = about.text()
    about.deleteLater()
    if __version__ not in text or schema not in text:
        raise SmokeTestFailure(f"“关于”缺少版本或结构版本：\n{text}")
    if QCoreApplication.translate("QPlatformTheme", "Cancel") != "取消":
        raise SmokeTestFailure("Qt 自带的按钮文字不是中文（找不到 qtbase_zh_CN.qm）")
    text_services = check_chinese_text()
    ledger = check_ledger_in_child(window.services.db.path)
    return (f"通过：联建台账 {__version__}，{window.windowTitle()}，结构版本 {schema}，"
            f"工作台 {len(page.canvases)} 张图表（{'、'.join(titles)}），"
            f"截图 {grab.width()}×{grab.height()}，Qt 按钮中文，{ledger}"
            + (f"，{text_services}" if text_services else ""))


def check_ledger_in_child(db_path: Path) -> str:
    """The window writes documents in a child process (``documents/process.py``): in the
    bundled program that child is the program started again, which must find its way to the
    work (``desktop_app/child_process.py``) rather than open a second window."""
    import tempfile

    from desktop_app.documents.process import export_in_process

    with tempfile.TemporaryDirectory(prefix="lianjian-smoke-") as folder:
        out = export_in_process("export_ledger", db_path, Path(folder) / "台账.docx")
        with out.open("rb") as written:
            if written.read(2) != b"PK":
                raise SmokeTestFailure(f"子进程写出的台账不是 Word 文件：{out}")
            size = out.stat().st_size
    return f"子进程写出台账（{size} 字节）"


def run_smoke_test(db_path: Path) -> int:
    """The ``--smoke-test`` run; returns the process's exit code."""
    started = time.perf_counter()
    app = application_for_first_frame()
    watch = _Watch(app)
    window: MainWindow | None = None
    try:
        if not db_path.exists():
            _create_sample_town(db_path)
        window = MainWindow(None, first_frame_only=True)  # as ui.app.run_gui starts
        window.show()
        times: dict[str, float] = {}
        after_first_paint(window, lambda: times.setdefault("painted", time.time()))
        watch.wait_until(lambda: "painted" in times, "显示主窗口")
        speak_chinese(app)
        window.finish()
        after_first_paint(window.navigation, lambda: times.setdefault("complete", time.time()))
        watch.wait_until(lambda: "complete" in times, "显示导航")
        open_database(window, db_path, on_open=lambda: times.setdefault("opened", time.time()))
        watch.wait_until(lambda: "opened" in times, "打开数据库")
        summary = _check(window, watch, times)
    except Exception as error:  # noqa: BLE001 (every failure is reported the same way)
        if not isinstance(error, SmokeTestFailure):
            error = SmokeTestFailure("".join(traceback.format_exception(error)).strip())
        print(f"smoke-test: 失败：{error}", file=sys.stderr, flush=True)
        return 1
    finally:
        watch.stop()
        QThreadPool.globalInstance().waitForDone()
        if window is not None:
            window.hide()
            if window.services is not None:
                window.services.db.close()
    _say(f"{summary}；用时 {time.perf_counter() - started:.1f} 秒")
    print(TIMES_MARKER, " ".join(f"{step}={at:.3f}" for step, at in times.items()), flush=True)
    return 0
