"""志愿服务: teams, activities, each volunteer's hours, and the certificates of hours."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType

VOLUNTEER_TEAM = RecordType("volunteer_team", "志愿服务队", (
    Field("name", "服务队名称", required=True, searchable=True, width=15),
    Field("kind", "类别", max_length=20, hint="例如：党员、老兵、巾帼、青年"),
    Field("leader_id", "队长", Kind.PERSON, option="leader"),
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          option="cluster", width=12),
), title_field="name")

# 为民服务大集: a service fair, departments and volunteers serving at the central village.
ACTIVITY_KINDS = {"regular": "志愿服务", "fair": "为民服务大集"}

VOLUNTEER_ACTIVITY = RecordType("volunteer_activity", "志愿服务活动", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          in_list=False, option="cluster"),
    Field("title", "活动名称", required=True, searchable=True, width=16,
          hint="例如：义诊进村"),
    Field("team_id", "志愿服务队", Kind.REFERENCE, target="volunteer_team", option="team",
          width=12),
    Field("held_on", "活动日期", Kind.DATE, required=True, option="date"),
    Field("start_time", "开始时间", Kind.TIME, required=True, option="start"),
    Field("end_time", "结束时间", Kind.TIME, required=True, option="end"),
    Field("place", "地点", searchable=True, width=10),
    Field("kind", "活动类别", Kind.CHOICE, choices=ACTIVITY_KINDS, default="regular", width=7),
    Field("content", "服务内容", Kind.LONG_TEXT, searchable=True, in_list=False,
          hint="为民服务大集：写明提供的服务项目，如医保参保登记、义诊、法律咨询"),
    Field("people_served", "服务人数", Kind.NUMBER, minimum=0, default=0, in_list=False,
          option="served"),
    Field("participants", "参与志愿者", Kind.ROWS, in_list=False, option=""),
), extra_columns=(Field("participant_count", "人数", Kind.NUMBER, editable=False,
                        shown="participants"),
                  Field("hours", "时长", Kind.DECIMAL, editable=False)))

ACTIVITY_PARTICIPANT = RecordType("activity_participant", "活动参与人", (
    Field("activity_id", "志愿服务活动", Kind.REFERENCE, target="volunteer_activity",
          required=True),
    Field("person_id", "志愿者", Kind.PERSON, required=True),
    Field("hours", "服务时长", Kind.DECIMAL, minimum=0),
), parent="volunteer_activity", title_field=None)

CERTIFICATE_RECORD = RecordType("certificate_record", "志愿服务时长证明", (
    Field("number", "编号", width=18, sort="serial", searchable=True),
    Field("person_id", "姓名", Kind.PERSON, shown="person"),
    Field("period_start", "服务期间起", Kind.DATE, in_list=False),
    Field("period_end", "服务期间止", Kind.DATE, in_list=False),
    Field("hours", "时长（小时）", Kind.DECIMAL, width=6),
    Field("activities", "次数", Kind.NUMBER),
    Field("issued_on", "出具日期", Kind.DATE),
    Field("issuer", "出具单位", width=12, searchable=True),
    Field("responsible", "负责人", in_list=False, searchable=True),
    Field("clerk", "经办人", in_list=False, searchable=True),
    Field("contact", "联系电话", in_list=False, sensitive=True),
    Field("content", "服务内容摘要", Kind.LONG_TEXT, in_list=False, searchable=True),
    Field("prefix", "编号前缀", in_list=False, in_form=False),
    Field("year", "年度", Kind.NUMBER, in_list=False, in_form=False),
    Field("serial", "序号", Kind.NUMBER, in_list=False, in_form=False),
), title_field="number", read_only=True, scoped_by="person_id", dated_by="issued_on",
   extra_columns=(Field("period", "服务期间", editable=False, width=13),))

TYPES = (VOLUNTEER_TEAM, VOLUNTEER_ACTIVITY, ACTIVITY_PARTICIPANT, CERTIFICATE_RECORD)
