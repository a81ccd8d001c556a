"""``KIND`` as a person types it on the command line: the table (``work_task``), its Chinese
label (``工作任务``) or a word of the table's name that only it has (``task``, ``person``,
``activity``). Only record types of their own (not rows of another) are lists."""

from __future__ import annotations

from desktop_app.records.errors import UserError
from desktop_app.records.types import RECORD_TYPES


def list_kinds() -> list[str]:
    """The tables of the record types that have a list of their own."""
    return [table for table, declared in RECORD_TYPES.items() if declared.parent is None]


def resolve_kind(text: str) -> str:
    kinds = list_kinds()
    wanted = text.strip()
    if wanted in kinds:
        return wanted
    for table in kinds:
        if RECORD_TYPES[table].label == wanted:
            return table
    matches = [t for t in kinds if wanted.lower() in t.split("_")]
    if len(matches) == 1:
        return matches[0]
    choices = "、".join(f"{_short(t)}（{RECORD_TYPES[t].label}）" for t in kinds)
    raise UserError(f"没有“{text}”这种记录，可选：{choices}")


def _short(table: str) -> str:
    """The shortest word that names ``table`` (``task`` for ``work_task``)."""
    kinds = list_kinds()
    for word in sorted(reversed(table.split("_")), key=len, reverse=True):
        if sum(word in t.split("_") for t in kinds) == 1:
            return word
    return table


__all__ = ["list_kinds", "resolve_kind"]
