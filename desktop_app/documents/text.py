"""Words and numbers as an official document writes them: dates in Arabic digits with
年月日, Chinese ordinals for headings (一、 （一）), hours without a trailing ``.0``."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time

DIGITS = "〇一二三四五六七八九"
# Characters XML 1.0 cannot hold (control characters other than tab and newline).
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BLANK_DATE = "　　　　年　　月　　日"  # for a date to be written by hand


def clean(value: object) -> str:
    """Text safe for a Word document: None is empty, control characters are dropped."""
    if value is None:
        return ""
    return _INVALID_XML.sub("", str(value))


def cn_date(value: date | datetime | None, blank: str = "") -> str:
    """``2026年11月3日`` (GB/T 9704: Arabic digits, no leading zeros)."""
    if value is None:
        return blank
    return f"{value.year}年{value.month}月{value.day}日"


def cn_time(value: time | datetime | None) -> str:
    return "" if value is None else f"{value.hour:02d}:{value.minute:02d}"


def cn_datetime(value: datetime | None) -> str:
    """``2026年11月3日 09:00``."""
    return "" if value is None else f"{cn_date(value)} {cn_time(value)}"


def cn_period(start: date | None, end: date | None) -> str:
    """``2026年1月1日至3月31日`` (the year once when both ends share it, as a clerk writes
    it), ``2025年12月1日至2026年1月31日``; either end may be open."""
    if start and end:
        if start.year == end.year:
            return f"{cn_date(start)}至{end.month}月{end.day}日"
        return f"{cn_date(start)}至{cn_date(end)}"
    if start:
        return f"{cn_date(start)}以来"
    if end:
        return f"截至{cn_date(end)}"
    return "全部日期"


def cn_ordinal(number: int) -> str:
    """一, 二 … 十, 十一 … 九十九 (the numbers of 一、 and （一） headings)."""
    if number < 1 or number > 99:
        return str(number)
    tens, ones = divmod(number, 10)
    if tens == 0:
        return DIGITS[ones]
    head = "" if tens == 1 else DIGITS[tens]
    return f"{head}十{DIGITS[ones] if ones else ''}"


def hours(value: float | None) -> str:
    """``2``, ``1.5``: hours as a person writes them."""
    if value is None:
        return ""
    return f"{round(value, 2):g}"


def count(value: int | None) -> str:
    return "" if value is None else str(value)


def joined(names: Iterable[str], empty: str = "无") -> str:
    """``王建国、李秀英``; ``empty`` when there is nobody."""
    shown = [name for name in names if name]
    return "、".join(shown) if shown else empty
