"""Working days (工作日) as a Chinese office counts them: Monday to Friday, less the holidays
(放假), plus the 调休 Saturdays and Sundays that are worked. One function for every time
limit counted in working days (the service counter's 办结时限, a 差评's 15-working-day fix).

Pure: it is given the calendar (``day -> "holiday" | "workday"``), e.g. from the rota's
节假日 records (``services.rota.calendar_of``) or the State Council's arrangement
(``rota.holidays.official_days``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

Calendar = Mapping[date, str]  # day -> "holiday" (放假) or "workday" (调休上班)


def is_working_day(day: date, calendar: Calendar | None = None) -> bool:
    kind = (calendar or {}).get(day)
    if kind == "holiday":
        return False
    if kind == "workday":
        return True
    return day.weekday() < 5


def add_working_days(start: date, days: int, calendar: Calendar | None = None) -> date:
    """The ``days``-th working day after ``start`` (``start`` itself is not counted: a
    request received on Friday with a limit of one working day is due on Monday)."""
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day, calendar):
            left -= 1
    return day


def calendar_span(start: date, days: int) -> tuple[date, date]:
    """The dates whose holidays can matter to ``add_working_days(start, days)``: twice the
    working days plus a month covers weekends and the longest holiday (春节, 9 days)."""
    return start, start + timedelta(days=2 * days + 30)


def official_calendar(*years: int) -> dict[date, str]:
    """The State Council's arrangement for ``years`` as a calendar (for the sample town,
    whose holiday records are written from the same arrangement)."""
    from desktop_app.rota.holidays import official_days

    return {day: kind for year in years for day, kind, _name in official_days(year)}
