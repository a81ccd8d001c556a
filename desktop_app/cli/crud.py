"""A record type's whole command group from its declaration: ``add``, ``list``, ``show``,
``update``, ``delete`` and ``restore``, options and output read from ``cli/declared.py``.

A group names its record type, its service and its list filters (``ListFilter``: an option
that becomes a ``ListQuery`` field or ``extra`` key); commands of its own (``visit task``,
``dispute rates``) are added to the returned sub-parsers by its module.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from desktop_app.cli import parse
from desktop_app.cli.context import cluster_for_new_record
from desktop_app.cli.declared import (
    CLUSTER_DEFAULT,
    add_field_options,
    field_values,
    list_columns,
    show_fields,
)
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import add_command, add_group, add_paging
from desktop_app.records.fields import RecordType


@dataclass(frozen=True)
class ListFilter:
    """``--OPTION VALUE`` of ``list``: ``query`` names the ``ListQuery`` field it sets, or
    ``extra`` the key of ``ListQuery.extra``; ``flag`` options take no value."""

    option: str
    help: str
    query: str | None = None
    extra: str | None = None
    flag: bool = False
    parse_as: Callable[[Any], Any] | None = None


@dataclass(frozen=True)
class Crud:
    """What a group's commands need to know."""

    name: str  # the group, e.g. "grid"
    record_type: RecordType
    service: str  # the attribute of Services
    filters: Sequence[ListFilter] = ()
    dated: bool = False  # --from / --to on the declared date column
    # (key, label, section columns, rows of one record) for show
    sections: Sequence[tuple[str, str, list[Column], Callable[[Any, str], list[dict]]]] = ()
    extra_show: tuple[tuple[str, str], ...] = ()
    defaults: dict[str, str] = field(default_factory=dict)
    # A new record without --cluster takes the shift's (else this office's) cluster.
    own_cluster: bool = False

    @property
    def label(self) -> str:
        return self.record_type.label

    def service_of(self, ctx):
        return getattr(ctx.services, self.service)

    def describe(self, ctx, record_id: str) -> dict[str, Any]:
        record = self.service_of(ctx).get(record_id, include_deleted=True)
        return ctx.rows(self.service_of(ctx), [record])[0]

    def show(self, ctx, record_id: str, heading: str | None = None) -> None:
        data = self.describe(ctx, record_id)
        sections = []
        for key, label, columns, rows_of in self.sections:
            data[key] = rows_of(ctx, record_id)
            sections.append(Section(label, key, columns))
        ctx.out.record(data, show_fields(self.record_type, *self.extra_show,
                                         ("deleted", "已删除")), sections, heading=heading)


def register_crud(commands, crud: Crud, help_text: str):
    """The group with its six commands; returns its sub-parsers for commands of its own."""
    group = add_group(commands, crud.name, help_text)
    label = crud.label

    parser = add_command(group, "add", f"新增{label}", lambda ctx, args: _add(crud, ctx, args))
    defaults = {**CLUSTER_DEFAULT, **crud.defaults} if crud.own_cluster else crud.defaults
    add_field_options(parser, crud.record_type, creating=True, defaults=defaults)

    parser = add_command(group, "list", f"列出{label}", lambda ctx, args: _list(crud, ctx, args))
    for spec in crud.filters:
        if spec.flag:
            parser.add_argument(f"--{spec.option}", dest=_dest(spec), action="store_true",
                                help=spec.help)
        else:
            parser.add_argument(f"--{spec.option}", dest=_dest(spec), metavar="VALUE",
                                help=spec.help)
    if crud.dated:
        parser.add_argument("--from", dest="date_from", metavar="DATE", help="日期不早于")
        parser.add_argument("--to", dest="date_to", metavar="DATE", help="日期不晚于")
    parser.add_argument("--deleted", action="store_true", help=f"只列出已删除的{label}")
    add_paging(parser)

    parser = add_command(group, "show", f"查看{label}", lambda ctx, args: crud.show(ctx, args.id))
    parser.add_argument("id", metavar="ID")

    parser = add_command(group, "update", f"修改{label}",
                         lambda ctx, args: _update(crud, ctx, args))
    parser.add_argument("id", metavar="ID")
    add_field_options(parser, crud.record_type, creating=False)

    for verb, word in (("delete", "删除"), ("restore", "恢复")):
        note = "（可恢复）" if verb == "delete" else ""
        parser = add_command(group, verb, f"{word}{label}{note}",
                             lambda ctx, args, verb=verb, word=word:
                             _set_deleted(crud, ctx, args, verb, word))
        parser.add_argument("id", metavar="ID")
    return group


def _dest(spec: ListFilter) -> str:
    return "filter_" + spec.option.replace("-", "_")


def _add(crud: Crud, ctx, args) -> None:
    values = field_values(args, crud.record_type)
    if crud.own_cluster:
        values["cluster_id"] = cluster_for_new_record(ctx, values.get("cluster_id"))
    record = crud.service_of(ctx).create(**values)
    crud.show(ctx, record.id, f"已新增{crud.label}。")


def _update(crud: Crud, ctx, args) -> None:
    values = field_values(args, crud.record_type)
    if not values:
        args.parser.error("请至少给出一项要修改的内容")
    crud.service_of(ctx).update(args.id, **values)
    crud.show(ctx, args.id, f"已修改{crud.label}。")


def _list(crud: Crud, ctx, args) -> None:
    query: dict[str, Any] = {"extra": {}}
    for spec in crud.filters:
        value = getattr(args, _dest(spec))
        if spec.parse_as is not None and value is not None:
            value = spec.parse_as(value)
        if spec.query:
            query[spec.query] = value
        elif spec.extra:
            query["extra"][spec.extra] = value
    if crud.dated:
        query["date_from"] = parse.date_(args.date_from, "开始日期（--from）")
        query["date_to"] = parse.date_(args.date_to, "结束日期（--to）")
    built = ctx.query(text=args.search, only_deleted=args.deleted, **query,
                      **parse.paging(args.limit, args.offset))
    page = crud.service_of(ctx).list(built)
    ctx.out.listing(ctx.rows(crud.service_of(ctx), page.items), list_columns(crud.record_type),
                    page.total, built.offset)


def _set_deleted(crud: Crud, ctx, args, verb: str, word: str) -> None:
    record = getattr(crud.service_of(ctx), verb)(args.id)
    row = ctx.rows(crud.service_of(ctx), [record])[0]
    again = f"可用 {crud.name} restore {record.id} 恢复。" if verb == "delete" else ""
    ctx.out.message(row, f"已{word}{crud.label}（{record.id}）。{again}")
