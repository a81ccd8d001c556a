"""治理联抓: grids and micro-grids, visits (民情日志), disputes with their mediation sessions and
zero reports, and the one-stop service counter (catalogue and register)."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType
from desktop_app.records.governance_words import VISIT_KINDS

GRID_CODE_LENGTH = 20


def _cluster(*, editable: bool = True) -> Field:
    """The cluster: never typed, taken from the record's village, grid or micro-grid."""
    return Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster",
                 required=editable, on_create_only=True, in_list=False, in_form=editable,
                 editable=editable, option="cluster")


GRID = RecordType("grid", "网格", (
    _cluster(editable=False),
    Field("village_id", "村", Kind.VILLAGE, required=True, on_create_only=True),
    Field("code", "网格编码", required=True, max_length=GRID_CODE_LENGTH, searchable=True,
          width=12, hint="例如：370523100001001"),
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

TYPES = (GRID, MICRO_GRID, GRID_VISIT)
