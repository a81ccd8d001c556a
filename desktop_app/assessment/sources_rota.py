"""擂台比武 sources from the 轮值排班: duty coverage (值班覆盖率) and attendance (到岗率).

Both read the quarter's rows straight from the database (each cluster's pattern, the town's
holidays and the cluster's own, the turns, the sign-ins and the leave) and judge them with the
rota's own pure rules (``rota.generator.staffed_days``, ``rota.attendance.turn_status``), so
the 排班 page, ``rota indicators`` and the ranking give one figure. The evidence of both is
the turns counted (值班安排).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import Connection, text

from desktop_app.assessment.registry import Figure, indicator
from desktop_app.rota.attendance import Leave, turn_status
from desktop_app.rota.generator import Pattern, parse_weekdays, staffed_days


def _period(start: date, end: date) -> dict[str, str]:
    return {"start": str(start), "end": str(end)}


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _patterns(connection: Connection) -> dict[str, Pattern]:
    """Every live cluster's pattern: its first 排班规则, else the default (weekdays, two)."""
    found: dict[str, Pattern] = {}
    for cluster, weekdays, per_day, role in connection.execute(text(
            "SELECT cluster_id, weekdays, officers_per_day, required_role FROM rota_pattern"
            " WHERE +deleted = 0 ORDER BY created_at")):
        found.setdefault(cluster, Pattern(parse_weekdays(weekdays), per_day, role))
    for (cluster,) in connection.execute(text("SELECT id FROM cluster WHERE +deleted = 0")):
        found.setdefault(cluster, Pattern())
    return found


def _calendars(connection: Connection, start: date,
               end: date) -> tuple[dict[date, str], dict[str, dict[date, str]]]:
    """The town's holidays (day -> holiday/workday) and each cluster's own (which win)."""
    town: dict[date, str] = {}
    own: dict[str, dict[date, str]] = defaultdict(dict)
    for cluster, day, kind in connection.execute(text(
            "SELECT cluster_id, day, kind FROM holiday WHERE +deleted = 0"
            " AND day BETWEEN :start AND :end"), _period(start, end)):
        (town if cluster is None else own[cluster])[_day(day)] = kind
    return town, own


def _turns(connection: Connection, start: date,
           end: date) -> dict[str, list[tuple[str, date, str]]]:
    """cluster -> [(turn id, day, person)] of the span's turns, in date order."""
    found: dict[str, list[tuple[str, date, str]]] = defaultdict(list)
    for turn_id, cluster, day, person in connection.execute(text(
            "SELECT id, cluster_id, day, person_id FROM rota_turn WHERE +deleted = 0"
            " AND day BETWEEN :start AND :end ORDER BY day, person_id"), _period(start, end)):
        found[cluster].append((turn_id, _day(day), person))
    return found


def coverage_figures(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    """值班覆盖率 (%) of every cluster from ``start`` to ``end``: of its staffed days (its
    pattern less holidays, plus 调休 working days), the share whose rota has the pattern's
    number of officers. A cluster that staffs no day in the span has no figure; one with no
    rota yet has 0."""
    town, own = _calendars(connection, start, end)
    turns = _turns(connection, start, end)
    found: dict[str, Figure] = {}
    for cluster, pattern in _patterns(connection).items():
        days = staffed_days(start, end, pattern, {**town, **own.get(cluster, {})})
        if not days:
            continue
        per_day: dict[date, int] = defaultdict(int)
        for _, day, _person in turns.get(cluster, []):
            per_day[day] += 1
        covered = sum(1 for day in days if per_day[day] >= pattern.per_day)
        found[cluster] = Figure(round(100 * covered / len(days), 1),
                                tuple(t for t, _, _ in turns.get(cluster, [])))
    return found


def attendance_figures(connection: Connection, start: date, end: date,
                       today: date) -> dict[str, Figure]:
    """到岗率 (%) of every cluster from ``start`` to ``end``: of the turns before ``today``
    not excused by leave (请假), the share whose officer signed in to a shift of the cluster
    that day. A cluster with no such turn has no figure."""
    params = _period(start, end)
    signed: set[tuple[str, date, str]] = set()
    for cluster, started, person in connection.execute(text(
            "SELECT s.cluster_id, s.start, o.person_id FROM duty_shift s"
            " JOIN shift_officer o ON o.shift_id = s.id WHERE +s.deleted = 0"
            " AND +o.deleted = 0 AND s.start >= :start AND s.start < date(:end, '+1 day')"),
            params):
        signed.add((cluster, _day(started), person))
    leave: dict[str, list[Leave]] = defaultdict(list)
    for cluster, person, first, last in connection.execute(text(
            "SELECT cluster_id, person_id, start_on, end_on FROM duty_leave WHERE +deleted = 0"
            " AND start_on <= :end AND end_on >= :start"), params):
        leave[cluster].append(Leave(person, _day(first), _day(last)))
    found: dict[str, Figure] = {}
    for cluster, turns in _turns(connection, start, end).items():
        mine = {(day, person) for c, day, person in signed if c == cluster}
        counted: list[str] = []
        present = 0
        for turn_id, day, person in turns:
            status = turn_status(day, person, mine, leave[cluster], today)
            if status in ("present", "absent"):
                counted.append(turn_id)
                present += status == "present"
        if counted:
            found[cluster] = Figure(round(100 * present / len(counted), 1), tuple(counted))
    return found


@indicator("duty_coverage", "值班覆盖率", unit="%", table="rota_turn",
           hint="本季度按排班规则应值班的日子（除去节假日、加上调休上班日）中排满人的比例")
def duty_coverage(connection: Connection, start: date, end: date) -> dict[str, Figure]:
    return coverage_figures(connection, start, end)


@indicator("duty_attendance", "值班到岗率", unit="%", table="rota_turn", as_of=True,
           hint="本季度已到期、未请假的值班中按时签到的比例")
def duty_attendance(connection: Connection, start: date, end: date,
                    today: date) -> dict[str, Figure]:
    # a draft quarter counts the turns before today; a finished one all of its turns
    return attendance_figures(connection, start, end, today)
