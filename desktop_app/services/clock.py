"""The PC's clock as the window sees it: is it plausible, and confirming today's date."""

from __future__ import annotations

from datetime import date

from desktop_app.storage.database import Database
from desktop_app.storage.wall_clock import ClockProblem


class ClockService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def problem(self) -> ClockProblem | None:
        """Why the PC's clock looks wrong, or None (desktop_app/storage/wall_clock.py)."""
        return self.db.clock_problem()

    def today(self) -> date:
        """Today as records are dated: the PC's, or the date a person confirmed by hand."""
        return self.db.wall.today()

    def pc_today(self) -> date:
        return self.db.wall.pc_now().date()

    def confirm_date(self, day: date) -> None:
        """Today is ``day``: new records are stamped with it this session; recorded."""
        self.db.confirm_date(day)
