"""Money as the app keeps it: whole 元 in the database, 万元 where a list sums it up."""

from __future__ import annotations

import re

from desktop_app.records.errors import ValidationError

_AMOUNT = re.compile(r"^(?P<number>-?\d+(?:\.\d+)?)\s*(?P<unit>万元|万|元)?$")


def wan(yuan: int | None) -> float:
    """``2000000`` 元 → ``200.0`` 万元 (two decimals)."""
    return round((yuan or 0) / 10_000, 2)


def parse_yuan(text: str, field: str, label: str) -> int:
    """What a person types for an amount, in 元: ``2000000``, ``200万``, ``1.5万元``,
    ``3000元``. A negative or unreadable amount is refused, naming the field."""
    found = _AMOUNT.match(str(text).replace(",", "").replace("，", "").strip())
    if found is None:
        raise ValidationError(field, f"{label}“{text}”不是金额：请写元数，如 2000000 或 200万")
    value = float(found["number"]) * (10_000 if (found["unit"] or "").startswith("万") else 1)
    if value < 0:
        raise ValidationError(field, f"{label}不能为负数（收到 {text}）")
    return round(value)


def check_amount(field: str, label: str, amount: object) -> int:
    """An amount handed to a service: a whole number of 元, not negative."""
    if isinstance(amount, bool) or not isinstance(amount, int | float):
        raise ValidationError(field, f"{label}“{amount}”不是金额")
    if amount < 0:
        raise ValidationError(field, f"{label}不能为负数（收到 {amount:g}）")
    return round(amount)
