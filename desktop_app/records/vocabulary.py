"""The fixed words of the domain: identifiers stored in the database and their Chinese labels.

Each vocabulary is an ordered mapping ``identifier -> label``; the order is the order a
person sees in lists and forms.
"""

from __future__ import annotations

ROLES = {
    "town_liaison": "包村干部",
    "party_instructor": "党建指导员",
    "village_committee": "两委干部",
    "volunteer": "志愿者",
    "party_member": "党员",
    "villager_rep": "村民代表",
}
# The roles that take turns on duty at the central village office (设置 lists them, 值班
# offers them).
DUTY_ROLES = ("town_liaison", "party_instructor", "village_committee")

AGENDA_SOURCES = {
    "villagers": "群众建议",
    "cadre": "干部提议",
    "assigned": "上级交办",
}

AGENDA_STATUSES = {
    "open": "办理中",  # going through 四议两公开
    "concluded": "已决议",
    "completed": "已办结",
    "withdrawn": "已撤回",
}

# The six steps of 四议两公开, in order.
DECISION_STEPS = {
    1: "党支部会提议",
    2: "两委会商议",
    3: "党员大会审议",
    4: "村民代表会议决议",
    5: "决议公开",
    6: "实施结果公开",
}
STEP_SHORT = {1: "提议", 2: "商议", 3: "审议", 4: "决议", 5: "决议公开", 6: "实施结果公开"}
STEP_BODIES = {
    1: "党支部",
    2: "两委联席会",
    3: "党员大会",
    4: "村民代表会议",
    5: "村务公开栏",
    6: "村务公开栏",
}
# Step 4 may be held by the villagers' meeting instead of the representatives' meeting.
VILLAGERS_MEETING = "村民会议"

STEP_OUTCOMES = {"passed": "通过", "failed": "未通过", "published": "已公开"}

TASK_STATUSES = {
    "pending": "待办理",
    "in_progress": "办理中",
    "solved": "已解决",
    "reported": "已反馈",
    "cancelled": "已取消",
}
OPEN_TASK_STATUSES = ("pending", "in_progress")  # db.models.task.OPEN_STATUSES: the index

PRIORITIES = {1: "高", 2: "中", 3: "低"}

MEETING_KINDS = {
    "joint": "联合党组织联席会议",
    "committees": "两委联席会议",
    "party_members": "党员大会",
    "representatives": "村民代表会议",
    "villagers": "村民会议",
    "contest": "擂台比武推进会",
    "theme_day": "主题党日",
}

ATTENDANCE = {"present": "出席", "non_voting": "列席", "absent": "缺席"}

# Outcomes of an agenda item at a meeting; only concluded ones may become tasks.
MEETING_OUTCOMES = {
    "approved": "同意",
    "approved_in_principle": "原则同意",
    "deferred": "暂缓",
    "further_study": "另行研究",
    "returned": "退回修改",
    "rejected": "不同意",
    "heard": "听取",
}
CONCLUDED_OUTCOMES = ("approved", "approved_in_principle")
