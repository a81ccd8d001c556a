"""Opening a database file for the window: migrate it if needed, connect, hand back the services.

A file written by a newer program is refused untouched with a ``UserError`` that says so, so
that the window needs to know of no error but ``UserError`` and ``OSError``.
"""

from __future__ import annotations

from dataclasses import dataclass
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


class BackupRefused(UserError):
    """The chosen backup cannot be restored; the open file was not touched."""


@dataclass
class Restored:
    """The window's database after 从备份恢复: reopened on the restored file, or on the
    current one if the restore could not be done (``error``)."""

    services: Services
    kept: Path | None = None  # the file as it was before, kept beside it
    error: UserError | None = None

    @property
    def history_gap(self) -> int:
        """Own changes sent after the backup, to come back from the town (docs/sync.md)."""
        return self.services.db.history_gap


def restore_backup(services: Services, backup: Path | str) -> Restored:
    """Close ``services``' database, put ``backup`` in its place (the current file is kept
    first, ``storage.backups.restore``) and open it again. The key file stays: a restored PC
    does not fork the sync history. The caller must have stopped every other user of it."""
    from desktop_app.storage import backups

    backup = Path(backup)
    problem = backups.integrity_problem(backup) if backup.is_file() else "找不到文件"
    if problem is not None:  # checked before closing: the window keeps working on failure
        raise BackupRefused(f"这份备份不能用来恢复（{problem}）。请换一份备份。")
    path = services.db.path
    services.db.close()
    try:
        kept = backups.restore(path, backup)
    except UserError as error:
        return Restored(open_services(path), error=error)
    return Restored(open_services(path), kept=kept)
