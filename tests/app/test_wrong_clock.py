"""A wrong PC clock (a flat battery starts it in 2003): the app says so with both dates and
stamps nothing until the clock is corrected or today's date is confirmed by hand."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, datetime

import pytest

from desktop_app.__main__ import main as entry
from desktop_app.services import Services
from desktop_app.storage.database import Database
from desktop_app.storage.wall_clock import ClockError, WallClock, confirmations_path


class SettableClock:
    """The PC's clock, set by the test."""

    def __init__(self, when: datetime) -> None:
        self.when = when

    def __call__(self) -> float:
        return self.when.timestamp()


@pytest.fixture
def pc_clock(services, on_shift):
    """The office database reopened with a clock the test sets (now: right)."""
    clock = SettableClock(datetime.now())
    services.db.close()
    db = Database(services.db.path, wall=WallClock(clock))
    db.officer_id = on_shift.people["王建国"]
    yield clock, Services(db)
    db.close()


def test_a_clock_in_2003_is_reported_with_both_dates_and_nothing_is_recorded(pc_clock,
                                                                            on_shift):
    """With the PC's clock at 2003-01-01 after records of today, adding a task is refused
    with a message naming 2003-01-01 and the newest record's date; nothing is saved."""
    clock, services = pc_clock
    services.tasks.create(cluster_id=on_shift.huangqu, title="今天的任务")
    clock.when = datetime(2003, 1, 1, 8, 0)
    problem = services.clock.problem()
    assert problem is not None and problem.reason == "behind_records"
    with pytest.raises(ClockError) as error:
        services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
    message = str(error.value)
    assert "2003-01-01" in message and f"{date.today():%Y-%m-%d}" in message
    assert "改正电脑的日期和时间" in message
    assert services.tasks.list().total == 1


def test_after_the_clock_is_corrected_saving_works_again(pc_clock, on_shift):
    """Once the PC's clock is put right, saving works without anything else to do."""
    clock, services = pc_clock
    services.tasks.create(cluster_id=on_shift.huangqu, title="今天的任务")
    clock.when = datetime(2003, 1, 1, 8, 0)
    with pytest.raises(ClockError):
        services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
    clock.when = datetime.now()
    assert services.clock.problem() is None
    services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
    assert services.tasks.list().total == 2


def test_a_date_confirmed_by_hand_is_used_and_recorded(pc_clock, on_shift):
    """If the officer confirms today's date by hand, new records carry that date (not
    2003), and the confirmation is written down with the PC's time and who confirmed."""
    clock, services = pc_clock
    services.tasks.create(cluster_id=on_shift.huangqu, title="今天的任务")
    clock.when = datetime(2003, 1, 1, 8, 0)
    services.clock.confirm_date(date(2026, 12, 2))
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
    assert services.tasks.get(task.id).found_on == date(2026, 12, 2)
    lines = confirmations_path(services.db.path).read_text(encoding="utf-8").splitlines()
    entry = json.loads(lines[-1])
    assert entry["confirmed_date"] == "2026-12-02"
    assert entry["pc_time"].startswith("2003-01-01")
    assert entry["officer_id"] == on_shift.people["王建国"]
    assert entry["reason"] == "behind_records"


def test_a_clock_before_the_program_was_made_is_wrong_even_on_a_new_database(tmp_path):
    """On a fresh database (no records yet) a clock earlier than the program's build date
    is still refused."""
    db = Database(tmp_path / "new.db", wall=WallClock(SettableClock(datetime(2003, 1, 1))))
    try:
        problem = db.clock_problem()
        assert problem is not None and problem.reason == "before_build"
        assert "制作日期" in problem.message and "2003-01-01" in problem.message
    finally:
        db.close()


def test_a_clock_a_few_hours_behind_a_peer_is_not_an_error(pc_clock, on_shift):
    """Two offices' clocks a few hours apart (a wrong time zone) do not stop anyone."""
    clock, services = pc_clock
    services.tasks.create(cluster_id=on_shift.huangqu, title="今天的任务")
    clock.when = datetime.fromtimestamp(clock() - 8 * 3600)
    assert services.clock.problem() is None


def test_the_cli_refuses_with_one_error_line(services, on_shift, monkeypatch):
    """``task add`` on a PC whose clock says 2003 prints one 错误：… line with both dates."""
    services.tasks.create(cluster_id=on_shift.huangqu, title="今天的任务")
    services.db.close()
    monkeypatch.setattr("time.time", lambda: datetime(2003, 1, 1, 8, 0).timestamp())
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = entry(["--db", str(services.db.path), "task", "add", "--cluster",
                      on_shift.huangqu, "--title", "清理排水沟"])
    lines = err.getvalue().strip().splitlines()
    assert code == 1, err.getvalue()
    assert len(lines) == 1 and lines[0].startswith("错误：电脑时钟可能不对"), err.getvalue()
    assert "2003-01-01" in lines[0] and "--today" in lines[0]


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = entry(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_the_cli_takes_a_date_confirmed_by_hand(services, on_shift, monkeypatch):
    """``--today`` confirms the date on a PC whose clock says 2003: the task is found today,
    and the confirmation is recorded beside the database."""
    services.tasks.create(cluster_id=on_shift.huangqu, title="今天的任务")
    services.db.close()
    today = date.today()
    monkeypatch.setattr("time.time", lambda: datetime(2003, 1, 1, 8, 0).timestamp())
    path = str(services.db.path)
    code, out, err = run_cli("--db", path, "--json", "task", "add", "--cluster",
                             on_shift.huangqu, "--title", "清理排水沟", "--today",
                             today.isoformat())
    assert code == 0, err
    assert json.loads(out)["found_on"] == today.isoformat()
    entries = confirmations_path(services.db.path).read_text(encoding="utf-8").splitlines()
    assert json.loads(entries[-1])["confirmed_date"] == today.isoformat()


def test_the_cli_does_not_overrule_a_clock_that_looks_right(services, on_shift):
    services.db.close()
    code, _out, err = run_cli("--db", str(services.db.path), "--today", "2031-05-01", "task",
                              "add", "--cluster", on_shift.huangqu, "--title", "清理排水沟")
    assert code == 1 and "电脑时钟看来正常" in err and "2031-05-01" in err
    code, _out, err = run_cli("--db", str(services.db.path), "--today", "明天", "task", "list")
    assert code == 1 and "--today" in err


def test_the_package_says_when_it_was_built(tmp_path, monkeypatch):
    """The package's resources/build-date.txt (written by the build) moves the earliest
    plausible day on; without it, or with nonsense in it, BUILD_DATE stands."""
    from desktop_app.storage import wall_clock

    stamp = tmp_path / "build-date.txt"
    monkeypatch.setattr(wall_clock, "resource_path", lambda name: tmp_path / name)
    wall_clock.build_date.cache_clear()
    try:
        assert wall_clock.build_date() == wall_clock.BUILD_DATE  # a source checkout
        stamp.write_text("2027-03-15", encoding="utf-8")
        wall_clock.build_date.cache_clear()
        assert wall_clock.build_date() == date(2027, 3, 15)
        clock = WallClock(lambda: datetime(2027, 3, 1, 9, 0).timestamp())
        problem = wall_clock.check(clock, 0)
        assert problem is not None and problem.reason == "before_build"
        assert "2027-03-15" in problem.message
        stamp.write_text("not a date", encoding="utf-8")
        wall_clock.build_date.cache_clear()
        assert wall_clock.build_date() == wall_clock.BUILD_DATE
    finally:
        wall_clock.build_date.cache_clear()
