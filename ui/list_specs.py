"""The list screens: which columns and filters each record type shows."""

from __future__ import annotations

from desktop_app.records.vocabulary import AGENDA_STATUSES, ROLES, TASK_STATUSES
from ui.exports import (
    ACTIVITY_EXPORTS,
    AGENDA_EXPORTS,
    CERTIFICATE_EXPORTS,
    MEETING_EXPORTS,
    PERSON_EXPORTS,
    TASK_EXPORTS,
)
from ui.forms.activity_form import ActivityForm
from ui.forms.agenda_form import AgendaForm
from ui.forms.meeting_form import MeetingForm
from ui.forms.person_form import PersonForm
from ui.forms.task_form import TaskForm
from ui.forms.team_form import TeamForm
from ui.list_page import ExtraFilter, ListSpec
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
    exports=TASK_EXPORTS,
)

MEETINGS = ListSpec(
    title="会议",
    service="meetings",
    columns=[
        Column("title", "会议名称", 260, "title"),
        Column("kind_label", "类型", 150, "kind"),
        Column("start", "时间", 130, "start"),
        Column("place", "地点", 170, "place"),
        Column("chair", "主持人", 80),
        Column("present", "出席", 50, align_right=True),
        Column("items", "议题数", 60, align_right=True),
    ],
    form=MeetingForm,
    villages=False,
    date_label="会议",
    exports=MEETING_EXPORTS,
)

ACTIVITIES = ListSpec(
    title="志愿服务活动",
    service="activities",
    columns=[
        Column("title", "活动名称", 240, "title"),
        Column("team", "服务队", 170),
        Column("held_on", "日期", 95, "held_on"),
        Column("start_time", "开始", 55, "start_time"),
        Column("end_time", "结束", 55, "end_time"),
        Column("place", "地点", 150, "place"),
        Column("participants", "人数", 50, align_right=True),
        Column("hours", "时长", 60, align_right=True),
    ],
    form=ActivityForm,
    date_label="活动",
    villages=False,
    exports=ACTIVITY_EXPORTS,
)

CERTIFICATES = ListSpec(
    title="志愿服务时长证明登记簿",
    service="certificates",
    columns=[
        Column("number", "编号", 260, "serial"),
        Column("person", "姓名", 80),
        Column("period", "服务期间", 190),
        Column("hours", "时长（小时）", 90, "hours", align_right=True),
        Column("activities", "次数", 50, "activities", align_right=True),
        Column("issued_on", "出具日期", 95, "issued_on"),
        Column("issuer", "出具单位", 170, "issuer"),
    ],
    villages=False,
    clusters=False,
    search_hint="按编号或姓名查找（Ctrl+F）",
    date_label="出具",
    exports=CERTIFICATE_EXPORTS,
    delete_word="作废",  # a withdrawn certificate keeps its number
)

PEOPLE = ListSpec(
    title="人员",
    service="people",
    columns=[
        Column("name", "姓名", 80, "name"),
        Column("cluster", "联合党组织", 150),
        Column("village", "所在村", 90),
        Column("post", "职务", 170, "post"),
        Column("roles_label", "角色", 150),
        Column("tags", "人才库", 140),
        Column("phone", "联系电话", 110),
    ],
    form=PersonForm,
    search_hint="搜索：姓名、职务，或姓名的拼音首字母，如 wt 找到 王涛（Ctrl+F）",
    extra_filters=[ExtraFilter("role", "全部角色", ROLES)],
    exports=PERSON_EXPORTS,
)

VILLAGES = ListSpec(
    title="村庄",
    service="villages",
    columns=[
        Column("name", "村名", 120, "name"),
        Column("cluster", "联合党组织", 170),
        Column("households", "户数", 70, "households", align_right=True),
        Column("population", "人口", 70, "population", align_right=True),
        Column("is_central", "中心村", 60),
    ],
    villages=False,
    search_hint="搜索：村名或其拼音首字母（Ctrl+F）",
)

TEAMS = ListSpec(
    title="志愿服务队",
    service="teams",
    columns=[
        Column("name", "服务队名称", 220, "name"),
        Column("kind", "类别", 60, "kind"),
        Column("leader", "队长", 90),
        Column("cluster", "联合党组织", 170),
    ],
    form=TeamForm,
    villages=False,
    search_hint="搜索：服务队名称（Ctrl+F）",
)

AGENDA = ListSpec(
    title="议题",
    service="agenda",
    columns=[
        Column("title", "标题", 280, "title"),
        Column("villages", "涉及村", 150),
        Column("source_label", "来源", 75, "source"),
        Column("status_label", "状态", 70, "status"),
        Column("next_step_label", "当前环节", 100, text=lambda v: f"待{v}" if v else ""),
        Column("raised_on", "提出日期", 95, "raised_on"),
    ],
    form=AgendaForm,
    statuses=AGENDA_STATUSES,
    date_label="提出",
    exports=AGENDA_EXPORTS,
)
