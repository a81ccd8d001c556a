"""The State Council's holiday arrangements (放假 and 调休上班 days), as the town's starting
data: ``HolidayService.load_official`` writes a year of them as ordinary holiday records,
which the town may then correct like any other record.

2026: 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社发布；e.g.
https://politics.gmw.cn/2025-11/04/content_38391083.htm). The 2027 notice was not published
in any source available when this was written: add it with ``OFFICIAL[2027]`` (or type the
days in 节假日) when the State Council issues it, usually in November.
"""

from __future__ import annotations

from datetime import date, timedelta

HolidayDay = tuple[date, str, str]  # (day, "holiday" | "workday", name)


def _span(name: str, first: date, last: date) -> list[HolidayDay]:
    days = (last - first).days + 1
    return [(first + timedelta(days=n), "holiday", name) for n in range(days)]


def _work(name: str, *days: date) -> list[HolidayDay]:
    return [(day, "workday", f"{name}调休上班") for day in days]


OFFICIAL: dict[int, list[HolidayDay]] = {
    2026: [
        *_span("元旦", date(2026, 1, 1), date(2026, 1, 3)),
        *_work("元旦", date(2026, 1, 4)),
        *_span("春节", date(2026, 2, 15), date(2026, 2, 23)),
        *_work("春节", date(2026, 2, 14), date(2026, 2, 28)),
        *_span("清明节", date(2026, 4, 4), date(2026, 4, 6)),
        *_span("劳动节", date(2026, 5, 1), date(2026, 5, 5)),
        *_work("劳动节", date(2026, 5, 9)),
        *_span("端午节", date(2026, 6, 19), date(2026, 6, 21)),
        *_span("中秋节", date(2026, 9, 25), date(2026, 9, 27)),
        *_span("国庆节", date(2026, 10, 1), date(2026, 10, 7)),
        *_work("国庆节", date(2026, 9, 20), date(2026, 10, 10)),
    ],
}


def official_days(year: int) -> list[HolidayDay]:
    """The year's official 放假 and 调休上班 days, in date order ([] if not known yet)."""
    return sorted(OFFICIAL.get(year, []))
