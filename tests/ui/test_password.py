"""The start-up password in the window: asked before the database opens, the lock after
the idle time (time moved on by the test, no waiting), and 设置's set/change/remove."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut

from desktop_app.security.password import StartupPassword
from ui.idle_lock import IdleLock
from ui.main_window import MainWindow
from ui.password_dialogs import PasswordPrompt, SetPasswordDialog, ask_at_start
from ui.settings_page import SettingsPage

SECRET = "黄璩2026"


def test_no_password_opens_without_asking(tmp_path):
    assert ask_at_start(tmp_path / "lianjian.db")


def test_the_prompt_refuses_a_wrong_password_and_takes_the_right_one(qtbot, tmp_path):
    db_path = tmp_path / "lianjian.db"
    StartupPassword(db_path).set(SECRET, repeated=SECRET)
    prompt = PasswordPrompt(db_path)
    qtbot.addWidget(prompt)
    prompt.show()
    prompt.panel.field.setText("黄璩2025")
    prompt.panel.try_password()
    assert prompt.isVisible() and prompt.panel.error.text() == "密码不对，请重新输入"
    prompt.panel.field.setText(SECRET)
    with qtbot.waitSignal(prompt.accepted, timeout=2000):
        prompt.panel.try_password()


def test_forgetting_shows_the_number_to_read_to_the_town(qtbot, tmp_path):
    db_path = tmp_path / "lianjian.db"
    password = StartupPassword(db_path)
    password.set(SECRET, repeated=SECRET)
    prompt = PasswordPrompt(db_path)
    qtbot.addWidget(prompt)
    prompt.panel.show_reset()
    assert password.reset_request() in prompt.panel.reset_text.text()
    assert "数据不会丢失" in prompt.panel.reset_text.text()
    prompt.panel.code.setText("1234-5678")
    prompt.panel.try_code()  # no town known on this file: said so, still locked
    assert "镇" in prompt.panel.error.text() and password.is_set()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def window(qtbot, services, on_shift):
    services.db.set_node(name="黄璩中心村值班室", cluster_id=on_shift.huangqu)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    return window


def typed_into(window) -> None:
    """A key typed into ``window`` as the system hands it over: to the window first, which
    passes it on to the widget with the focus (``qtbot.keyClick(widget)`` skips the window)."""
    from PySide6.QtTest import QTest

    window.search_box.setFocus()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)
    assert window.search_box.text().endswith("a")


def test_the_window_locks_after_the_idle_time(qtbot, window, services):
    password = StartupPassword(services.db.path)
    password.set(SECRET, repeated=SECRET)
    password.set_idle_minutes(15)
    clock = Clock()
    lock = IdleLock(window, services.db.path, clock=clock)
    clock.now += 14 * 60
    lock.check()
    assert not lock.locked
    typed_into(window)  # activity: the idle time starts again
    clock.now += 14 * 60
    lock.check()
    assert not lock.locked
    clock.now += 60
    lock.check()
    assert lock.locked and lock.dialog.isVisible()
    cover = lock.covers[0]
    assert cover.isVisible() and cover.geometry() == window.rect()  # nothing of it shows
    assert not any(s.isEnabled() for s in window.findChildren(QShortcut))
    window.grab().save(str(services.db.path.with_name("locked.png")))
    lock.dialog.panel.field.setText("猜的密码")
    lock.dialog.panel.try_password()
    assert lock.locked
    lock.dialog.reject()  # Esc does not unlock
    assert lock.locked and lock.dialog.isVisible()
    lock.dialog.panel.field.setText(SECRET)
    lock.dialog.panel.try_password()
    assert not lock.locked and not lock.dialog.isVisible()
    assert all(s.isEnabled() for s in window.findChildren(QShortcut))


def test_no_lock_without_a_password_or_with_zero_minutes(qtbot, window, services):
    clock = Clock()
    lock = IdleLock(window, services.db.path, clock=clock)
    clock.now += 24 * 3600
    lock.check()
    assert not lock.locked
    password = StartupPassword(services.db.path)
    password.set(SECRET, repeated=SECRET)
    password.set_idle_minutes(0)
    lock.check()
    assert not lock.locked


def test_settings_sets_changes_and_removes_the_password(qtbot, services, monkeypatch):
    page = SettingsPage(services)
    qtbot.addWidget(page)
    assert page.password_state.text().startswith("未设置")
    assert not page.password_remove.isVisibleTo(page) and not page.idle_minutes.isEnabled()

    def answer(fill):
        def exec_(dialog):
            fill(dialog)
            dialog.save()
            return dialog.result()
        return exec_

    def first(dialog):
        dialog.new.setText(SECRET)
        dialog.repeated.setText(SECRET)

    monkeypatch.setattr(SetPasswordDialog, "exec", answer(first))
    page.set_password()
    assert page.password_state.text().startswith("已设置")
    assert page.password_set.text() == "修改启动密码…" and page.idle_minutes.isEnabled()
    page.idle_minutes.setValue(30)
    assert StartupPassword(services.db.path).idle_minutes == 30

    def wrong_old(dialog):
        dialog.old.setText("猜的")
        dialog.new.setText("另一个密码")
        dialog.repeated.setText("另一个密码")

    dialog = SetPasswordDialog(services.db.path)
    qtbot.addWidget(dialog)
    wrong_old(dialog)
    dialog.save()
    assert dialog.error.text() == "原密码不对，密码没有更改"
    assert StartupPassword(services.db.path).check(SECRET)


def test_the_idle_locks_filter_keeps_no_watched_object_in_its_frame(qtbot, window, services):
    """The windows' events pass through the lock's filter. A frame kept after it returned
    (the stall watchdog keeps what it sampled until its next tick) must not keep ``watched``:
    the wrapper of a widget Qt deleted meanwhile was handed back for the next widget made at
    its address (a table's header came back as a plain QWidget)."""
    import sys

    frames: list = []

    def clock() -> float:
        frames.append(sys._getframe(1))  # noqa: SLF001 (the filter's frame, as a sampler sees it)
        return 0.0

    lock = IdleLock(window, services.db.path, clock=clock)
    typed_into(window)
    assert frames and frames[-1].f_code.co_name == "eventFilter"
    assert "watched" not in frames[-1].f_locals
    assert lock.last_activity == 0.0


def test_the_idle_lock_watches_windows_not_every_object(qtbot, window, services):
    """Only the windows' events (and the main window's own) pass the lock's filter: a list
    painted, its timers and its model's signals do not, as they did through a filter on the
    whole application (each call into Python waits for the GIL while a worker runs Python).
    A form opened later is watched once it has the focus."""
    from PySide6.QtGui import QWindow
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QWidget

    watched_kinds: list[str] = []

    class Counting(IdleLock):
        def eventFilter(self, watched, event):  # noqa: N802 (Qt naming)
            watched_kinds.append("window" if isinstance(watched, QWindow)
                                 else "main window" if watched is self.window
                                 else type(watched).__name__)
            del watched
            return super().eventFilter(event=event, watched=None)

    clock = Clock()
    Counting(window, services.db.path, clock=clock)
    window.screen("任务")
    window.grab()
    assert set(watched_kinds) <= {"window", "main window"}, set(watched_kinds)

    form = QWidget()
    qtbot.addWidget(form)
    field = QLineEdit(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: form.windowHandle() is not None and form.windowHandle().isActive())
    clock.now = 100.0
    field.setFocus()
    QTest.keyClick(form.windowHandle(), Qt.Key.Key_B)
    assert field.text() == "b"
    assert window.findChild(IdleLock).last_activity == 100.0
