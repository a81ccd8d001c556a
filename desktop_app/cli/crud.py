"""A record type's whole command group from its declaration: ``add``, ``list``, ``show``,
``update``, ``delete`` and ``restore``, options and output read from ``cli/declared.py``.

A group names its record type, its service and its list filters (``ListFilter``: an option
that becomes a ``ListQuery`` field or ``extra`` key). What is truly a group's own is a
subclass's hooks: options of the record's own rows (``add_options`` / ``extra_values``, e.g.
``--fund 帮扶资金:200万``), a write besides the record's (``after_write``, a progress note),
more of the record in ``show`` (``sections`` or ``details``). Commands of its own
(``visit task``, ``dispute rates``) are added to the sub-parsers ``register`` returns.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
from desktop_app.cli.parser import ArgumentParser, add_command, add_group, add_paging, choices_help
from desktop_app.lazy import imported
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


def choice_filter(record_type: RecordType, name: str, option: str = "status",
                  query: str | None = "status", extra: str | None = None) -> ListFilter:
    """``--status KEY`` (or another option) filtering by the declared choice field ``name``."""
    spec = record_type.field(name)
    choices = spec.choices or {}
    label = record_type.label_of(name)
    return ListFilter(option, f"{spec.label}：{choices_help(choices)}", query=query, extra=extra,
                      parse_as=lambda value: parse.choice(value, choices, label))


def place_filters(noun: str) -> tuple[ListFilter, ListFilter]:
    """``--cluster`` and ``--village`` of a list of ``noun``."""
    return (ListFilter("cluster", f"该联合党组织的{noun}", query="cluster_id"),
            ListFilter("village", f"该村的{noun}", query="village_id"))


# (key, label, section columns, rows of one record) for show
ShowSection = tuple[str, str, list[Column], Callable[[Any, str], list[dict]]]


@dataclass(frozen=True)
class Crud:
    """What a group's commands need to know; subclasses override the hooks."""

    name: str  # the group, e.g. "grid"
    record_type: RecordType
    service: str  # the attribute of Services
    filters: Sequence[ListFilter] = ()
    dated: bool = False  # --from / --to on the declared date column
    sections: Sequence[ShowSection] = ()
    extra_show: tuple[tuple[str, str], ...] = ()  # besides the declared extra columns
    list_extras: Sequence[Column] = ()  # columns of list besides the declared ones
    defaults: Mapping[str, str] = field(default_factory=dict)
    # A new record without --cluster takes its village's, else the shift's (else this
    # office's) cluster.
    own_cluster: bool = False
    help: str = ""  # the group's help; its label if not given

    @property
    def label(self) -> str:
        return self.record_type.label

    def service_of(self, ctx):
        return getattr(ctx.services, self.service)

    # --- hooks -------------------------------------------------------------------------
    def more(self, rows: list[dict]) -> list[dict]:
        """Values list and show print besides the declared ones, added to the records'
        described ``rows`` (the step an agenda item waits for)."""
        return rows

    def rows(self, ctx, records) -> list[dict]:
        return self.more(ctx.rows(self.service_of(ctx), records))

    def add_options(self, parser: ArgumentParser, *, creating: bool) -> None:
        """Options of the record's own rows (funds, attendees ...) for add and update."""

    def extra_values(self, ctx, args) -> dict[str, Any]:
        """Values of the options ``add_options`` added, as the service takes them."""
        return {}

    def after_write(self, ctx, args, record_id: str) -> bool:
        """Writes besides the record's own (a progress note); True if it wrote any."""
        return False

    def details(self, ctx, record) -> tuple[dict[str, Any], list[Section]]:
        """More of the record for ``show``: values and sections of its rows."""
        values: dict[str, Any] = {}
        sections = []
        for key, label, columns, rows_of in self.sections:
            values[key] = rows_of(ctx, record.id)
            sections.append(Section(label, key, columns))
        return values, sections

    # --- the group ---------------------------------------------------------------------
    def register(self, commands):
        """The group with its six commands; returns its sub-parsers for commands of its
        own."""
        group = add_group(commands, self.name, self.help or self.label)
        label = self.label

        parser = add_command(group, "add", f"新增{label}", self.add)
        defaults = {**CLUSTER_DEFAULT, **self.defaults} if self.own_cluster else self.defaults
        add_field_options(parser, self.record_type, creating=True, defaults=defaults)
        self.add_options(parser, creating=True)

        parser = add_command(group, "list", f"列出{label}", self.listing)
        for spec in self.filters:
            if spec.flag:
                parser.add_argument(f"--{spec.option}", dest=_dest(spec), action="store_true",
                                    help=spec.help)
            else:
                parser.add_argument(f"--{spec.option}", dest=_dest(spec), metavar="VALUE",
                                    help=spec.help)
        if self.dated:
            parser.add_argument("--from", dest="date_from", metavar="DATE", help="日期不早于")
            parser.add_argument("--to", dest="date_to", metavar="DATE", help="日期不晚于")
        parser.add_argument("--deleted", action="store_true", help=f"只列出已删除的{label}")
        add_paging(parser)

        parser = add_command(group, "show", f"查看{label}",
                             lambda ctx, args: self.show(ctx, args.id))
        parser.add_argument("id", metavar="ID")

        parser = add_command(group, "update", f"修改{label}", self.update)
        parser.add_argument("id", metavar="ID")
        add_field_options(parser, self.record_type, creating=False)
        self.add_options(parser, creating=False)

        parser = add_command(group, "delete", f"删除{label}（可恢复）",
                             lambda ctx, args: self.set_deleted(ctx, args.id, "delete"))
        parser.add_argument("id", metavar="ID")
        parser = add_command(group, "restore", f"恢复已删除的{label}",
                             lambda ctx, args: self.set_deleted(ctx, args.id, "restore"))
        parser.add_argument("id", metavar="ID")
        return group

    # --- the commands ------------------------------------------------------------------
    def new_cluster(self, ctx, values: dict[str, Any]) -> str:
        """The cluster of a new record: given, else that of its village, else the shift's."""
        if not values.get("cluster_id") and values.get("village_id"):
            village = ctx.village(values["village_id"])
            if village is not None:
                return village.cluster_id
        return cluster_for_new_record(ctx, values.get("cluster_id"))

    def create(self, ctx, args):
        """The new record of ``add``'s options, and the writes after it."""
        values = field_values(args, self.record_type)
        if self.own_cluster:
            values["cluster_id"] = self.new_cluster(ctx, values)
        values.update(self.extra_values(ctx, args))
        record = self.service_of(ctx).create(**values)
        self.after_write(ctx, args, record.id)
        return record

    def add(self, ctx, args) -> None:
        self.show(ctx, self.create(ctx, args).id, f"已新增{self.label}。")

    def update(self, ctx, args) -> None:
        values = field_values(args, self.record_type)
        values.update(self.extra_values(ctx, args))
        if values:
            self.service_of(ctx).update(args.id, **values)
        wrote = self.after_write(ctx, args, args.id)
        if not values and not wrote:
            args.parser.error("请至少给出一项要修改的内容")
        self.show(ctx, args.id, f"已修改{self.label}。")

    def listing(self, ctx, args) -> None:
        query: dict[str, Any] = {"extra": {}}
        for spec in self.filters:
            value = getattr(args, _dest(spec))
            if spec.parse_as is not None and value is not None:
                value = spec.parse_as(value)
            if spec.query:
                query[spec.query] = value
            elif spec.extra:
                query["extra"][spec.extra] = value
        if self.dated:
            query["date_from"] = parse.date_(args.date_from, "开始日期（--from）")
            query["date_to"] = parse.date_(args.date_to, "结束日期（--to）")
        built = ctx.query(text=args.search, only_deleted=args.deleted, **query,
                          **parse.paging(args.limit, args.offset))
        ctx.list_records(self.service_of(ctx), built,
                         list_columns(self.record_type, *self.list_extras), more=self.more)

    def show(self, ctx, record_id: str, heading: str | None = None) -> None:
        record = self.service_of(ctx).get(record_id, include_deleted=True)
        data = self.rows(ctx, [record])[0]
        more, sections = self.details(ctx, record)
        data.update(more)
        declared = tuple((f.shown_as, f.label) for f in self.record_type.extra_columns)
        extras = declared + tuple(e for e in self.extra_show if e not in declared)
        ctx.out.record(data, show_fields(self.record_type, *extras, ("deleted", "已删除")),
                       sections, heading=heading)

    def set_deleted(self, ctx, record_id: str, verb: str) -> None:
        """``delete`` or ``restore``."""
        record = getattr(self.service_of(ctx), verb)(record_id)
        row = self.rows(ctx, [record])[0]
        title_field = self.record_type.title_field
        title = f"“{getattr(record, title_field)}”" if title_field else ""
        word, again = (("删除", f"可用 {self.name} restore {record.id} 恢复。")
                       if verb == "delete" else ("恢复", ""))
        ctx.out.message(row, f"已{word}{self.label}{title}（{record.id}）。{again}")


def add_record_document(group, verb: str, document: str, export: str) -> None:
    """``VERB ID --out FILE.docx``: the Word ``document`` of one record, written by
    ``export`` (``"desktop_app.documents.module:function"``, taking services, id and path;
    imported when the command runs)."""

    def run(ctx, args) -> None:
        path = imported(export)(ctx.services, args.id, args.out)
        ctx.out.message({"file": str(path)}, f"已导出{document}：{path}")

    parser = add_command(group, verb, f"导出{document}（Word）", run)
    parser.add_argument("id", metavar="ID")
    parser.add_argument("--out", metavar="FILE.docx", required=True)


def add_register_document(group, verb: str, help_text: str, document: str, export: str,
                          dated: str) -> None:
    """``VERB [--cluster] [--village] [--from] [--to] --out FILE.docx``: the Word register
    ``document`` of the records chosen, written by ``export`` (``"module:function"`` taking
    services, path and a ``ListQuery``); ``dated`` names the date the period is of."""

    def run(ctx, args) -> None:
        query = ctx.query(cluster_id=args.cluster, village_id=args.village,
                          date_from=parse.date_(args.date_from, "开始日期（--from）"),
                          date_to=parse.date_(args.date_to, "结束日期（--to）"))
        written = imported(export)(ctx.services, args.out, query)
        ctx.out.message({"path": str(written)}, f"已导出{document}：{written}")

    parser = add_command(group, verb, help_text, run)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--village", metavar="ID")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help=f"{dated}不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help=f"{dated}不晚于")
    parser.add_argument("--out", metavar="FILE.docx", required=True, help="保存到")


def _dest(spec: ListFilter) -> str:
    return "filter_" + spec.option.replace("-", "_")
