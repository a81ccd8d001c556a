"""擂台比武: the quarter's scheme, its groups and indicators, judges' scores, bonuses,
penalties and vetoes (the town's, so without a cluster of their own: town-only in sync),
and a cluster's self-report (自评, its own cluster's)."""

from __future__ import annotations

from desktop_app.records.fields import Field, Kind, RecordType

SCHEME_STATUSES = {"draft": "草稿", "final": "已定稿"}
FLAG_MODES = {"first": "仅第一名", "top": "前若干名"}
ADJUSTMENT_KINDS = {"bonus": "加分", "penalty": "扣分", "veto": "一票否决"}
RULES = {"rank": "按名次赋分", "proportional": "按与第一名的比例赋分", "bands": "按区间赋分",
         "deduct": "按次扣分，扣完为止", "direct": "按评分直接计分"}

ASSESS_SCHEME = RecordType("assess_scheme", "擂台比武方案", (
    Field("quarter", "季度", required=True, max_length=6, on_create_only=True, width=7,
          hint="例如：2026Q4"),
    Field("title", "名称", required=True, searchable=True, width=20),
    Field("scheme_version", "方案版本", Kind.NUMBER, editable=False, width=4),
    Field("status", "状态", Kind.CHOICE, choices=SCHEME_STATUSES, editable=False, width=5),
    Field("flag_count", "流动红旗面数", Kind.NUMBER, minimum=0, maximum=29, default=1,
          in_list=False, option="flags"),
    Field("flag_min_score", "夺旗最低分", Kind.DECIMAL, minimum=0, maximum=200, default=90,
          in_list=False, option="flag-min"),
    Field("flag_mode", "夺旗名次", Kind.CHOICE, choices=FLAG_MODES, default="first",
          in_list=False, option="flag-mode"),
    Field("veto_excludes", "一票否决者不得夺旗", Kind.FLAG, default=True, in_list=False,
          option="veto-excludes"),
    Field("red_count", "红榜名额", Kind.NUMBER, minimum=0, maximum=29, default=10,
          in_list=False, option="red"),
    Field("black_count", "黑榜名额", Kind.NUMBER, minimum=0, maximum=29, default=5,
          in_list=False, option="black"),
    Field("finalised_by", "定稿人", editable=False, width=5),
    Field("finalised_at", "定稿时间", Kind.DATETIME, editable=False),
    Field("results", "定稿结果", Kind.LONG_TEXT, editable=False, in_list=False, in_form=False,
          hint="定稿时的全部得分（JSON），定稿后不再改变"),
    Field("note", "备注", Kind.LONG_TEXT, searchable=True, in_list=False),
), title_field="title")

ASSESS_GROUP = RecordType("assess_group", "指标类别", (
    Field("scheme_id", "擂台比武方案", Kind.REFERENCE, target="assess_scheme", required=True,
          on_create_only=True, option="scheme"),
    Field("name", "类别名称", required=True, max_length=30, hint="例如：党建引领"),
    Field("weight", "权重（分）", Kind.DECIMAL, required=True, minimum=0, maximum=100),
    Field("position", "顺序", Kind.NUMBER, minimum=0, default=0, in_list=False),
), title_field="name")

ASSESS_INDICATOR = RecordType("assess_indicator", "考核指标", (
    Field("scheme_id", "擂台比武方案", Kind.REFERENCE, target="assess_scheme", required=True,
          on_create_only=True, option="scheme"),
    Field("group_id", "指标类别", Kind.REFERENCE, target="assess_group", required=True,
          option="group"),
    Field("code", "编号", required=True, max_length=20, width=5, hint="例如：A1"),
    Field("name", "指标名称", required=True, searchable=True, width=16),
    Field("source", "来源", required=True, max_length=40, width=10,
          hint="自动指标的名称，或 jury（评委评分）、inspection（实地查看）"),
    Field("rule", "计分规则", Kind.CHOICE, choices=RULES, default="direct", width=8),
    Field("params", "规则参数", in_list=False, max_length=500,
          hint='JSON，例如 {"bands": [[95, 10], [90, 8]]}'),
    Field("max_points", "满分", Kind.DECIMAL, required=True, minimum=0, maximum=100,
          option="max"),
    Field("position", "顺序", Kind.NUMBER, minimum=0, default=0, in_list=False),
), title_field="name")

ASSESS_SCORE = RecordType("assess_score", "评委评分", (
    Field("scheme_id", "擂台比武方案", Kind.REFERENCE, target="assess_scheme", required=True,
          on_create_only=True, in_list=False, option="scheme"),
    Field("indicator_id", "考核指标", Kind.REFERENCE, target="assess_indicator", required=True,
          on_create_only=True, option="indicator"),
    Field("assessed_id", "被评联合党组织", Kind.REFERENCE, target="cluster", required=True,
          on_create_only=True, option="cluster", shown="assessed"),
    Field("judge", "评委", required=True, max_length=20, on_create_only=True, width=6),
    Field("points", "得分", Kind.DECIMAL, required=True, minimum=0, maximum=100),
    Field("note", "备注", in_list=False),
), title_field=None)

ASSESS_ADJUSTMENT = RecordType("assess_adjustment", "加减分与一票否决", (
    Field("scheme_id", "擂台比武方案", Kind.REFERENCE, target="assess_scheme", required=True,
          on_create_only=True, in_list=False, option="scheme"),
    Field("assessed_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          option="cluster", shown="assessed"),
    Field("kind", "类型", Kind.CHOICE, choices=ADJUSTMENT_KINDS, required=True, width=5),
    Field("points", "分值", Kind.DECIMAL, minimum=0, maximum=100, default=0),
    Field("reason", "事由", required=True, searchable=True, width=20),
    Field("evidence", "佐证", Kind.LONG_TEXT, searchable=True, in_list=False),
    Field("approver", "审批人", max_length=20, in_list=False),
    Field("happened_on", "发生日期", Kind.DATE, option="date"),
), title_field="reason")

ASSESS_SELF_REPORT = RecordType("assess_self_report", "自评报告", (
    Field("scheme_id", "擂台比武方案", Kind.REFERENCE, target="assess_scheme", required=True,
          on_create_only=True, option="scheme"),
    Field("cluster_id", "联合党组织", Kind.REFERENCE, target="cluster", required=True,
          on_create_only=True, option="cluster", width=12),
    Field("summary", "自评情况", Kind.LONG_TEXT, required=True, searchable=True, width=24),
    Field("claimed_points", "自评得分", Kind.DECIMAL, minimum=0, maximum=200, option="points"),
    Field("evidence", "佐证记录", Kind.LONG_TEXT, in_list=False,
          hint="佐证记录的 ID，每行一个"),
), title_field="summary")

TYPES = (ASSESS_SCHEME, ASSESS_GROUP, ASSESS_INDICATOR, ASSESS_SCORE, ASSESS_ADJUSTMENT,
         ASSESS_SELF_REPORT)

# The town's own records (no cluster of their own): only the town PC writes them, and sync
# refuses them from any other PC.
TOWN_ONLY = frozenset(t.table for t in TYPES if t.cluster_scope is None)
