"""Sign-in against the rota: each due turn is 到岗 (the officer signed in to a shift of the
cluster that day), 请假 (excused by leave), 缺岗 (a past day with neither) or 待到岗 (today or
later). Pure: given the turns, the sign-ins and the leave."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

STATUSES = {"present": "到岗", "excused": "请假", "absent": "缺岗", "due": "待到岗"}


@dataclass(frozen=True)
class Leave:
    person_id: str
    start_on: date
    end_on: date
    reason: str = ""

    def covers(self, person_id: str, day: date) -> bool:
        return person_id == self.person_id and self.start_on <= day <= self.end_on


def turn_status(day: date, person_id: str, signed_in: set[tuple[date, str]],
                leave: Iterable[Leave], today: date) -> str:
    """One turn's status key (see ``STATUSES``)."""
    if (day, person_id) in signed_in:
        return "present"
    if any(item.covers(person_id, day) for item in leave):
        return "excused"
    return "absent" if day < today else "due"


@dataclass
class Tally:
    """Turns due, and how each went, for one person or village over a span."""

    due: int = 0
    counts: Counter[str] = field(default_factory=Counter)

    def add(self, status: str) -> None:
        self.due += 1
        self.counts[status] += 1

    @property
    def present(self) -> int:
        return self.counts["present"]

    @property
    def excused(self) -> int:
        return self.counts["excused"]

    @property
    def absent(self) -> int:
        return self.counts["absent"]

    @property
    def rate(self) -> float | None:
        """到岗率: turns signed in over past turns not excused (None: none yet)."""
        counted = self.present + self.absent
        return self.present / counted if counted else None

    def as_dict(self) -> dict[str, object]:
        return {"due": self.due, "present": self.present, "excused": self.excused,
                "absent": self.absent, "upcoming": self.counts["due"],
                "rate": None if self.rate is None else round(self.rate, 4)}


def tally(statuses: Iterable[tuple[str, str]]) -> dict[str, Tally]:
    """``key -> Tally`` for (key, status) pairs (key: a person's or a village's id)."""
    found: dict[str, Tally] = {}
    for key, status in statuses:
        found.setdefault(key, Tally()).add(status)
    return found


def statuses(turns: Iterable[tuple[date, str]], signed_in: set[tuple[date, str]],
             leave: Iterable[Leave], today: date) -> list[tuple[date, str, str]]:
    """(day, person_id, status) for each turn."""
    leave = list(leave)
    return [(day, person, turn_status(day, person, signed_in, leave, today))
            for day, person in turns]


def villages_tally(rows: Iterable[tuple[date, str, str]],
                   village_of: Mapping[str, str | None]) -> dict[str, Tally]:
    return tally((village_of.get(person) or "", status) for _, person, status in rows)
