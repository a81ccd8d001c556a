"""Which column of a sheet holds which declared field: the header row found below any title
or blank rows, each header matched to a label or a synonym, changed by the person
(``--map 列=字段``, the dialog's drop-downs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop_app.excel.columns import importable
from desktop_app.excel.reader import column_index, column_letter
from desktop_app.excel.synonyms import SYNONYMS, header_key
from desktop_app.records.errors import UserError
from desktop_app.records.fields import Field, RecordType

HEADER_SEARCH_ROWS = 30  # the header is looked for in the first rows


@dataclass(frozen=True)
class Column:
    """One column of the sheet: its index, header text and the field it fills (or None)."""

    index: int
    header: str
    field: str | None

    @property
    def letter(self) -> str:
        return column_letter(self.index)


def field_words(record_type: RecordType) -> dict[str, str]:
    """``header key -> field name`` for the fields an import fills: labels first, then the
    field names and CLI options, then synonyms (a synonym never overrides a label)."""
    words: dict[str, str] = {}
    fields = importable(record_type)
    for spec in fields:
        words.setdefault(header_key(spec.label), spec.name)
    for spec in fields:
        for word in (spec.name, spec.cli_option):
            if word:
                words.setdefault(header_key(word), spec.name)
    for spec in fields:
        for word in SYNONYMS.get(spec.label, ()):
            words.setdefault(header_key(word), spec.name)
    return words


def find_header(rows: Sequence[Sequence[Any]], record_type: RecordType) -> int:
    """The index of the header row: among the first rows, the one naming most fields (the
    first such); else the first row that is not blank."""
    words = field_words(record_type)
    best, best_score = None, 0
    for n, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {words.get(header_key(cell)) for cell in row if str(cell).strip()}
        score = len(names - {None})
        if score > best_score:
            best, best_score = n, score
    if best is not None:
        return best
    for n, row in enumerate(rows):
        if any(str(cell).strip() for cell in row):
            return n
    raise UserError("表格是空的：没有找到表头和数据")


def guess_columns(header: Sequence[Any], record_type: RecordType) -> list[Column]:
    """Each column of the header row with the field its header names (each field once)."""
    words = field_words(record_type)
    taken: set[str] = set()
    columns = []
    for n, cell in enumerate(header):
        text = " ".join(str(cell).split()) if cell is not None else ""
        name = words.get(header_key(text)) if text else None
        if name in taken:
            name = None
        if name:
            taken.add(name)
        columns.append(Column(n, text, name))
    return columns


def apply_overrides(columns: list[Column], overrides: Sequence[str],
                    record_type: RecordType) -> list[Column]:
    """``列=字段`` pairs: the column by its header or its letter (``C``), the field by its
    label, name or option; an empty field (``备注=``) leaves the column out."""
    result = list(columns)
    for pair in overrides:
        left, sep, right = pair.replace("＝", "=").partition("=")
        if not sep:
            raise UserError(f"--map 应写成 列=字段，如 手机=联系电话，收到：{pair}")
        index = _column_of(result, left.strip())
        name = resolve_field(right.strip(), record_type) if right.strip() not in ("", "-") \
            else None
        result = [Column(c.index, c.header, None) if name and c.field == name else c
                  for c in result]
        result[index] = Column(index, result[index].header, name)
    return result


def _column_of(columns: list[Column], text: str) -> int:
    key = header_key(text)
    for column in columns:
        if column.header and header_key(column.header) == key:
            return column.index
    index = column_index(text)
    if index is not None and index < len(columns):
        return index
    headers = "、".join(c.header for c in columns if c.header)
    raise UserError(f"表中没有“{text}”这一列，表头有：{headers}")


def resolve_field(text: str, record_type: RecordType) -> str:
    """The name of the importable field called ``text`` (label, name, option or synonym)."""
    name = field_words(record_type).get(header_key(text))
    if name is None:
        labels = "、".join(f.label for f in importable(record_type))
        raise UserError(f"{record_type.label}没有“{text}”这个字段，可选：{labels}")
    return name


def missing_required(columns: Sequence[Column], record_type: RecordType) -> list[Field]:
    """Required fields no column fills."""
    filled = {c.field for c in columns}
    return [f for f in importable(record_type) if f.required and f.name not in filled]


__all__ = ["Column", "apply_overrides", "field_words", "find_header", "guess_columns",
           "missing_required", "resolve_field"]
