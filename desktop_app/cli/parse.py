"""Turning what a person typed on the command line into values, with Chinese error messages.

Every function takes the raw string and a label naming the field (e.g. "截止日期"); a bad
value raises :class:`BadValue`, a :class:`~desktop_app.records.errors.UserError`, so the command
ends with exit code 1 and one line ``错误：...`` rather than argparse's usage error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time

from desktop_app.records.errors import UserError

_COLONS = re.compile("[:：]")
_LIST_SEPARATORS = re.compile("[,，、]")


class BadValue(UserError):
    """A value typed on the command line that cannot be understood."""


def date_(value: str | None, label: str) -> date | None:
    """``2026-05-01`` (also ``2026/5/1`` or ``2026.5.1``); None stays None."""
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*", value)
    if not match:
        raise BadValue(f"{label}“{value}”无效：应为 YYYY-MM-DD 格式的日期，例如 2026-05-01")
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise BadValue(f"{label}“{value}”无效：没有这一天") from None


def time_(value: str | None, label: str) -> time | None:
    """``08:30`` (a full-width colon is accepted too); None stays None."""
    if value is None:
        return None
    match = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", value)
    if not match:
        raise BadValue(f"{label}“{value}”无效：应为 HH:MM 格式的时间，例如 08:30")
    try:
        return time(int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise BadValue(f"{label}“{value}”无效：时应为 0～23，分应为 0～59") from None


def datetime_(value: str | None, label: str) -> datetime | None:
    """``2026-05-01 09:00`` (or ``2026-05-01T09:00``); None stays None."""
    if value is None:
        return None
    parts = re.split(r"[\sT]+", value.strip(), maxsplit=1)
    if len(parts) != 2:
        raise BadValue(f"{label}“{value}”无效：应为“YYYY-MM-DD HH:MM”，例如“2026-05-01 09:00”")
    day, moment = date_(parts[0], label), time_(parts[1], label)
    assert day is not None and moment is not None  # both parts were given
    return datetime.combine(day, moment)


def integer(value: str | None, label: str, *, minimum: int | None = 0,
            maximum: int | None = None) -> int | None:
    """A whole number within the bounds; None stays None."""
    if value is None:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        raise BadValue(f"{label}“{value}”无效：应为整数") from None
    if minimum is not None and number < minimum:
        raise BadValue(f"{label}不能小于 {minimum}，收到 {number}")
    if maximum is not None and number > maximum:
        raise BadValue(f"{label}不能大于 {maximum}，收到 {number}")
    return number


def hours(value: str, label: str) -> float:
    """A positive number of hours such as ``2`` or ``1.5``."""
    try:
        number = float(value.strip())
    except ValueError:
        raise BadValue(f"{label}“{value}”无效：应为小时数，例如 2 或 1.5") from None
    if not 0 < number < float("inf"):
        raise BadValue(f"{label}应大于 0 小时，收到 {value.strip()}")
    return number


def choice(value: str | None, vocabulary: Mapping, label: str):
    """An identifier of ``vocabulary``, given either as the identifier or its Chinese label.

    ``choice("同意", MEETING_OUTCOMES, "议定结果") == "approved"``; integer keys (priorities)
    are matched by their digits.
    """
    if value is None:
        return None
    typed = value.strip()
    for key, key_label in vocabulary.items():
        if typed in (str(key), key_label):
            return key
    allowed = "、".join(f"{key}（{key_label}）" for key, key_label in vocabulary.items())
    raise BadValue(f"{label}“{value}”无效，可选：{allowed}")


def items(values: Iterable[str] | None) -> list[str]:
    """A repeated option, each value possibly a list: ``["a,b", "c"]`` -> a, b, c."""
    found: list[str] = []
    for value in values or []:
        for part in _LIST_SEPARATORS.split(value):
            part = part.strip()
            if part and part not in found:
                found.append(part)
    return found


def pair(value: str, label: str, shape: str) -> tuple[str, str | None]:
    """Split ``LEFT:RIGHT`` at the first colon (ASCII or full-width); RIGHT is None if absent."""
    parts = _COLONS.split(value, maxsplit=1)
    left = parts[0].strip()
    if not left:
        raise BadValue(f"{label}“{value}”无效：应为 {shape}")
    right = parts[1].strip() if len(parts) == 2 else None
    return left, right


def pairs(values: list[str] | None, label: str, shape: str,
          right: Callable[[str, str], object]) -> dict[str, object] | None:
    """Repeated ``--OPTION LEFT:RIGHT`` as ``{left: right(left, text)}``; None if not given."""
    if not values:
        return None
    found: dict[str, object] = {}
    for value in values:
        left, text = pair(value, label, shape)
        if text is None:
            raise BadValue(f"{label}“{value}”无效：应为 {shape}")
        found[left] = right(left, text)
    return found


def paging(limit: str, offset: str) -> dict[str, int | None]:
    """``--limit`` and ``--offset`` as ListQuery fields; a limit of 0 means everything."""
    return {
        "limit": integer(limit, "显示条数（--limit）") or None,
        "offset": integer(offset, "跳过条数（--offset）"),
    }
