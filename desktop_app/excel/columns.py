"""Which declared fields a spreadsheet of a record type has, and how a cell shows a value.

Every record type gets its columns from its declaration: the fields a list, a form or a
ledger shows (not the rows a record's own code writes, such as a meeting's decisions), then
the columns a service computes for lists. Nothing here is written per record type.
"""

from __future__ import annotations

from typing import Any

from desktop_app.records.fields import Field, Kind, RecordType

# Joins the members of a many-valued field in one cell (villages, roles, tags).
JOINER = "、"


def sheet_fields(record_type: RecordType) -> tuple[Field, ...]:
    """The fields of ``record_type`` that are columns of its spreadsheet, in declared order."""
    own = tuple(f for f in record_type.fields
                if f.kind is not Kind.ROWS and (f.in_list or f.in_form or f.in_document))
    return own + record_type.extra_columns


def importable(record_type: RecordType) -> tuple[Field, ...]:
    """The fields an import may fill: what create accepts, except rows of their own code."""
    return tuple(f for f in record_type.editable if f.kind is not Kind.ROWS)


def display_value(spec: Field, row: dict[str, Any], key: str | None = None) -> Any:
    """The value of ``spec`` in a service's display row as a person reads it: a name for a
    reference, a label for a choice, members joined by 、, 是/否 for a flag. ``key`` is
    ``spec.shown_as`` (passed in by a caller that asks 100,000 times)."""
    value = row.get(key or spec.shown_as, row.get(spec.name))
    if spec.kind is Kind.FLAG:
        return None if value is None else ("是" if value else "否")
    if spec.kind in (Kind.CHOICES, Kind.TAGS, Kind.VILLAGES, Kind.REFERENCES):
        if isinstance(value, list | tuple | set):
            return JOINER.join(str(v) for v in value)
    return value


# Text fields that hold a number that is not a quantity (ID, phone, account numbers): read
# without spaces, refused when Excel already turned them into 3.70523E+17.
NUMBER_LIKE_TEXT = ("phone", "id_number", "mobile", "telephone", "contact", "account", "card")


def is_number_like_text(spec: Field) -> bool:
    return any(word in spec.name for word in NUMBER_LIKE_TEXT)
