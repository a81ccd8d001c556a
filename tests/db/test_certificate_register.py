"""The certificate register table: the hand-written migration matches the model."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables)
from db import migrate
from db.engine import make_engine


def test_migration_creates_the_certificate_register_as_the_model_describes(tmp_path):
    """A new database has certificate_record with exactly the model's columns and indexes."""
    path = tmp_path / "new.db"
    migrate.upgrade(path)
    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection),
                                           SQLModel.metadata)
    finally:
        engine.dispose()
    assert [d for d in differences if "certificate_record" in repr(d)] == []
