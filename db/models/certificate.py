"""志愿服务时长证明登记簿: every certificate issued, with its number."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Index
from sqlmodel import Field

from db.models.base import SyncedRecord


class CertificateRecord(SyncedRecord, table=True):
    """One issued volunteer-hours certificate (志愿服务时长证明).

    ``number`` is what is printed, e.g. ``大王镇志证〔2026〕第0001号``: ``prefix`` names the
    issuing office's sequence, ``year`` and ``serial`` its place in it. Serials count up per
    prefix and year and are never reused, also when a certificate is later withdrawn
    (tombstoned): the register keeps every number it ever gave.
    """

    __tablename__ = "certificate_record"
    __table_args__ = (Index("ix_certificate_record_sequence", "prefix", "year", "serial"),)
    number: str = Field(index=True)
    prefix: str = ""
    year: int
    serial: int
    person_id: str = Field(foreign_key="person.id", index=True)
    period_start: date
    period_end: date
    hours: float
    activities: int = 0  # how many activities the hours come from
    issued_on: date
    issuer: str = ""  # 出具单位
    responsible: str = ""  # 负责人
    clerk: str = ""  # 经办人
    contact: str = ""  # 联系电话
    content: str = ""  # 服务内容摘要
