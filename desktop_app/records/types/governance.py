"""治理联抓: grids and micro-grids, visits (民情日志), disputes with their mediation sessions and
zero reports, and the one-stop service counter (catalogue and register)."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType
from desktop_app.records.governance_words import (
    DISPUTE_CATEGORIES,
    DISPUTE_OUTCOMES,
    DISPUTE_SOURCES,
    DISPUTE_STATUSES,
    RISK_COLOURS,
    SERVICE_KINDS,
    SERVICE_STATUSES,
    VISIT_KINDS,
)
from desktop_app.records.id_numbers import MOBILE_EXAMPLE

GRID_CODE_LENGTH = 20
GRID_CODE_EXAMPLE = "370523100001001"


def _cluster(*, editable: bool = True) -> Field:
    """The cluster: never typed, taken from the record's village, grid or micro-grid."""
    return Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster",
                 required=editable, on_create_only=True, in_list=False, in_form=editable,
                 editable=editable, option="cluster")


GRID = RecordType("grid", "网格", (
    _cluster(editable=False),
    Field("village_id", "村", Kind.VILLAGE, required=True, on_create_only=True),
    Field("code", "网格编码", required=True, max_length=GRID_CODE_LENGTH, searchable=True,
          width=12, hint=f"例如：{GRID_CODE_EXAMPLE}", sample=GRID_CODE_EXAMPLE),
    Field("name", "网格名称", required=True, searchable=True, width=12,
          hint="例如：黄璩村第一网格"),
    Field("head_id", "网格长", Kind.PERSON, option="head"),
    Field("worker_id", "网格员", Kind.PERSON, option="worker"),
), title_field="name", extra_columns=(
    Field("micro_grids", "微网格数", Kind.NUMBER, editable=False),))

MICRO_GRID = RecordType("micro_grid", "微网格", (
    _cluster(editable=False),
    Field("village_id", "村", Kind.VILLAGE, editable=False, in_form=False),
    Field("grid_id", "所属网格", Kind.REFERENCE, target="grid", required=True, option="grid",
          width=12),
    Field("name", "微网格名称", required=True, searchable=True, width=12,
          hint="例如：黄璩村一组"),
    Field("leader_id", "微网格长", Kind.PERSON, option="leader",
          hint="本联合党组织或本村的两委成员"),
    Field("households", "户数", Kind.NUMBER, minimum=0, default=0),
    Field("key_households", "重点户数", Kind.NUMBER, minimum=0, default=0,
          option="key-households", hint="困难户、空巢老人、流动人员等，按月走访"),
    Field("party_household", "党员中心户", searchable=True, pinyin=True, width=6,
          hint="户主姓名"),
), title_field="name", extra_columns=(
    Field("last_visit", "最近走访", Kind.DATE, editable=False),))

GRID_VISIT = RecordType("grid_visit", "民情日志", (
    _cluster(editable=False),
    Field("village_id", "村", Kind.VILLAGE, editable=False, in_form=False),
    Field("micro_grid_id", "微网格", Kind.REFERENCE, target="micro_grid", required=True,
          option="micro-grid", width=10),
    Field("visited_on", "走访日期", Kind.DATE, required=True, option="date"),
    Field("visitor_id", "走访人", Kind.PERSON, option="visitor"),
    Field("kind", "方式", Kind.CHOICE, choices=VISIT_KINDS, default="visit"),
    Field("households", "走访户数", Kind.NUMBER, minimum=0, default=0, width=5),
    Field("heard", "民情民意", Kind.LONG_TEXT, searchable=True, width=16,
          hint="群众反映的情况、意见和建议"),
    Field("problems", "发现问题", Kind.LONG_TEXT, searchable=True, width=16,
          hint="需要解决的问题；可一键转为由本村认领的工作任务"),
    Field("task_id", "转办任务", Kind.REFERENCE, target="work_task", editable=False,
          in_form=False, in_list=False, shown="task_title"),
), title_field=None, dated_by="visited_on")

DISPUTE = RecordType("dispute", "矛盾纠纷", (
    _cluster(editable=False),
    Field("village_id", "村", Kind.VILLAGE, required=True),
    Field("micro_grid_id", "微网格", Kind.REFERENCE, target="micro_grid", in_list=False,
          option="micro-grid"),
    Field("registered_on", "受理日期", Kind.DATE, required=True, option="date"),
    Field("source", "来源", Kind.CHOICE, choices=DISPUTE_SOURCES, default="applied",
          in_list=False),
    Field("category", "类别", Kind.CHOICE, choices=DISPUTE_CATEGORIES, required=True,
          width=6),
    Field("parties", "当事人", sensitive=True, width=7, hint="申请人、被申请人姓名"),
    Field("summary", "纠纷简要情况", Kind.LONG_TEXT, searchable=True, width=16),
    Field("risk", "风险等级", Kind.CHOICE, choices=RISK_COLOURS, default="yellow", width=4),
    Field("mediators", "调解员", searchable=True, width=6),
    Field("status", "状态", Kind.CHOICE, choices=DISPUTE_STATUSES, default="open"),
    Field("outcome", "调解结果", Kind.CHOICE, choices=DISPUTE_OUTCOMES),
    Field("transferred_to", "移交单位", in_list=False, option="transferred-to"),
    Field("agreement", "调解协议", Kind.LONG_TEXT, in_list=False,
          hint="仅调解成功时填写：协议内容、履行方式和期限"),
    Field("agreement_on", "协议生效日期", Kind.DATE, in_list=False, option="agreement-date"),
    Field("closed_on", "结案日期", Kind.DATE, in_list=False, option="closed"),
    Field("followup_on", "回访日期", Kind.DATE, in_list=False, option="followup-date"),
    Field("followup_result", "回访结果", in_list=False, option="followup-result"),
), title_field=None, dated_by="registered_on", extra_columns=(
    Field("confirm_by", "司法确认截止", Kind.DATE, editable=False),))

MEDIATION_SESSION = RecordType("mediation_session", "调解记录", (
    Field("dispute_id", "矛盾纠纷", Kind.REFERENCE, target="dispute", required=True),
    Field("held_on", "调解日期", Kind.DATE, required=True),
    Field("mediator", "调解员"),
    Field("notes", "调解情况", Kind.LONG_TEXT, searchable=True),
), parent="dispute", title_field=None)

DISPUTE_ZERO_REPORT = RecordType("dispute_zero_report", "矛盾纠纷零报告", (
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          on_create_only=True, option="cluster"),
    Field("reported_on", "报告日期", Kind.DATE, required=True, option="date"),
    Field("reporter_id", "报告人", Kind.PERSON, option="reporter"),
    Field("note", "说明", hint="例如：本日无新增矛盾纠纷"),
), title_field=None, dated_by="reported_on")

SERVICE_ITEM = RecordType("service_item", "便民服务事项", (
    Field("department", "主管部门", required=True, searchable=True, width=7,
          hint="例如：人社、医保、民政"),
    Field("name", "事项名称", required=True, searchable=True, width=14),
    Field("kind", "办理类型", Kind.CHOICE, choices=SERVICE_KINDS, default="agency"),
    Field("time_limit_days", "办结时限（工作日）", Kind.NUMBER, minimum=0, maximum=90,
          default=5, option="limit", width=10),
    Field("materials", "所需材料", Kind.LONG_TEXT, in_list=False),
    Field("sensitive", "涉及敏感信息", Kind.FLAG, default=False, width=7,
          hint="事项本身透露低保、残疾或健康状况：登记簿中只显示部门"),
    Field("active", "启用", Kind.FLAG, default=True, in_list=False),
), title_field="name")

SERVICE_REQUEST = RecordType("service_request", "代办登记", (
    _cluster(editable=False),
    Field("village_id", "村", Kind.VILLAGE, required=True),
    Field("applicant", "办事人", required=True, searchable=True, pinyin=True, width=5),
    Field("phone", "联系电话", sensitive=True, width=11, sample=MOBILE_EXAMPLE),
    Field("item_id", "事项", Kind.REFERENCE, target="service_item", required=True,
          option="item", width=12),
    Field("received_on", "受理日期", Kind.DATE, required=True, option="date"),
    Field("agent_id", "代办员", Kind.PERSON, option="agent"),
    Field("status", "状态", Kind.CHOICE, choices=SERVICE_STATUSES, default="accepted"),
    Field("return_reason", "退回原因", in_list=False, option="return-reason"),
    Field("due_on", "办结时限", Kind.DATE, editable=False, in_form=False),
    Field("done_on", "办结日期", Kind.DATE, in_list=False, option="done"),
    Field("result", "办理结果", in_list=False, searchable=True),
    Field("rating", "评价", Kind.NUMBER, minimum=1, maximum=5, width=4,
          hint="5 非常满意，4 满意，3 基本满意，2 不满意，1 非常不满意"),
    Field("fix_due_on", "整改期限", Kind.DATE, editable=False, in_form=False, in_list=False),
    Field("fix_note", "整改情况", in_list=False, option="fix-note"),
), title_field=None, dated_by="received_on")

TYPES = (GRID, MICRO_GRID, GRID_VISIT, DISPUTE, MEDIATION_SESSION, DISPUTE_ZERO_REPORT,
         SERVICE_ITEM, SERVICE_REQUEST)
