"""Search over everything people write, as the window and the CLI show it.

:mod:`desktop_app.search.fts` finds the records; this adds what a person reads: each hit's
title, cluster, date, where it matched (a task's 任务进展) and a snippet with the words
marked, ID and phone numbers masked, and the number of records of each kind (the search box
counts each kind up to ``COUNT_CAP`` and says "1,000+" beyond it; the CLI counts them all).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop_app.records.masking import mask, masked_text
from desktop_app.records.types import RECORD_TYPES, table_label
from desktop_app.search.fts import (
    MARK_END,
    MARK_START,
    Filters,
    SearchHit,
    count_by_kind,
    count_up_to,
    secret_key,
)
from desktop_app.search.fts import search as run_search
from desktop_app.search.indexing import INDEXED
from desktop_app.storage.database import Database

# The kinds in the order results are shown (those not named here come after them).
KIND_ORDER = ("work_task", "agenda_item", "meeting", "duty_shift", "person", "village",
              "cluster", "volunteer_activity", "volunteer_team", "certificate_record")
KINDS = tuple(sorted({spec.kind for spec in INDEXED.values()},
                     key=lambda k: (KIND_ORDER.index(k) if k in KIND_ORDER else 99, k)))
# The search box counts the records of a kind up to this many: past it the count says
# "1,000+" (counting the 470,000 tasks whose notes hold 已 would take most of a second).
COUNT_CAP = 1000


def plain_snippet(snippet: str, start: str = "【", end: str = "】") -> str:
    """A snippet with the words found between ``start`` and ``end``."""
    return snippet.replace(MARK_START, start).replace(MARK_END, end)


@dataclass(frozen=True)
class Found:
    """One record found, as a person reads it (plain values, safe between threads)."""

    kind: str
    kind_label: str
    record_id: str
    title: str
    cluster_id: str | None
    cluster: str
    day: str | None
    where: str  # the label of the row that matched, when not the record itself
    snippet: str  # words found between MARK_START and MARK_END; numbers masked
    deleted: bool = False


@dataclass(frozen=True)
class Results:
    """The hits of one search by kind (in ``KINDS`` order), at most a few of each, and the
    number of records of each kind: true, or for the kinds in ``more`` a lower bound."""

    query: str
    counts: Mapping[str, int] = field(default_factory=dict)
    hits: Mapping[str, list[Found]] = field(default_factory=dict)
    more: frozenset[str] = frozenset()  # kinds with more records than counted

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count_text(self, kind: str) -> str:
        """"12" or "1,000+"."""
        return f"{self.counts.get(kind, 0):,}" + ("+" if kind in self.more else "")

    @property
    def total_text(self) -> str:
        return f"{self.total:,}" + ("+" if self.more else "")


class SearchService:
    """Searches and describes what it found; ``rows_of(kind)`` is the display rows of a
    kind's service (``RecordService.rows``)."""

    def __init__(self, db: Database,
                 rows_of: Callable[[str], Callable[[list[str]], dict[str, dict[str, Any]]]]):
        self.db = db
        self._rows_of = rows_of

    def grouped(self, query: str, filters: Filters | None = None,
                per_kind: int = 5, cap: int = COUNT_CAP) -> Results:
        """The number of records of every kind (up to ``cap``) and the newest ``per_kind``
        of each (the search box)."""
        filters = filters or Filters()
        kinds = KINDS if filters.kinds is None else [k for k in KINDS if k in filters.kinds]
        counts: dict[str, int] = {}
        more: set[str] = set()
        hits: list[SearchHit] = []
        with self.db.session() as session:
            connection = session.connection()
            for kind in kinds:
                count = count_up_to(connection, query, kind, cap, filters)
                if not count:
                    continue
                counts[kind] = min(count, cap)
                if count > cap:
                    more.add(kind)
                kept = Filters((kind,), filters.cluster_id, filters.date_from,
                               filters.date_to, filters.deleted)
                hits += run_search(connection, query, limit=per_kind, filters=kept)
        by_kind: dict[str, list[Found]] = {}
        for item in self._describe(query, hits):
            by_kind.setdefault(item.kind, []).append(item)
        return Results(query, counts, by_kind, frozenset(more))

    def search(self, query: str, filters: Filters | None = None,
               limit: int = 50) -> list[Found]:
        """The newest ``limit`` records matching, of every kind (the CLI)."""
        with self.db.session() as session:
            hits = run_search(session.connection(), query, limit=limit,
                              filters=filters or Filters())
        return self._describe(query, hits)

    def counts(self, query: str, filters: Filters | None = None) -> dict[str, int]:
        with self.db.session() as session:
            return count_by_kind(session.connection(), query, filters)

    # --- describing hits -----------------------------------------------------------
    def _describe(self, query: str, hits: list[SearchHit]) -> list[Found]:
        rows: dict[str, dict[str, Any]] = {}
        for kind in {hit.kind for hit in hits}:
            rows.update(self._rows_of(kind)([h.record_id for h in hits if h.kind == kind]))
        with self.db.session() as session:
            connection = session.connection()
            clusters: dict[str, str] = {
                row[0]: row[1]
                for row in connection.exec_driver_sql("SELECT id, name FROM cluster")}
            secrets = {hit.source_id: self._secret_match(connection, hit, query)
                       for hit in hits if not _marked(hit.snippet)}
        found = []
        for hit in hits:
            row = rows.get(hit.record_id, {})
            snippet = secrets.get(hit.source_id) or masked_text(hit.snippet)
            found.append(Found(
                hit.kind, table_label(hit.kind), hit.record_id, _title(hit.kind, row),
                hit.cluster_id, clusters.get(hit.cluster_id, "") if hit.cluster_id else "",
                hit.day, table_label(hit.source) if hit.source != hit.kind else "",
                snippet, hit.deleted))
        return found

    @staticmethod
    def _secret_match(connection, hit: SearchHit, query: str) -> str | None:
        """"身份证号：110***********1234" when a whole sensitive value was typed."""
        declared = RECORD_TYPES.get(hit.source)
        sensitive = [f for f in declared.fields if f.sensitive] if declared else []
        if not sensitive:
            return None
        keys = {secret_key(word) for word in query.split()}
        columns = ", ".join(f'"{f.name}"' for f in sensitive)
        row = connection.exec_driver_sql(
            f'SELECT {columns} FROM "{hit.source}" WHERE id = ?', (hit.source_id,)).first()
        if row is None:
            return None
        for spec, value in zip(sensitive, row, strict=True):
            if value and secret_key(str(value)) in keys:
                return f"{spec.label}：{MARK_START}{mask(str(value))}{MARK_END}"
        return None


def _marked(snippet: str) -> bool:
    return MARK_START in snippet


def _title(kind: str, row: Mapping[str, Any]) -> str:
    declared = RECORD_TYPES[kind]
    if declared.title_field:
        return str(row.get(declared.title_field) or "")
    start = row.get("start")  # a duty shift: when, and who
    officers = row.get("officers") or ""
    if isinstance(officers, list):
        officers = "、".join(str(o.get("name", o)) if isinstance(o, dict) else str(o)
                            for o in officers)
    when = f"{start:%Y-%m-%d %H:%M} " if hasattr(start, "strftime") else ""
    return f"{when}{table_label(kind)} {officers}".strip()
