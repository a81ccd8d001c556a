"""Every record type, declared once: ``RECORD_TYPES`` by table name.

A new record type is a module here (or a declaration in one) listed in ``_MODULES``.
"""

from __future__ import annotations

from desktop_app.records.fields import RecordType
from desktop_app.records.types import agenda, duty, meetings, org, tasks, volunteers

_MODULES = (org, duty, agenda, tasks, meetings, volunteers)

RECORD_TYPES: dict[str, RecordType] = {t.table: t for m in _MODULES for t in m.TYPES}


def record_type(table: str) -> RecordType:
    """The declaration of the record type stored in ``table`` (e.g. ``"work_task"``)."""
    return RECORD_TYPES[table]


__all__ = ["RECORD_TYPES", "record_type"]
