"""``assess record KIND add|list|show|update|delete|restore``: each 擂台比武 record type
(scheme, group, indicator, score, adjustment, report) through its service, with options and
output from its declaration (``cli/declared.py``); e.g. a judge's mistaken score deleted."""

from __future__ import annotations

from functools import partial

from desktop_app.cli import parse
from desktop_app.cli.declared import add_field_options, field_values, list_columns, show_fields
from desktop_app.cli.parser import add_command, add_group, add_paging
from desktop_app.records.types.assessment import (
    ASSESS_ADJUSTMENT,
    ASSESS_GROUP,
    ASSESS_INDICATOR,
    ASSESS_SCHEME,
    ASSESS_SCORE,
    ASSESS_SELF_REPORT,
)

# kind -> (declaration, the attribute of Services, what a person calls it)
KINDS = {
    "scheme": (ASSESS_SCHEME, "assess_schemes"),
    "group": (ASSESS_GROUP, "assess_groups"),
    "indicator": (ASSESS_INDICATOR, "assess_indicators"),
    "score": (ASSESS_SCORE, "assess_scores"),
    "adjustment": (ASSESS_ADJUSTMENT, "assess_adjustments"),
    "report": (ASSESS_SELF_REPORT, "self_reports"),
}
HIDDEN = ("results",)  # the stored figures: shown by ``assess compute``, not as a field


def register(assess) -> None:
    records = add_group(assess, "record", "逐条查看和修改擂台比武的各类记录（方案、类别、指标、"
                                          "评分、加减分、自评）")
    for kind, (declared, _service) in KINDS.items():
        group = add_group(records, kind, declared.label)
        parser = add_command(group, "add", f"新增{declared.label}", partial(add, kind))
        add_field_options(parser, declared, creating=True)
        parser = add_command(group, "list", f"列出{declared.label}", partial(listing, kind))
        if kind != "scheme":
            parser.add_argument("--quarter", metavar="QUARTER", help="只列出该季度的（如 2026Q4）")
        add_paging(parser, search=False)
        parser = add_command(group, "show", f"查看{declared.label}", partial(show, kind))
        parser.add_argument("id", metavar="ID")
        parser = add_command(group, "update", f"修改{declared.label}", partial(update, kind))
        parser.add_argument("id", metavar="ID")
        add_field_options(parser, declared, creating=False)
        for action, verb in (("delete", "删除"), ("restore", "恢复")):
            parser = add_command(group, action, f"{verb}{declared.label}",
                                 partial(mark, kind, action))
            parser.add_argument("id", metavar="ID")


def _service(ctx, kind: str):
    return getattr(ctx.services, KINDS[kind][1])


def _show(ctx, kind: str, record_id: str, heading: str | None = None) -> None:
    declared = KINDS[kind][0]
    service = _service(ctx, kind)
    row = ctx.rows(service, [service.get(record_id, include_deleted=True)])[0]
    for hidden in HIDDEN:
        row.pop(hidden, None)
    ctx.out.record(row, show_fields(declared, skip=HIDDEN), heading=heading)


def add(kind: str, ctx, args) -> None:
    record = _service(ctx, kind).create(**field_values(args, KINDS[kind][0]))
    _show(ctx, kind, record.id, f"已新增{KINDS[kind][0].label}。")


def update(kind: str, ctx, args) -> None:
    record = _service(ctx, kind).update(args.id, **field_values(args, KINDS[kind][0]))
    _show(ctx, kind, record.id, f"已修改{KINDS[kind][0].label}。")


def show(kind: str, ctx, args) -> None:
    _show(ctx, kind, args.id)


def mark(kind: str, action: str, ctx, args) -> None:
    service = _service(ctx, kind)
    record = service.delete(args.id) if action == "delete" else service.restore(args.id)
    verb = "删除" if action == "delete" else "恢复"
    _show(ctx, kind, record.id, f"已{verb}{KINDS[kind][0].label}。")


def listing(kind: str, ctx, args) -> None:
    declared = KINDS[kind][0]
    service = _service(ctx, kind)
    extra = {}
    if getattr(args, "quarter", None):
        extra["scheme_id"] = ctx.services.assessment.scheme_id(args.quarter)
    query = ctx.query(extra=extra, **parse.paging(args.limit, args.offset))
    page = service.list(query)
    ctx.out.listing(ctx.rows(service, page.items), list_columns(declared), page.total,
                    query.offset)
