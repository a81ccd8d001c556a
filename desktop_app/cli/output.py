"""What the CLI prints: aligned plain-text tables for people, or JSON for programs.

Every command builds plain data (dicts of ids, names, labels, dates) and hands it to
:class:`Output`, which prints either a table / a record / a message (text mode) or the data
itself as JSON (``--json``): lists as ``{"items": [...], "total": N}``, one record as an
object. In JSON mode nothing but the JSON document goes to stdout.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TextIO

from desktop_app.records.plain import value_text

ELLIPSIS = "…"
GAP = "  "


@dataclass(frozen=True)
class Column:
    """A table column: the key of each row dict, its Chinese header, an optional width cap."""

    key: str
    header: str
    max_width: int | None = None


@dataclass(frozen=True)
class Section:
    """A table printed under a record (a task's progress, a meeting's attendees ...)."""

    title: str
    key: str  # the key of the record dict holding the rows
    columns: Sequence[Column]


# --- text helpers ----------------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters count two."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def truncate(text: str, limit: int | None) -> str:
    if limit is None or display_width(text) <= limit:
        return text
    kept, width = [], 0
    for char in text:
        char_width = display_width(char)
        if width + char_width > limit - 1:
            break
        kept.append(char)
        width += char_width
    return "".join(kept) + ELLIPSIS


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def cell(value: Any) -> str:
    """One value as text (:func:`value_text`) on one line: no line breaks inside a table cell."""
    return " ".join(value_text(value).split())


# Between the cells of a row kept for printing: a control character ``cell`` never leaves in
# a cell (``str.split`` treats it as white space).
_CELL_END = "\x1f"


class _Table:
    """A table filled a chunk of rows at a time: each row is kept as one string of its cells
    (not as the records and dicts it came from), and each column's width grows as rows come.
    A list of 100,000 tasks takes a few dozen MB this way."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.columns = columns
        self.widths = [display_width(c.header) for c in columns]
        self.rows: list[str] = []

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            cells = [truncate(cell(row.get(c.key)), c.max_width) for c in self.columns]
            self.widths = [max(w, display_width(v)) for w, v in zip(self.widths, cells,
                                                                    strict=True)]
            self.rows.append(_CELL_END.join(cells))

    def lines(self) -> Iterator[str]:
        """Header, rule and rows, each column padded to its widest cell."""
        widths = self.widths
        yield GAP.join(pad(c.header, w) for c, w in zip(self.columns, widths,
                                                          strict=True)).rstrip()
        yield GAP.join("-" * w for w in widths)
        for row in self.rows:
            yield GAP.join(pad(v, w) for v, w in zip(row.split(_CELL_END), widths,
                                                     strict=True)).rstrip()


def table(rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> list[str]:
    """Header, rule and rows, each column padded to its widest cell."""
    built = _Table(columns)
    built.add(rows)
    return list(built.lines())


def _json_default(value: Any) -> Any:
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)


# --- the printer -----------------------------------------------------------------------


class Output:
    """Prints for people (``json_mode=False``) or for programs (``json_mode=True``)."""

    def __init__(self, json_mode: bool = False, stream: TextIO | None = None) -> None:
        self.json_mode = json_mode
        self.stream = stream if stream is not None else sys.stdout

    def _write(self, text: str) -> None:
        self.stream.write(text + "\n")

    def json(self, data: Any) -> None:
        self._write(to_json(data))

    def table(self, rows: Sequence[dict[str, Any]], columns: Sequence[Column]) -> None:
        """A table without a count line (text mode only)."""
        for line in table(rows, columns):
            self._write(line)

    def listing(self, rows: Sequence[dict[str, Any]], columns: Sequence[Column], total: int,
                offset: int = 0) -> None:
        """A list of records with a final count line ``共 N 条``."""
        self.listing_in_chunks([rows], columns, total, offset)

    def listing_in_chunks(self, chunks: Iterable[Sequence[dict[str, Any]]],
                          columns: Sequence[Column], total: int, offset: int = 0) -> None:
        """:meth:`listing` of rows that come a chunk at a time (a whole town's tasks): each
        chunk may be let go once it is read, so memory does not grow with the records'
        objects. The output is the same as :meth:`listing` of all the rows at once."""
        if self.json_mode:
            self._json_listing(chunks, total)
            return
        built = _Table(columns)
        for chunk in chunks:
            built.add(chunk)
        shown = len(built.rows)
        if shown:
            for line in built.lines():
                self._write(line)
        else:
            self._write("（无记录）")
        count = f"共 {total} 条"
        if shown and shown < total:
            last = offset + shown
            count += f"（显示第 {offset + 1}～{last} 条，可用 --offset、--limit 翻页）"
        self._write(count)

    def _json_listing(self, chunks: Iterable[Sequence[dict[str, Any]]], total: int) -> None:
        """``{"items": [...], "total": N}`` as :meth:`json` writes it, an item at a time."""
        opened = False
        for chunk in chunks:
            for item in chunk:
                item_lines = to_json(item).split("\n")
                self.stream.write((",\n" if opened else '{\n  "items": [\n')
                                  + "\n".join("    " + line for line in item_lines))
                opened = True
        if opened:
            self._write(f'\n  ],\n  "total": {to_json(total)}\n}}')
        else:
            self.json({"items": [], "total": total})

    def record(self, data: dict[str, Any], fields: Iterable[tuple[str, str]],
               sections: Iterable[Section] = (), heading: str | None = None) -> None:
        """One record: ``label：value`` lines (empty values left out), then its sections."""
        if self.json_mode:
            self.json(data)
            return
        if heading:
            self._write(heading)
        shown = [(label, cell(data.get(key))) for key, label in fields]
        shown = [(label, value) for label, value in shown if value]
        width = max((display_width(label) for label, _ in shown), default=0)
        for label, value in shown:
            self._write(f"{pad(label, width)}  {value}")
        for section in sections:
            rows = data.get(section.key) or []
            self._write("")
            self._write(f"{section.title}（{len(rows)}）")
            if rows:
                for line in table(rows, section.columns):
                    self._write("  " + line)

    def message(self, data: Any, text: str | Callable[[], str]) -> None:
        """A result that is not a record: ``data`` as JSON, or ``text`` for people."""
        if self.json_mode:
            self.json(data)
        else:
            self._write(text() if callable(text) else text)
