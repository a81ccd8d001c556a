"""Records as plain data: what a screen or another thread may hold.

A service returns table objects (``WorkTask``...) for the CLI and the other services; a
screen gets :func:`plain` copies instead, so no widget keeps an object tied to a database
session, and nothing but plain values crosses between threads.
"""

from __future__ import annotations

from datetime import date, datetime, time
from types import SimpleNamespace
from typing import Any


class Plain(SimpleNamespace):
    """A record's stored values, read like the record (``task.title``) but bound to nothing."""


def plain(value: Any) -> Any:
    """``value`` with every table object in it (alone, in a list, tuple, dict or page)
    replaced by a :class:`Plain` copy of its columns; anything else as it is. (Imports
    nothing heavy: the window imports this before its first paint.)"""
    from desktop_app.services.base import Page  # loaded by then: ``value`` came from a service

    if hasattr(value, "__table__"):  # a table object (SQLModel, table=True)
        return Plain(**value.model_dump())
    if isinstance(value, Page):
        return Page([plain(item) for item in value.items], value.total, value.offset,
                    value.limit)
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, tuple):
        return tuple(plain(item) for item in value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def value_text(value: Any) -> str:
    """A stored value as a person reads it in a list: nothing for None, 是 for a set flag
    (nothing for an unset one), dates ISO, times HH:MM, 1.5 not 1.50, lists joined with 、."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "、".join(value_text(item) for item in value)
    return str(value)
