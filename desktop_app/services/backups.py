"""Backups for the window: at close and at most daily while open (storage/backups.py)."""

from __future__ import annotations

import logging
from datetime import datetime

from desktop_app.storage import backups
from desktop_app.storage.backups import Backup
from desktop_app.storage.database import Database

log = logging.getLogger(__name__)


class BackupService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[Backup]:
        return backups.backups(self.db.path)

    def create(self, now: datetime | None = None) -> Backup:
        made = backups.create(self.db.path, now)
        log.info("backup written and checked: %s", made.path)
        return made

    def create_if_due(self, now: datetime | None = None) -> Backup | None:
        """A backup if the newest is a day old or more (the window checks hourly)."""
        return self.create(now) if backups.due(self.db.path, now) else None
