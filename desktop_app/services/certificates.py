"""志愿服务时长证明登记簿: issuing numbered volunteer-hours certificates.

A certificate states the hours a volunteer served in a period (the sum of their
participations in activities held then). Every certificate gets the next number of its
office's sequence for the year, e.g. ``大王镇志证〔2026〕第0001号``; numbers are never
reused, also after a certificate is withdrawn. Issuing is one transaction, and the caller
may write the document inside it (``then=``): if writing fails, nothing is issued.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, func, select, text
from sqlmodel import Session, col

from db.models import (
    ActivityParticipant,
    CertificateRecord,
    Cluster,
    Person,
    Town,
    VolunteerActivity,
    VolunteerTeam,
)
from desktop_app.records.errors import NotFoundError, ValidationError
from desktop_app.services.base import (
    RecordService,
    require_plausible_dates,
    require_record,
)

SUFFIX = "志证"  # 志愿服务证明
MAX_SUMMARY_TITLES = 5


@dataclass(frozen=True)
class ServiceLine:
    """One activity a volunteer served at, as the certificate lists it."""

    held_on: date
    title: str
    team: str
    place: str
    content: str
    hours: float


@dataclass
class ServiceRecord:
    """A volunteer's service in a period: the activities and the total hours."""

    person_id: str
    period_start: date
    period_end: date
    lines: list[ServiceLine] = field(default_factory=list)

    @property
    def hours(self) -> float:
        return round(sum(line.hours for line in self.lines), 2)

    def summary(self) -> str:
        """``参加义诊进村、美丽庭院评选入户等志愿服务活动5次`` (the register's content)."""
        titles: list[str] = []
        for line in self.lines:
            if line.title not in titles:
                titles.append(line.title)
        shown = "、".join(titles[:MAX_SUMMARY_TITLES])
        more = "等" if len(titles) > MAX_SUMMARY_TITLES else ""
        return f"参加{shown}{more}志愿服务活动{len(self.lines)}次"


def format_number(prefix: str, year: int, serial: int) -> str:
    """``大王镇志证〔2026〕第0001号``."""
    return f"{prefix}〔{year}〕第{serial:04d}号"


class CertificateService(RecordService[CertificateRecord]):
    model = CertificateRecord
    status_column = None
    date_column = "issued_on"
    order_by = ("-issued_on", "-serial")

    # --- reading -----------------------------------------------------------------------
    def service_record(self, person_id: str, period_start: date,
                       period_end: date) -> ServiceRecord:
        """The activities ``person_id`` served at between the two dates (inclusive)."""
        with self.db.session() as session:
            return self._service_record(session, person_id, period_start, period_end)

    @staticmethod
    def _service_record(session: Session, person_id: str, period_start: date,
                        period_end: date) -> ServiceRecord:
        rows = session.execute(
            select(col(VolunteerActivity.held_on), col(VolunteerActivity.title),
                   col(VolunteerTeam.name), col(VolunteerActivity.place),
                   col(VolunteerActivity.content), col(ActivityParticipant.hours))
            .join(VolunteerActivity, col(VolunteerActivity.id) == ActivityParticipant.activity_id)
            .outerjoin(VolunteerTeam, col(VolunteerTeam.id) == VolunteerActivity.team_id)
            .where(col(ActivityParticipant.person_id) == person_id,
                   col(ActivityParticipant.deleted).is_(False),
                   col(VolunteerActivity.deleted).is_(False),
                   col(VolunteerActivity.held_on) >= period_start,
                   col(VolunteerActivity.held_on) <= period_end)
            .order_by(col(VolunteerActivity.held_on), col(VolunteerActivity.start_time),
                      col(VolunteerActivity.id))
        )
        lines = [ServiceLine(held_on, title, team or "", place, content, float(hours))
                 for held_on, title, team, place, content, hours in rows]
        return ServiceRecord(person_id, period_start, period_end, lines)

    def describe(self, session: Session,
                 records: list[CertificateRecord]) -> dict[str, dict[str, Any]]:
        rows = super().describe(session, records)
        return {c.id: {**rows[c.id], "period": f"{c.period_start}～{c.period_end}",
                       "title": c.number}
                for c in records}

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        if extra.get("person_id"):
            stmt = stmt.where(CertificateRecord.person_id == extra["person_id"])
        return stmt

    def filter_text(self, stmt: Select, text: str) -> Select:
        """The register is searched by number or by the volunteer's name (it is short, and
        not in the full-text index)."""
        pattern = f"%{text.strip()}%"
        named = select(col(Person.id)).where(col(Person.name).like(pattern))
        return stmt.where(col(CertificateRecord.number).like(pattern)
                          | col(CertificateRecord.person_id).in_(named))

    def find(self, certificate: str) -> CertificateRecord:
        """A certificate by its id or by its number (大王镇志证〔2026〕第0001号); a withdrawn
        one is refused."""
        with self.db.session() as session:
            record = session.get(CertificateRecord, certificate) or session.scalar(
                select(CertificateRecord)
                .where(col(CertificateRecord.number) == certificate.strip()))
            if record is None:
                raise NotFoundError(self.label, certificate)
            if record.deleted:
                raise ValidationError("certificate", f"证明{record.number}已作废，不能补打")
            return record

    def default_issuer(self) -> str:
        """This office's organisation: the cluster it serves, else the town."""
        with self.db.session() as session:
            return self._office_name(session)

    def _office_name(self, session: Session) -> str:
        cluster_id = self.db.node.cluster_id
        if cluster_id:
            cluster = session.get(Cluster, cluster_id)
            if cluster is not None:
                return cluster.name
        town = session.scalar(select(col(Town.name)).where(col(Town.deleted).is_(False)).limit(1))
        return town or ""

    # --- issuing -----------------------------------------------------------------------
    def issue(
        self,
        person_id: str,
        period_start: date,
        period_end: date,
        *,
        issued_on: date | None = None,
        issuer: str | None = None,
        responsible: str = "",
        clerk: str = "",
        contact: str = "",
        then: Callable[[CertificateRecord, ServiceRecord], Any] | None = None,
    ) -> CertificateRecord:
        """Give ``person_id`` the next certificate number for their hours in the period.

        ``then(record, service)`` runs inside the same transaction (to write the document):
        if it raises, the certificate is not issued and its number stays free.
        """
        issued_on = issued_on or self.db.wall.today()
        require_plausible_dates(
            {"period_start": period_start, "period_end": period_end, "issued_on": issued_on},
            {"period_start": "开始日期", "period_end": "结束日期", "issued_on": "出具日期"})
        if period_start > period_end:
            raise ValidationError(
                "period_end", f"开始日期（{period_start}）不能晚于结束日期（{period_end}）")
        if period_start > issued_on:
            raise ValidationError("period_start", f"证明期间尚未开始（{period_start}）")
        with self.db.transaction() as session:
            # Take the write lock before reading the last serial, so that two programs
            # issuing at once cannot both take the same number.
            session.execute(text("UPDATE local_node SET hlc = hlc WHERE id = 1"))
            person = require_record(session, Person, person_id, "person_id", "人员")
            office_cluster = self.db.node.cluster_id
            if office_cluster and person.cluster_id != office_cluster:
                # The town would refuse this PC's sync files (the certificate is the volunteer's
                # cluster's record).
                raise ValidationError("person_id", f"{person.name}不属于本值班室的联合党组织，"
                                                   "不能在本机出具证明")
            service = self._service_record(session, person_id, period_start, period_end)
            if not service.lines:
                raise ValidationError(
                    "person_id",
                    f"{person.name}在{period_start}至{period_end}期间没有志愿服务记录，"
                    "不能出具时长证明")
            office = self._office_name(session)
            prefix = f"{office}{SUFFIX}" if office else SUFFIX
            serial = (session.scalar(
                select(func.max(CertificateRecord.serial))
                .where(col(CertificateRecord.prefix) == prefix,
                       col(CertificateRecord.year) == issued_on.year)) or 0) + 1
            record = CertificateRecord(
                number=format_number(prefix, issued_on.year, serial), prefix=prefix,
                year=issued_on.year, serial=serial, person_id=person_id,
                period_start=period_start, period_end=period_end, hours=service.hours,
                activities=len(service.lines), issued_on=issued_on,
                issuer=(issuer or "").strip() or office, responsible=responsible.strip(),
                clerk=clerk.strip(), contact=contact.strip(), content=service.summary(),
            )
            session.add(record)
            session.flush()
            if then is not None:
                then(record, service)
            return record
