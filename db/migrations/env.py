"""Alembic environment: always run from ``db.migrate`` with a connection supplied."""

from alembic import context
from sqlmodel import SQLModel

import db.models  # noqa: F401  (registers the tables)

config = context.config
target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        from db.engine import make_engine

        url = config.get_main_option("sqlalchemy.url")
        if url is None:
            raise RuntimeError("run migrations through db.migrate, or set sqlalchemy.url")
        connection = make_engine(url).connect()
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        include_object=lambda obj, name, type_, *_: not name.startswith("search_"),
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
