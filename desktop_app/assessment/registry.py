"""Automatic indicators: each a named source computed from a quarter's records.

A source is one declaration::

    @indicator("tasks_solved_on_time", "任务按期解决率", unit="%", table="work_task")
    def tasks_solved_on_time(connection, start, end) -> dict[str, Figure]: ...

It takes a read connection and the quarter's first and last day and returns, per cluster
id, the figure and the ids of the records it counted (the evidence a person opens by
clicking the figure). A source that counts only what is past (the rota's attendance) is
declared ``as_of=True`` and is given today as a fourth argument, the database clock's.
Other modules register their own sources by importing this module and declaring theirs;
``SOURCES`` holds every one by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection

from desktop_app.records.errors import ValidationError


@dataclass(frozen=True)
class Figure:
    value: float | None
    evidence: tuple[str, ...] = ()


# (connection, first day, last day) or, declared ``as_of``, (…, today)
Compute = Callable[..., dict[str, Figure]]


@dataclass(frozen=True)
class Source:
    name: str
    label: str
    compute: Compute
    unit: str = ""
    table: str = ""  # where the evidence records live (the kind a click opens)
    lower_better: bool = False
    hint: str = field(default="")
    as_of: bool = False  # computed as of a day: given today

    def figures(self, connection: Connection, start: date, end: date,
                today: date) -> dict[str, Figure]:
        """Every cluster's figure from ``start`` to ``end``, taken on ``today``."""
        if self.as_of:
            return self.compute(connection, start, end, today)
        return self.compute(connection, start, end)


SOURCES: dict[str, Source] = {}

# Sources that are not computed from records: their figure is entered by the town.
MANUAL_SOURCES = {"jury": "评委评分", "inspection": "实地查看"}


def indicator(name: str, label: str, *, unit: str = "", table: str = "",
              lower_better: bool = False, hint: str = "",
              as_of: bool = False) -> Callable[[Compute], Compute]:
    """Register ``compute`` as the automatic source ``name`` (a second one of the same name
    is a programming error)."""
    def register(compute: Compute) -> Compute:
        if name in SOURCES or name in MANUAL_SOURCES:
            raise ValueError(f"indicator source {name!r} is declared twice")
        SOURCES[name] = Source(name, label, compute, unit, table, lower_better, hint, as_of)
        return compute
    return register


def source_labels() -> dict[str, str]:
    """Every source a scheme may name: automatic ones and the manual ones."""
    # registers the duty offices' sources and the later modules'
    from desktop_app.assessment import (  # noqa: F401
        sources,
        sources_industry,
        sources_modules,
        sources_rota,
    )

    return {**{s.name: s.label for s in SOURCES.values()}, **MANUAL_SOURCES}


def require_source(name: str) -> None:
    labels = source_labels()
    if name not in labels:
        raise ValidationError("source", f"指标来源“{name}”无效，可选：{'、'.join(labels)}")
