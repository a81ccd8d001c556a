"""The words of 治理联抓 (grids, visits, disputes, the service counter): identifiers stored in
the database and their Chinese labels, in the order a person sees them
(``docs/governance.md``; sources in ``practice.md`` sections 2–4)."""

from __future__ import annotations

VISIT_KINDS = {
    "visit": "走访",
    "patrol": "巡查",
    "policy": "政策宣传",
    "opinion": "民意收集",
}

# 矛盾纠纷 categories: the 司法部 statistics set, then the rural additions.
DISPUTE_CATEGORIES = {
    "marriage": "婚姻家庭",
    "neighbour": "邻里",
    "homestead": "房屋宅基地",
    "contract": "合同",
    "business": "生产经营",
    "damages": "损害赔偿",
    "land": "山林土地",
    "expropriation": "征地拆迁",
    "pollution": "环境污染",
    "labour": "劳动争议",
    "consumer": "消费",
    "medical": "医疗",
    "traffic": "道路交通事故",
    "property": "物业",
    "village_affairs": "村务管理",
    "land_contract": "土地承包经营权",
    "ethnic_religious": "民族宗教",
    "other": "其它",
}

DISPUTE_SOURCES = {
    "applied": "当事人申请",
    "initiative": "主动调解",
    "police": "公安机关移交",
    "court": "审判机关委托",
    "government": "政府部门指定",
    "grid": "网格发现",
}

# 预警灯: 红 report at once, 橙 the same day, 黄 settled in the grid.
RISK_COLOURS = {"red": "红", "orange": "橙", "yellow": "黄"}

DISPUTE_STATUSES = {"open": "受理", "mediating": "调解中", "closed": "已结案"}

DISPUTE_OUTCOMES = {
    "success": "调解成功",
    "failed": "未成功",
    "terminated": "终止",
    "transferred": "移交",
}

SERVICE_KINDS = {"immediate": "即办", "promised": "承诺", "reported": "上报", "agency": "代收"}

SERVICE_STATUSES = {
    "accepted": "受理",
    "in_progress": "代办中",
    "done": "办结",
    "returned": "退回",
}
OPEN_SERVICE_STATUSES = ("accepted", "in_progress")

RATINGS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}
POOR_RATING = 2  # this or worse opens a fix (差评整改)
FIX_WORKING_DAYS = 15
JUDICIAL_CONFIRMATION_DAYS = 30  # 司法确认: apply within 30 days of the agreement
