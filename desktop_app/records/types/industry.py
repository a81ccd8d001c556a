"""产业联营: aid projects (funds by source, each village's share, progress notes),
cooperatives with the town's liaison visits, and 共富工坊 with their monthly figures.

Money is stored in whole 元 and shown in 万元 where a list sums it up."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType

PROJECT_STATUSES = {"planned": "规划中", "building": "建设中", "running": "运营中",
                    "finished": "已完工", "stopped": "已停止"}
FUND_SOURCES = ("帮扶资金", "村集体", "财政衔接资金", "社会资本", "其他")
COOP_STANDINGS = {"sound": "规范", "fair": "一般", "shell": "空壳"}
PROJECT_KINDS = ("设施农业", "种植", "养殖", "农产品加工", "农旅融合", "光伏", "物业经济")
COOP_KINDS = ("种植", "养殖", "农机", "植保", "加工", "电商")
WORKSHOP_KINDS = ("来料加工", "定向招工", "电商直播", "农旅融合", "品牌带动", "产业赋能")

AID_PROJECT = RecordType("aid_project", "产业项目", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          on_create_only=True, in_list=False, option="cluster"),
    Field("name", "项目名称", required=True, searchable=True, width=18,
          hint="例如：怡丰农业高端育苗设施示范项目"),
    Field("kind", "项目类型", max_length=20, width=7, hint="例如：" + "、".join(PROJECT_KINDS)),
    Field("status", "状态", Kind.CHOICE, choices=PROJECT_STATUSES, default="planned"),
    Field("start_on", "开工日期", Kind.DATE, option="start"),
    Field("end_on", "计划完工日期", Kind.DATE, option="end", in_list=False),
    Field("funds", "资金来源", Kind.ROWS, in_list=False, option=""),
    Field("shares", "各村出资", Kind.ROWS, in_list=False, option=""),
    Field("leader_id", "责任人", Kind.PERSON, in_list=False, option="leader"),
    Field("benefit", "联农带农机制", Kind.LONG_TEXT, searchable=True, in_list=False,
          hint="例如：土地流转、就业务工、带动生产"),
    Field("jobs", "带动就业（人）", Kind.NUMBER, minimum=0, default=0, width=8),
    Field("coops_served", "服务合作社（个）", Kind.NUMBER, minimum=0, default=0, in_list=False,
          option="coops"),
    Field("village_income", "村集体年增收（元/村）", Kind.NUMBER, minimum=0, default=0,
          in_list=False, option="income"),
), title_field="name", dated_by="start_on",
   extra_columns=(Field("villages", "参与村", Kind.VILLAGES, editable=False, width=14),
                  Field("total_wan", "总投资（万元）", Kind.DECIMAL, editable=False, width=8)))

PROJECT_FUND = RecordType("project_fund", "项目资金", (
    Field("project_id", "产业项目", Kind.REFERENCE, target="aid_project", required=True),
    Field("source", "资金来源", required=True, max_length=20),
    Field("amount", "金额（元）", Kind.NUMBER, minimum=0, required=True),
), parent="aid_project", title_field=None)

PROJECT_SHARE = RecordType("project_share", "各村出资", (
    Field("project_id", "产业项目", Kind.REFERENCE, target="aid_project", required=True),
    Field("village_id", "村", Kind.VILLAGE, required=True),
    Field("amount", "金额（元）", Kind.NUMBER, minimum=0, required=True),
), parent="aid_project", title_field=None)

PROJECT_PROGRESS = RecordType("project_progress", "项目进展", (
    Field("project_id", "产业项目", Kind.REFERENCE, target="aid_project", required=True),
    Field("noted_on", "日期", Kind.DATE, required=True),
    Field("text", "进展内容", Kind.LONG_TEXT, required=True, searchable=True),
), parent="aid_project", title_field=None)

COOPERATIVE = RecordType("cooperative", "合作社", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          on_create_only=True, in_list=False, option="cluster"),
    Field("name", "合作社名称", required=True, searchable=True, pinyin=True, width=16,
          hint="例如：千乘大王红种植专业合作社"),
    Field("village_id", "所在村", Kind.VILLAGE, required=True, option="village"),
    Field("kind", "类型", max_length=20, width=5, hint="例如：" + "、".join(COOP_KINDS)),
    Field("members", "成员数", Kind.NUMBER, minimum=0, default=0),
    Field("founded_on", "成立日期", Kind.DATE, option="founded", in_list=False),
    Field("credit_code", "统一社会信用代码", max_length=18, searchable=True, in_list=False,
          option="code", hint="18 位，例如：93370523MA3C123456"),
    Field("standing", "规范程度", Kind.CHOICE, choices=COOP_STANDINGS, default="fair"),
    Field("cadre_id", "联系干部", Kind.PERSON, option="cadre"),
    Field("brands", "品牌", searchable=True, width=10, hint="例如：千乘大王红、杨庄西红柿"),
), title_field="name",
   extra_columns=(Field("visits", "走访次数", Kind.NUMBER, editable=False),
                  Field("last_visit", "最近走访", Kind.DATE, editable=False)))

COOP_VISIT = RecordType("coop_visit", "联系走访", (
    Field("cooperative_id", "合作社", Kind.REFERENCE, target="cooperative", required=True),
    Field("visited_on", "走访日期", Kind.DATE, required=True),
    Field("visitor_id", "走访干部", Kind.PERSON),
    Field("checklist", "检查情况", Kind.LONG_TEXT, searchable=True,
          hint="章程、三会、财务、成员账户、盈余返还、社务公开、年报"),
    Field("measures", "帮扶措施", Kind.LONG_TEXT, searchable=True),
), parent="cooperative", title_field=None)

WORKSHOP = RecordType("workshop", "共富工坊", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          on_create_only=True, in_list=False, option="cluster"),
    Field("name", "工坊名称", required=True, searchable=True, width=14,
          hint="例如：大王红·共富工坊"),
    Field("village_id", "所在村", Kind.VILLAGE, required=True, option="village"),
    Field("kind", "类型", max_length=20, width=6, hint="例如：" + "、".join(WORKSHOP_KINDS)),
    Field("opened_on", "开办日期", Kind.DATE, option="opened", in_list=False),
    Field("floor_area", "面积（㎡）", Kind.NUMBER, minimum=0, default=0, option="area"),
    Field("fixed_jobs", "固定从业（人）", Kind.NUMBER, minimum=0, default=0, option="fixed"),
    Field("seasonal_jobs", "季节用工（人）", Kind.NUMBER, minimum=0, default=0,
          option="seasonal"),
    Field("outside_workers", "周边村人员（人）", Kind.NUMBER, minimum=0, default=0,
          in_list=False, option="outside"),
    Field("groups_helped", "帮扶群体", sensitive=True, in_list=False, option="groups",
          hint="例如：脱贫户3人、残疾人1人、妇女20人"),
    Field("monthly_pay", "人均月增收（元）", Kind.NUMBER, minimum=0, default=0, option="pay"),
    Field("yearly_income", "村集体年增收（元）", Kind.NUMBER, minimum=0, default=0,
          option="income"),
    Field("months", "月度台账", Kind.ROWS, in_list=False, option=""),
), title_field="name")

WORKSHOP_MONTH = RecordType("workshop_month", "工坊月度台账", (
    Field("workshop_id", "共富工坊", Kind.REFERENCE, target="workshop", required=True),
    Field("month", "月份", required=True, max_length=7, hint="YYYY-MM"),
    Field("employed", "从业人数", Kind.NUMBER, minimum=0, default=0),
    Field("pay", "人均月收入（元）", Kind.NUMBER, minimum=0, default=0),
    Field("income", "村集体收入（元）", Kind.NUMBER, minimum=0, default=0),
), parent="workshop", title_field=None)

TYPES = (AID_PROJECT, PROJECT_FUND, PROJECT_SHARE, PROJECT_PROGRESS, COOPERATIVE, COOP_VISIT,
         WORKSHOP, WORKSHOP_MONTH)
