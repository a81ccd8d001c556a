"""Backups for the window: at close and at most daily while open (storage/backups.py)."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from desktop_app.storage import backups
from desktop_app.storage.backups import Backup
from desktop_app.storage.database import Database

log = logging.getLogger(__name__)


class BackupService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[Backup]:
        return backups.backups(self.db.path)

    def describe(self, path: Path) -> Backup:
        """A backup file a person chose (on a stick, any name)."""
        return backups.describe(path)

    def create(self, now: datetime | None = None) -> Backup:
        made = backups.create(self.db.path, now)
        log.info("backup written and checked: %s", made.path)
        return made

    def create_if_due(self, now: datetime | None = None) -> Backup | None:
        """A backup if the newest is a day old or more (the window checks hourly)."""
        return self.create(now) if backups.due(self.db.path, now) else None

    def copy_to(self, target_dir: Path | str, now: datetime | None = None) -> Backup:
        """备份到…: a checked copy in a folder a person chose (a USB stick)."""
        made = backups.copy_to(self.db.path, Path(target_dir), now)
        log.info("backup copied to %s and checked", made.path)
        return made
