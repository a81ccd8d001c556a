"""The PC's clock, checked before it stamps anything (docs/faults.md, "wrong clock").

A duty-office PC whose battery is flat starts in 2003; a new record would then be found,
raised or noted in 2003. ``check`` compares the PC's time with the newest time this PC has
seen (its hybrid clock: its own writes and every imported record) and with the program's
build date. While the clock looks wrong the database refuses to stamp new records
(``ClockError``) until the clock is corrected or a person confirms today's date by hand;
that confirmation sets an offset for this session and is recorded (``confirm``).

Sync import does not stamp records of its own and keeps working: the hybrid clock orders
versions whatever the wall clock says.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desktop_app.config.paths import resource_path
from desktop_app.records.errors import UserError

# The program cannot run before it was made: a clock earlier than this is wrong. The package
# carries the day it was built (resources/build-date.txt, written by build/lianjian.spec); a
# source checkout uses this date, moved on by hand now and then.
BUILD_DATE = date(2026, 11, 1)


@functools.cache
def build_date() -> date:
    """The day this program was built (the package's), else :data:`BUILD_DATE`."""
    try:
        stamped = resource_path("build-date.txt").read_text(encoding="utf-8").strip()
        return max(date.fromisoformat(stamped), BUILD_DATE)
    except (OSError, ValueError):
        return BUILD_DATE
# A PC behind the newest record it has seen by more than this has a wrong clock. A day, as
# sync's skew warning: two offices' clocks a few hours apart (a wrong time zone) are not
# an error, and the dates the forms fill in are days.
TOLERANCE = timedelta(days=1)
FIX = ("请先在 Windows 的“日期和时间”设置中改正电脑的日期和时间；"
       "如果电脑的时间确实无误，请重新打开联建台账窗口，按提示手动确认今天的日期。")


@dataclass(frozen=True)
class ClockProblem:
    pc_time: datetime  # what the PC says (local time)
    reference: datetime  # the newest record seen, or the build date (local time)
    reason: str  # "behind_records" or "before_build"

    @property
    def message(self) -> str:
        if self.reason == "behind_records":
            why = f"早于本机已有的最新记录时间 {self.reference:%Y-%m-%d %H:%M}"
        else:
            why = f"早于本程序的制作日期 {self.reference:%Y-%m-%d}"
        return (f"电脑时钟可能不对：现在显示 {self.pc_time:%Y-%m-%d %H:%M}，{why}。"
                "为免记下错误的日期，暂不能保存新的记录。" + FIX)


class ClockError(UserError):
    """A write refused because the PC's clock looks wrong."""

    def __init__(self, problem: ClockProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


class WallClock:
    """The PC's time (``source``: seconds since the epoch, injectable in tests), plus the
    offset a person confirmed by hand."""

    def __init__(self, source: Callable[[], float] | None = None) -> None:
        self.source = source or (lambda: time.time())  # looked up each call
        self.offset_s = 0.0
        self.confirmed: date | None = None

    def time(self) -> float:
        return self.source() + self.offset_s

    def ms(self) -> int:
        return int(self.time() * 1000)

    def now(self) -> datetime:
        """Local time, without microseconds (as the forms record it)."""
        return datetime.fromtimestamp(self.time()).replace(microsecond=0)

    def today(self) -> date:
        return self.now().date()

    def utcnow(self) -> datetime:
        """UTC without tzinfo, as ``db.ids.utcnow`` (SQLite stores naive datetimes)."""
        return datetime.fromtimestamp(self.time(), UTC).replace(tzinfo=None, microsecond=0)

    def pc_now(self) -> datetime:
        return datetime.fromtimestamp(self.source()).replace(microsecond=0)


def check(wall: WallClock, newest_seen_ms: int) -> ClockProblem | None:
    """The clock's problem, or None if it looks right (or a person confirmed the date)."""
    if wall.confirmed is not None:
        return None
    now = wall.now()
    if newest_seen_ms:
        newest = datetime.fromtimestamp(newest_seen_ms / 1000).replace(microsecond=0)
        if now < newest - TOLERANCE:
            return ClockProblem(now, newest, "behind_records")
    if now.date() < build_date():
        return ClockProblem(now, datetime.combine(build_date(), datetime.min.time()),
                            "before_build")
    return None


def confirmations_path(db_path: Path) -> Path:
    """Where confirmations are recorded: a line each, beside the database."""
    return db_path.with_name(db_path.name + ".clock-confirmations.jsonl")


def confirm(wall: WallClock, day: date, db_path: Path, *, officer_id: str | None,
            problem: ClockProblem | None) -> None:
    """A person says today is ``day``: shift this session's clock to it and record that."""
    pc_time = wall.pc_now()
    wall.offset_s = (day - pc_time.date()).days * 86400.0
    wall.confirmed = day
    entry = {"confirmed_date": day.isoformat(), "pc_time": pc_time.isoformat(),
             "officer_id": officer_id, "reason": problem.reason if problem else None,
             "reference": problem.reference.isoformat() if problem else None}
    logging.getLogger("lianjian").warning("手动确认日期：%s", entry)
    with open(confirmations_path(db_path), "a", encoding="utf-8") as log:
        log.write(json.dumps(entry, ensure_ascii=False) + "\n")
