"""Backups for the window: at close and at most daily while open (storage/backups.py)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop_app.storage import backups
from desktop_app.storage.database import Database

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    at: datetime
    size: int


class BackupService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self) -> list[BackupInfo]:
        return [BackupInfo(b.path, b.at, b.size) for b in backups.backups(self.db.path)]

    def create(self, now: datetime | None = None) -> BackupInfo:
        made = backups.create(self.db.path, now)
        log.info("backup written and checked: %s", made.path)
        return BackupInfo(made.path, made.at, made.size)

    def create_if_due(self, now: datetime | None = None) -> BackupInfo | None:
        """A backup if the newest is a day old or more (the window checks hourly)."""
        return self.create(now) if backups.due(self.db.path, now) else None
