"""``add / list / show / update / delete / restore`` of one declared record type, so that a
new record type's commands are its declaration plus what is truly its own (rows typed as
``--fund 帮扶资金:200万``, a progress note, a filter), not another copy of these six."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from desktop_app.cli import parse
from desktop_app.cli.context import cluster_for_new_record
from desktop_app.cli.declared import add_field_options, field_values, list_columns, show_fields
from desktop_app.cli.output import Column, Section
from desktop_app.cli.parser import ArgumentParser, add_command, add_group, add_paging, choices_help
from desktop_app.records.fields import RecordType


class RecordCommands:
    """The six commands of ``declared``'s records through ``services.<service>``.

    Subclasses add options (``add_options``), turn them into values (``extra_values``),
    show rows of the record (``details``), filter lists (``list_options``, ``list_extra``)
    and act after a write (``after_write``)."""

    group = ""  # e.g. "project"
    noun = ""  # e.g. "产业项目"
    declared: RecordType
    service = ""  # e.g. "projects"
    cluster_default = True  # a new record's cluster: the shift's or this office's if not given
    status_field: str | None = None  # a choice field ``list --status`` filters by

    def register(self, commands) -> None:
        group = add_group(commands, self.group, self.noun)
        parser = add_command(group, "add", f"新增{self.noun}", self.add)
        add_field_options(parser, self.declared, creating=True,
                          defaults=self.defaults())
        self.add_options(parser, creating=True)
        parser = add_command(group, "list", f"列出{self.noun}", self.listing)
        parser.add_argument("--cluster", metavar="ID")
        parser.add_argument("--village", metavar="ID")
        if self.status_field:
            spec = self.declared.field(self.status_field)
            parser.add_argument("--status", metavar="KEY",
                                help=f"{spec.label}：{choices_help(spec.choices or {})}")
        parser.add_argument("--deleted", action="store_true", help=f"只列出已删除的{self.noun}")
        self.list_options(parser)
        add_paging(parser)
        parser = add_command(group, "show", f"查看{self.noun}", self.show)
        parser.add_argument("id", metavar="ID")
        parser = add_command(group, "update", f"修改{self.noun}", self.update)
        parser.add_argument("id", metavar="ID")
        add_field_options(parser, self.declared, creating=False)
        self.add_options(parser, creating=False)
        parser = add_command(group, "delete", f"删除{self.noun}（可恢复）", self.delete)
        parser.add_argument("id", metavar="ID")
        parser = add_command(group, "restore", f"恢复已删除的{self.noun}", self.restore)
        parser.add_argument("id", metavar="ID")
        self.more_commands(group)

    # --- hooks -------------------------------------------------------------------------
    def more_commands(self, group) -> None:
        """Commands of the group besides the six (``add_command(group, ...)``)."""

    def defaults(self) -> Mapping[str, str]:
        return {"cluster_id": "当前值班的联合党组织"} if self.cluster_default else {}

    def add_options(self, parser: ArgumentParser, *, creating: bool) -> None:
        """Options of the record's own rows (funds, visits ...)."""

    def extra_values(self, ctx, args) -> dict[str, Any]:
        """Values of the options ``add_options`` added (rows), as the service takes them."""
        return {}

    def after_write(self, ctx, args, record_id: str) -> bool:
        """Writes besides the record's own (a progress note); True if it wrote any."""
        return False

    def details(self, ctx, record) -> tuple[dict[str, Any], list[Section]]:
        """More of the record for ``show``: values and sections of its rows."""
        return {}, []

    def extras(self) -> tuple[tuple[str, str], ...]:
        """Computed values ``show`` prints after the declared fields (key, label)."""
        return tuple((f.shown_as, f.label) for f in self.declared.extra_columns)

    def list_options(self, parser: ArgumentParser) -> None:
        """Filters of the list of its own."""

    def list_extra(self, ctx, args) -> dict[str, Any]:
        return {}

    # --- the commands ------------------------------------------------------------------
    def _service(self, ctx):
        return getattr(ctx.services, self.service)

    def new_cluster(self, ctx, values: dict[str, Any]) -> str:
        """The cluster of a new record: given, else that of its village, else the shift's."""
        if not values.get("cluster_id") and values.get("village_id"):
            village = ctx.village(values["village_id"])
            if village is not None:
                return village.cluster_id
        return cluster_for_new_record(ctx, values.get("cluster_id"))

    def add(self, ctx, args) -> None:
        values = field_values(args, self.declared)
        if "cluster_id" in self.declared.accepted and self.cluster_default:
            values["cluster_id"] = self.new_cluster(ctx, values)
        values.update(self.extra_values(ctx, args))
        record = self._service(ctx).create(**values)
        self.after_write(ctx, args, record.id)
        self.show_record(ctx, record.id, f"已新增{self.noun}。")

    def update(self, ctx, args) -> None:
        values = field_values(args, self.declared)
        values.update(self.extra_values(ctx, args))
        if values:
            self._service(ctx).update(args.id, **values)
        wrote = self.after_write(ctx, args, args.id)
        if not values and not wrote:
            args.parser.error("请至少给出一项要修改的内容")
        self.show_record(ctx, args.id, f"已修改{self.noun}。")

    def listing(self, ctx, args) -> None:
        status = None
        if self.status_field:
            choices = self.declared.field(self.status_field).choices or {}
            status = parse.choice(args.status, choices, self.declared.label_of(self.status_field))
        query = ctx.query(cluster_id=args.cluster, village_id=args.village, status=status,
                          text=args.search, only_deleted=args.deleted,
                          extra=self.list_extra(ctx, args),
                          **parse.paging(args.limit, args.offset))
        page = self._service(ctx).list(query)
        ctx.out.listing(ctx.rows(self._service(ctx), page.items),
                        self.columns(), page.total, query.offset)

    def columns(self) -> list[Column]:
        return list_columns(self.declared)

    def show(self, ctx, args) -> None:
        self.show_record(ctx, args.id)

    def show_record(self, ctx, record_id: str, heading: str | None = None) -> None:
        record = self._service(ctx).get(record_id, include_deleted=True)
        data = ctx.rows(self._service(ctx), [record])[0]
        if "cluster_id" in data:
            data["cluster"] = ctx.cluster_name(record.cluster_id)
        more, sections = self.details(ctx, record)
        data.update(more)
        fields = show_fields(self.declared, *self.extras(), ("deleted", "已删除"))
        ctx.out.record(data, fields, sections, heading=heading)

    def delete(self, ctx, args) -> None:
        self._deleted(ctx, args, self._service(ctx).delete, "已删除",
                      f"可用 {self.group} restore {args.id} 恢复。")

    def restore(self, ctx, args) -> None:
        self._deleted(ctx, args, self._service(ctx).restore, "已恢复", "")

    def _deleted(self, ctx, args, act: Callable, verb: str, after: str) -> None:
        record = act(args.id)
        row = ctx.rows(self._service(ctx), [record])[0]
        title = getattr(record, self.declared.title_field or "id", record.id)
        ctx.out.message(row, f"{verb}{self.noun}“{title}”（{record.id}）。{after}")


def pairs(values: list[str] | None, label: str, shape: str,
          right: Callable[[str, str], Any]) -> dict[str, Any] | None:
    """Repeated ``--OPTION LEFT:RIGHT`` as ``{left: right(left, text)}``; None if not given."""
    if not values:
        return None
    found: dict[str, Any] = {}
    for value in values:
        left, text = parse.pair(value, label, shape)
        if text is None:
            raise parse.BadValue(f"{label}“{value}”无效：应为 {shape}")
        found[left] = right(left, text)
    return found
