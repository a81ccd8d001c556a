"""Writing content into a template at its ``{{正文}}`` paragraph, in the standard's styles.

``Composer`` puts every paragraph and table it makes just before the placeholder, then
:meth:`Composer.finish` removes the placeholder. Document modules say *what* to write
(a heading, a labelled line, a table); the styles say how it looks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from desktop_app.documents import fonts, layout
from desktop_app.documents.tables import (
    SIGN_HERE,
    SignPart,
    SpilledRows,
    TableBuilder,
    sign_off_table,
)
from desktop_app.documents.text import clean, cn_ordinal
from desktop_app.progress import Progress

GAP = ""  # between two signatures on one line: a character's width


class Composer:
    """Adds content before ``anchor`` in ``document``."""

    def __init__(self, document: Document, anchor: Paragraph, *,
                 substitutes: Mapping[str, str] | None = None,
                 progress: Progress | None = None, spill: bool = False) -> None:
        self.document = document
        self.anchor = anchor
        self.section = document.sections[-1]
        self._style_ids: dict[str, str] = {}
        self.substitutes = dict(substitutes or {})
        self.fonts: set[str] = set()  # fonts named in the content (not by its styles)
        self.progress = progress
        # ``spill``: tables keep their rows in temporary files until the document is saved
        # (``render.produce``); without it every row is in the document (``render.build``).
        self.spill = spill
        self.spilled: list[SpilledRows] = []

    def step(self, done: int, total: int) -> None:
        """Report progress of a long document (``progress(done, total)``, which may raise
        to cancel)."""
        if self.progress is not None:
            self.progress(done, total)

    def _new(self, text: str, style: str) -> Paragraph:
        """A paragraph before the anchor (style ids are looked up once: python-docx scans
        every style on each lookup by name)."""
        paragraph = self.anchor.insert_paragraph_before(text)
        paragraph._p.style = self._style_id(style)
        return paragraph

    def _style_id(self, style: str) -> str:
        style_id = self._style_ids.get(style)
        if style_id is None:
            style_id = self._style_ids[style] = self.document.styles[style].style_id
        return style_id

    # --- paragraphs --------------------------------------------------------------------
    def paragraph(self, text: str = "", style: str = layout.BODY, *,
                  align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
        """One paragraph; text with line breaks becomes several paragraphs (the last one
        is returned)."""
        lines = clean(text).split("\n") or [""]
        paragraph = None
        for line in lines:
            paragraph = self._new(line, style)
            if align is not None:
                paragraph.alignment = align
        assert paragraph is not None  # split() gives at least one line
        return paragraph

    def heading(self, level: int, number: int, text: str) -> Paragraph:
        """``一、text`` (黑体), ``（一）text`` (楷体) or ``1. text`` (仿宋 bold)."""
        label = {1: f"{cn_ordinal(number)}、", 2: f"（{cn_ordinal(number)}）",
                 3: f"{number}. "}[level]
        return self.paragraph(f"{label}{clean(text)}", layout.HEADINGS[level])

    def labelled(self, label: str, value: str, *, style: str = layout.BODY,
                 label_font: str | None = None) -> Paragraph:
        """``label：value`` with the label bold (or in ``label_font``, e.g. 黑体)."""
        paragraph = self._new("", style)
        run = paragraph.add_run(f"{label}：")
        if label_font:
            font = self.substitutes.get(label_font) or label_font
            fonts.set_font(run._r.get_or_add_rPr(), font)
            self.fonts.add(font)
        else:
            run.bold = True
        lines = clean(value).split("\n")
        paragraph.add_run(lines[0])
        for line in lines[1:]:
            self.paragraph(line, style)
        return paragraph

    def signatures(self, labels: Sequence[str], *, style: str = layout.NORMAL,
                   height_mm: float | None = 12) -> None:
        """``主持人（签字）：＿＿＿＿　记录人（签字）：＿＿＿＿``: one line that never
        wraps (see :meth:`sign_off`)."""
        parts: list[SignPart] = []
        for index, label in enumerate(labels):
            if index:
                parts.append(GAP)
            parts += [f"{label}：", SIGN_HERE]
        self.sign_off(parts, style=style, height_mm=height_mm)

    def sign_off(self, parts: Sequence[SignPart], *, style: str = layout.NORMAL,
                 height_mm: float | None = 12) -> None:
        """Labels and blanks (:data:`~desktop_app.documents.tables.SIGN_HERE`) on one
        line, as a borderless table: a long line is never broken inside a blank. The
        text just above keeps with it, so it never starts a page alone."""
        before = self.anchor._p.getprevious()
        if before is not None and before.tag == qn("w:tbl"):
            self._spacer()  # two tables in a row would be one table in Word
        self.keep_with_next()
        spec = self.document.styles[style]
        size = spec.font.size.pt if spec.font.size is not None else layout.BODY_PT
        table = sign_off_table(parts, layout.text_width(self.section), self._style_id(style),
                               size, height_mm=height_mm)
        self.anchor._p.addprevious(table)

    def keep_with_next(self, paragraphs: int = 2) -> None:
        """The last ``paragraphs`` paragraphs written (or a table's last two rows) stay on
        the page of what follows."""
        element = self.anchor._p.getprevious()
        while paragraphs and element is not None:
            if element.tag == qn("w:tbl"):
                for row in element.findall(qn("w:tr"))[-2:]:
                    for p in row.iter(qn("w:p")):
                        Paragraph(p, self.anchor._parent).paragraph_format.keep_with_next = True
                return
            if element.tag != qn("w:p"):
                return
            Paragraph(element, self.anchor._parent).paragraph_format.keep_with_next = True
            paragraphs -= 1
            element = element.getprevious()

    def _spacer(self) -> None:
        """An empty paragraph one point high, off the grid (between two tables)."""
        paragraph = self._new("", layout.NOTE)
        fmt = paragraph.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(1)

    def closing(self, lines: Sequence[str], *, sealed: bool = False) -> None:
        """The 落款 at the end (issuer, date), right-aligned two characters in from the
        right edge (four under a seal, GB/T 9704 §7.3.5); kept on one page with the two
        paragraphs above."""
        self.keep_with_next()
        for number, line in enumerate(lines, 1):
            paragraph = self.paragraph(line, layout.SIGNATURE)
            if sealed:
                layout.set_right_chars(paragraph._p.get_or_add_pPr(), 4)
            if number < len(lines):
                paragraph.paragraph_format.keep_with_next = True

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self._new("", layout.NORMAL)

    def page_break(self) -> None:
        self._new("", layout.NORMAL).add_run().add_break(WD_BREAK.PAGE)

    # --- tables ------------------------------------------------------------------------
    def table(self, weights: Sequence[float], *, text_style: str = layout.TABLE_TEXT,
              header_style: str = layout.TABLE_HEADER,
              min_row_mm: float | None = None) -> TableBuilder:
        """A table as wide as the text block; add it with :meth:`add_table`."""
        table = TableBuilder(self.document, weights, layout.text_width(self.section),
                             text_style=text_style, header_style=header_style,
                             min_row_mm=min_row_mm, place=self.anchor._p.addprevious,
                             spill=self.spill)
        if table.spilled is not None:
            self.spilled.append(table.spilled)
        return table

    def add_table(self, table: TableBuilder) -> None:
        """The table's last rows; the table moves here if something was written since it
        was started (it sits where :meth:`table` was called)."""
        element = table.element()
        if self.anchor._p.getprevious() is not element:
            self.anchor._p.addprevious(element)

    # --- the end -----------------------------------------------------------------------
    def finish(self) -> None:
        """Remove the ``{{正文}}`` placeholder paragraph."""
        element = self.anchor._p
        element.getparent().remove(element)
