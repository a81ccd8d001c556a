"""One colour language for statuses, in lists, charts and tiles: what a status means, not which
record type it belongs to. Grey waits, blue is under way, green is done, teal is closed and
reported back, brown stopped, red is late or a problem. Text colours only (never a background):
Windows' high-contrast mode replaces them with its own and nothing else depends on them."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor

from ui.theme import LEVELS

TONES = {
    "waiting": "#757575",
    "active": "#1565c0",
    "done": LEVELS["good"][0],  # as the tiles' 良好 and 逾期
    "closed": "#00796b",
    "stopped": "#8d6e63",
    "alarm": LEVELS["red"][0],
}
# status key (any record type's) -> tone; a status not listed keeps the default text colour
STATUS_TONES = {
    "pending": "waiting", "accepted": "waiting", "planned": "waiting", "draft": "waiting",
    "in_progress": "active", "open": "active", "mediating": "active", "building": "active",
    "solved": "done", "concluded": "done", "done": "done", "running": "done",
    "reported": "closed", "completed": "closed", "closed": "closed", "finished": "closed",
    "final": "closed",
    "cancelled": "stopped", "withdrawn": "stopped", "returned": "stopped", "stopped": "stopped",
}
_BRUSHES = {status: QBrush(QColor(TONES[tone])) for status, tone in STATUS_TONES.items()}


def status_colour(status: str) -> str | None:
    """``"#2e7d32"`` for ``"solved"``; None for a status without a tone."""
    tone = STATUS_TONES.get(status)
    return TONES[tone] if tone else None


def status_brush(status: object) -> QBrush | None:
    return _BRUSHES.get(status) if isinstance(status, str) else None
