"""志愿服务时长证明: a numbered certificate of a volunteer's hours in a period.

Per 《志愿服务记录与证明出具办法》: the volunteer's name and ID number, the hours and the
content of the service, the activities it comes from, the issuing organisation, its
responsible person and clerk, a contact, the certificate's number and date, and room for the
seal. Issuing takes the next number from the register (``CertificateService``) in the same
transaction that writes the file: a file that cannot be written issues nothing. A copy of an
issued certificate (补打) is the same document with the same number, marked as a copy; it
is refused once the activities it lists have changed, as it would no longer match.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from db.models import CertificateRecord
from desktop_app.documents import layout, writer
from desktop_app.documents.compose import Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import Cell
from desktop_app.documents.text import cn_date, hours
from desktop_app.records.errors import UserError
from desktop_app.services import Services
from desktop_app.services.certificates import ServiceRecord

TEMPLATE = "certificate"
COLUMNS = [("序号", 12), ("服务日期", 42), ("活动名称", 46), ("志愿服务队", 38),
           ("时长\n（小时）", 22)]


@dataclass(frozen=True)
class Issuer:
    """Who issues the certificate; empty fields are left as lines to fill in by hand."""

    organisation: str | None = None  # default: this office's cluster, else the town
    responsible: str = ""
    clerk: str | None = None  # default: the officer on shift
    contact: str = ""


def write_certificate(person: dict, record: CertificateRecord, service: ServiceRecord,
                      body: Composer, copy_made_on: date | None = None) -> None:
    id_number = person.get("id_number") or "　" * 9
    details = "，".join(x for x in (person.get("gender"), f"身份证号：{id_number}") if x)
    teams = sorted({line.team for line in service.lines if line.team})
    organiser = "、".join(teams) if teams else record.issuer
    body.paragraph(
        f"兹证明{person['name']}（{details}）"
        f"于{cn_date(record.period_start)}至{cn_date(record.period_end)}期间，参加{organiser}"
        f"组织的志愿服务活动{record.activities}次，累计志愿服务时长{hours(record.hours)}小时"
        "（不含往返路途时间）。")
    body.paragraph(f"主要服务内容：{record.content}。具体记录如下：")
    table = body.table([w for _, w in COLUMNS])
    table.header([name for name, _ in COLUMNS])
    for number, line in enumerate(service.lines, 1):
        table.row([Cell(str(number), align="center"), cn_date(line.held_on), line.title,
                   line.team, Cell(hours(line.hours), align="center")])
    table.row([Cell("合计", span=4, bold=True, align="center"),
               Cell(hours(record.hours), bold=True, align="center")])
    body.add_table(table)
    body.paragraph("特此证明。")
    body.blank()
    body.closing([f"出具单位（盖章）：{record.issuer}",
                  f"负责人：{record.responsible or '　　　　　　'}",
                  f"经办人：{record.clerk or '　　　　　　'}",
                  f"联系电话：{record.contact or '　　　　　　　　'}",
                  cn_date(record.issued_on)], sealed=True)
    body.blank()
    body.paragraph(f"本证明编号为{record.number}，依据《志愿服务记录与证明出具办法》出具，"
                   "可向出具单位查验。", layout.NOTE)
    if copy_made_on is not None:
        body.paragraph(f"本件为{cn_date(copy_made_on)}补打件，内容与原证明一致。", layout.NOTE)


def _write(person: dict, record: CertificateRecord, service: ServiceRecord, target: Path,
           options: Options | None, copy_made_on: date | None = None) -> Path:
    values = {"标题": "志愿服务时长证明", "单位": record.issuer, "编号": record.number,
              "日期": cn_date(record.issued_on)}
    return produce(TEMPLATE, values,
                   lambda body: write_certificate(person, record, service, body, copy_made_on),
                   target, options)


def issue_certificate(services: Services, person_id: str, date_from: date, date_to: date,
                      out: Path | str, issuer: Issuer | None = None,
                      options: Options | None = None, *,
                      issued_on: date | None = None) -> CertificateRecord:
    """Issue the next numbered certificate of ``person_id``'s hours and write it to ``out``.

    Unknown person, an empty or reversed period, or an unwritable file: a UserError, and
    no number is taken.
    """
    issuer = issuer or Issuer()
    target = writer.check_target(out)
    # the certificate prints the whole ID number (docs/privacy.md): the one unmasked read
    person = services.people.rows([services.people.get(person_id).id], unmasked=True)[person_id]
    clerk = issuer.clerk
    if clerk is None and services.db.officer_id:
        clerk = services.people.get(services.db.officer_id, include_deleted=True).name

    def write(record: CertificateRecord, service: ServiceRecord) -> None:
        _write(person, record, service, target, options)

    return services.certificates.issue(
        person_id, date_from, date_to, issued_on=issued_on, issuer=issuer.organisation,
        responsible=issuer.responsible, clerk=clerk or "", contact=issuer.contact, then=write)


def reprint_certificate(services: Services, certificate: str, out: Path | str,
                        options: Options | None = None, *,
                        today: date | None = None) -> CertificateRecord:
    """Write a copy of the issued certificate ``certificate`` (its id or its number).

    A withdrawn certificate, or one whose activities changed since it was issued (the copy
    would not say what the original says): a UserError, and nothing is written.
    """
    target = writer.check_target(out)
    record = services.certificates.find(certificate)
    service = services.certificates.service_record(record.person_id, record.period_start,
                                                   record.period_end)
    if (service.hours, len(service.lines)) != (record.hours, record.activities):
        raise UserError(
            f"证明{record.number}出具后，期间内的志愿服务记录有变动（现为"
            f"{hours(service.hours)}小时、{len(service.lines)}次，证明上为"
            f"{hours(record.hours)}小时、{record.activities}次），不能补打原件；"
            "请按现在的记录重新出具证明。")
    person = services.people.rows([record.person_id], unmasked=True)[record.person_id]
    _write(person, record, service, target, options, copy_made_on=today or date.today())
    return record
