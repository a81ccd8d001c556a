"""Quarters named like ``2026Q4``: their dates, and the one before."""

from __future__ import annotations

import re
from datetime import date, timedelta

from desktop_app.records.errors import ValidationError

_PATTERN = re.compile(r"^(\d{4})Q([1-4])$")


def parse_quarter(code: str) -> tuple[int, int]:
    """``"2026Q4"`` -> ``(2026, 4)``; anything else is refused by name."""
    found = _PATTERN.match((code or "").strip().upper())
    if not found:
        raise ValidationError("quarter", f"季度“{code}”格式不对，应写作 2026Q4")
    return int(found.group(1)), int(found.group(2))


def quarter_dates(code: str) -> tuple[date, date]:
    """The first and the last day of a quarter."""
    year, q = parse_quarter(code)
    start = date(year, 3 * q - 2, 1)
    end = date(year + (q == 4), 1 if q == 4 else 3 * q + 1, 1) - timedelta(days=1)
    return start, end


def quarter_of(day: date) -> str:
    return f"{day.year}Q{(day.month - 1) // 3 + 1}"


def previous_quarter(code: str) -> str:
    year, q = parse_quarter(code)
    return f"{year - 1}Q4" if q == 1 else f"{year}Q{q - 1}"


def quarter_label(code: str) -> str:
    """``2026Q4`` -> ``2026年第四季度``."""
    year, q = parse_quarter(code)
    return f"{year}年第{'一二三四'[q - 1]}季度"
