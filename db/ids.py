"""Identifiers and clocks for records that travel between PCs."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import UTC, datetime

import uuid6

# Rows that stand for a member of a set (a meeting's attendee, a task's claiming
# village ...) get a name-based id derived from the pair they join, so that two PCs
# adding the same member offline produce the same row and sync merges them as a set.
_SET_NAMESPACE = uuid.UUID("6f1c2d0e-7c1a-4b7e-9a55-2c0f3e9b1a77")


def new_id() -> str:
    """A fresh time-ordered UUIDv7, as text."""
    return str(uuid6.uuid7())


def member_id(kind: str, *parts: str) -> str:
    """The stable id of a set member, e.g. ``member_id("attendee", meeting_id, person_id)``."""
    return str(uuid.uuid5(_SET_NAMESPACE, "|".join((kind, *parts))))


def utcnow() -> datetime:
    """The current UTC time without tzinfo (SQLite stores naive datetimes)."""
    return datetime.now(UTC).replace(tzinfo=None)


COUNTER_BITS = 16


class HybridLogicalClock:
    """A hybrid logical clock packed into one integer: wall milliseconds << 16 | counter.

    ``now()`` never goes backwards and always exceeds every value passed to ``observe()``,
    so later edits win over anything the PC has already seen, even with a wrong wall clock.
    Thread-safe: two threads calling ``now()`` at once get two different values.
    """

    def __init__(self, last: int = 0, wall_ms=lambda: int(time.time() * 1000)) -> None:
        self.last = last
        self._wall_ms = wall_ms
        self._lock = threading.Lock()

    def now(self) -> int:
        with self._lock:
            candidate = self._wall_ms() << COUNTER_BITS
            self.last = candidate if candidate > self.last else self.last + 1
            return self.last

    def observe(self, remote: int) -> None:
        with self._lock:
            if remote > self.last:
                self.last = remote

    @staticmethod
    def wall_ms(value: int) -> int:
        return value >> COUNTER_BITS
