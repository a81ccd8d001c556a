"""Opening a database file for the window: migrate it if needed, connect, hand back the services.

A file written by a newer program is refused untouched with a ``UserError`` that says so, so
that the window needs to know of no error but ``UserError`` and ``OSError``.
"""

from __future__ import annotations

from pathlib import Path

from db.migrate import SchemaTooNewError
from desktop_app.records.errors import UserError
from desktop_app.services import Services
from desktop_app.storage.database import Database


def open_services(path: Path | str) -> Services:
    """The services over the database at ``path`` (created if missing, migrated if older)."""
    try:
        db = Database(path)
    except SchemaTooNewError as error:
        raise UserError(str(error)) from error
    return Services(db)
