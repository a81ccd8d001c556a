"""``report town``: each joint Party organisation's figures, as the town PC's 全镇概况 shows."""

from __future__ import annotations

from dataclasses import asdict

from desktop_app.cli.output import Column
from desktop_app.cli.parser import add_command

LEVEL_WORDS = {"good": "及时", "amber": "偏久", "red": "过久"}


def register(commands) -> None:
    parser = add_command(commands, "report", "统计报表：report town 显示全镇各联合党组织概况",
                         report)
    parser.add_argument("what", choices=["town"], help="town：全镇概况")
    parser.add_argument("--warn-days", metavar="N", type=int, default=None,
                        help="超过 N 天未收到同步文件算“偏久”，2N 天算“过久”（默认取设置）")


def report(ctx, args) -> None:
    from desktop_app.config.settings import Settings
    from desktop_app.reports.town import town_overview

    warn_days = args.warn_days or Settings.load().warn_days
    rows = town_overview(ctx.services, warn_days=warn_days)
    data = [asdict(row) for row in rows]
    if ctx.out.json_mode:
        ctx.out.json(data)
        return
    for row in data:
        row["last_file"] = (f"{row['last_file_at']:%Y-%m-%d}" if row["last_file_at"]
                            else "从未")
        row["age"] = ("—" if row["days_since_file"] is None
                      else f"{row['days_since_file']} 天") + f"（{LEVEL_WORDS[row['level']]}）"
    for row in data:
        row["flag"] = f"★ {row['red_flag']}" if row["red_flag"] else ""
        row["coverage"] = ("—" if row["duty_coverage"] is None
                           else f"{row['duty_coverage']:.0%}")
    ctx.out.table(data, [Column("name", "联合党组织", 20), Column("flag", "流动红旗"),
                         Column("open_tasks", "未办结任务"),
                         Column("overdue_tasks", "逾期"), Column("waiting_items", "待推进议题"),
                         Column("hours_this_quarter", "本季度时长"),
                         Column("coverage", "本月值班覆盖率"),
                         Column("last_file", "最近同步文件"), Column("age", "距今"),
                         Column("conflicts", "待处理冲突")])
