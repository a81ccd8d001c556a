"""擂台比武 sources from the later modules' records: 治理联抓 (visits, disputes, the service
counter) and 人才联育 (training). Each figure comes with the records it counted, as the duty
offices' own sources do (``sources.py``); a cluster with nothing to count has no figure.
The rota's and 产业联营's sources are in ``sources_rota.py`` and ``sources_industry.py``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, text

from desktop_app.assessment.registry import Figure, indicator


def _share(rows, *, percent: bool = True) -> dict[str, Figure]:
    """``rows`` of (cluster, record id, counts as done): the share done, with every record."""
    counted: dict[str, list[str]] = defaultdict(list)
    done: dict[str, int] = defaultdict(int)
    for cluster, record_id, ok in rows:
        counted[cluster].append(record_id)
        done[cluster] += bool(ok)
    scale = 100 if percent else 1
    return {cluster: Figure(round(scale * done[cluster] / len(ids), 1), tuple(ids))
            for cluster, ids in counted.items()}


def _period(start: date, end: date) -> dict[str, str]:
    return {"start": str(start), "end": str(end)}


@indicator("visit_coverage", "微网格走访覆盖率", unit="%", table="micro_grid",
           hint="本季度至少走访过一次的微网格占全部微网格的比例")
def visit_coverage(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    return _share(connection.execute(text(
        "SELECT m.cluster_id, m.id, EXISTS (SELECT 1 FROM grid_visit v"
        " WHERE v.micro_grid_id = m.id AND +v.deleted = 0"
        " AND v.visited_on BETWEEN :start AND :end)"
        " FROM micro_grid m WHERE +m.deleted = 0"), _period(start, end)))


@indicator("disputes_handled", "矛盾纠纷调处率", unit="%", table="dispute",
           hint="本季度受理的矛盾纠纷中已结案的比例")
def disputes_handled(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    return _share(connection.execute(text(
        "SELECT cluster_id, id, status = 'closed' FROM dispute WHERE +deleted = 0"
        " AND registered_on BETWEEN :start AND :end"), _period(start, end)))


@indicator("disputes_success", "矛盾纠纷调解成功率", unit="%", table="dispute",
           hint="本季度结案的矛盾纠纷中调解成功的比例")
def disputes_success(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    return _share(connection.execute(text(
        "SELECT cluster_id, id, outcome = 'success' FROM dispute WHERE +deleted = 0"
        " AND status = 'closed' AND closed_on BETWEEN :start AND :end"), _period(start, end)))


@indicator("requests_in_time", "代办按时办结率", unit="%", table="service_request",
           hint="本季度办结的代办事项中在办结时限内办结的比例")
def requests_in_time(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    return _share(connection.execute(text(
        "SELECT cluster_id, id, due_on IS NULL OR done_on <= due_on FROM service_request"
        " WHERE +deleted = 0 AND status = 'done' AND done_on BETWEEN :start AND :end"),
        _period(start, end)))


@indicator("service_satisfaction", "群众满意率", unit="%", table="service_request",
           hint="本季度办结并评价的代办事项中评为“满意”及以上的比例")
def service_satisfaction(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    return _share(connection.execute(text(
        "SELECT cluster_id, id, rating >= 4 FROM service_request WHERE +deleted = 0"
        " AND status = 'done' AND rating IS NOT NULL AND done_on BETWEEN :start AND :end"),
        _period(start, end)))


@indicator("training_hours", "培训学时", unit="学时", table="training_session",
           hint="本季度举办的培训的学时合计")
def training_hours(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    hours: dict[str, float] = defaultdict(float)
    ids: dict[str, list[str]] = defaultdict(list)
    for cluster, record_id, spent in connection.execute(text(
            "SELECT cluster_id, id, hours FROM training_session WHERE +deleted = 0"
            " AND held_on BETWEEN :start AND :end"), _period(start, end)):
        hours[cluster] += float(spent or 0)
        ids[cluster].append(record_id)
    return {cluster: Figure(round(hours[cluster], 1), tuple(ids[cluster])) for cluster in ids}
