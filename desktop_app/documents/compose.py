"""Writing content into a template at its ``{{正文}}`` paragraph, in the standard's styles.

``Composer`` puts every paragraph and table it makes just before the placeholder, then
:meth:`Composer.finish` removes the placeholder. Document modules say *what* to write
(a heading, a labelled line, a table); the styles say how it looks.
"""

from __future__ import annotations

from collections.abc import Sequence

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.text.paragraph import Paragraph

from desktop_app.documents import fonts, layout
from desktop_app.documents.tables import TableBuilder
from desktop_app.documents.text import clean, cn_ordinal

SIGN_BLANK = "\u3000" * 6  # room for a handwritten signature


class Composer:
    """Adds content before ``anchor`` in ``document``."""

    def __init__(self, document: Document, anchor: Paragraph) -> None:
        self.document = document
        self.anchor = anchor
        self.section = document.sections[-1]
        self._style_ids: dict[str, str] = {}

    def _new(self, text: str, style: str) -> Paragraph:
        """A paragraph before the anchor (style ids are looked up once: python-docx scans
        every style on each lookup by name)."""
        style_id = self._style_ids.get(style)
        if style_id is None:
            style_id = self._style_ids[style] = self.document.styles[style].style_id
        paragraph = self.anchor.insert_paragraph_before(text)
        paragraph._p.style = style_id
        return paragraph

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
            fonts.set_font(run._r.get_or_add_rPr(), label_font)
        else:
            run.bold = True
        lines = clean(value).split("\n")
        paragraph.add_run(lines[0])
        for line in lines[1:]:
            self.paragraph(line, style)
        return paragraph

    def signatures(self, labels: Sequence[str]) -> Paragraph:
        """``主持人（签字）：＿＿＿＿　　记录人（签字）：＿＿＿＿`` on one line."""
        paragraph = self._new("", layout.BODY)
        for index, label in enumerate(labels):
            if index:
                paragraph.add_run("\u3000\u3000")
            paragraph.add_run(f"{label}：")
            blank = paragraph.add_run(SIGN_BLANK)
            blank.underline = True
        return paragraph

    def closing(self, lines: Sequence[str]) -> None:
        """Right-aligned lines at the end: issuer, date (落款)."""
        for line in lines:
            self.paragraph(line, layout.SIGNATURE)

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
        return TableBuilder(self.document, weights, layout.text_width(self.section),
                            text_style=text_style, header_style=header_style,
                            min_row_mm=min_row_mm)

    def add_table(self, table: TableBuilder) -> None:
        self.anchor._p.addprevious(table.element())

    # --- the end -----------------------------------------------------------------------
    def finish(self) -> None:
        """Remove the ``{{正文}}`` placeholder paragraph."""
        element = self.anchor._p
        element.getparent().remove(element)
