"""Rows that repeat each other or a record already there."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from desktop_app.excel.columns import importable
from desktop_app.excel.existing import existing_keys
from desktop_app.excel.plans import ROW_PROBLEM, NewVillage, SheetRow
from desktop_app.records.fields import DATES, ONE_RECORD, Kind, RecordType
from desktop_app.records.masking import mask

if TYPE_CHECKING:
    from desktop_app.services import Services


class Duplicates:
    """Rows that repeat each other or a record already there: the same ID number, or the
    same name (title) in the same village (or cluster, and on the same date for titles)."""

    def __init__(self, services: Services, declared: RecordType) -> None:
        self.services = services
        self.declared = declared
        self.keys = duplicate_keys(declared)

    def check(self, rows: list[SheetRow]) -> None:
        if not self.keys:
            return
        existing = existing_keys(self.services.db, self.declared.table, self.keys)
        seen: list[dict[tuple[Any, ...], int]] = [{} for _ in self.keys]
        for row in rows:
            for n, columns in enumerate(self.keys):
                key = self._key(row, columns)
                if key is None:
                    continue
                what = self._describe(columns, key)
                if key in existing[n]:
                    row.problems.setdefault(ROW_PROBLEM, f"已有相同的{self.declared.label}"
                                                         f"（{what}）")
                elif key in seen[n]:
                    row.problems.setdefault(ROW_PROBLEM, f"与第 {seen[n][key]} 行重复（{what}）")
                else:
                    seen[n][key] = row.number

    def _key(self, row: SheetRow, columns: tuple[str, ...]) -> tuple[Any, ...] | None:
        values = tuple(row.values.get(c) for c in columns)
        if any(v in (None, "") or isinstance(v, NewVillage) for v in values):
            return None
        return values

    def _describe(self, columns: tuple[str, ...], key: tuple[Any, ...]) -> str:
        parts = []
        for column, value in zip(columns, key, strict=True):
            spec = self.declared.field(column)
            if spec.kind in ONE_RECORD:
                continue  # an id says nothing to a person; the label says "same village"
            shown = mask(value) if spec.sensitive else value
            parts.append(f"{spec.label} {shown}")
        scope = [self.declared.field(c).label for c in columns
                 if self.declared.field(c).kind in ONE_RECORD]
        return "，".join(parts) + (f"，{'、'.join(scope)}相同" if scope else "相同")


def duplicate_keys(declared: RecordType) -> list[tuple[str, ...]]:
    """The columns whose values together may appear once among live records: an ID number;
    the name in its village (or cluster); a title in its cluster on its first date."""
    fields = {f.name: f for f in importable(declared)}
    keys: list[tuple[str, ...]] = []
    if "id_number" in fields:
        keys.append(("id_number",))
    title = declared.title_field
    if title in fields:
        scope = next((f.name for f in fields.values() if f.kind is Kind.VILLAGE), None) \
            or ("cluster_id" if "cluster_id" in fields else None)
        key = (title,) + ((scope,) if scope else ())
        if title != "name":
            day = next((f.name for f in fields.values() if f.kind in DATES), None)
            key += (day,) if day else ()
        keys.append(key)
    return keys


__all__ = ["Duplicates", "duplicate_keys"]
