"""擂台比武 documents: the quarterly 通报 (GB/T 9704: ranking, flag, 红榜 and 黑榜, each
cluster's strong and weak points, the 得分排名表 as its 附件) and a cluster's 得分卡."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop_app.assessment.flags import CHANGE_LABELS, strong_and_weak
from desktop_app.assessment.quarters import parse_quarter, quarter_label
from desktop_app.assessment.ranking import TIE_RULE
from desktop_app.assessment.registry import MANUAL_SOURCES
from desktop_app.documents import layout
from desktop_app.documents.compose import GAP, Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import SIGN_HERE
from desktop_app.documents.text import BLANK_DATE, cn_date
from desktop_app.services import Services
from desktop_app.services.assessment import QuarterView

NOTICE_TEMPLATE = "assessment_notice"
CARD_TEMPLATE = "assessment_card"
SHEET_TEMPLATE = "assessment_sheet"
RECIPIENTS = "各联合党组织、各村党组织、镇直各部门："
NEXT_STEPS = (
    "各联合党组织要对照本次擂台比武中发现的问题，逐项列出整改清单，明确责任人和完成时限，"
    "于下季度首月底前报镇党建办。",
    "上榜“黑榜”的联合党组织书记要在下次擂台比武推进会上作表态发言，镇包村干部要加强督促指导。",
    "各值班室要按时记录工作任务、议题和会议，及时报送同步文件，确保台账真实、完整、可追溯。",
)


def _town_name(services: Services) -> str:
    town = services.towns.the_town()
    return town.name if town else "本镇"


def _names(view: QuarterView, keys: list[str]) -> str:
    names = {c.cluster_id: c.name for c in view.result.clusters}
    return "、".join(names.get(k, k) for k in keys)


def _points(view: QuarterView, cluster_id: str) -> tuple[list[str], list[str]]:
    cluster = view.result.by_cluster(cluster_id)
    full = {i.id: i.max_points for i in view.indicators}
    points = {k: v.points for k, v in cluster.indicators.items()}
    strong, weak = strong_and_weak(points, full)
    names = {i.id: i.name.split(" ", 1)[-1] for i in view.indicators}
    return [names[k] for k in strong], [names[k] for k in weak]


def write_notice(view: QuarterView, town: str, flag_words: str, body: Composer) -> None:
    result = view.result
    automatic = [i for i in view.indicators if i.source not in MANUAL_SOURCES]
    body.paragraph(RECIPIENTS, layout.NORMAL)
    body.heading(1, 1, "基本情况")
    groups = "、".join(f"{g.name}（{g.weight:g}分）" for g in view.groups)
    body.paragraph(
        f"{quarter_label(view.quarter)}，镇党委对全镇{len(result.clusters)}个联合党组织开展"
        f"擂台比武。比武按《{view.title}》方案（第{view.scheme_version}版）进行，设{groups}"
        f"{len(view.groups)}类{len(view.indicators)}项指标，其中{len(automatic)}项由各值班室"
        "台账记录自动计算，其余由评委现场评分和实地查看评定；评委五人及以上的，去掉一个最高分和"
        f"一个最低分后取平均分。{TIE_RULE}")
    body.heading(1, 2, "比武结果")
    body.paragraph(f"流动红旗：{flag_words}。")
    body.heading(2, 1, "先进（红榜）")
    body.paragraph(f"{_names(view, result.red)}。")
    body.heading(2, 2, "后进（黑榜）")
    body.paragraph(f"{_names(view, result.black)}。")
    vetoed = [c for c in result.clusters if c.vetoed]
    if vetoed:
        body.heading(2, 3, "一票否决")
        for cluster in vetoed:
            body.paragraph(f"{cluster.name}：{cluster.veto_reason}，本季度不得评先评优。")
    body.heading(1, 3, "主要亮点")
    for cluster_id in result.red[:5]:
        strong, _ = _points(view, cluster_id)
        name = view.result.by_cluster(cluster_id).name
        body.paragraph(f"{name}在{'、'.join(strong)}等方面得分较高。")
    body.heading(1, 4, "存在问题")
    for cluster_id in result.black:
        _, weak = _points(view, cluster_id)
        name = view.result.by_cluster(cluster_id).name
        body.paragraph(f"{name}在{'、'.join(weak)}等方面得分偏低，需加快补齐短板。")
    body.heading(1, 5, "下步要求")
    for number, text in enumerate(NEXT_STEPS, 1):
        body.paragraph(f"{number}. {text}")
    body.paragraph("附件：得分排名表")
    body.closing([f"中共{town}委员会", cn_date(date.today())])
    body.page_break()
    body.paragraph("附件", layout.HEADINGS[1])
    body.paragraph(f"{quarter_label(view.quarter)}擂台比武得分排名表", layout.SUBTITLE)
    groups_columns = [(g.name, 9) for g in view.groups]
    columns = [("名次", 6), ("联合党组织", 18), *groups_columns, ("加分", 6), ("扣分", 6),
               ("总分", 8)]
    table = body.table([w for _, w in columns])
    table.header([name for name, _ in columns])
    for c in result.clusters:
        mark = "（否决）" if c.vetoed else ""
        table.row([c.rank, c.name + mark, *[f"{c.groups.get(g.id, 0):g}" for g in view.groups],
                   f"{c.bonus:g}" if c.bonus else "", f"{c.penalty:g}" if c.penalty else "",
                   f"{c.total:g}"])
    body.add_table(table)


def notice_number(quarter: str) -> str:
    year, q = parse_quarter(quarter)
    return f"镇党发〔{year if q < 4 else year + 1}〕{q}号"


def export_notice(services: Services, quarter: str, out: Path | str,
                  options: Options | None = None) -> Path:
    """Write the quarter's 擂台比武情况通报 to ``out`` (a draft quarter says so)."""
    view = services.assessment.view(quarter, check_late=False)
    town = _town_name(services)
    history = {h.holder: h for h in services.assessment.flag_history()
               if h.quarter == view.quarter}
    words = []
    for holder in view.result.flags:
        change = history.get(holder)
        label = CHANGE_LABELS[change.change] if change else "获得"
        words.append(f"{view.result.by_cluster(holder).name}（{label}）")
    flag_words = "、".join(words) or "本季度空缺（无联合党组织达到夺旗条件）"
    year, q = parse_quarter(view.quarter)
    title = f"关于{year}年第{'一二三四'[q - 1]}季度联合党组织擂台比武情况的通报"
    if not view.final:
        title += "（草稿）"
    values = {"标题": title, "单位": town, "编号": notice_number(view.quarter),
              "日期": cn_date(date.today())}
    return produce(NOTICE_TEMPLATE, values,
                   lambda body: write_notice(view, town, flag_words, body), out, options)


def write_card(view: QuarterView, cluster_id: str, body: Composer) -> None:
    cluster = view.result.by_cluster(cluster_id)
    flag = "，获流动红旗" if cluster_id in view.result.flags else ""
    body.paragraph(f"总分 {cluster.total:g} 分，在全镇{len(view.result.clusters)}个联合党组织中"
                   f"列第 {cluster.rank} 名{flag}。" + ("本季度被一票否决："
                                                       f"{cluster.veto_reason}。"
                                                       if cluster.vetoed else ""))
    groups = {g.id: g for g in view.groups}
    table = body.table([12, 30, 10, 9, 9])
    table.header(["类别", "指标", "数值", "得分", "满分"])
    for spec in view.indicators:
        found = cluster.indicators.get(spec.id)
        if found is None:
            continue
        table.row([groups[spec.group_id].name if spec.group_id in groups else "",
                   spec.name, "" if found.figure is None else f"{found.figure:g}",
                   f"{found.points:g}", f"{spec.max_points:g}"])
    for group in view.groups:
        table.row([group.name, "类别得分（按权重折算）", "",
                   f"{cluster.groups.get(group.id, 0):g}", f"{group.weight:g}"])
    if cluster.bonus or cluster.penalty:
        table.row(["加减分", "加分／扣分", "", f"+{cluster.bonus:g}／−{cluster.penalty:g}", ""])
    body.add_table(table)
    strong, weak = _points(view, cluster_id)
    body.paragraph(f"优势：{'、'.join(strong)}。短板：{'、'.join(weak)}。")


def export_card(services: Services, quarter: str, cluster_id: str, out: Path | str,
                options: Options | None = None) -> Path:
    """Write one cluster's 擂台比武得分卡 for the quarter to ``out``."""
    view = services.assessment.view(quarter, check_late=False)
    cluster = view.result.by_cluster(services.assessment.cluster_id(cluster_id))
    state = "已定稿" if view.final else "草稿"
    values = {"标题": f"{cluster.name}擂台比武得分卡",
              "单位": f"{quarter_label(view.quarter)}（{state}）", "编号": "",
              "日期": cn_date(date.today())}
    return produce(CARD_TEMPLATE, values,
                   lambda body: write_card(view, cluster.cluster_id, body), out, options)


def write_sheet(view: QuarterView, body: Composer) -> None:
    hand = [i for i in view.indicators if i.source in MANUAL_SOURCES]
    body.paragraph("请在每格内填写该联合党组织的得分（不超过该项满分），末列填写合计。",
                   layout.NOTE)
    columns = [("序号", 6), ("联合党组织", 22), *[(f"{i.name}（{i.max_points:g}分）", 14)
                                                  for i in hand], ("合计", 10)]
    table = body.table([w for _, w in columns])
    table.header([name for name, _ in columns])
    for number, cluster in enumerate(sorted(view.result.clusters, key=lambda c: c.name), 1):
        table.row([number, cluster.name, *[""] * (len(hand) + 1)], min_height_mm=9)
    body.add_table(table)
    body.sign_off(["评委（签字）：", SIGN_HERE, GAP, "日期：", BLANK_DATE], style=layout.NOTE)
    body.sign_off(["监票人（签字）：", SIGN_HERE, GAP, "计票人（签字）：", SIGN_HERE],
                  style=layout.NOTE)


def export_sheet(services: Services, quarter: str, out: Path | str, judge: str = "",
                 options: Options | None = None) -> Path:
    """Write a blank 评分表 of the quarter's hand-scored indicators for a judge to fill in."""
    view = services.assessment.view(quarter, check_late=False)
    unit = f"{quarter_label(view.quarter)} · 评委：{judge or '＿＿＿＿＿＿'}"
    values = {"标题": "联合党组织擂台比武评分表", "单位": unit, "编号": "",
              "日期": cn_date(date.today())}
    return produce(SHEET_TEMPLATE, values, lambda body: write_sheet(view, body), out, options)
