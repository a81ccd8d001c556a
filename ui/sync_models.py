"""Small read-only table models for the sync page (tens of rows held in memory).

``RowsModel`` shows a list of plain objects (``PeerStatus``, ``Conflict`` ...) through
``Field`` getters; a field may flag a cell in red (clock skew).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.services.sync import PeerStatus

WARN_BRUSH = QBrush(QColor("#b3261e"))
ROLE_LABELS = {"town": "镇", "village": "中心村"}
STATUS_LABELS = {"pending": "待批准", "approved": "已批准", "refused": "已拒绝"}
DAY_MS = 86400000
_NO_PARENT = QModelIndex()


@dataclass(frozen=True)
class Field:
    header: str
    text: Callable[[Any], str]
    width: int = 100
    warn: Callable[[Any], bool] | None = None  # shown in red when true
    align_right: bool = False


class RowsModel(QAbstractTableModel):
    def __init__(self, fields: Sequence[Field], parent=None) -> None:
        super().__init__(parent)
        self.fields = list(fields)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> Any:
        return self.rows[number]

    def rowCount(self, parent=_NO_PARENT) -> int:  # noqa: N802 (Qt naming)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_NO_PARENT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.fields)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.fields[section].header
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, field = self.rows[index.row()], self.fields[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return field.text(row)
        if role == Qt.ItemDataRole.ForegroundRole and field.warn is not None and field.warn(row):
            return WARN_BRUSH
        if role == Qt.ItemDataRole.TextAlignmentRole and field.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def local_time(value: datetime | None) -> str:
    """A stored UTC time (naive) as local time, "2025-05-10 14:30"; empty if never."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def skew_text(skew_ms: int | None) -> str:
    return f"{skew_ms / DAY_MS:+.1f} 天" if skew_ms else ""


PEER_FIELDS = [
    Field("电脑", lambda p: p.name or "未命名电脑", 130),
    Field("类型", lambda p: ROLE_LABELS.get(p.role, p.role), 60),
    Field("状态", lambda p: STATUS_LABELS.get(p.status, p.status), 70,
          warn=lambda p: p.status != "approved"),
    Field("指纹", lambda p: p.fingerprint, 150),
    Field("上次发出", lambda p: local_time(p.last_sent_at), 120),
    Field("上次收到", lambda p: local_time(p.last_received_at), 120),
    Field("对方未收到", lambda p: f"{p.lacks} 条", 80, align_right=True),
    Field("日期相差", lambda p: skew_text(p.clock_skew_ms), 90,
          warn=lambda p: bool(p.clock_skew_ms)),
]


def peer_name(peer: PeerStatus) -> str:
    return peer.name or "未命名电脑"
