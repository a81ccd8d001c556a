"""Field values as JSON, and the canonical bytes that operations are hashed over."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Time
from sqlalchemy.sql.type_api import TypeEngine


def encode(value: Any) -> Any:
    """A field value as plain JSON (dates and times as ISO text)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def decoder(column_type: TypeEngine):
    """A function turning the JSON form back into the column's Python value."""
    if isinstance(column_type, DateTime):
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if isinstance(column_type, Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    if isinstance(column_type, Time):
        return lambda v: None if v is None else time.fromisoformat(v)
    if isinstance(column_type, Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(column_type, Integer):
        return lambda v: None if v is None else int(v)
    if isinstance(column_type, Float):
        return lambda v: None if v is None else float(v)
    return lambda v: v


def canonical(value: Any) -> bytes:
    """Deterministic JSON bytes: sorted keys, no spaces, UTF-8."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
