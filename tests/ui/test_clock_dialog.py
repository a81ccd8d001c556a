"""At start the window says when the PC's clock looks wrong and lets the officer correct it
or confirm today's date by hand."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.services import Services
from desktop_app.storage.database import Database
from desktop_app.storage.wall_clock import WallClock
from ui import clock_dialog


@pytest.fixture
def clock_in_2003(services, on_shift):
    """Records of today, then the PC's clock falls back to 2003-01-01."""
    services.tasks.create(cluster_id=on_shift.huangqu, title="今天的任务")
    services.db.close()
    when = {"now": datetime(2003, 1, 1, 8, 0)}
    db = Database(services.db.path, wall=WallClock(lambda: when["now"].timestamp()))
    db.officer_id = on_shift.people["王建国"]
    yield when, Services(db)
    db.close()


def test_the_window_shows_both_dates_and_confirming_by_hand_lets_saving_go_on(
        qtbot, clock_in_2003, on_shift, monkeypatch):
    """The warning names 2003-01-01 and today's records; choosing 手动确认 and a date lets
    the officer save, with that date."""
    _when, services = clock_in_2003
    messages: list[str] = []
    monkeypatch.setattr(clock_dialog, "ask",
                        lambda _parent, message: messages.append(message) or clock_dialog.CONFIRM)
    monkeypatch.setattr(clock_dialog, "pick_date", lambda _parent, _start: date(2026, 12, 2))
    assert clock_dialog.check_clock(None, services) is True
    assert "2003-01-01" in messages[0] and f"{date.today():%Y-%m-%d}" in messages[0]
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
    assert services.tasks.get(task.id).found_on == date(2026, 12, 2)


def test_correcting_the_clock_and_checking_again_is_enough(qtbot, clock_in_2003, monkeypatch):
    """After 我已改正时钟，重新检查 with the clock put right, no more questions."""
    when, services = clock_in_2003
    answers = []

    def ask(_parent, _message):
        when["now"] = datetime.now()  # the officer fixed the clock in Windows meanwhile
        answers.append(clock_dialog.RETRY)
        return clock_dialog.RETRY

    monkeypatch.setattr(clock_dialog, "ask", ask)
    assert clock_dialog.check_clock(None, services) is True
    assert answers == [clock_dialog.RETRY]


def test_only_looking_leaves_saving_refused(qtbot, clock_in_2003, monkeypatch):
    """暂不记录，只查看: the window opens, but nothing new can be stamped."""
    _when, services = clock_in_2003
    monkeypatch.setattr(clock_dialog, "ask", lambda *_a: clock_dialog.LATER)
    assert clock_dialog.check_clock(None, services) is False
    assert services.clock.problem() is not None


def test_the_first_start_asks_before_the_office_is_set_up(qapp, tmp_path, monkeypatch):
    """A new PC whose clock says 2003: before the office is created the window asks for the
    date, and the new office's records carry the confirmed one; 稍后 creates nothing.
    (``qapp``, not ``qtbot``: the first start opens the new file before any window shows.)"""
    from desktop_app.services.office_setup import OfficePlan
    from ui import app as ui_app
    from ui.welcome import WelcomeDialog

    def welcome_exec(dialog: WelcomeDialog) -> int:
        dialog.choice = "office"
        dialog.plan = OfficePlan("大王镇", "广饶县", "黄璩联合党总支", ["黄璩村"], "黄璩值班室")
        return 1

    opened: list[Services] = []

    def open_with_2003_clock(path):
        db = Database(path, wall=WallClock(lambda: datetime(2003, 1, 1, 8, 0).timestamp()))
        opened.append(Services(db))
        return opened[-1]

    monkeypatch.setattr(WelcomeDialog, "exec", welcome_exec)
    monkeypatch.setattr(ui_app, "open_services", open_with_2003_clock)
    monkeypatch.setattr(ui_app, "_exec", lambda _app, window: 0 if window.close() else 0)
    monkeypatch.setattr(clock_dialog, "ask", lambda _parent, _message: clock_dialog.LATER)
    instance = type("Instance", (), {"activated": type("Signal", (), {
        "connect": staticmethod(lambda _slot: None)})()})()
    assert ui_app._first_start(qapp, tmp_path / "later.db", instance) == 1
    assert opened[-1].towns.the_town() is None  # nothing made with a 2003 date

    monkeypatch.setattr(clock_dialog, "ask", lambda _parent, _message: clock_dialog.CONFIRM)
    monkeypatch.setattr(clock_dialog, "pick_date", lambda _parent, _start: date(2026, 12, 2))
    assert ui_app._first_start(qapp, tmp_path / "new.db", instance) == 0
    services = opened[-1]
    town = services.towns.the_town()
    assert town is not None and town.created_at.date() >= date(2026, 12, 1)
    services.db.close()
