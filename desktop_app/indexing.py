"""Which fields of which records the search covers, and keeping the index current."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection

from db.models import (
    AgendaItem,
    Cluster,
    DutyShift,
    Meeting,
    Person,
    SyncedRecord,
    Village,
    VolunteerActivity,
    VolunteerTeam,
    WorkTask,
)
from desktop_app.search import SearchDoc, index_docs, unindex

# model -> (fields whose text is searched, fields whose pinyin is searched too)
SEARCHABLE: dict[type[SyncedRecord], tuple[tuple[str, ...], tuple[str, ...]]] = {
    Cluster: (("name", "note"), ("name",)),
    Village: (("name",), ("name",)),
    Person: (("name", "post", "note"), ("name",)),
    AgendaItem: (("title", "description", "analysis", "measures"), ()),
    WorkTask: (("title", "description"), ()),
    Meeting: (("title", "place", "summary"), ()),
    VolunteerTeam: (("name",), ()),
    VolunteerActivity: (("title", "content", "place"), ()),
    DutyShift: (("log", "handover_note"), ()),
}


def kind_of(model: type[SyncedRecord]) -> str:
    return model.__tablename__


def doc_for(record: SyncedRecord) -> SearchDoc:
    text_fields, name_fields = SEARCHABLE[type(record)]
    cluster_id = record.id if isinstance(record, Cluster) else getattr(record, "cluster_id", None)
    return SearchDoc(
        kind=kind_of(type(record)),
        record_id=record.id,
        cluster_id=cluster_id,
        body=" ".join(str(getattr(record, f) or "") for f in text_fields),
        names=" ".join(str(getattr(record, f) or "") for f in name_fields),
    )


def reindex(connection: Connection, records: Iterable[SyncedRecord]) -> None:
    """Bring the index in line with ``records`` (tombstoned ones leave the index)."""
    live, gone = [], []
    for record in records:
        if type(record) not in SEARCHABLE:
            continue
        (gone if record.deleted else live).append(record)
    if gone:
        unindex(connection, [r.id for r in gone])
    if live:
        index_docs(connection, [doc_for(r) for r in live])
