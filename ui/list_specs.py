"""The list screens: which columns and filters each record type shows."""

from __future__ import annotations

from desktop_app.records.types import field_choices
from desktop_app.records.vocabulary import ROLES
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
from ui.record_model import declared_columns

TASKS = ListSpec(
    title="工作任务",
    service="tasks",
    columns=declared_columns("work_task"),
    form=TaskForm,
    statuses=field_choices("work_task", "status"),
    date_label="截止",
    overdue=True,
    exports=TASK_EXPORTS,
)

MEETINGS = ListSpec(
    title="会议",
    service="meetings",
    columns=declared_columns("meeting"),
    form=MeetingForm,
    villages=False,
    date_label="会议",
    exports=MEETING_EXPORTS,
)

ACTIVITIES = ListSpec(
    title="志愿服务活动",
    service="activities",
    columns=declared_columns("volunteer_activity"),
    form=ActivityForm,
    date_label="活动",
    villages=False,
    extra_filters=[ExtraFilter("kind", "全部类别", field_choices("volunteer_activity", "kind"))],
    exports=ACTIVITY_EXPORTS,
)

CERTIFICATES = ListSpec(
    title="志愿服务时长证明登记簿",
    service="certificates",
    columns=declared_columns("certificate_record"),
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
    columns=declared_columns("person"),
    form=PersonForm,
    search_hint="搜索：姓名、职务，或姓名的拼音首字母，如 wt 找到 王涛（Ctrl+F）",
    extra_filters=[ExtraFilter("role", "全部角色", ROLES)],
    exports=PERSON_EXPORTS,
)

VILLAGES = ListSpec(
    title="村庄",
    service="villages",
    columns=declared_columns("village"),
    villages=False,
    search_hint="搜索：村名或其拼音首字母（Ctrl+F）",
)

TEAMS = ListSpec(
    title="志愿服务队",
    service="teams",
    columns=declared_columns("volunteer_team"),
    form=TeamForm,
    villages=False,
    search_hint="搜索：服务队名称（Ctrl+F）",
)

AGENDA = ListSpec(
    title="议题",
    service="agenda",
    columns=declared_columns("agenda_item", {"next_step_label": lambda v: f"待{v}" if v else ""}),
    form=AgendaForm,
    statuses=field_choices("agenda_item", "status"),
    date_label="提出",
    exports=AGENDA_EXPORTS,
)
