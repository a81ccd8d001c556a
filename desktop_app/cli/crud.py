"""A record type's whole command group from its declaration: ``add``, ``list``, ``show``,
``update``, ``delete`` and ``restore``, for record types with no command of their own."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.cli import parse
from desktop_app.cli.context import cluster_for_new_record
from desktop_app.cli.declared import (
    CLUSTER_DEFAULT,
    add_field_options,
    field_values,
    list_columns,
    show_fields,
)
from desktop_app.cli.parser import add_command, add_group, add_paging
from desktop_app.records.types import record_type


@dataclass(frozen=True)
class Crud:
    """The group ``name`` of the records in ``table``, served by ``services.<service>``.
    ``own_cluster``: a new record without ``--cluster`` takes the current one."""

    name: str
    table: str
    service: str
    own_cluster: bool = True

    @property
    def declared(self):
        return record_type(self.table)

    def register(self, commands) -> None:
        label = self.declared.label
        group = add_group(commands, self.name, label)
        parser = add_command(group, "add", f"新增{label}", self.add)
        add_field_options(parser, self.declared, creating=True,
                          defaults=CLUSTER_DEFAULT if self.own_cluster else None)
        parser = add_command(group, "list", f"列出{label}", self.list)
        parser.add_argument("--cluster", metavar="ID")
        parser.add_argument("--from", dest="date_from", metavar="DATE", help="日期不早于")
        parser.add_argument("--to", dest="date_to", metavar="DATE", help="日期不晚于")
        parser.add_argument("--deleted", action="store_true", help="只列出已删除的")
        add_paging(parser)
        parser = add_command(group, "show", f"查看{label}", self.show)
        parser.add_argument("id", metavar="ID")
        parser = add_command(group, "update", f"修改{label}", self.update)
        parser.add_argument("id", metavar="ID")
        add_field_options(parser, self.declared, creating=False)
        parser = add_command(group, "delete", f"删除{label}（可恢复）", self.delete)
        parser.add_argument("id", metavar="ID")
        parser = add_command(group, "restore", f"恢复已删除的{label}", self.restore)
        parser.add_argument("id", metavar="ID")

    def _service(self, ctx):
        return getattr(ctx.services, self.service)

    def _print(self, ctx, record, heading: str | None = None) -> None:
        row = ctx.rows(self._service(ctx), [record])[0]
        ctx.out.record(row, show_fields(self.declared), heading=heading)

    def add(self, ctx, args) -> None:
        values = field_values(args, self.declared)
        if self.own_cluster:
            values["cluster_id"] = cluster_for_new_record(ctx, values.get("cluster_id"))
        record = self._service(ctx).create(**values)
        self._print(ctx, record, f"已新增{self.declared.label}。")

    def list(self, ctx, args) -> None:
        query = ctx.query(cluster_id=args.cluster,
                          date_from=parse.date_(args.date_from, "开始日期（--from）"),
                          date_to=parse.date_(args.date_to, "结束日期（--to）"),
                          text=args.search, only_deleted=args.deleted,
                          **parse.paging(args.limit, args.offset))
        page = self._service(ctx).list(query)
        ctx.out.listing(ctx.rows(self._service(ctx), page.items),
                        list_columns(self.declared), page.total, query.offset)

    def show(self, ctx, args) -> None:
        self._print(ctx, self._service(ctx).get(args.id, include_deleted=True))

    def update(self, ctx, args) -> None:
        values = field_values(args, self.declared)
        if not values:
            args.parser.error("请至少给出一项要修改的内容")
        self._print(ctx, self._service(ctx).update(args.id, **values),
                    f"已修改{self.declared.label}。")

    def delete(self, ctx, args) -> None:
        record = self._service(ctx).delete(args.id)
        ctx.out.message(ctx.rows(self._service(ctx), [record])[0],
                        f"已删除{self.declared.label}（{record.id}）。"
                        f"可用 {self.name} restore {record.id} 恢复。")

    def restore(self, ctx, args) -> None:
        record = self._service(ctx).restore(args.id)
        ctx.out.message(ctx.rows(self._service(ctx), [record])[0],
                        f"已恢复{self.declared.label}（{record.id}）。")
