"""``history ID``: 修改历史 of one record, from the operation log sync keeps
(desktop_app/services/history.py): each change with field, old and new value, who, when and
on which PC; reveals of sensitive values (显示) too."""

from __future__ import annotations

from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command
from desktop_app.records.errors import UserError

COLUMNS = [Column("at", "时间"), Column("action", "操作"), Column("label", "字段"),
           Column("old", "原值", 30), Column("new", "新值", 30), Column("who", "修改人"),
           Column("pc", "电脑")]


def register(commands) -> None:
    parser = add_command(commands, "history",
                         "一条记录的修改历史（字段、原值、新值、修改人、时间、电脑）", history)
    parser.add_argument("record_id", metavar="ID", help="记录 ID")


def history(ctx, args) -> None:
    changes = ctx.services.history.history(args.record_id)
    if not changes:
        raise UserError(f"没有找到这条记录的修改历史：{args.record_id}")
    rows = [{"at": c.at.strftime("%Y-%m-%d %H:%M:%S"), "action": c.action, "field": c.field,
             "label": c.label, "old": c.old, "new": c.new, "who": c.who, "pc": c.pc}
            for c in changes]
    ctx.out.listing(rows, COLUMNS, len(rows))
