"""今明两天应值班: who the rota says is due today and tomorrow, and whether today's officers
have signed in (started a shift) — on the 值班 page, so the officer sees it at the start."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop_app.services import Services
from ui.background import off_thread

WEEKDAYS = "一二三四五六日"
TODAY_WORDS = {"present": "已到岗", "due": "未到岗", "excused": "请假", "absent": "缺岗"}


def _day(day: date) -> str:
    return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"


def officers_line(rows: list[dict[str, Any]], *, today: bool) -> str:
    if not rows:
        return "不值班（或尚未排班）"
    parts = []
    for row in rows:
        text = row["person"]
        if row["swapped_from"]:
            text += f"（替{row['swapped_from']}）"
        if today:
            text += f" {TODAY_WORDS[row['status']]}"
        parts.append(text)
    return "、".join(parts)


def town_line(rows: list[dict[str, Any]]) -> str:
    """At the town: how many are due in all and how many have signed in."""
    if not rows:
        return "各联合党组织均不值班（或尚未排班）"
    counts = Counter(r["status"] for r in rows)
    clusters = len({r["cluster_id"] for r in rows})
    missing = sorted({r["cluster"] for r in rows if r["status"] == "due"})
    line = (f"{clusters} 个联合党组织应值班 {len(rows)} 人，已到岗 {counts['present']} 人，"
            f"请假 {counts['excused']} 人")
    if missing:
        line += "；尚未到岗：" + "、".join(missing[:8]) + ("等" if len(missing) > 8 else "")
    return line


class DueBox(QGroupBox):
    """Today's and tomorrow's officers of this office's cluster (the whole town at the town)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__("今明两天应值班（排班）", parent)
        self.services = off_thread(services)
        self.text = QLabel()
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        self.reload()

    def reload(self) -> None:
        cluster_id = self.services.sync.office().cluster_id
        today = self.services.rota.today()
        tomorrow = today + timedelta(days=1)
        due_today = self.services.rota.due(today, cluster_id)
        due_tomorrow = self.services.rota.due(tomorrow, cluster_id)
        if cluster_id:
            lines = [f"今天 {_day(today)}：{officers_line(due_today, today=True)}",
                     f"明天 {_day(tomorrow)}：{officers_line(due_tomorrow, today=False)}"]
        else:
            lines = [f"今天 {_day(today)}：{town_line(due_today)}",
                     f"明天 {_day(tomorrow)}：应值班 {len(due_tomorrow)} 人"]
        self.text.setText("\n".join(lines))
