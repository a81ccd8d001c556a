"""Records as plain data: what a screen or another thread may hold.

A service returns table objects (``WorkTask``...) for the CLI and the other services; a
screen gets :func:`plain` copies instead, so no widget keeps an object tied to a database
session, and nothing but plain values crosses between threads.
"""

from __future__ import annotations

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
