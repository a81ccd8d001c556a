"""擂台比武 sources from 产业联营 and 人才联育: projects on schedule, the jobs and the village
collective income the cluster's projects bring, and talent come back to the village.

Projects are judged as they stand (their status and planned dates); a finalised quarter keeps
the figures it had (定稿). Each figure comes with the records it counted; a cluster with
nothing to count has no figure.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, text

from desktop_app.assessment.registry import Figure, indicator

UNDER_WAY = ("building", "running", "finished")  # a project that has begun and not stopped
EARNING = ("running", "finished")  # a project that pays the villages


def _period(start: date, end: date) -> dict[str, str]:
    return {"start": str(start), "end": str(end)}


def _sums(rows) -> dict[str, Figure]:
    """``rows`` of (cluster, record id, amount): the amounts added up, with every record."""
    total: dict[str, float] = defaultdict(float)
    ids: dict[str, list[str]] = defaultdict(list)
    for cluster, record_id, amount in rows:
        total[cluster] += float(amount or 0)
        ids[cluster].append(record_id)
    return {cluster: Figure(round(total[cluster], 1), tuple(ids[cluster])) for cluster in ids}


@indicator("projects_on_schedule", "产业项目按期推进率", unit="%", table="aid_project",
           hint="开工日期在本季度末之前的产业项目中按期推进的比例：运营中、已完工，或建设中且"
                "未过计划完工日期（仍在规划中、已停止、建设中已过计划完工日期的为未按期）")
def projects_on_schedule(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    counted: dict[str, list[str]] = defaultdict(list)
    on_time: dict[str, int] = defaultdict(int)
    for cluster, project_id, status, planned_end in connection.execute(text(
            "SELECT cluster_id, id, status, end_on FROM aid_project WHERE +deleted = 0"
            " AND start_on <= :end ORDER BY start_on, id"), _period(start, end)):
        counted[cluster].append(project_id)
        on_time[cluster] += status in EARNING or (
            status == "building" and (planned_end is None or str(planned_end) > str(end)))
    return {cluster: Figure(round(100 * on_time[cluster] / len(ids), 1), tuple(ids))
            for cluster, ids in counted.items()}


@indicator("jobs_created", "产业项目带动就业", unit="人", table="aid_project",
           hint="本季度末已开工、未停止的产业项目带动就业人数合计")
def jobs_created(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    return _sums(connection.execute(text(
        "SELECT cluster_id, id, jobs FROM aid_project WHERE +deleted = 0 AND start_on <= :end"
        f" AND status IN {UNDER_WAY}"), _period(start, end)))


@indicator("collective_income_growth", "村集体增收", unit="万元", table="aid_project",
           hint="运营中、已完工的产业项目本季度为参与村带来的集体增收：每村年增收 × 参与村数"
                " ÷ 4，合计（万元）")
def collective_income_growth(connection: Connection, start: date,
                             end: date) -> dict[str, Figure]:
    return _sums(connection.execute(text(
        "SELECT p.cluster_id, p.id, p.village_income * max(1, (SELECT count(*)"
        " FROM project_share s WHERE s.project_id = p.id AND +s.deleted = 0)) / 4.0 / 10000"
        " FROM aid_project p WHERE +p.deleted = 0 AND p.start_on <= :end"
        f" AND p.status IN {EARNING}"), _period(start, end)))


@indicator("talent_returned", "人才回流", unit="人", table="talent_profile",
           hint="本季度从“在外”回到“在村”的人才（按返乡日期）")
def talent_returned(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    people: dict[str, set[str]] = defaultdict(set)  # one person in two pools counts once
    ids: dict[str, list[str]] = defaultdict(list)
    for cluster, profile_id, person_id in connection.execute(text(
            "SELECT cluster_id, id, person_id FROM talent_profile WHERE +deleted = 0"
            " AND whereabouts = 'in_village' AND returned_on BETWEEN :start AND :end"
            " ORDER BY returned_on, id"), _period(start, end)):
        people[cluster].add(person_id)
        ids[cluster].append(profile_id)
    return {cluster: Figure(float(len(people[cluster])), tuple(ids[cluster])) for cluster in ids}
