"""The checks every record type gets from its declaration: required, length, range, choice,
plausible date, and that a referenced record exists. A service's own ``validate`` then adds
only the rules that are truly its own (a due date after the found date, quorum ...)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlmodel import Session

from db.models import SyncedRecord, synced_model
from desktop_app.records.errors import ValidationError
from desktop_app.records.fields import DATES, ONE_RECORD, TEXTS, Field, Kind, RecordType


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def missing_message(spec: Field) -> str:
    if spec.kind in TEXTS:
        return f"{spec.label}不能为空"
    if spec.kind in ONE_RECORD:
        return f"请指定{spec.label}"
    return f"请填写{spec.label}"


def check_declared(session: Session, record_type: RecordType, values: dict[str, Any],
                   existing: SyncedRecord | None, *, today: date | None = None) -> None:
    """Raise ValidationError for the first value that breaks its declaration; trims one-line
    texts in ``values``. On a new record every required field must be given. ``today``: the
    database's (a date confirmed by hand for a wrong clock counts), for the date window."""
    from desktop_app.services.base import require_plausible_date  # the date window lives there

    for spec in record_type.editable:
        if existing is None and spec.required and _blank(values.get(spec.name)):
            raise ValidationError(spec.name, missing_message(spec))
        if spec.name not in values:
            continue
        value = values[spec.name]
        if spec.required and _blank(value):
            raise ValidationError(spec.name, missing_message(spec))
        if (existing is not None and spec.on_create_only
                and value != getattr(existing, spec.name)):
            raise ValidationError(spec.name, _moved_message(record_type, spec))
        if value is None:
            continue
        if spec.kind in TEXTS:
            values[spec.name] = value = _checked_text(spec, value)
        elif spec.kind in (Kind.NUMBER, Kind.DECIMAL):
            _check_range(spec, value)
        elif spec.kind is Kind.CHOICE:
            _check_choice(spec, value)
        elif spec.kind is Kind.CHOICES:
            for key in value:
                _check_choice(spec, key)
        elif spec.kind is Kind.TAGS:
            if any(_blank(word) for word in value):
                raise ValidationError(spec.name, f"{spec.label}不能为空")
        elif spec.kind in DATES:
            if not isinstance(value, date):
                raise ValidationError(spec.name, f"{spec.label}“{value}”不是日期")
            require_plausible_date(spec.name, value, spec.label, today=today)
        elif spec.kind in ONE_RECORD and value:
            _check_exists(session, spec, value)


def _moved_message(record_type: RecordType, spec: Field) -> str:
    if spec.target == "cluster":
        return f"{record_type.label}不能移到其他{spec.label}"
    return f"{record_type.label}的{spec.label}建立后不能修改"


def _checked_text(spec: Field, value: Any) -> str:
    text = str(value)
    if spec.kind is Kind.TEXT:
        text = text.strip()
    longest = spec.longest
    if longest is not None and len(text) > longest:
        where = "，详情可写在内容或备注里" if spec.kind is Kind.TEXT else ""
        raise ValidationError(spec.name, f"{spec.label}太长（{len(text)} 字）：请写在 "
                                         f"{longest} 字以内{where}")
    return text


def _check_range(spec: Field, value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(spec.name, f"{spec.label}“{value}”不是数字")
    low, high = spec.minimum, spec.maximum
    if low == 0 and high is None and value < 0:
        raise ValidationError(spec.name, f"{spec.label}不能为负数")
    if (low is not None and value < low) or (high is not None and value > high):
        shown = f"{low:g}～{high:g}" if high is not None else f"不小于 {low:g}"
        raise ValidationError(spec.name, f"{spec.label}应在 {shown} 之间，收到 {value}"
                              if high is not None else f"{spec.label}应{shown}，收到 {value}")


def _check_choice(spec: Field, value: Any) -> None:
    choices: Mapping[Any, str] = spec.choices or {}
    if value not in choices:
        allowed = "、".join(str(label) for label in choices.values())
        raise ValidationError(spec.name, f"{spec.label}“{value}”无效，可选：{allowed}")


def _check_exists(session: Session, spec: Field, record_id: str) -> None:
    assert spec.target_table is not None
    record = session.get(synced_model(spec.target_table), record_id)
    if record is None or record.deleted:
        raise ValidationError(spec.name, f"找不到{spec.label}：{record_id}")


__all__ = ["check_declared", "missing_message"]
