"""Field values as JSON, and the canonical bytes that operations are hashed over."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, Time
from sqlalchemy.sql.type_api import TypeEngine


def encode(value: Any) -> Any:
    """A field value as plain JSON (dates and times as ISO text)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def decoder(column_type: TypeEngine) -> Callable[[Any], Any]:
    """A function turning the JSON form back into the column's Python value.

    Strict: a value of the wrong JSON type raises TypeError, text that is not an ISO date
    or time raises ValueError (a sync file from another PC is checked with it). ``None``
    stays ``None``.
    """
    if isinstance(column_type, DateTime):
        return _parsed(datetime.fromisoformat)
    if isinstance(column_type, Date):
        return _parsed(date.fromisoformat)
    if isinstance(column_type, Time):
        return _parsed(time.fromisoformat)
    if isinstance(column_type, Boolean):
        return _boolean
    if isinstance(column_type, Integer):
        return _integer
    if isinstance(column_type, Float):
        return _number
    return _text


# A value of each JSON type a column's value can arrive as.
_JSON_SAMPLES = ("", 0, 0.5, False, None)


def taken_as_is(column_type: TypeEngine) -> frozenset[type]:
    """The JSON value types that ``decoder(column_type)`` returns unchanged: a value of one
    of them needs no call (a sync import decodes millions of values, most of them text).
    Asked of the decoder itself, so the two cannot disagree."""
    decode = decoder(column_type)
    kept = set()
    for value in _JSON_SAMPLES:
        try:
            if decode(value) is value:
                kept.add(type(value))
        except (TypeError, ValueError):
            pass
    return frozenset(kept)


def from_text(column_type: TypeEngine, value: Any) -> Any:
    """A value a person typed (text) for a column, else as ``decoder`` reads JSON."""
    if isinstance(value, str):
        if isinstance(column_type, Boolean):
            words = {"true": True, "1": True, "是": True, "false": False, "0": False, "否": False}
            if value.strip().lower() not in words:
                raise ValueError(value)
            return words[value.strip().lower()]
        if isinstance(column_type, Integer):
            return int(value)
        if isinstance(column_type, Float):
            return float(value)
    return decoder(column_type)(value)


def _parsed(parse: Callable[[str], Any]) -> Callable[[Any], Any]:
    def decode(value: Any) -> Any:
        if value is None:
            return None
        if type(value) is not str:
            raise TypeError(value)
        return parse(value)
    return decode


def _text(value: Any) -> Any:
    if value is None or type(value) is str:
        return value
    raise TypeError(value)


def _integer(value: Any) -> Any:
    if value is None or type(value) is int:
        return value
    raise TypeError(value)


def _boolean(value: Any) -> Any:
    if value is None or type(value) is bool:
        return value
    if type(value) is int and value in (0, 1):  # as SQLite stores it
        return bool(value)
    raise TypeError(value)


def _number(value: Any) -> Any:
    if value is None:
        return None
    if type(value) in (int, float):
        return float(value)
    raise TypeError(value)


# Made once: json.dumps would build a new encoder on every call (a sync import makes hundreds
# of thousands of calls).
_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def canonical_text(value: Any) -> str:
    """Deterministic JSON: sorted keys, no spaces."""
    return _CANONICAL.encode(value)


def canonical(value: Any) -> bytes:
    """Deterministic JSON as UTF-8 bytes (what signatures and hashes are taken over)."""
    return _CANONICAL.encode(value).encode()


def dumps(value: Any) -> str:
    return _COMPACT.encode(value)
