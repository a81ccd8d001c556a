"""The sample town's 擂台比武: a year of quarters (four finalised, the current one a draft),
one scheme copied quarter to quarter, five judges' scores, inspection scores, bonuses,
penalties, a veto, and a 流动红旗 that moves. Deterministic: the same seed and day give the
same scores; the finalised figures are computed from the sample's own records."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from sqlalchemy import Connection
from sqlmodel import Session

from db.models import (
    AssessAdjustment,
    AssessGroup,
    AssessIndicator,
    AssessScheme,
    AssessScore,
    AssessSelfReport,
)
from desktop_app.assessment.quarters import (
    previous_quarter,
    quarter_dates,
    quarter_label,
    quarter_of,
)
from desktop_app.demo.rows import LOCAL_UTC_OFFSET, DeterministicIds, RowWriter, at
from desktop_app.demo.town import ROTA_DAYS
from desktop_app.storage.database import Database

QUARTERS = 5  # the current quarter (a draft) and the four before it (finalised)
JUDGES = ("镇党委书记", "镇长", "组织委员", "农业农村办", "群众代表")
INSPECTORS = ("镇纪委", "党建办")
FLAG_MIN_SCORE = 70.0  # the sample town's own threshold (the default is 90)
RECORDS_BEGIN_DAYS = ROTA_DAYS + 30  # the sample's records begin about this long before today

# (group, weight, indicators: (code, name, source, rule, params, full marks))
SCHEME: tuple[tuple[str, float, tuple[tuple[str, str, str, str, dict, float], ...]], ...] = (
    ("党建引领", 20, (
        ("A1", "联席会议召开次数", "joint_meetings", "proportional", {}, 5),
        ("A2", "四议两公开完成事项", "agenda_completed", "proportional", {}, 5),
        ("A3", "党建工作现场比武", "jury", "direct", {}, 6),
        ("A4", "值班覆盖率", "duty_coverage", "proportional", {}, 2),
        ("A5", "值班到岗率", "duty_attendance", "bands",
         {"bands": [[95, 2], [90, 1.5], [80, 1]]}, 2))),
    ("重点工作", 25, (
        ("B1", "任务按期解决率", "tasks_solved_on_time", "bands",
         {"bands": [[90, 10], [80, 8], [70, 6], [60, 4]]}, 10),
        ("B2", "发现到解决用时", "days_found_to_solved", "rank", {"step": 0.25}, 7),
        ("B3", "解决后反馈率", "tasks_reported_back", "proportional", {}, 8))),
    ("产业发展", 20, (
        ("C1", "产业项目现场比武", "jury", "direct", {}, 10),
        ("C2", "产业项目按期推进率", "projects_on_schedule", "bands",
         {"bands": [[90, 4], [75, 3], [60, 2], [40, 1]]}, 4),
        ("C3", "产业项目带动就业", "jobs_created", "rank", {"step": 0.1}, 2),
        ("C4", "村集体增收", "collective_income_growth", "rank", {"step": 0.1}, 2),
        ("C5", "人才回流", "talent_returned", "proportional", {}, 2))),
    ("基层治理", 20, (
        ("D1", "实地查看", "inspection", "direct", {}, 10),
        ("D2", "基层治理现场比武", "jury", "direct", {}, 10))),
    ("为民服务", 15, (
        ("E1", "每百名村民志愿服务时长", "volunteer_hours_per_100", "proportional", {}, 10),
        ("E2", "出具志愿服务时长证明", "certificates_issued", "proportional", {}, 5))),
)
# Before the offices kept their records in the app, every group was judged by hand.
SCHEME_BY_HAND: tuple[tuple[str, float, tuple[tuple[str, str, str, str, dict, float], ...]],
                      ...] = (
    ("党建引领", 20, (("A1", "党建工作现场比武", "jury", "direct", {}, 20),)),
    ("重点工作", 25, (("B1", "重点工作现场比武", "jury", "direct", {}, 25),)),
    ("产业发展", 20, (("C1", "产业项目现场比武", "jury", "direct", {}, 20),)),
    ("基层治理", 20, (("D1", "实地查看", "inspection", "direct", {}, 10),
                      ("D2", "基层治理现场比武", "jury", "direct", {}, 10))),
    ("为民服务", 15, (("E1", "为民服务现场比武", "jury", "direct", {}, 15),)),
)
BONUSES = ("联建经验做法被县级媒体推广", "承办全镇党建观摩现场会", "共富工坊新增就业岗位")
PENALTIES = ("矛盾纠纷未就地化解上交镇里", "联席会议记录不全", "任务逾期未说明原因")
VETO = "辖区发生较大安全生产事故"
SELF_REPORTS = ("本季度召开联席会议 3 次，完成“四议两公开”事项 2 件，"
                "群众反映的问题均按期办结并反馈。",
                "围绕产业联建，组织各村合作社联合销售，志愿服务队开展入户走访。",
                "排水沟清淤、路灯维修等任务全部办结，村务公开栏按月更新。")


def _points(rng: random.Random, full: float, form: float) -> float:
    """A judge's points: the cluster's form (0..1) of full marks, give or take, in halves."""
    value = full * min(1.0, max(0.3, form + rng.uniform(-0.08, 0.08)))
    return round(value * 2) / 2


def build_assessment(connection: Connection, db: Database, *, seed: int, today: date) -> None:
    """Write the sample's quarters into the sample town in ``connection`` and finalise all
    but the current one."""
    rng = random.Random(f"lianjian-demo:{seed}:assessment")
    current = quarter_of(today)
    quarters = [current]
    for _ in range(QUARTERS - 1):
        quarters.insert(0, previous_quarter(quarters[0]))
    first_day = quarter_dates(quarters[0])[0]
    writer = RowWriter(db, DeterministicIds(f"lianjian-demo:{seed}:assessment-ids",
                                            at(first_day)))
    clusters = [row[0] for row in connection.exec_driver_sql(
        "SELECT id FROM cluster WHERE deleted = 0 ORDER BY rowid")]
    strength = {c: rng.uniform(0.55, 0.85) for c in clusters}
    # the clusters the judges favour most, quarter by quarter: the flag moves
    favourites = [clusters[0], clusters[0], clusters[5], clusters[11], clusters[5]]
    vetoed = clusters[17]
    schemes = []
    records_begin = today - timedelta(days=RECORDS_BEGIN_DAYS)
    for n, quarter in enumerate(quarters):
        start, end = quarter_dates(quarter)
        moment = at(start + timedelta(days=3), 10)
        by_hand = end < records_begin
        note = "示例数据（虚构）：方案经镇党委会研究确定。" + (
            "" if by_hand else "自本季度起，部分指标由各值班室台账记录自动计算（第 2 版）。")
        scheme = writer.add(AssessScheme, moment, None, quarter=quarter,
                            title=f"{quarter_label(quarter)}联合党组织擂台比武",
                            scheme_version=1 if by_hand else 2,
                            flag_min_score=FLAG_MIN_SCORE, note=note)
        schemes.append(scheme)
        for g, (group_name, weight, indicators) in enumerate(
                SCHEME_BY_HAND if by_hand else SCHEME):
            group = writer.add(AssessGroup, moment, None, scheme_id=scheme["id"],
                               name=group_name, weight=weight, position=g + 1)
            for i, (code, name, source, rule, params, full) in enumerate(indicators):
                indicator = writer.add(
                    AssessIndicator, moment, None, scheme_id=scheme["id"],
                    group_id=group["id"], code=code, name=name, source=source, rule=rule,
                    params=json.dumps(params, ensure_ascii=False) if params else "",
                    max_points=full, position=i + 1)
                if source not in ("jury", "inspection"):
                    continue
                if quarter == current and source == "inspection":
                    continue  # the current quarter's inspection is still to come
                scored_on = at(min(end, today - timedelta(days=1)) - timedelta(days=2), 14)
                for cluster in clusters:
                    form = strength[cluster] + rng.uniform(-0.1, 0.1)
                    if cluster == favourites[n]:
                        form = 0.97
                    for judge in JUDGES if source == "jury" else INSPECTORS:
                        writer.add(AssessScore, scored_on, None, scheme_id=scheme["id"],
                                   indicator_id=indicator["id"], assessed_id=cluster,
                                   judge=judge, points=_points(rng, full, form))
        for kind, reasons in (("bonus", BONUSES), ("penalty", PENALTIES)):
            for _ in range(2):
                day = start + timedelta(days=rng.randint(5, 80))
                writer.add(AssessAdjustment, at(min(day, today - timedelta(days=1))), None,
                           scheme_id=scheme["id"], assessed_id=rng.choice(clusters),
                           kind=kind, points=rng.choice((1.0, 2.0, 2.5)),
                           reason=rng.choice(reasons), evidence="镇党建办核实材料",
                           approver="镇党委书记", happened_on=min(day, today))
        if n == 2:
            writer.add(AssessAdjustment, at(start + timedelta(days=40)), None,
                       scheme_id=scheme["id"], assessed_id=vetoed, kind="veto", points=0.0,
                       reason=VETO, evidence="县应急管理局通报", approver="镇党委书记",
                       happened_on=start + timedelta(days=40))
    _self_reports(connection, writer, schemes[-1], clusters[:3], today)
    writer.flush(connection)
    _finalise(connection, schemes[:-1])


def _self_reports(connection: Connection, writer: RowWriter, scheme: dict,
                  clusters: list[str], today: date) -> None:
    """Three offices have filed this quarter's 自评, each pointing at two of its tasks."""
    start = quarter_dates(scheme["quarter"])[0]
    for n, cluster in enumerate(clusters):
        tasks = [row[0] for row in connection.exec_driver_sql(
            "SELECT id FROM work_task WHERE cluster_id = ? AND status = 'reported'"
            " AND deleted = 0 ORDER BY rowid LIMIT 2", (cluster,))]
        writer.add(AssessSelfReport, at(max(start, today - timedelta(days=3 + n)), 15), None,
                   scheme_id=scheme["id"], cluster_id=cluster,
                   summary=SELF_REPORTS[n % len(SELF_REPORTS)], claimed_points=88.0 - 3 * n,
                   evidence="\n".join(tasks))


def _finalise(connection: Connection, schemes: list[dict]) -> None:
    """定稿 of the past quarters, each some days after its end, from the records as built."""
    from desktop_app.services.assessment import finalise_scheme

    with Session(connection) as session:
        for row in schemes:
            scheme = session.get(AssessScheme, row["id"])
            assert scheme is not None
            end = quarter_dates(scheme.quarter)[1]
            finalise_scheme(session, scheme, "镇党委书记",
                            at(end + timedelta(days=8), 16) - LOCAL_UTC_OFFSET)
            # finalise_scheme flushed the figures into the demo's own transaction
