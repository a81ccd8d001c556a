"""The CLI's options and output, read from the record types' declarations.

Each editable field with a CLI option (``Field.cli_option``; ``option=""`` means the command
handles the field itself) becomes ``--OPTION``, with a metavar and help made from its kind,
label, choices and hint; :func:`field_values` turns what was typed into the values the service
takes. ``show`` prints each field's display value (``Field.shown_as``) under its label, and a
list shows the declared list columns: one label everywhere (forms, lists, CLI, documents).
"""

from __future__ import annotations

import argparse
from collections.abc import Collection, Mapping
from typing import Any

from desktop_app.cli import parse
from desktop_app.cli.output import Column
from desktop_app.cli.parser import NOT_BUILT, ArgumentParser, choices_help
from desktop_app.records.fields import ONE_RECORD, Field, Kind, RecordType

LISTS = frozenset({Kind.VILLAGES, Kind.REFERENCES, Kind.CHOICES, Kind.TAGS})
# List columns whose text may be long: capped at twice the declared width (a Chinese
# character takes two columns of a terminal).
CAPPED = frozenset({Kind.TEXT, Kind.LONG_TEXT, Kind.VILLAGES, Kind.REFERENCES, Kind.CHOICES,
                    Kind.TAGS})
# A new record's cluster, when not given: see ``context.cluster_for_new_record``.
CLUSTER_DEFAULT = {"cluster_id": "当前值班的联合党组织"}


def has_option(field: Field) -> bool:
    """Whether the field gets a generic ``--OPTION`` (editable, not a table of its own rows,
    not handled by its command)."""
    return field.option != "" and field.kind is not Kind.ROWS


def _metavar(field: Field) -> str:
    if field.kind in ONE_RECORD or field.kind in (Kind.VILLAGES, Kind.REFERENCES):
        return "ID"
    return {Kind.DATE: "YYYY-MM-DD", Kind.DATETIME: "DATETIME", Kind.TIME: "HH:MM",
            Kind.NUMBER: "N", Kind.DECIMAL: "N", Kind.LONG_TEXT: "TEXT"}.get(
        field.kind, field.cli_option.upper().replace("-", "_"))


def _help(field: Field, default: str | None) -> str:
    text = field.label  # a date's or time's shape is its metavar
    if field.kind is Kind.DATETIME:
        text += "“YYYY-MM-DD HH:MM”"
    elif field.minimum is not None and field.maximum is not None:
        text += f" {field.minimum:g}～{field.maximum:g}"
    if field.choices is not None:
        text += "，标识或中文：" + choices_help(field.choices)
    if field.hint:
        text += f"（{field.hint}）"
    if default:
        text += f"（默认：{default}）"
    if field.kind in LISTS:
        text += "，可多次给出"
    return text


def add_field_options(parser: ArgumentParser, record_type: RecordType, *, creating: bool,
                      defaults: Mapping[str, str] | None = None,
                      skip: Collection[str] = ()) -> list[Field]:
    """``--OPTION`` for each editable field of ``record_type`` that has one.

    ``creating``: required fields are required, and fields set only on creation are offered
    (an update leaves them out). ``defaults`` names the fields the command fills in when not
    given (field name -> what it takes, for the help), so they are never required; ``skip``
    names fields the command handles itself. Each option's value lands in ``args.<field
    name>``. Returns the fields offered.
    """
    if parser is NOT_BUILT:  # a command this run does not use
        return []
    defaults = defaults or {}
    offered = []
    for field in record_type.editable:
        if not has_option(field) or field.name in skip:
            continue
        if field.on_create_only and not creating:
            continue
        options: dict[str, Any] = {"dest": field.name, "help": _help(field,
                                                                       defaults.get(field.name))}
        if field.kind is Kind.FLAG:  # --active / --no-active
            options.update(action=argparse.BooleanOptionalAction, default=None)
        else:
            options["metavar"] = _metavar(field)
            if field.kind in LISTS:
                options["action"] = "append"
        if creating and field.required and field.name not in defaults:
            options["required"] = True
        parser.add_argument(f"--{field.cli_option}", **options)
        offered.append(field)
    return offered


def _integer(value: str, field: Field) -> int | None:
    return parse.integer(value, field.label,
                         minimum=None if field.minimum is None else int(field.minimum),
                         maximum=None if field.maximum is None else int(field.maximum))


def field_value(field: Field, value: Any) -> Any:
    """One typed value (a list for a repeated option) as the service takes it."""
    label = field.label
    kind = field.kind
    if kind is Kind.DATE:
        return parse.date_(value, label)
    if kind is Kind.DATETIME:
        return parse.datetime_(value, label)
    if kind is Kind.TIME:
        return parse.time_(value, label)
    if kind is Kind.NUMBER:
        return _integer(value, field)
    if kind is Kind.DECIMAL:
        return parse.hours(value, label)
    if kind is Kind.CHOICE:
        return parse.choice(value, field.choices or {}, label)
    if kind is Kind.CHOICES:
        return [parse.choice(item, field.choices or {}, label) for item in parse.items(value)]
    if kind in LISTS:
        return parse.items(value)
    return value


def field_values(args: Any, record_type: RecordType) -> dict[str, Any]:
    """The values of the options :func:`add_field_options` added and the person gave, parsed
    by kind (a bad value names the field by its label); options not given are left out."""
    values = {}
    for field in record_type.editable:
        if not has_option(field):
            continue
        value = getattr(args, field.name, None)
        if value is not None:
            values[field.name] = field_value(field, value)
    return values


def show_fields(record_type: RecordType, *extras: tuple[str, str],
                skip: Collection[str] = ()) -> list[tuple[str, str]]:
    """What ``show`` prints: the id, each field's display value under its label (tables of
    rows of their own are sections, not lines), then the command's ``extras`` (key, label)."""
    fields = [(f.shown_as, f.label) for f in record_type.fields
              if f.kind is not Kind.ROWS and f.name not in skip]
    return [("id", "ID"), *fields, *extras]


def list_columns(record_type: RecordType, *extras: Column,
                 skip: Collection[str] = ()) -> list[Column]:
    """A list's columns: the id, the declared list columns under their labels, then
    ``extras``."""
    columns = [Column(f.shown_as, f.label, 2 * f.column_width if f.kind in CAPPED else None)
               for f in record_type.list_columns if f.name not in skip]
    return [Column("id", "ID"), *columns, *extras]


class _RowStart(argparse.Action):
    """``--decision TEXT``: a new row, its lead field set."""

    def __call__(self, parser, namespace, values, option_string=None):
        rows = list(getattr(namespace, self.dest, None) or [])
        rows.append({self.metavar_field: values})  # type: ignore[attr-defined]
        setattr(namespace, self.dest, rows)


class _RowField(argparse.Action):
    """``--decision-owner ID``: a field of the row the last ``--decision`` started."""

    def __call__(self, parser, namespace, values, option_string=None):
        rows = getattr(namespace, self.dest, None) or []
        if not rows:
            lead = self.lead  # type: ignore[attr-defined]
            parser.error(f"{option_string} 应写在它所属的 --{lead} 之后")
        rows[-1][self.field_name] = values  # type: ignore[attr-defined]


def add_row_options(parser: ArgumentParser, record_type: RecordType, *, lead: str,
                    lead_field: str, dest: str, help: str) -> list[Field]:
    """Rows of a child record type typed in one command: ``--LEAD VALUE`` starts a row (its
    ``lead_field``), and ``--LEAD-OPTION VALUE`` after it sets that row's other declared
    fields, e.g. ``--decision 清淤 --decision-owner ID --decision-deadline 2026-12-31``.
    The raw rows land in ``args.<dest>``; :func:`row_values` parses them."""
    start = parser.add_argument(f"--{lead}", dest=dest, action=_RowStart, metavar="TEXT",
                                default=[], help=help)
    start.metavar_field = lead_field  # type: ignore[attr-defined]
    offered = []
    for field in record_type.editable:
        if not has_option(field) or field.name in (lead_field, f"{record_type.parent}_id"):
            continue
        action = parser.add_argument(
            f"--{lead}-{field.cli_option}", dest=dest, action=_RowField,
            metavar=_metavar(field), help=f"{_help(field, None)}，属于它前面的 --{lead}")
        action.field_name = field.name  # type: ignore[attr-defined]
        action.lead = lead  # type: ignore[attr-defined]
        offered.append(field)
    return offered


def row_values(rows: list[dict[str, Any]], record_type: RecordType) -> list[dict[str, Any]]:
    """The rows :func:`add_row_options` collected, each value parsed by its field's kind."""
    fields = {field.name: field for field in record_type.fields}
    return [{name: field_value(fields[name], value) for name, value in row.items()}
            for row in rows]
