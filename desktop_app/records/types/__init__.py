"""Every record type, declared once: ``RECORD_TYPES`` by table name.

A new record type is a module here (or a declaration in one) listed in ``_MODULES``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desktop_app.records.fields import Kind, RecordType
from desktop_app.records.types import (
    agenda,
    assessment,
    duty,
    governance,
    industry,
    meetings,
    org,
    rota,
    talent,
    tasks,
    volunteers,
)

_MODULES = (org, duty, agenda, tasks, meetings, volunteers, rota, governance, industry, talent,
            assessment)

RECORD_TYPES: dict[str, RecordType] = {t.table: t for m in _MODULES for t in m.TYPES}


def record_type(table: str) -> RecordType:
    """The declaration of the record type stored in ``table`` (e.g. ``"work_task"``)."""
    return RECORD_TYPES[table]


def table_label(table: str) -> str:
    """``"任务进展"`` for ``"task_progress"``; an undeclared table by its own name."""
    declared = RECORD_TYPES.get(table)
    return declared.label if declared else table


def field_label(table: str, name: str) -> str:
    """The Chinese label of a field of a table (the conflict list names fields so)."""
    declared = RECORD_TYPES.get(table)
    return declared.label_of(name) if declared else name


def field_choices(table: str, name: str) -> Mapping[Any, str] | None:
    """The vocabulary of a choice field (key -> label), or None."""
    declared = RECORD_TYPES.get(table)
    spec = declared.get(name) if declared else None
    return spec.choices if spec is not None and spec.kind is Kind.CHOICE else None


__all__ = ["RECORD_TYPES", "field_choices", "field_label", "record_type", "table_label"]
