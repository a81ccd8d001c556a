"""议题 and its 四议两公开 steps."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType
from desktop_app.records.vocabulary import (
    AGENDA_SOURCES,
    AGENDA_STATUSES,
    STEP_OUTCOMES,
    STEP_SHORT,
)

AGENDA_ITEM = RecordType("agenda_item", "议题", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          on_create_only=True, in_list=False, option="cluster"),
    Field("title", "议题标题", required=True, searchable=True, in_document=True,
          hint="例如：黄璩村东排水沟改造", width=20),
    Field("village_ids", "涉及村", Kind.VILLAGES, option="village", in_document=True),
    Field("source", "议题来源", Kind.CHOICE, choices=AGENDA_SOURCES, default="villagers",
          in_document=True),
    Field("category", "类别", in_list=False, max_length=20, hint="例如：公益事业、集体资产"),
    # The status follows the 四议两公开 steps (and 撤回/恢复), not a field a person sets.
    Field("status", "状态", Kind.CHOICE, choices=AGENDA_STATUSES, default="open",
          in_form=False, in_document=True),
    Field("raised_on", "提出日期", Kind.DATE, option="date", in_document=True),
    Field("description", "议题内容", Kind.LONG_TEXT, searchable=True, in_list=False),
    Field("analysis", "问题研判", Kind.LONG_TEXT, searchable=True, in_list=False),
    Field("measures", "工作措施", Kind.LONG_TEXT, searchable=True, in_list=False),
), extra_columns=(
    # The step the item waits for (none once closed): a list column as wide as its longest
    # label in the list's font (“待实施结果公开”), not a hand-counted width.
    Field("next_step", "当前环节", Kind.CHOICE, choices=STEP_SHORT, editable=False),
))

AGENDA_VILLAGE = RecordType("agenda_village", "议题涉及村", (
    Field("agenda_item_id", "议题", Kind.REFERENCE, target="agenda_item", required=True),
    Field("village_id", "村", Kind.VILLAGE, required=True),
), parent="agenda_item", title_field=None)

DECISION_STEP = RecordType("decision_step", "四议两公开步骤", (
    Field("agenda_item_id", "议题", Kind.REFERENCE, target="agenda_item", required=True),
    Field("step", "步骤", Kind.NUMBER, minimum=1, maximum=6, required=True),
    Field("body", "会议机构", max_length=30, hint="第4步可为“村民会议”"),
    Field("held_on", "召开或公开日期", Kind.DATE, option="date"),
    Field("form", "会议形式、表决方式或公开形式", max_length=50),
    Field("due", "应到人数", Kind.NUMBER, minimum=0),
    Field("present", "实到人数", Kind.NUMBER, minimum=0),
    Field("votes_for", "赞成票", Kind.NUMBER, minimum=0, option="for"),
    Field("votes_against", "反对票", Kind.NUMBER, minimum=0, option="against"),
    Field("votes_abstain", "弃权票", Kind.NUMBER, minimum=0, option="abstain"),
    Field("text", "内容", Kind.LONG_TEXT, searchable=True, hint="提议、决议或公开的内容"),
    Field("dissent", "不同意见", Kind.LONG_TEXT, searchable=True),
    Field("outcome", "结果", Kind.CHOICE, choices=STEP_OUTCOMES, editable=False),
    Field("town_attendees", "镇列席人员及职务", Kind.LONG_TEXT, hint="第3、4步"),
    Field("supervision", "监督意见", Kind.LONG_TEXT, searchable=True, hint="第6步"),
), parent="agenda_item", title_field=None)

TYPES = (AGENDA_ITEM, AGENDA_VILLAGE, DECISION_STEP)
