"""The rota read against the sign-ins: who is due on a day and whether they signed in, a
month's 值班表, attendance per person and village, and the assessment figures (duty coverage
and attendance per cluster and quarter) as plain data."""

from __future__ import annotations

import calendar as month_calendar
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from db.models import (
    Cluster,
    DutyLeave,
    DutyPoolMember,
    DutyShift,
    Person,
    RotaTurn,
    ShiftOfficer,
    Village,
)
from desktop_app.assessment.registry import Figure
from desktop_app.assessment.sources_rota import attendance_figures, coverage_figures
from desktop_app.records.types.rota import POOL_ROLES
from desktop_app.rota.attendance import STATUSES, Leave, Tally, statuses, tally
from desktop_app.rota.generator import Pattern, parse_weekdays, staffed_days
from desktop_app.services.base import names_of
from desktop_app.services.ordering import cluster_order
from desktop_app.services.rota import calendar_of, pattern_of
from desktop_app.storage.database import Database

WEEKDAYS = "一二三四五六日"
TOWN_CADRE = "镇干部"  # a 包村干部 or 党建指导员 belongs to no village


def month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, month_calendar.monthrange(year, month)[1])


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * quarter - 2, 1)
    return first, month_span(year, 3 * quarter)[1]


def _turns(session: Session, cluster_id: str | None, first: date,
           last: date) -> list[RotaTurn]:
    stmt = select(RotaTurn).where(col(RotaTurn.deleted).is_(False),
                                  col(RotaTurn.day) >= first, col(RotaTurn.day) <= last)
    if cluster_id:
        stmt = stmt.where(col(RotaTurn.cluster_id) == cluster_id)
    return list(session.scalars(stmt.order_by(col(RotaTurn.day), col(RotaTurn.person_id))))


def _signed_in(session: Session, cluster_id: str | None, first: date,
               last: date) -> set[tuple[str, date, str]]:
    """(cluster, day, person) of every officer on a shift that started in the span."""
    stmt = (select(col(DutyShift.cluster_id), col(DutyShift.start), col(ShiftOfficer.person_id))
            .join(ShiftOfficer, col(ShiftOfficer.shift_id) == col(DutyShift.id))
            .where(col(DutyShift.deleted).is_(False), col(ShiftOfficer.deleted).is_(False),
                   col(DutyShift.start) >= first, col(DutyShift.start) < last + timedelta(1)))
    if cluster_id:
        stmt = stmt.where(col(DutyShift.cluster_id) == cluster_id)
    return {(c, start.date(), p) for c, start, p in session.execute(stmt)}


def _leave(session: Session, cluster_id: str | None, first: date, last: date) -> list[Leave]:
    stmt = select(DutyLeave).where(col(DutyLeave.deleted).is_(False),
                                   col(DutyLeave.start_on) <= last, col(DutyLeave.end_on) >= first)
    if cluster_id:
        stmt = stmt.where(col(DutyLeave.cluster_id) == cluster_id)
    return [Leave(x.person_id, x.start_on, x.end_on, x.reason) for x in session.scalars(stmt)]


def _statuses(session: Session, cluster_id: str | None, first: date, last: date,
              today: date) -> list[tuple[RotaTurn, str]]:
    turns = _turns(session, cluster_id, first, last)
    signed = _signed_in(session, cluster_id, first, last)
    leave = _leave(session, cluster_id, first, last)
    found = []
    for turn in turns:
        mine = {(d, p) for c, d, p in signed if c == turn.cluster_id}
        [(_, _, status)] = statuses([(turn.day, turn.person_id)], mine, leave, today)
        found.append((turn, status))
    return found


def _pool_info(session: Session, cluster_id: str | None) -> dict[tuple[str, str], Any]:
    stmt = select(DutyPoolMember).where(col(DutyPoolMember.deleted).is_(False))
    if cluster_id:
        stmt = stmt.where(col(DutyPoolMember.cluster_id) == cluster_id)
    return {(m.cluster_id, m.person_id): m for m in session.scalars(stmt)}


class RotaReportService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def today(self) -> date:
        return self.db.wall.now().date()

    def due(self, day: date, cluster_id: str | None = None) -> list[dict[str, Any]]:
        """Who is due on ``day`` (in one cluster or all), each with whether they signed in."""
        with self.db.session() as session:
            rows = _statuses(session, cluster_id, day, day, self.today())
            return self._rows(session, cluster_id, rows)

    def _rows(self, session: Session, cluster_id: str | None,
              rows: list[tuple[RotaTurn, str]]) -> list[dict[str, Any]]:
        people = names_of(session, Person, [t.person_id for t, _ in rows]
                          + [t.swapped_from_id for t, _ in rows])
        clusters = names_of(session, Cluster, {t.cluster_id for t, _ in rows})
        pool = _pool_info(session, cluster_id)
        villages = names_of(session, Village, [m.village_id for m in pool.values()])
        found = []
        for turn, status in rows:
            member = pool.get((turn.cluster_id, turn.person_id))
            found.append({
                "id": turn.id, "day": turn.day, "cluster_id": turn.cluster_id,
                "cluster": clusters.get(turn.cluster_id, ""), "person_id": turn.person_id,
                "person": people.get(turn.person_id, ""),
                "village_id": member.village_id if member else None,
                "village": villages.get(member.village_id if member else None)
                or (TOWN_CADRE if member and member.role != "village_committee" else ""),
                "role": member.role if member else "",
                "role_label": POOL_ROLES.get(member.role, "") if member else "",
                "swapped_from": people.get(turn.swapped_from_id, ""),
                "on_holiday": turn.on_holiday, "note": turn.note,
                "status": status, "status_label": STATUSES[status]})
        return found

    def month(self, cluster_id: str, year: int, month: int) -> dict[str, Any]:
        """A month's 值班表: each day (weekday, holiday, staffed) with its officers;
        ``unplanned``: a staffed day from today on with nobody on the rota yet (a past day
        without a rota had no duty to miss)."""
        first, last = month_span(year, month)
        today = self.today()
        with self.db.session() as session:
            cluster = session.get(Cluster, cluster_id)
            found = pattern_of(session, cluster_id)
            pattern = (Pattern() if found is None else Pattern(
                parse_weekdays(found.weekdays), found.officers_per_day, found.required_role))
            holidays = calendar_of(session, cluster_id, first, last)
            staffed = set(staffed_days(first, last, pattern,
                                       {d: k for d, (k, _) in holidays.items()}))
            rows = self._rows(session, cluster_id,
                              _statuses(session, cluster_id, first, last, today))
        days: list[dict[str, Any]] = []
        day = first
        while day <= last:
            kind, name = holidays.get(day, ("", ""))
            days.append({"day": day, "weekday": WEEKDAYS[day.weekday()],
                         "holiday": name if kind == "holiday" else "",
                         "workday": name if kind == "workday" else "",
                         "staffed": day in staffed,
                         "unplanned": day in staffed and day >= today
                         and not any(r["day"] == day for r in rows),
                         "officers": [r for r in rows if r["day"] == day]})
            day += timedelta(days=1)
        width = max([pattern.per_day] + [len(d["officers"]) for d in days])
        return {"cluster_id": cluster_id, "cluster": cluster.name if cluster else "",
                "year": year, "month": month, "per_day": width, "days": days,
                "required_role": POOL_ROLES.get(pattern.required_role or "", "")}

    def attendance(self, year: int, month: int, cluster_id: str | None = None, *,
                   today: date | None = None) -> dict[str, Any]:
        """到岗 per person and per village for a month (one cluster or the whole town);
        turns from ``today`` (by default the PC's date) on are still to come."""
        first, last = month_span(year, month)
        with self.db.session() as session:
            rows = self._rows(session, cluster_id, _statuses(session, cluster_id, first, last,
                                                             today or self.today()))
        people = tally((r["person_id"], r["status"]) for r in rows)
        villages = tally((r["village_id"] or "", r["status"]) for r in rows)
        first_row = {r["person_id"]: r for r in rows}
        village_row = {r["village_id"] or "": r for r in rows}

        def line(tallied: Tally, **names: Any) -> dict[str, Any]:
            return {**names, **tallied.as_dict()}

        return {
            "year": year, "month": month, "cluster_id": cluster_id,
            "people": sorted((line(t, person_id=p, person=first_row[p]["person"],
                                   village=first_row[p]["village"],
                                   cluster=first_row[p]["cluster"])
                              for p, t in people.items()),
                             key=lambda r: (r["cluster"], r["village"], r["person"])),
            "villages": sorted((line(t, village_id=v, village=village_row[v]["village"],
                                     cluster=village_row[v]["cluster"])
                                for v, t in villages.items()),
                               key=lambda r: (r["cluster"], r["village"])),
            "absences": [r for r in rows if r["status"] == "absent"],
            "total": tally(("", r["status"]) for r in rows).get("", Tally()).as_dict(),
        }


    def indicators(self, year: int, quarter: int) -> list[dict[str, Any]]:
        """值班覆盖率 and 到岗率 of every cluster for the quarter (see ``duty_indicators``)."""
        return duty_indicators(self.db, year, quarter)


# --- assessment indicators (擂台比武): figures per cluster and quarter -----------------------


def _quarter_figures(db: Database, year: int, quarter: int, today: date | None = None
                     ) -> tuple[dict[str, Figure], dict[str, Figure]]:
    """Coverage and attendance of every cluster, from the 擂台比武 sources themselves."""
    first, last = quarter_span(year, quarter)
    with db.session() as session:
        connection = session.connection()
        return (coverage_figures(connection, first, last),
                attendance_figures(connection, first, last, today or db.wall.now().date()))


def _share(figure: Figure | None) -> float | None:
    return None if figure is None or figure.value is None else figure.value / 100


def duty_coverage(db: Database, cluster_id: str, year: int, quarter: int) -> float | None:
    """值班覆盖率: of the quarter's staffed days (pattern, holidays, 调休), the share whose
    rota has the pattern's number of officers. None: the cluster staffs no day."""
    return _share(_quarter_figures(db, year, quarter)[0].get(cluster_id))


def duty_attendance(db: Database, cluster_id: str, year: int, quarter: int,
                    today: date | None = None) -> float | None:
    """值班到岗率: turns signed in over past turns not excused by leave, for the quarter.
    None: no past turn to count."""
    return _share(_quarter_figures(db, year, quarter, today)[1].get(cluster_id))


def duty_indicators(db: Database, year: int, quarter: int) -> list[dict[str, Any]]:
    """Both figures for every cluster: [{cluster_id, cluster, coverage, attendance}]."""
    with db.session() as session:
        clusters = [(c.id, c.name) for c in session.scalars(
            select(Cluster).where(col(Cluster.deleted).is_(False)).order_by(*cluster_order()))]
    coverage, attendance = _quarter_figures(db, year, quarter)
    return [{"cluster_id": cid, "cluster": name, "coverage": _share(coverage.get(cid)),
             "attendance": _share(attendance.get(cid))} for cid, name in clusters]


def month_coverage(db: Database, year: int, month: int) -> dict[str, float | None]:
    """值班覆盖率 of every cluster for a month (the town's 全镇概况), as a share."""
    first, last = month_span(year, month)
    with db.session() as session:
        found = coverage_figures(session.connection(), first, last)
    return {cluster: _share(figure) for cluster, figure in found.items()}
