"""Today's automatic indicators, from the duty offices' own records."""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import Connection, text

from desktop_app.assessment.registry import Figure, indicator


def _bounds(start: date, end: date) -> tuple[str, str]:
    """The quarter as the stored text of datetimes: from its first midnight to the next
    quarter's (dates and datetimes are bound as text, the way SQLite holds them)."""
    return f"{start} 00:00:00", f"{end + timedelta(days=1)} 00:00:00"


def _rate(done: dict[str, list[str]], counted: dict[str, list[str]]) -> dict[str, Figure]:
    return {cluster: Figure(round(100 * len(done.get(cluster, [])) / len(ids), 1), tuple(ids))
            for cluster, ids in counted.items() if ids}


@indicator("tasks_solved_on_time", "任务按期解决率", unit="%", table="work_task",
           hint="截止日期在本季度的任务中，在截止日期当天或之前解决的比例")
def tasks_solved_on_time(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    due: dict[str, list[str]] = defaultdict(list)
    on_time: dict[str, list[str]] = defaultdict(list)
    # solved_at is stored as text "YYYY-MM-DD HH:MM:SS…": before the next day's date is on time
    for task_id, cluster, solved in connection.execute(text(
            "SELECT id, cluster_id, solved_at < date(due_on, '+1 day') FROM work_task"
            " WHERE +deleted = 0 AND due_on BETWEEN :start AND :end"),
            {"start": str(start), "end": str(end)}):
        due[cluster].append(task_id)
        if solved:
            on_time[cluster].append(task_id)
    return _rate(on_time, due)


@indicator("days_found_to_solved", "发现到解决用时（中位数，天）", unit="天",
           table="work_task", lower_better=True, hint="本季度解决的任务，从发现到解决的天数中位数")
def days_found_to_solved(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    low, high = _bounds(start, end)
    days: dict[str, list[int]] = defaultdict(list)
    ids: dict[str, list[str]] = defaultdict(list)
    for task_id, cluster, found_on, solved_at in connection.execute(text(
            "SELECT id, cluster_id, found_on, solved_at FROM work_task WHERE +deleted = 0"
            " AND solved_at >= :low AND solved_at < :high AND found_on IS NOT NULL"),
            {"low": low, "high": high}):
        days[cluster].append((date.fromisoformat(str(solved_at)[:10])
                              - date.fromisoformat(str(found_on))).days)
        ids[cluster].append(task_id)
    return {c: Figure(float(statistics.median(d)), tuple(ids[c])) for c, d in days.items()}


@indicator("tasks_reported_back", "解决后反馈率", unit="%", table="work_task",
           hint="本季度解决的任务中已向群众反馈的比例")
def tasks_reported_back(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    low, high = _bounds(start, end)
    solved: dict[str, list[str]] = defaultdict(list)
    reported: dict[str, list[str]] = defaultdict(list)
    for task_id, cluster, reported_at in connection.execute(text(
            "SELECT id, cluster_id, reported_at FROM work_task WHERE +deleted = 0"
            " AND solved_at >= :low AND solved_at < :high"), {"low": low, "high": high}):
        solved[cluster].append(task_id)
        if reported_at is not None:
            reported[cluster].append(task_id)
    return _rate(reported, solved)


@indicator("agenda_completed", "四议两公开完成事项", unit="件", table="agenda_item",
           hint="本季度完成公开（第六步）且各表决步骤均达到法定人数和多数的议题")
def agenda_completed(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    found: dict[str, list[str]] = defaultdict(list)
    for item_id, cluster in connection.execute(text(
            "SELECT a.id, a.cluster_id FROM agenda_item a WHERE a.deleted = 0 AND EXISTS ("
            " SELECT 1 FROM decision_step s WHERE s.agenda_item_id = a.id AND s.deleted = 0"
            " AND s.step = 6 AND s.held_on BETWEEN :start AND :end)"
            " AND (SELECT count(DISTINCT s.step) FROM decision_step s"
            "      WHERE s.agenda_item_id = a.id AND s.deleted = 0 AND s.step BETWEEN 2 AND 4"
            "      AND s.outcome = 'passed') = 3"), {"start": str(start), "end": str(end)}):
        found[cluster].append(item_id)
    return {c: Figure(float(len(ids)), tuple(ids)) for c, ids in found.items()}


@indicator("joint_meetings", "联席会议召开次数", unit="次", table="meeting",
           hint="本季度召开的联合党组织联席会议")
def joint_meetings(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    low, high = _bounds(start, end)
    found: dict[str, list[str]] = defaultdict(list)
    for meeting_id, cluster in connection.execute(text(
            "SELECT id, cluster_id FROM meeting WHERE deleted = 0 AND kind = 'joint'"
            " AND start >= :low AND start < :high"), {"low": low, "high": high}):
        found[cluster].append(meeting_id)
    return {c: Figure(float(len(ids)), tuple(ids)) for c, ids in found.items()}


@indicator("volunteer_hours_per_100", "每百名村民志愿服务时长", unit="小时",
           table="volunteer_activity", hint="本季度志愿服务总时长 ÷ 联合党组织人口 × 100")
def volunteer_hours_per_100(connection: Connection, start: date,
                            end: date) -> dict[str, Figure]:
    population: dict[str, int] = dict(connection.execute(text(
        "SELECT cluster_id, sum(population) FROM village WHERE deleted = 0"
        " GROUP BY cluster_id")).all())
    hours: dict[str, float] = defaultdict(float)
    ids: dict[str, list[str]] = defaultdict(list)
    for activity_id, cluster, total in connection.execute(text(
            "SELECT a.id, a.cluster_id, coalesce(sum(p.hours), 0) FROM volunteer_activity a"
            " LEFT JOIN activity_participant p ON p.activity_id = a.id AND p.deleted = 0"
            " WHERE a.deleted = 0 AND a.held_on BETWEEN :start AND :end"
            " GROUP BY a.id"), {"start": str(start), "end": str(end)}):
        hours[cluster] += float(total)
        ids[cluster].append(activity_id)
    return {c: Figure(round(100 * hours[c] / population[c], 2) if population.get(c) else None,
                      tuple(ids[c])) for c in ids}


@indicator("certificates_issued", "出具志愿服务时长证明", unit="份",
           table="certificate_record", hint="本季度为本联合党组织志愿者出具的证明")
def certificates_issued(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    found: dict[str, list[str]] = defaultdict(list)
    for record_id, cluster in connection.execute(text(
            "SELECT c.id, coalesce(p.cluster_id, v.cluster_id) FROM certificate_record c"
            " JOIN person p ON p.id = c.person_id"
            " LEFT JOIN village v ON v.id = p.village_id"
            " WHERE c.deleted = 0 AND c.issued_on BETWEEN :start AND :end"),
            {"start": str(start), "end": str(end)}):
        if cluster:
            found[cluster].append(record_id)
    return {c: Figure(float(len(ids)), tuple(ids)) for c, ids in found.items()}
