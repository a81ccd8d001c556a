"""The list screens: which columns and filters each record type shows."""

from __future__ import annotations

from desktop_app.vocabulary import TASK_STATUSES
from ui.forms.task_form import TaskForm
from ui.list_page import ListSpec
from ui.record_model import Column

TASKS = ListSpec(
    title="工作任务",
    service="tasks",
    columns=[
        Column("title", "任务", 300, "title"),
        Column("villages", "认领村", 150),
        Column("assignee", "责任人", 80),
        Column("status_label", "状态", 70, "status"),
        Column("priority_label", "优先级", 60, "priority"),
        Column("found_on", "发现日期", 95, "found_on"),
        Column("due_on", "截止日期", 95, "due_on"),
    ],
    form=TaskForm,
    statuses=TASK_STATUSES,
    date_label="截止",
    overdue=True,
)
