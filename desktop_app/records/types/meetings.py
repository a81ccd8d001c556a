"""会议: attendees, the agenda items discussed, and decisions."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType
from desktop_app.records.vocabulary import ATTENDANCE, MEETING_KINDS, MEETING_OUTCOMES

MEETING = RecordType("meeting", "会议", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          in_list=False, option="cluster"),
    Field("title", "会议名称", required=True, searchable=True, width=18,
          hint="例如：黄璩联合党总支2026年12月联席会议"),
    Field("kind", "会议类型", Kind.CHOICE, choices=MEETING_KINDS, default="joint", width=10),
    Field("start", "会议时间", Kind.DATETIME, required=True),
    Field("place", "会议地点", searchable=True, width=12),
    Field("chair_id", "主持人", Kind.PERSON),
    Field("recorder_id", "记录人", Kind.PERSON, in_list=False),
    Field("summary", "会议概况", Kind.LONG_TEXT, searchable=True, in_list=False),
    Field("attendees", "参会人员", Kind.ROWS, in_list=False, option=""),
    Field("agenda", "会议议题", Kind.ROWS, in_list=False, option=""),
    Field("decisions", "会议决定", Kind.ROWS, in_list=False, option=""),
), extra_columns=(Field("present", "出席", Kind.NUMBER, editable=False, width=3),
                  Field("items", "议题数", Kind.NUMBER, editable=False)))

MEETING_ATTENDEE = RecordType("meeting_attendee", "参会人员", (
    Field("meeting_id", "会议", Kind.REFERENCE, target="meeting", required=True),
    Field("person_id", "参会人员", Kind.PERSON, required=True),
    Field("attendance", "出席情况", Kind.CHOICE, choices=ATTENDANCE, default="present"),
    Field("reason", "缺席原因"),
), parent="meeting", title_field=None)

MEETING_AGENDA_ITEM = RecordType("meeting_agenda_item", "会议议题", (
    Field("meeting_id", "会议", Kind.REFERENCE, target="meeting", required=True),
    Field("agenda_item_id", "议题", Kind.REFERENCE, target="agenda_item", required=True),
    Field("outcome", "议定结果", Kind.CHOICE, choices=MEETING_OUTCOMES, default="heard"),
    Field("discussion", "讨论情况", Kind.LONG_TEXT, searchable=True),
    Field("votes_for", "赞成票", Kind.NUMBER, minimum=0),
    Field("votes_against", "反对票", Kind.NUMBER, minimum=0),
    Field("votes_abstain", "弃权票", Kind.NUMBER, minimum=0),
), parent="meeting", title_field=None)

MEETING_DECISION = RecordType("meeting_decision", "会议决定", (
    Field("meeting_id", "会议", Kind.REFERENCE, target="meeting", required=True),
    Field("agenda_item_id", "关联议题", Kind.REFERENCE, target="agenda_item"),
    Field("text", "决定内容", Kind.LONG_TEXT, required=True, searchable=True),
    Field("owner_id", "责任人", Kind.PERSON),
    Field("deadline", "截止日期", Kind.DATE),
), parent="meeting", title_field=None)

TYPES = (MEETING, MEETING_ATTENDEE, MEETING_AGENDA_ITEM, MEETING_DECISION)
