"""``governance indicators``: 治理联抓's automatic indicators for 擂台比武 (走访覆盖率, 调处率,
成功率, 代办按时办结率, 满意率) of a cluster over a period."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command, add_group

COLUMNS = [Column("label", "指标"), Column("numerator", "分子"), Column("denominator", "分母"),
           Column("rate", "比率")]


def register(commands) -> None:
    group = add_group(commands, "governance", "治理联抓：擂台比武自动指标")
    parser = add_command(group, "indicators", "走访覆盖率、调处率、成功率、代办按时办结率、满意率",
                         governance_indicators)
    parser.add_argument("--cluster", metavar="ID", help="联合党组织（默认全镇）")
    parser.add_argument("--from", dest="date_from", metavar="DATE", required=True)
    parser.add_argument("--to", dest="date_to", metavar="DATE", required=True)


def governance_indicators(ctx, args) -> None:
    from desktop_app.reports.governance import indicators

    date_from = parse.date_(args.date_from, "开始日期（--from）")
    date_to = parse.date_(args.date_to, "结束日期（--to）")
    assert date_from is not None and date_to is not None  # required options
    found = indicators(ctx.services, args.cluster, date_from, date_to)
    rows = [{"key": i.key, "label": i.label, "numerator": i.numerator,
             "denominator": i.denominator, "rate": i.rate} for i in found]
    if ctx.out.json_mode:
        ctx.out.json({"items": rows, "total": len(rows)})
        return
    ctx.out.table([{**row, "rate": "—" if row["rate"] is None else f"{row['rate']:.1%}"}
                   for row in rows], COLUMNS)
