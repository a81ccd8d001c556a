"""轮值排班: who takes turns at a cluster's office, when it is staffed, the rota itself,
swaps and leave; holidays (法定节假日, 调休 working days) as data the town keeps."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType
from desktop_app.records.vocabulary import DUTY_ROLES, ROLES

POOL_ROLES = {key: ROLES[key] for key in DUTY_ROLES}
HOLIDAY_KINDS = {"holiday": "放假", "workday": "调休上班"}
SWAP_KINDS = {"substitute": "替班", "exchange": "调班"}

DUTY_POOL_MEMBER = RecordType("duty_pool_member", "轮值人员", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          option="cluster", width=12, on_create_only=True),
    Field("person_id", "姓名", Kind.PERSON, required=True, option="person", width=8),
    Field("village_id", "所在村", Kind.VILLAGE, option="village",
          hint="不填则取其本人所在村"),
    Field("role", "轮值身份", Kind.CHOICE, choices=POOL_ROLES,
          default="village_committee"),
    Field("note", "备注", searchable=True, in_list=False),
), title_field=None)

ROTA_PATTERN = RecordType("rota_pattern", "排班规则", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          option="cluster", width=12, on_create_only=True),
    Field("weekdays", "值班日", max_length=20, default="12345", shown="weekdays_text",
          hint="星期几值班，1 为周一，例如 12345 或“周一至周五”"),
    Field("officers_per_day", "每日人数", Kind.NUMBER, minimum=1, maximum=10, default=2,
          option="per-day"),
    Field("required_role", "每日须有", Kind.CHOICE, choices=POOL_ROLES, option="required-role",
          hint="当天值班人员中至少一位须有此身份"),
    Field("note", "说明", in_list=False),
), title_field=None)

HOLIDAY = RecordType("holiday", "节假日", (
    Field("cluster_id", "适用范围", Kind.REFERENCE, target="cluster", option="cluster",
          width=8, hint="不填为全镇（由镇里维护）"),
    Field("day", "日期", Kind.DATE, required=True),
    Field("kind", "类别", Kind.CHOICE, choices=HOLIDAY_KINDS, default="holiday"),
    Field("name", "节日", required=True, searchable=True, width=12, hint="例如：春节"),
), title_field="name", town_wide=True)

ROTA_TURN = RecordType("rota_turn", "值班安排", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          option="cluster", width=12, on_create_only=True),
    Field("day", "值班日期", Kind.DATE, required=True),
    Field("person_id", "值班人员", Kind.PERSON, required=True, option="person", width=8),
    Field("on_holiday", "节假日值班", Kind.FLAG, default=False, option="holiday",
          hint="节假日安排值班须勾选"),
    Field("swapped_from_id", "原排班人", Kind.PERSON, editable=False, option=""),
    Field("note", "备注", searchable=True, in_list=False),
), title_field=None)

ROTA_SWAP = RecordType("rota_swap", "调班替班", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          option="cluster", width=12, on_create_only=True),
    Field("kind", "方式", Kind.CHOICE, choices=SWAP_KINDS, default="substitute"),
    Field("from_person_id", "原值班人", Kind.PERSON, required=True, option="from"),
    Field("to_person_id", "接替人", Kind.PERSON, required=True, option="to"),
    Field("day", "值班日期", Kind.DATE, required=True),
    Field("other_day", "换回日期", Kind.DATE, option="other-day",
          hint="调班时接替人原定的值班日期"),
    Field("reason", "原因", required=True, searchable=True, width=12),
    Field("from_agreed", "原值班人同意", Kind.FLAG, default=False, in_list=False),
    Field("to_agreed", "接替人同意", Kind.FLAG, default=False, in_list=False),
), title_field=None)

DUTY_LEAVE = RecordType("duty_leave", "请假", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          option="cluster", width=12, on_create_only=True),
    Field("person_id", "请假人", Kind.PERSON, required=True, option="person"),
    Field("start_on", "请假起", Kind.DATE, required=True, option="from"),
    Field("end_on", "请假止", Kind.DATE, option="to", hint="不填为当天"),
    Field("reason", "请假事由", required=True, searchable=True, width=12),
), title_field=None, dated_by="start_on")

TYPES = (DUTY_POOL_MEMBER, ROTA_PATTERN, HOLIDAY, ROTA_TURN, ROTA_SWAP, DUTY_LEAVE)
