"""工作任务: tasks the villages claim (逐村认领), with progress notes."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType
from desktop_app.records.vocabulary import PRIORITIES, TASK_STATUSES

WORK_TASK = RecordType("work_task", "工作任务", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          on_create_only=True, in_list=False, option="cluster"),
    Field("title", "任务标题", required=True, searchable=True, in_document=True,
          hint="例如：清理黄璩村东排水沟淤泥", width=20),
    Field("village_ids", "认领村", Kind.VILLAGES, option="village", in_document=True),
    Field("assignee_id", "责任人", Kind.PERSON, in_document=True),
    Field("agenda_item_id", "来源议题", Kind.REFERENCE, target="agenda_item", in_list=False,
          option="agenda", shown="agenda_title"),
    Field("decision_id", "来源会议决定", Kind.REFERENCE, target="meeting_decision",
          in_list=False, in_form=False, option="", shown="decision_id"),
    Field("priority", "优先级", Kind.CHOICE, choices=PRIORITIES, default=2, in_document=True),
    Field("status", "状态", Kind.CHOICE, choices=TASK_STATUSES, default="pending",
          in_document=True),
    Field("found_on", "发现日期", Kind.DATE, option="found", in_document=True),
    Field("due_on", "截止日期", Kind.DATE, option="due", in_document=True),
    Field("solved_at", "解决时间", Kind.DATETIME, in_list=False, in_form=False,
          in_document=True),
    Field("reported_at", "反馈时间", Kind.DATETIME, in_list=False, in_form=False,
          in_document=True),
    Field("description", "任务说明", Kind.LONG_TEXT, searchable=True, in_list=False),
))

TASK_CLAIM = RecordType("task_claim", "任务认领", (
    Field("task_id", "工作任务", Kind.REFERENCE, target="work_task", required=True),
    Field("village_id", "认领村", Kind.VILLAGE, required=True),
    Field("note", "备注"),
), parent="work_task", title_field=None)

TASK_PROGRESS = RecordType("task_progress", "任务进展", (
    Field("task_id", "工作任务", Kind.REFERENCE, target="work_task", required=True),
    Field("noted_at", "进展时间", Kind.DATETIME, required=True),
    Field("text", "进展内容", Kind.LONG_TEXT, required=True, searchable=True),
    Field("percent", "完成比例", Kind.NUMBER, minimum=0, maximum=100),
), parent="work_task", title_field=None)

TYPES = (WORK_TASK, TASK_CLAIM, TASK_PROGRESS)
