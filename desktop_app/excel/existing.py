"""What the database already holds that an import must know: the records a name may mean
(a village, a person, a cluster ...) and the keys of records that would be duplicates.

Read through the service's database in one query per table (an import of 10,000 rows must
not ask 10,000 times)."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import synced_model, table_of
from desktop_app.records.types import RECORD_TYPES

if TYPE_CHECKING:
    from desktop_app.storage.database import Database


def name_column(table: str) -> str | None:
    """The column a person names a record of ``table`` by (its name or its title)."""
    declared = RECORD_TYPES.get(table)
    columns = table_of(synced_model(table)).columns
    if "name" in columns:
        return "name"
    if declared is not None and declared.title_field and declared.title_field in columns:
        return declared.title_field
    return None


def named_records(session: Session, table: str) -> dict[str, list[dict[str, Any]]]:
    """``name -> [{"id", "cluster_id", "village_id"}]`` of the live records of ``table``."""
    column = name_column(table)
    if column is None:
        return {}
    model_table = table_of(synced_model(table))
    extra = [model_table.c[c] for c in ("cluster_id", "village_id") if c in model_table.c]
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    query = select(model_table.c.id, model_table.c[column], *extra).where(
        model_table.c.deleted.is_(False))
    for row in session.execute(query).mappings():
        found[str(row[column]).strip()].append(dict(row))
    return found


def existing_keys(db: Database, table: str, key_columns: list[tuple[str, ...]],
                  ) -> list[set[tuple[Any, ...]]]:
    """For each tuple of columns, the set of value tuples the live records of ``table`` hold
    (rows with any of those values blank are left out)."""
    model_table = table_of(synced_model(table))
    results: list[set[tuple[Any, ...]]] = []
    with db.session() as session:
        for columns in key_columns:
            query = select(*(model_table.c[c] for c in columns)).where(
                model_table.c.deleted.is_(False))
            results.append({tuple(_key(v) for v in row) for row in session.execute(query)
                            if all(v not in (None, "") for v in row)})
    return results


def load_records(session: Session, table: str, ids: list[str]) -> list[Any]:
    """The records of ``table`` with these ids, loaded into ``session`` (500 at a time)."""
    model = synced_model(table)
    loaded: list[Any] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        loaded += session.scalars(select(model).where(table_of(model).c.id.in_(chunk))).all()
    return loaded


def _key(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


__all__ = ["existing_keys", "load_records", "name_column", "named_records"]
