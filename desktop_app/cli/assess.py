"""擂台比武: ``assess scheme show|new|edit``, ``assess group|indicator add``, ``assess
compute``, ``assess score``, ``assess bonus|penalty|veto``, ``assess finalise``,
``assess flags``."""

from __future__ import annotations

from typing import Any

from desktop_app.cli import parse
from desktop_app.cli.output import Column, table
from desktop_app.cli.parser import add_command, add_group, choices_help
from desktop_app.records.errors import ValidationError
from desktop_app.records.types.assessment import FLAG_MODES, RULES

QUARTER_HELP = "季度，例如 2026Q4"


def _quarter(parser) -> None:
    parser.add_argument("--quarter", required=True, metavar="QUARTER", help=QUARTER_HELP)


def register(commands) -> None:
    assess = add_group(commands, "assess", "擂台比武：方案、评分、加减分、定稿、流动红旗")

    schemes = add_group(assess, "scheme", "擂台比武方案（每季度一份，按版本记录修改）")
    parser = add_command(schemes, "show", "查看方案：指标类别、权重和指标", scheme_show)
    _quarter(parser)
    parser = add_command(schemes, "new", "新建季度方案（沿用上一季度的指标和流动红旗规则）",
                         scheme_new)
    _quarter(parser)
    parser.add_argument("--title", metavar="TEXT",
                        help="名称（默认：X年第X季度联合党组织擂台比武）")
    parser = add_command(schemes, "edit", "修改方案：名称、权重（合计须为 100）、流动红旗规则",
                         scheme_edit)
    _quarter(parser)
    parser.add_argument("--title", metavar="TEXT", help="名称")
    parser.add_argument("--weight", action="append", metavar="类别=分值",
                        help="指标类别的权重，可多次给出，例如 --weight 党建引领=20")
    parser.add_argument("--flags", metavar="N", help="流动红旗面数")
    parser.add_argument("--flag-min", metavar="N", help="夺旗最低分")
    parser.add_argument("--flag-mode", metavar="MODE", help="夺旗名次：" + choices_help(FLAG_MODES))
    parser.add_argument("--veto-excludes", choices=("yes", "no"),
                        help="一票否决者不得夺旗（yes / no）")
    parser.add_argument("--red", metavar="N", help="红榜名额")
    parser.add_argument("--black", metavar="N", help="黑榜名额")

    groups = add_group(assess, "group", "指标类别")
    parser = add_command(groups, "add", "新增指标类别", group_add)
    _quarter(parser)
    parser.add_argument("--name", required=True, metavar="TEXT", help="类别名称，例如 党建引领")
    parser.add_argument("--weight", required=True, metavar="N", help="权重（分）")

    indicators = add_group(assess, "indicator", "考核指标")
    parser = add_command(indicators, "add", "新增考核指标", indicator_add)
    _quarter(parser)
    parser.add_argument("--group", required=True, metavar="NAME", help="指标类别（名称或 ID）")
    parser.add_argument("--code", required=True, metavar="CODE", help="编号，例如 A1")
    parser.add_argument("--name", required=True, metavar="TEXT", help="指标名称")
    parser.add_argument("--source", required=True, metavar="SOURCE",
                        help="来源：自动指标名称（见 assess sources），或 jury、inspection")
    parser.add_argument("--rule", default="direct", metavar="RULE",
                        help="计分规则：" + choices_help(RULES))
    parser.add_argument("--params", default="", metavar="JSON", help="规则参数（JSON）")
    parser.add_argument("--max", required=True, metavar="N", help="满分")
    add_command(assess, "sources", "列出可用的指标来源（自动计算的和人工评分的）", sources)

    parser = add_command(assess, "compute", "计算季度得分：总分、名次、各类别和各指标得分",
                         compute)
    _quarter(parser)
    parser.add_argument("--cluster", metavar="ID", help="只显示该联合党组织的各指标得分")

    parser = add_command(assess, "score", "录入评委（或实地查看）评分", score)
    _quarter(parser)
    parser.add_argument("--judge", required=True, metavar="NAME", help="评委")
    parser.add_argument("--cluster", required=True, metavar="ID",
                        help="被评联合党组织（ID 或名称）")
    parser.add_argument("--indicator", required=True, metavar="CODE",
                        help="指标（编号、名称或 ID）")
    parser.add_argument("--points", required=True, metavar="N", help="得分")

    parser = add_command(assess, "import-scores",
                         "导入评委填好的评分表（.xlsx，由 export score-sheet 导出）：有一格不对则"
                         "全部不导入，并指出每一格", import_scores)
    _quarter(parser)
    parser.add_argument("--file", required=True, metavar="FILE.xlsx", help="填好的评分表")
    parser.add_argument("--judge", default="", metavar="NAME",
                        help="评委（省略则取表头“评委：”后的称呼）")

    for kind, text in (("bonus", "加分"), ("penalty", "扣分"), ("veto", "一票否决")):
        parser = add_command(assess, kind, f"记录{text}（事由、佐证）", adjust)
        parser.set_defaults(kind=kind)
        _quarter(parser)
        parser.add_argument("--cluster", required=True, metavar="ID",
                            help="联合党组织（ID 或名称）")
        if kind != "veto":
            parser.add_argument("--points", required=True, metavar="N", help="分值")
        parser.add_argument("--reason", required=True, metavar="TEXT", help="事由")
        parser.add_argument("--evidence", default="", metavar="TEXT", help="佐证")
        parser.add_argument("--approver", default="", metavar="NAME", help="审批人")
        parser.add_argument("--date", metavar="YYYY-MM-DD", help="发生日期")

    parser = add_command(assess, "finalise", "定稿：此后该季度得分不再改变", finalise)
    _quarter(parser)
    parser.add_argument("--by", required=True, metavar="NAME", help="定稿人")

    add_command(assess, "flags", "流动红旗历史：每季度获得、保旗、夺旗", flags)
    from desktop_app.cli import assess_records

    assess_records.register(assess)

    reports = add_group(assess, "report", "自评报告（中心村值班室报送，镇里查看）")
    parser = add_command(reports, "add", "报送本联合党组织的自评", report_add)
    _quarter(parser)
    parser.add_argument("--summary", required=True, metavar="TEXT", help="自评情况")
    parser.add_argument("--points", metavar="N", help="自评得分")
    parser.add_argument("--evidence", action="append", metavar="ID",
                        help="佐证记录的 ID（任务、议题、会议……），可多次给出")
    parser.add_argument("--cluster", metavar="ID", help="联合党组织（镇里代录时填写）")
    parser = add_command(reports, "list", "列出该季度的自评（中心村值班室只见本组织的）",
                         report_list)
    _quarter(parser)


def _number(value: str, label: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ValidationError(label, f"{label}应为数字，收到：{value}") from None


# --- scheme ----------------------------------------------------------------------------


def _scheme_data(ctx, quarter: str) -> dict[str, Any]:
    from desktop_app.records.types.assessment import SCHEME_STATUSES

    services = ctx.services
    scheme_id = services.assessment.scheme_id(quarter)
    scheme = services.assess_schemes.get(scheme_id)
    from desktop_app.services.assessment import scheme_specs

    with ctx.db.session() as session:
        groups, indicators = scheme_specs(session, scheme_id)
    names = {g.id: g.name for g in groups}
    return {"id": scheme.id, "quarter": scheme.quarter, "title": scheme.title,
            "scheme_version": scheme.scheme_version, "status": scheme.status,
            "status_label": SCHEME_STATUSES[scheme.status],
            "flag_rule": {"count": scheme.flag_count, "min_score": scheme.flag_min_score,
                          "mode": scheme.flag_mode, "veto_excludes": scheme.veto_excludes,
                          "red": scheme.red_count, "black": scheme.black_count},
            "groups": [{"id": g.id, "name": g.name, "weight": g.weight} for g in groups],
            "indicators": [{"id": i.id, "group": names.get(i.group_id, ""), "name": i.name,
                            "source": i.source, "rule": i.rule,
                            "rule_label": RULES.get(i.rule, i.rule),
                            "max_points": i.max_points, "params": dict(i.params)}
                           for i in indicators]}


def _print_scheme(ctx, data: dict[str, Any]) -> None:
    def text() -> str:
        rule = data["flag_rule"]
        lines = [f"{data['title']}（{data['quarter']}，第 {data['scheme_version']} 版，"
                 f"{data['status_label']}）",
                 f"流动红旗：{rule['count']} 面，最低 {rule['min_score']:g} 分，"
                 f"{FLAG_MODES.get(rule['mode'], rule['mode'])}，"
                 f"一票否决者{'不得' if rule['veto_excludes'] else '可以'}夺旗；"
                 f"红榜 {rule['red']} 名，黑榜 {rule['black']} 名", ""]
        lines += table(data["groups"], [Column("name", "指标类别"), Column("weight", "权重")])
        lines.append("")
        lines += table(data["indicators"], [
            Column("group", "类别"), Column("name", "指标"), Column("source", "来源"),
            Column("rule_label", "计分规则"), Column("max_points", "满分")])
        return "\n".join(lines)
    ctx.out.message(data, text)


def scheme_show(ctx, args) -> None:
    _print_scheme(ctx, _scheme_data(ctx, args.quarter))


def scheme_new(ctx, args) -> None:
    scheme = ctx.services.assessment.new_quarter(args.quarter, args.title)
    _print_scheme(ctx, _scheme_data(ctx, scheme.quarter))


def scheme_edit(ctx, args) -> None:
    services = ctx.services
    services.assessment.require_town("修改擂台比武方案")
    scheme_id = services.assessment.scheme_id(args.quarter)
    if args.weight:
        weights = {}
        for item in args.weight:
            name, sep, value = item.replace("＝", "=").partition("=")
            if not sep or not name.strip():
                raise ValidationError("weight", f"权重应写作“类别=分值”，收到：{item}")
            weights[name.strip()] = _number(value, "权重")
        services.assessment.set_weights(args.quarter, weights)
    changes: dict[str, Any] = {}
    if args.title is not None:
        changes["title"] = args.title
    for option, name in (("flags", "flag_count"), ("red", "red_count"),
                         ("black", "black_count")):
        if getattr(args, option) is not None:
            changes[name] = parse.integer(getattr(args, option), option)
    if args.flag_min is not None:
        changes["flag_min_score"] = _number(args.flag_min, "夺旗最低分")
    if args.flag_mode is not None:
        changes["flag_mode"] = parse.choice(args.flag_mode, FLAG_MODES, "夺旗名次")
    if args.veto_excludes is not None:
        changes["veto_excludes"] = args.veto_excludes == "yes"
    if changes:
        services.assess_schemes.update(scheme_id, **changes)
    _print_scheme(ctx, _scheme_data(ctx, args.quarter))


def group_add(ctx, args) -> None:
    services = ctx.services
    group = services.assess_groups.create(
        scheme_id=services.assessment.scheme_id(args.quarter), name=args.name,
        weight=_number(args.weight, "权重"))
    ctx.out.message({"id": group.id, "name": group.name, "weight": group.weight},
                    f"已新增指标类别：{group.name}（{group.weight:g} 分）")


def indicator_add(ctx, args) -> None:
    services = ctx.services
    assessment = services.assessment
    indicator = services.assess_indicators.create(
        scheme_id=assessment.scheme_id(args.quarter),
        group_id=assessment.group_id(args.quarter, args.group), code=args.code, name=args.name,
        source=args.source, rule=parse.choice(args.rule, RULES, "计分规则"), params=args.params,
        max_points=_number(args.max, "满分"))
    ctx.out.message({"id": indicator.id, "code": indicator.code, "name": indicator.name},
                    f"已新增指标：{indicator.code} {indicator.name}")


def sources(ctx, args) -> None:
    from desktop_app.assessment.registry import SOURCES, source_labels

    rows = [{"name": name, "label": label,
             "unit": SOURCES[name].unit if name in SOURCES else "",
             "automatic": name in SOURCES} for name, label in source_labels().items()]
    ctx.out.listing(rows, [Column("name", "来源"), Column("label", "说明"),
                           Column("unit", "单位")], len(rows))


# --- results ---------------------------------------------------------------------------


def _view_data(view, cluster_names: dict[str, str]) -> dict[str, Any]:
    groups = {g.id: g.name for g in view.groups}
    rows = []
    for c in view.result.clusters:
        rows.append({
            "rank": c.rank, "cluster_id": c.cluster_id, "cluster": c.name, "total": c.total,
            "groups": {groups[g]: v for g, v in c.groups.items() if g in groups},
            "bonus": c.bonus, "penalty": c.penalty, "vetoed": c.vetoed,
            "veto_reason": c.veto_reason, "flag": c.cluster_id in view.result.flags,
            "indicators": [{"id": i.id, "name": i.name, "figure": c.indicators[i.id].figure,
                            "points": c.indicators[i.id].points,
                            "evidence": c.indicators[i.id].evidence}
                           for i in view.indicators if i.id in c.indicators]})
    return {"quarter": view.quarter, "title": view.title, "status": view.status,
            "scheme_version": view.scheme_version, "finalised_by": view.finalised_by,
            "finalised_at": view.finalised_at, "late_records": view.late_records,
            "flags": [cluster_names.get(k, k) for k in view.result.flags],
            "red": [cluster_names.get(k, k) for k in view.result.red],
            "black": [cluster_names.get(k, k) for k in view.result.black],
            "clusters": rows}


def compute(ctx, args) -> None:
    from desktop_app.assessment.ranking import TIE_RULE

    assessment = ctx.services.assessment
    view = assessment.view(args.quarter)
    data = _view_data(view, assessment.cluster_names())
    only = assessment.cluster_id(args.cluster) if args.cluster else None

    def text() -> str:
        state = (f"已定稿（{view.finalised_by}，{view.finalised_at:%Y-%m-%d %H:%M} UTC）"
                 if view.final and view.finalised_at else "草稿（实时计算）")
        lines = [f"{view.title}（{view.quarter}，第 {view.scheme_version} 版）：{state}"]
        if view.late_records:
            lines.append(f"定稿后又收到 {view.late_records} 条本季度记录，定稿得分不变。")
        rows = []
        for row in data["clusters"]:
            shown = {"rank": row["rank"], "cluster": row["cluster"], "total": row["total"],
                     "bonus": row["bonus"] or "", "penalty": row["penalty"] or "",
                     "mark": "流动红旗" if row["flag"] else ("一票否决" if row["vetoed"]
                                                           else "")}
            shown.update(row["groups"])
            rows.append(shown)
        columns = [Column("rank", "名次"), Column("cluster", "联合党组织"),
                   Column("total", "总分"),
                   *[Column(g.name, g.name) for g in view.groups],
                   Column("bonus", "加分"), Column("penalty", "扣分"), Column("mark", "")]
        lines += table(rows, columns)
        lines.append(f"流动红旗：{'、'.join(data['flags']) or '空缺'}")
        lines.append(f"红榜：{'、'.join(data['red'])}")
        lines.append(f"黑榜：{'、'.join(data['black'])}")
        lines.append(f"并列规则：{TIE_RULE}")
        for row in data["clusters"]:
            if only and row["cluster_id"] != only:
                continue
            if only or len(data["clusters"]) <= 3:
                lines.append("")
                lines.append(f"{row['cluster']}：")
                lines += ["  " + line for line in table(
                    [{**i, "count": len(i["evidence"]),
                      "figure": "" if i["figure"] is None else i["figure"]}
                     for i in row["indicators"]],
                    [Column("name", "指标"), Column("figure", "数值"),
                     Column("points", "得分"), Column("count", "佐证记录")])]
        return "\n".join(lines)
    if only:
        data["clusters"] = [r for r in data["clusters"] if r["cluster_id"] == only]
    ctx.out.message(data, text)


def score(ctx, args) -> None:
    services = ctx.services
    assessment = services.assessment
    assessment.require_town("录入评委评分")
    created = services.assess_scores.create(
        scheme_id=assessment.scheme_id(args.quarter),
        indicator_id=assessment.indicator_id(args.quarter, args.indicator),
        assessed_id=assessment.cluster_id(args.cluster), judge=args.judge,
        points=_number(args.points, "得分"))
    ctx.out.message({"id": created.id, "judge": created.judge, "points": created.points},
                    f"已录入：{created.judge} 评 {ctx.cluster_name(created.assessed_id)} "
                    f"{created.points:g} 分")


def import_scores(ctx, args) -> None:
    from desktop_app.excel.score_sheet import import_score_sheet

    done = import_score_sheet(ctx.services, args.quarter, args.file, args.judge)
    ctx.out.message({"judge": done.judge, "created": done.created, "updated": done.updated,
                     "unchanged": done.unchanged},
                    f"已导入{done.judge}的评分：新增 {done.created} 项，修改 {done.updated} 项，"
                    f"未变 {done.unchanged} 项")


def adjust(ctx, args) -> None:
    from desktop_app.records.types.assessment import ADJUSTMENT_KINDS

    services = ctx.services
    assessment = services.assessment
    assessment.require_town(f"记录{ADJUSTMENT_KINDS[args.kind]}")
    points = _number(args.points, "分值") if args.kind != "veto" else 0.0
    created = services.assess_adjustments.create(
        scheme_id=assessment.scheme_id(args.quarter),
        assessed_id=assessment.cluster_id(args.cluster), kind=args.kind, points=points,
        reason=args.reason, evidence=args.evidence, approver=args.approver,
        happened_on=parse.date_(args.date, "发生日期"))
    label = ADJUSTMENT_KINDS[args.kind]
    ctx.out.message({"id": created.id, "kind": created.kind, "points": created.points},
                    f"已记录{label}：{ctx.cluster_name(created.assessed_id)}"
                    + (f" {created.points:g} 分" if args.kind != "veto" else "")
                    + f"，事由：{created.reason}")


def finalise(ctx, args) -> None:
    view = ctx.services.assessment.finalise(args.quarter, args.by)
    data = _view_data(view, ctx.services.assessment.cluster_names())
    ctx.out.message(data, f"{view.quarter} 已定稿（{view.finalised_by}）："
                          f"流动红旗 {'、'.join(data['flags']) or '空缺'}")


def flags(ctx, args) -> None:
    from desktop_app.assessment.flags import CHANGE_LABELS

    assessment = ctx.services.assessment
    names = assessment.cluster_names()
    rows = [{"quarter": h.quarter, "holder": names.get(h.holder, h.holder),
             "holder_id": h.holder, "change": h.change,
             "change_label": CHANGE_LABELS[h.change],
             "previous": "、".join(names.get(p, p) for p in h.previous)}
            for h in assessment.flag_history()]
    ctx.out.listing(rows, [Column("quarter", "季度"), Column("holder", "流动红旗"),
                           Column("change_label", ""), Column("previous", "上季度持旗")],
                    len(rows))


def report_add(ctx, args) -> None:
    services = ctx.services
    values: dict[str, Any] = {"scheme_id": services.assessment.scheme_id(args.quarter),
                              "summary": args.summary,
                              "evidence": "\n".join(args.evidence or [])}
    if args.points is not None:
        values["claimed_points"] = _number(args.points, "自评得分")
    if args.cluster:
        values["cluster_id"] = services.assessment.cluster_id(args.cluster)
    report = services.self_reports.create(**values)
    ctx.out.message({"id": report.id, "cluster_id": report.cluster_id},
                    f"已报送自评：{ctx.cluster_name(report.cluster_id)}")


def report_list(ctx, args) -> None:
    rows = ctx.services.assessment.self_reports(args.quarter)
    shown = [{**r, "evidence_count": len(r["evidence"])} for r in rows]
    ctx.out.listing(shown, [Column("cluster", "联合党组织"), Column("claimed_points", "自评得分"),
                            Column("evidence_count", "佐证"), Column("summary", "自评情况", 40)],
                    len(rows))
