"""显示: reveal one masked personal value, and log who looked, when, on which PC and why.

Sensitive fields (``Field.sensitive``) are masked everywhere by ``records.masking``; a form's
显示 button calls :meth:`PrivacyService.reveal` with a short reason, which writes a
``reveal_log`` row in the same transaction as it reads the value. See docs/privacy.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import col, select

from db.models import Person, RevealLog
from desktop_app.records.errors import NotFoundError, ValidationError
from desktop_app.records.types import RECORD_TYPES
from desktop_app.services.base import names_of
from desktop_app.storage.database import Database

LONGEST_REASON = 50


@dataclass(frozen=True)
class Reveal:
    """One logged reveal, as a person reads it."""

    at: datetime  # UTC
    officer: str  # the officer's name ("" if nobody was on shift)
    node: str
    table: str
    record_id: str
    field: str
    field_label: str
    reason: str


class PrivacyService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def reveal(self, table: str, record_id: str, field: str, reason: str) -> str:
        """The whole value of the sensitive ``field`` of record ``record_id``, logged with
        ``reason`` (required, at most 50 characters), the officer on shift and this PC."""
        declared = RECORD_TYPES.get(table)
        spec = next((f for f in declared.fields if f.name == field), None) if declared else None
        if declared is None or spec is None or not spec.sensitive:
            raise ValidationError(field, f"“{field}”不是需要遮挡的个人信息，无需显示")
        reason = (reason or "").strip()
        if not reason:
            raise ValidationError("reason", f"查看{spec.label}前请写明原因，如“出具证明核对”")
        if len(reason) > LONGEST_REASON:
            raise ValidationError("reason", f"原因请写在 {LONGEST_REASON} 字以内")
        with self.db.transaction() as session:
            row = session.connection().exec_driver_sql(
                f'SELECT "{field}" FROM "{table}" WHERE id = ?', (record_id,)).first()
            if row is None:
                raise NotFoundError(declared.label, record_id)
            session.add(RevealLog(
                at=datetime.now(UTC).replace(tzinfo=None), officer_id=self.db.officer_id,
                node=self.db.node.node_id, tbl=table, row_id=record_id, field=field,
                reason=reason))
        return "" if row[0] is None else str(row[0])

    def reveals(self, record_id: str | None = None) -> list[Reveal]:
        """Logged reveals (of one record, or all), oldest first."""
        with self.db.session() as session:
            stmt = select(RevealLog).order_by(col(RevealLog.at), col(RevealLog.id))
            if record_id:
                stmt = stmt.where(col(RevealLog.row_id) == record_id)
            logged = list(session.scalars(stmt))
            names = names_of(session, Person, [r.officer_id for r in logged])
        found = []
        for r in logged:
            declared = RECORD_TYPES.get(r.tbl)
            spec = next((f for f in declared.fields if f.name == r.field), None) \
                if declared else None
            found.append(Reveal(r.at, names.get(r.officer_id, ""), r.node, r.tbl,
                                r.row_id, r.field, spec.label if spec else r.field, r.reason))
        return found
