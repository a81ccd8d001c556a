"""Rules the 治理联抓 services share: a record takes its cluster and village from the record it
belongs to, a cadre must be of that cluster, and working days by the town's holidays."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session

from db.models import Cluster, Person, SyncedRecord, Village
from desktop_app.records.errors import ValidationError
from desktop_app.rota import working_days
from desktop_app.services.base import require_record
from desktop_app.services.rota import calendar_of


def take_place_of(values: dict[str, Any], existing: SyncedRecord | None, owner: Any,
                  field: str) -> None:
    """Set ``cluster_id`` and ``village_id`` of a new or moved record to its owner's (the
    village itself, a grid, a micro-grid); moving it to another cluster is refused, naming
    ``field``."""
    if isinstance(owner, Village):
        values["village_id"] = owner.id
    else:
        values["village_id"] = owner.village_id
    values["cluster_id"] = owner.cluster_id
    if existing is not None and getattr(existing, "cluster_id", None) != owner.cluster_id:
        raise ValidationError(field, "不能移到其他联合党组织")


def village_of(session: Session, values: dict[str, Any], existing: Any) -> Village | None:
    """The village given in ``values`` (or the record's own), live."""
    village_id = values.get("village_id", getattr(existing, "village_id", None))
    return require_record(session, Village, village_id, "village_id", "村")


def require_cadre_of(session: Session, person_id: str | None, cluster_id: str, field: str,
                     label: str) -> Person | None:
    """A person chosen as 网格长, 微网格长, 代办员 … must belong to the record's cluster (or be a
    town cadre without one); one of another cluster is refused, by name."""
    person = require_record(session, Person, person_id, field, label)
    if person is None or person.cluster_id in (None, cluster_id):
        return person
    other = session.get(Cluster, person.cluster_id)
    here = session.get(Cluster, cluster_id)
    theirs = other.name if other else "其他联合党组织"
    ours = here.name if here else "本联合党组织"
    raise ValidationError(field, f"{label}{person.name}属于{theirs}，不是{ours}或本村的人员")


def add_working_days(session: Session, cluster_id: str | None, start: date,
                     days: int) -> date:
    """``days`` working days after ``start`` by the town's holidays and 调休 days (and the
    cluster's own) as the rota's 节假日 records keep them."""
    first, last = working_days.calendar_span(start, days)
    calendar = {day: kind for day, (kind, _name) in
                calendar_of(session, cluster_id, first, last).items()}
    return working_days.add_working_days(start, days, calendar)
