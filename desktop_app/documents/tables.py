"""Tables that print well: header rows repeated on every page (``w:tblHeader``), rows that
never split across pages (``w:cantSplit``), fixed column widths so long text wraps.

Rows are written as XML text and parsed a hundred at a time straight into the table,
which already sits in the document: time grows with the rows, and no single library call
runs long (python-docx's own ``add_row`` walks the whole table for every cell; parsing a
whole 100,000-row table and moving it into the document took minutes). A table built to be
saved at once (``spill``) keeps its rows as that text in a temporary file instead
(:class:`SpilledRows`): as elements, the 100,600 rows of a whole town's ledger took 2.9 GB.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Length, Mm

from desktop_app.documents import layout
from desktop_app.documents.text import clean
from desktop_app.records.errors import UserError
from desktop_app.storage.faults import os_error_reason

BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
BORDERS = "".join(BORDER.format(side=side)
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
CELL_MARGIN_TWIPS = 68  # 1.2 mm left and right
CHUNK_ROWS = 100  # rows parsed (or spilled) at a time
# A spilled table's last rows stay in the document: what follows may keep them on its page
# (``Composer.keep_with_next``).
KEPT_ROWS = 2


@dataclass(frozen=True)
class Cell:
    """A cell: its text (lines split at ``\\n``), how many columns it spans, its look."""

    text: str = ""
    span: int = 1
    bold: bool = False
    align: str | None = None  # "center", "right" or None (the style's)
    header: bool = False  # the header style (黑体, centred)


CellLike = Cell | str | int | float | None


def as_cell(value: CellLike) -> Cell:
    if isinstance(value, Cell):
        return value
    return Cell("" if value is None else str(value))


class SpilledRows:
    """A table's rows as XML text in a temporary file (gone when closed, or with the
    process), until the document is saved: ``package.document_xml`` copies them in after
    the table's properties. ``element`` is the table in the document, which holds only its
    last few rows."""

    def __init__(self, element) -> None:
        self.element = element
        self.count = 0
        self._blocks: list[tuple[int, int]] = []  # bytes and rows of each write
        try:
            self._file = tempfile.TemporaryFile()
        except OSError as error:
            raise _temporary_failed(error) from None

    def write(self, rows: list[str]) -> None:
        data = "".join(rows).encode("utf-8")
        try:
            self._file.write(data)
        except OSError as error:
            raise _temporary_failed(error) from None
        self._blocks.append((len(data), len(rows)))
        self.count += len(rows)

    def blocks(self) -> Iterator[tuple[bytes, int]]:
        """The rows as written: each block's UTF-8 text and how many rows it holds."""
        self._file.seek(0)
        for size, rows in self._blocks:
            yield self._file.read(size), rows

    def close(self) -> None:
        self._file.close()


def _temporary_failed(error: OSError) -> UserError:
    return UserError(f"无法生成文书：临时文件夹 {tempfile.gettempdir()} 写入失败，"
                     f"{os_error_reason(error)}")


class TableBuilder:
    """A ``w:tbl`` element that rows are added to.

    ``weights`` are relative column widths, scaled to ``width`` (the text block's width).
    ``place`` puts the (empty) table into the document at once, so that rows parsed later
    join a table of the same document (moving a large tree between documents is slow).
    """

    def __init__(self, document: Document, weights: Sequence[float], width: Length,
                 *, text_style: str = layout.TABLE_TEXT,
                 header_style: str = layout.TABLE_HEADER,
                 min_row_mm: float | None = None,
                 place: Callable[[object], None] | None = None,
                 spill: bool = False) -> None:
        self.min_row_mm = min_row_mm
        total = width.twips
        scale = total / sum(weights)
        self.columns = [int(w * scale) for w in weights]
        self.columns[-1] += total - sum(self.columns)
        self.text_style = document.styles[text_style].style_id
        self.header_style = document.styles[header_style].style_id
        size = document.styles[header_style].font.size
        self.header_pt = size.pt if size is not None else layout.TABLE_PT
        self._pending: list[str] = []
        self._count = 0
        self._element = self._shell()
        self.spilled = SpilledRows(self._element) if spill else None
        if place is not None:
            place(self._element)

    def header(self, cells: Iterable[CellLike]) -> None:
        """A header row: repeated at the top of every page the table runs onto. The first
        one widens columns its words would wrap in (所在村/单位 over two lines), taking the
        room from columns wider than their own header needs."""
        header = [_header(as_cell(c)) for c in cells]
        if self._count == 0:
            self._fit_header(header)
        self._add(self._row(header, repeat=True, min_height_mm=self.min_row_mm))

    def _fit_header(self, cells: list[Cell]) -> None:
        needs = [0] * len(self.columns)
        column = 0
        for cell in cells:
            if cell.span == 1 and column < len(needs):
                needs[column] = header_twips(cell.text, self.header_pt)
            column += max(1, cell.span)
        fitted = widened(self.columns, needs)
        if fitted != self.columns:
            self.columns = fitted
            for width, grid in zip(fitted, self._element.iter(qn("w:gridCol")), strict=True):
                grid.set(qn("w:w"), str(width))

    def row(self, cells: Iterable[CellLike], *, min_height_mm: float | None = None) -> None:
        self._add(self._row([as_cell(c) for c in cells],
                            min_height_mm=min_height_mm or self.min_row_mm))

    def rows(self, rows: Iterable[Iterable[CellLike]]) -> None:
        for cells in rows:
            self.row(cells)

    def __len__(self) -> int:
        return self._count

    def _add(self, row: str) -> None:
        self._pending.append(row)
        self._count += 1
        if len(self._pending) < CHUNK_ROWS:
            return
        if self.spilled is not None:  # all but the last rows, which the document gets
            self.spilled.write(self._pending[:-KEPT_ROWS])
            del self._pending[:-KEPT_ROWS]
        else:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            rows = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(self._pending)}</w:tbl>")
            self._element.extend(list(rows))
            self._pending.clear()

    def _row(self, cells: list[Cell], *, repeat: bool = False,
             min_height_mm: float | None = None) -> str:
        properties = ["<w:cantSplit/>"]
        if min_height_mm:
            properties.append(f'<w:trHeight w:val="{Mm(min_height_mm).twips}" w:hRule="atLeast"/>')
        if repeat:
            properties.append("<w:tblHeader/>")
        parts = [f"<w:tr><w:trPr>{''.join(properties)}</w:trPr>"]
        column = 0
        for cell in cells:
            span = max(1, min(cell.span, len(self.columns) - column))
            width = sum(self.columns[column:column + span])
            column += span
            parts.append(self._cell(cell, width, span))
        for width in self.columns[column:]:  # a short row is padded with empty cells
            parts.append(self._cell(Cell(), width, 1))
        parts.append("</w:tr>")
        return "".join(parts)

    def _cell(self, cell: Cell, width: int, span: int) -> str:
        style = self.header_style if cell.header else self.text_style
        span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        justify = f'<w:jc w:val="{cell.align}"/>' if cell.align else ""
        bold = "<w:rPr><w:b/></w:rPr>" if cell.bold else ""
        paragraphs = []
        for line in clean(cell.text).split("\n"):
            run = f'<w:r>{bold}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else ""
            paragraphs.append(
                f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{justify}</w:pPr>{run}</w:p>')
        return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}'
                f'<w:vAlign w:val="center"/></w:tcPr>{"".join(paragraphs)}</w:tc>')

    def element(self):
        """The finished table as a ``w:tbl`` element (with only its last rows if the others
        are :attr:`spilled`)."""
        self._flush()
        return self._element

    def _shell(self):
        """The table without rows: its properties and column grid."""
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in self.columns)
        properties = (
            f'<w:tblPr><w:tblW w:w="{sum(self.columns)}" w:type="dxa"/><w:jc w:val="center"/>'
            f"<w:tblBorders>{BORDERS}</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            f'<w:tblCellMar><w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
            f'<w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        )
        return parse_xml(f"<w:tbl {nsdecls('w')}>{properties}<w:tblGrid>{grid}</w:tblGrid>"
                         "</w:tbl>")


def header_twips(text: str, size_pt: float) -> int:
    """The width a header's longest line takes in the header font, with the cell's margins:
    a Chinese character or full-width sign is one em, anything else half of one."""
    widest = max((sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in line)
                  for line in clean(text).split("\n")), default=0.0)
    return round(widest * size_pt * 20) + 2 * CELL_MARGIN_TWIPS + 40  # 2 pt to spare


def widened(columns: Sequence[int], needs: Sequence[int]) -> list[int]:
    """``columns`` with each one narrower than its header's need widened to it, the room
    taken from the others' width beyond their own need in proportion; unchanged where the
    table has not that much room (the header then wraps)."""
    short = sum(max(need - width, 0) for width, need in zip(columns, needs, strict=True))
    spare = {n: width - need for n, (width, need) in enumerate(zip(columns, needs, strict=True))
             if width > need}
    if short == 0 or sum(spare.values()) < short:
        return list(columns)
    total_spare = sum(spare.values())
    fitted = [max(width, need) for width, need in zip(columns, needs, strict=True)]
    for n, room in spare.items():
        fitted[n] -= short * room // total_spare
    fitted[max(spare, key=spare.__getitem__)] += sum(columns) - sum(fitted)  # rounding
    return fitted


def _header(cell: Cell) -> Cell:
    return Cell(cell.text, cell.span, cell.bold, cell.align, header=True)


SIGN_HERE = None  # in a sign-off line: a blank to sign or write on (a cell with a rule)
SignPart = str | None
NO_BORDERS = "".join(f'<w:{side} w:val="nil"/>' for side in
                     ("top", "left", "bottom", "right", "insideH", "insideV"))
RULE = '<w:tcBorders><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tcBorders>'


def sign_off_table(parts: Sequence[SignPart], width: Length, style_id: str, size_pt: float,
                   *, height_mm: float | None = 12):
    """A sign-off line that cannot wrap: a borderless one-row table, a column per part.

    Text parts (``主持人（签字）：``) get the width of their characters; each
    :data:`SIGN_HERE` gets a share of what is left and a rule to sign on. The row keeps
    with the paragraph that follows it (the date), so neither stands alone on a page.
    """
    # a character more than the text: on the character grid a cell starting between two
    # grid columns loses part of one
    per_char = min(size_pt, layout.CHAR_PITCH_PT)
    text_widths = {i: round((len(clean(p)) + 1) * per_char * 20) + 2 * CELL_MARGIN_TWIPS
                   for i, p in enumerate(parts) if p is not None}
    blanks = [i for i, p in enumerate(parts) if p is None]
    spare = max(width.twips - sum(text_widths.values()), 0)
    columns = [text_widths.get(i, spare // max(len(blanks), 1)) for i in range(len(parts))]
    cells = []
    for part, column in zip(parts, columns, strict=True):
        run = (f'<w:r><w:t xml:space="preserve">{escape(clean(part))}</w:t></w:r>'
               if part else "")
        cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{column}" w:type="dxa"/>'
                     f'{RULE if part is None else ""}<w:vAlign w:val="bottom"/></w:tcPr>'
                     f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/><w:keepNext/>'
                     f'<w:ind w:left="0" w:right="0" w:firstLine="0" w:firstLineChars="0"/>'
                     f'<w:jc w:val="left"/></w:pPr>{run}</w:p></w:tc>')
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in columns)
    height = (f'<w:trHeight w:val="{Mm(height_mm).twips}" w:hRule="atLeast"/>'
              if height_mm else "")
    return parse_xml(
        f"<w:tbl {nsdecls('w')}><w:tblPr><w:tblW w:w=\"{sum(columns)}\" w:type=\"dxa\"/>"
        f'<w:tblBorders>{NO_BORDERS}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr><w:cantSplit/>{height}</w:trPr>"
        f"{''.join(cells)}</w:tr></w:tbl>")
