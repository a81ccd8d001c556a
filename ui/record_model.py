"""A table model over record ids: rows are fetched lazily, a block at a time.

The model holds only the list of ids in display order (sorted and filtered by SQL in the
service). Cells ask for their row; a missing row loads its whole block of ``BLOCK`` rows
with one ``fetch_rows(ids)`` call, and a bounded cache keeps the blocks seen last. So 100,000
tasks cost one id list, and scrolling costs one small query per block. When the rows shown
move into another block, the blocks before and after it are read on a worker: scrolling on
finds them loaded, and the GUI thread queries only when the person jumps far.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.records.fields import MANY, ONE_RECORD, Kind
from desktop_app.records.masking import shown
from desktop_app.records.plain import value_text
from desktop_app.records.types import record_type
from ui.background import run_in_background
from ui.status_colours import TONES, status_brush

BLOCK = 200
CACHED_BLOCKS = 40
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
OVERDUE_BRUSH = QBrush(QColor(TONES["alarm"]))
DELETED_BRUSH = QBrush(QColor("#8a8a8a"))
# The view asks ``data()`` for seven roles of every visible cell at every paint: roles are
# compared as plain ints (reading ``Qt.ItemDataRole.X`` costs half a microsecond each time).
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_SERVED = frozenset({_DISPLAY, _TOOLTIP, _ALIGNMENT, _FOREGROUND, ID_ROLE, ROW_ROLE})
_LEFT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_NO_PARENT = QModelIndex()


@dataclass(frozen=True)
class Column:
    """One column: the row key it shows, its header, and how to turn the value into text."""

    key: str
    header: str
    width: int = 100
    sort_key: str | None = None  # the database column to sort by; None: not sortable
    text: Callable[[Any], str] | None = None
    align_right: bool = False
    # Texts the column must show whole (a vocabulary's labels, as ``text`` writes them): the
    # list widens it to the widest of them in its font, as it does to its header.
    samples: tuple[str, ...] = ()


# A list column is as wide as its declared number of characters at this many pixels each.
PIXELS_PER_CHARACTER = 12
COLUMN_PADDING = 12
# A date or time is shown whole at every 字号: its column is widened to one in the list's
# font (at 特大 the declared width read “2026-0…”).
WHOLE_VALUES = {Kind.DATE: value_text(date(2026, 12, 28)),
                Kind.DATETIME: value_text(datetime(2026, 12, 28, 18, 30)),
                Kind.TIME: value_text(time(18, 30))}


def declared_columns(table: str, texts: Mapping[str, Callable[[Any], str]] | None = None,
                     ) -> list[Column]:
    """The list columns of a record type, from its declaration: each field shown in lists
    (and each computed column), with its label, width, sort column and alignment; ``texts``
    turns a column's value into text where plain display is not enough. A choice column
    also gets its vocabulary's labels as ``samples``, so that the longest is shown whole; a
    date or time column one such value, and a field declaring a ``sample`` (a code, a phone
    number) that value as the list shows it."""
    declared = record_type(table)
    columns = []
    for spec in declared.list_columns:
        stored = spec in declared.fields and spec.kind not in MANY | ONE_RECORD
        text = (texts or {}).get(spec.shown_as)
        labels = tuple(spec.choices.values()) if spec.kind is Kind.CHOICE and spec.choices \
            else ()
        if spec.kind in WHOLE_VALUES and text is None:
            labels = (WHOLE_VALUES[spec.kind],)
        elif spec.sample is not None:
            labels = (shown(spec, spec.sample),)
        columns.append(Column(
            spec.shown_as, spec.label,
            spec.column_width * PIXELS_PER_CHARACTER + COLUMN_PADDING,
            spec.sort or (spec.name if stored else None),
            text,
            align_right=spec.kind in (Kind.NUMBER, Kind.DECIMAL),
            samples=tuple(text(label) for label in labels) if text else labels))
    return columns


def _cell_text(column: Column, row: dict[str, Any]) -> str:
    value = row.get(column.key)
    return column.text(value) if column.text else value_text(value)


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column],
                 fetch_rows: Callable[[list[str]], dict[str, dict[str, Any]]],
                 parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._fetch_rows = fetch_rows
        self._ids: list[str] = []
        self._alignments = [_RIGHT if c.align_right else _LEFT for c in self.columns]
        self._status_column = next((n for n, c in enumerate(self.columns)
                                    if c.key == "status_label"), None)
        # block number -> (rows, their cell texts), the texts made once when the block loads
        self._blocks: OrderedDict[int, tuple[list[dict[str, Any] | None],
                                             list[list[str] | None]]] = OrderedDict()
        self._last_block = -1  # the block asked for last: another one has its neighbours read
        self._reading: set[int] = set()  # blocks being read on a worker
        self._generation = 0  # counts the times the cached blocks were forgotten

    # --- what the view asks ---------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return str(section + 1)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = _DISPLAY) -> Any:
        if role not in _SERVED or not index.isValid():
            return None
        number = index.row()
        if role == ID_ROLE:
            return self._ids[number]
        if role == _ALIGNMENT:
            return self._alignments[index.column()]
        rows, texts = self._block_of(number)
        offset = number % BLOCK
        row = rows[offset]
        if role == ROW_ROLE:
            return row
        if row is None:
            return "（已不存在）" if role == _DISPLAY else None
        if role == _FOREGROUND:
            if row.get("deleted"):
                return DELETED_BRUSH
            if row.get("overdue"):
                return OVERDUE_BRUSH
            if index.column() == self._status_column:  # the status in its own colour
                return status_brush(row.get("status"))
            return None
        return texts[offset][index.column()]

    # --- what the page does ---------------------------------------------------------
    def set_ids(self, ids: Sequence[str],
                first_rows: dict[str, dict[str, Any]] | None = None) -> None:
        """Show these ids; ``first_rows`` (``fetch_rows`` of the first block, fetched with the
        ids off the GUI thread) spares the first paint a query."""
        self.beginResetModel()
        self._ids = list(ids)
        self._forget_blocks()
        if first_rows is not None and self._ids:
            self._store_block(0, first_rows)
        self.endResetModel()

    def extend_ids(self, ids: Sequence[str]) -> None:
        """The whole list after its first block was shown (``set_ids``): the rows shown stay
        (no reset, the scroll position and selection stay) and the rest is appended. If the
        list changed meanwhile so that it no longer starts with the rows shown, it is reset."""
        shown = len(self._ids)
        if len(ids) < shown or list(ids[:shown]) != self._ids:
            self.set_ids(ids)
            return
        if len(ids) > shown:
            self.beginInsertRows(QModelIndex(), shown, len(ids) - 1)
            self._ids.extend(ids[shown:])
            self._last_block = -1  # the block shown has new neighbours to read
            self.endInsertRows()

    def refresh_rows(self) -> None:
        """Forget cached rows (after an edit) and repaint."""
        self._forget_blocks()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(self.columns) - 1))

    def _forget_blocks(self) -> None:
        """No block cached, and none being read will be kept (it may hold rows from before
        an edit); the next block asked for has its neighbours read again."""
        self._blocks.clear()
        self._reading.clear()
        self._generation += 1
        self._last_block = -1

    def id_at(self, row: int) -> str:
        return self._ids[row]

    def row_of(self, record_id: str) -> int:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    @property
    def ids(self) -> list[str]:
        return list(self._ids)

    def row(self, number: int) -> dict[str, Any] | None:
        return self._block_of(number)[0][number % BLOCK]

    def _block_of(self, number: int) -> tuple[list[dict[str, Any] | None], list[list[str] | None]]:
        block_number = number // BLOCK
        block = self._blocks.get(block_number)
        if block is None:
            block = self._load_block(block_number)
        else:
            self._blocks.move_to_end(block_number)
        if block_number != self._last_block:
            self._last_block = block_number
            self._read_beside(block_number)
        return block

    def _load_block(self, block_number: int
                    ) -> tuple[list[dict[str, Any] | None], list[list[str] | None]]:
        ids = self._ids[block_number * BLOCK:(block_number + 1) * BLOCK]
        return self._store_block(block_number, self._fetch_rows(ids))

    def _read_beside(self, block_number: int) -> None:
        """The blocks before and after this one, read on a worker if not cached."""
        fetch = self._fetch_rows
        for neighbour in (block_number + 1, block_number - 1):
            if neighbour < 0 or neighbour in self._blocks or neighbour in self._reading:
                continue
            ids = self._ids[neighbour * BLOCK:(neighbour + 1) * BLOCK]
            if not ids:
                continue
            self._reading.add(neighbour)
            run_in_background(
                self, lambda _progress, ids=ids: fetch(ids),
                on_done=functools.partial(self._read, self._generation, neighbour, ids),
                on_error=functools.partial(self._not_read, self._generation, neighbour))

    def _read(self, generation: int, block_number: int, ids: list[str],
              fetched: dict[str, dict[str, Any]]) -> None:
        """A block read on a worker: kept if no block was forgotten meanwhile and the list
        still has those ids there (the last block grows when the whole list comes)."""
        if generation != self._generation:
            return
        self._reading.discard(block_number)
        if block_number not in self._blocks \
                and self._ids[block_number * BLOCK:(block_number + 1) * BLOCK] == ids:
            self._store_block(block_number, fetched)

    def _not_read(self, generation: int, block_number: int, _error: BaseException) -> None:
        """Left to be read when shown (an error then shows where the person is looking)."""
        if generation == self._generation:
            self._reading.discard(block_number)

    def _store_block(self, block_number: int, fetched: dict[str, dict[str, Any]]
                     ) -> tuple[list[dict[str, Any] | None], list[list[str] | None]]:
        ids = self._ids[block_number * BLOCK:(block_number + 1) * BLOCK]
        rows = [fetched.get(record_id) for record_id in ids]
        texts = [None if row is None else [_cell_text(column, row) for column in self.columns]
                 for row in rows]
        self._blocks[block_number] = rows, texts
        while len(self._blocks) > CACHED_BLOCKS:
            self._blocks.popitem(last=False)
        return rows, texts
