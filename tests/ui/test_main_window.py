"""The main window opens on a database and tells who is on duty."""

from __future__ import annotations

import pytest

from PySide6.QtWidgets import QMessageBox

from desktop_app.records.errors import UserError
from desktop_app.services import Services
from desktop_app.storage.database import Database
from ui.main_window import MainWindow


def test_window_shows_office_officer_and_database(qtbot, services, on_shift):
    """The status bar names the office, the officer on shift and the database file."""
    services.db.set_node(name="黄璩中心村值班室", cluster_id=on_shift.huangqu)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert "黄璩中心村值班室" in window.windowTitle()
    assert window.officer_label.text() == "值班：王建国"
    assert str(services.db.path) in window.db_label.text()
    assert window.navigation.item(0).text() == "工作台"


def test_every_screen_opens(qtbot, services, on_shift):
    """Each navigation entry opens a real screen; 工作台, 值班, 任务 and 设置 are there."""
    services.db.set_node(cluster_id=on_shift.huangqu)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    titles = window.screen_titles()
    assert {"工作台", "值班", "任务", "设置"} <= set(titles)
    for title in titles:
        screen = window.screen(title)
        assert window.pages.currentWidget() is screen
        assert type(screen).__name__ != "QWidget"


# --- the duty log is never lost on closing -----------------------------------------------
@pytest.fixture
def window(qtbot, services, on_shift):
    services.db.set_node(name="黄璩中心村值班室", cluster_id=on_shift.huangqu)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    return window


def saved_log(services, shift_id: str) -> str:
    """The log as a fresh start of the program finds it in the file."""
    reopened = Database(services.db.path)
    try:
        return Services(reopened).duty.get(shift_id).log
    finally:
        reopened.close()


def test_closing_the_window_saves_the_typed_log(qtbot, services, window):
    """Typed on 值班 but not saved: closing the window saves it, without asking."""
    shift = services.duty.current()
    duty = window.screen("值班")
    duty.log.setPlainText("接待来访群众 3 人，黄店村路灯已报修")
    window.screen("工作台")
    assert window.close() and not window.isVisible()
    assert saved_log(services, shift.id) == "接待来访群众 3 人，黄店村路灯已报修"


def test_closing_without_typing_writes_nothing(qtbot, services, window, monkeypatch):
    window.screen("值班")
    monkeypatch.setattr(services.duty, "update", lambda *a, **k: pytest.fail("written"))
    assert window.close()


def test_closing_when_the_log_cannot_be_saved_asks(qtbot, services, window, monkeypatch):
    """If saving fails: 取消 keeps the window open, 保存 tries again, 不保存 closes."""
    shift = services.duty.current()
    window.screen("值班").log.setPlainText("值班记录")
    update = services.duty.update
    failures = [UserError("数据库文件被其他程序锁定")] * 2

    def flaky_update(*args, **kwargs):
        if failures:
            raise failures.pop()
        return update(*args, **kwargs)

    monkeypatch.setattr(services.duty, "update", flaky_update)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    asked = []

    def ask(error):
        asked.append(str(error))
        return answers.pop(0)

    monkeypatch.setattr(window, "ask_about_unsaved_log", ask)
    assert not window.close() and window.isVisible()  # 取消
    assert window.close()  # 保存: the second attempt works
    assert asked == ["数据库文件被其他程序锁定"] * 2
    assert saved_log(services, shift.id) == "值班记录"


def test_closing_without_saving_when_asked(qtbot, services, window, monkeypatch):
    shift = services.duty.current()
    window.screen("值班").log.setPlainText("值班记录")
    def disk_full(*_args, **_kwargs):
        raise OSError("磁盘已满")

    monkeypatch.setattr(services.duty, "update", disk_full)
    monkeypatch.setattr(window, "ask_about_unsaved_log",
                        lambda error: QMessageBox.StandardButton.Discard)
    assert window.close()
    assert saved_log(services, shift.id) == ""


def test_changing_the_cluster_ends_the_shift_with_its_log(qtbot, services, on_shift, window,
                                                         monkeypatch):
    """设置 moves the office to 张淡 while 王建国 is on duty with unsaved log text: once
    confirmed, the log is saved, the shift ends, and 值班 offers 张淡's officers."""
    shift = services.duty.current()
    duty = window.screen("值班")
    duty.log.setPlainText("上午接待来访 1 人")
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    settings = window.screen("设置")
    settings.cluster.set_key(on_shift.zhangdan)
    settings.save_office()
    ended = services.duty.get(shift.id)
    assert ended.end is not None and ended.log == "上午接待来访 1 人"
    assert window.officer_label.text() == "无人值班"
    assert duty.start_row.isVisibleTo(duty) and not duty.on_shift_row.isVisibleTo(duty)
    assert [duty.officer.itemText(i) for i in range(duty.officer.count())] == [
        "请选择值班人员", "赵磊"]


@pytest.mark.parametrize(("title", "module"), [("同步", "ui.sync_page"),
                                               ("治理", "ui.governance_page"),
                                               ("产业", "ui.summary_tabs"),
                                               ("人才", "ui.summary_tabs")])
def test_a_screen_starts_loading_once_it_is_painted(qtbot, services, monkeypatch, title, module):
    """Opening 同步, 治理, 产业 or 人才 paints the screen first and only then starts its worker:
    a worker running Python while the screen is laid out and painted made the GUI thread wait
    for the GIL (治理's opening 23 ms, median of ten, against 14 ms)."""
    import importlib

    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    painted: set[str] = set()  # the classes painted: one screen of each (no wrapper kept)

    class PaintWatch(QObject):
        def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
            if event.type() == QEvent.Type.Paint:
                painted.add(type(watched).__name__)
            return False

    watch = PaintWatch()
    QApplication.instance().installEventFilter(watch)
    started: list[bool] = []  # for each load the screen started: was it painted by then?
    run_in_background = importlib.import_module(module).run_in_background

    def recording(parent, *args, **kwargs):
        started.append(type(parent).__name__ in painted)
        return run_in_background(parent, *args, **kwargs)

    monkeypatch.setattr(f"{module}.run_in_background", recording)
    try:
        window.screen(title)
        qtbot.waitUntil(lambda: bool(started))
    finally:
        QApplication.instance().removeEventFilter(watch)
    assert started[0], f"{title} started loading before it was painted"
