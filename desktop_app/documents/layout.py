"""GB/T 9704-2012 page and paragraph layout for Word documents.

A4, margins 37 / 35 / 28 / 26 mm (top / bottom / left / right), 22 lines of 28 characters
(fixed line spacing 28.9 pt), title 2号 方正小标宋简体 centred, body 3号 仿宋_GB2312 with a
two-character first-line indent, headings 一、 黑体 / （一） 楷体 / 1. 仿宋 bold, page
numbers "— N —" in 4号 宋体, odd pages right and even pages left.

The layout lives in named paragraph styles (``公文正文``, ``一级标题`` …) that the templates
carry, so a town can change a style in Word and every document follows. :func:`ensure_styles`
adds any the template lacks, with the standard's values.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from desktop_app.documents import fonts

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
FOOTER_DISTANCE_MM = 28  # the page number sits about 7 mm below the text block
HEADER_DISTANCE_MM = 15
LINE_PT = 28.9  # 22 lines in the 225 mm text block
BODY_PT, TITLE_PT, PAGE_NUMBER_PT = 16, 22, 14
TABLE_PT = 12  # 小四 in tables; the landscape ledger uses 10.5 (五号)
LEDGER_TABLE_PT = 10.5
CHARS_PER_LINE = 28
LINES_PER_PAGE = 22
LINE_PITCH_TWIPS = 579  # the grid's line pitch, 28.95 pt: 22 lines in 225 mm
# The character grid: 28 characters in the 156 mm text block, a pitch of 15.79 pt. Word
# writes the difference to the 16 pt body size in 1/4096 pt (``w:charSpace``, -849, as in
# Word's own 公文 templates) and squeezes the characters onto it. LibreOffice (and WPS)
# give a character wider than the pitch two cells instead, so grid text is also drawn at
# 98 % width (``w:w``): 15.68 pt, one cell each, and still 28 a line where no grid applies.
CHAR_PITCH_PT = (PAGE_WIDTH_MM - MARGINS_MM["left"] - MARGINS_MM["right"]) / 25.4 * 72 \
    / CHARS_PER_LINE
CHAR_SPACE = round((CHAR_PITCH_PT - BODY_PT) * 4096)
GRID_SCALE_PERCENT = 98
RED = RGBColor(0xE6, 0x00, 0x12)  # the letterhead red
EM_DASH = "—"

# Paragraph style names (what a person sees in Word's style list).
NORMAL = "Normal"
LETTERHEAD = "发文机关标志"
TITLE = "公文标题"
SUBTITLE = "公文副标题"
BODY = "公文正文"
HEADING_1 = "一级标题"
HEADING_2 = "二级标题"
HEADING_3 = "三级标题"
SIGNATURE = "落款"
TABLE_TEXT = "表格文字"
TABLE_HEADER = "表格表头"
NOTE = "附注"
PAGE_NUMBER = "页码"
HEADINGS = {1: HEADING_1, 2: HEADING_2, 3: HEADING_3}


@dataclass(frozen=True)
class StyleSpec:
    """One paragraph style of the standard."""

    name: str
    style_id: str  # ASCII, stable: what the XML refers to
    font: str
    size: float
    bold: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    indent_chars: int = 0  # first-line indent, in characters of the style's size
    right_chars: int = 0  # right indent, in characters
    exact_line: bool = True  # False: single spacing (tables)
    space_after_lines: float = 0
    color: RGBColor | None = None
    outline_level: int | None = None
    keep_with_next: bool = False
    on_grid: bool = True  # False: a line of its own (titles), off the character grid


def style_specs(table_pt: float = TABLE_PT) -> list[StyleSpec]:
    """The styles every document uses; ``table_pt`` is the size of table text."""
    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    return [
        StyleSpec(LETTERHEAD, "GBLetterhead", fonts.XIAOBIAOSONG, 26, align=centre,
                  exact_line=False, space_after_lines=0.5, color=RED),
        StyleSpec(TITLE, "GBTitle", fonts.XIAOBIAOSONG, TITLE_PT, align=centre,
                  space_after_lines=1, outline_level=0, keep_with_next=True, on_grid=False),
        StyleSpec(SUBTITLE, "GBSubtitle", fonts.KAITI, BODY_PT, align=centre,
                  keep_with_next=True, on_grid=False),  # its dates' digits not spread out
        StyleSpec(BODY, "GBBody", fonts.FANGSONG, BODY_PT, align=justify, indent_chars=2),
        StyleSpec(HEADING_1, "GBHeading1", fonts.HEITI, BODY_PT, indent_chars=2,
                  outline_level=1, keep_with_next=True),
        StyleSpec(HEADING_2, "GBHeading2", fonts.KAITI, BODY_PT, indent_chars=2,
                  outline_level=2, keep_with_next=True),
        StyleSpec(HEADING_3, "GBHeading3", fonts.FANGSONG, BODY_PT, bold=True, indent_chars=2,
                  outline_level=3, keep_with_next=True),
        # 落款 and 成文日期: flush right, two characters in (GB/T 9704 §7.3.5)
        StyleSpec(SIGNATURE, "GBSignature", fonts.FANGSONG, BODY_PT, align=right,
                  right_chars=2),
        StyleSpec(NOTE, "GBNote", fonts.FANGSONG, 14, exact_line=False),
        StyleSpec(TABLE_TEXT, "GBTableText", fonts.FANGSONG, table_pt, exact_line=False),
        StyleSpec(TABLE_HEADER, "GBTableHeader", fonts.HEITI, table_pt, align=centre,
                  exact_line=False),
        StyleSpec(PAGE_NUMBER, "GBPageNumber", fonts.SONGTI, PAGE_NUMBER_PT, exact_line=False),
    ]


# --- styles ----------------------------------------------------------------------------


def apply_spec(style: ParagraphStyle, spec: StyleSpec) -> None:
    """Give ``style`` the font, size and spacing of ``spec``."""
    style.font.size = Pt(spec.size)
    style.font.bold = spec.bold
    if spec.color is not None:
        style.font.color.rgb = spec.color
    fonts.set_font(style.element.get_or_add_rPr(), spec.font)
    paragraph = style.paragraph_format
    paragraph.alignment = spec.align
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(LINE_PT * spec.space_after_lines)
    if spec.exact_line:
        paragraph.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        paragraph.line_spacing = Pt(LINE_PT)
    else:
        paragraph.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.keep_with_next = spec.keep_with_next or None
    ppr = style.element.get_or_add_pPr()
    if spec.indent_chars:
        set_first_line_chars(ppr, spec.indent_chars, spec.size)
    if spec.right_chars:
        set_right_chars(ppr, spec.right_chars, spec.size)
    gridded = spec.exact_line and spec.on_grid
    if not gridded:
        _set_flag(ppr, "w:snapToGrid", False)  # tables and titles do not snap to the grid
    if gridded and spec.size > CHAR_PITCH_PT:
        set_scale(style.element.get_or_add_rPr(), GRID_SCALE_PERCENT)
    if spec.outline_level is not None:
        _set_value(ppr, "w:outlineLvl", str(spec.outline_level))


def _ind(ppr):
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        _insert_ppr_child(ppr, ind)
    return ind


def _char_twips(chars: int, size_pt: float) -> str:
    # Word counts the characters; LibreOffice takes the twips and, on the character grid,
    # rounds them up to whole cells: 32 pt would be three cells of 15.79 pt, 30 pt is two.
    per_char = size_pt if size_pt < CHAR_PITCH_PT else CHAR_PITCH_PT - 0.8
    return str(round(chars * per_char * 20))


def set_right_chars(ppr, chars: int, size_pt: float = BODY_PT) -> None:
    """A right indent of ``chars`` characters (``w:rightChars`` plus its twips)."""
    ind = _ind(ppr)
    ind.set(qn("w:rightChars"), str(chars * 100))
    ind.set(qn("w:right"), _char_twips(chars, size_pt))


def set_first_line_chars(ppr, chars: int, size_pt: float) -> None:
    """A first-line indent of ``chars`` characters (``w:firstLineChars`` plus its twips)."""
    ind = _ind(ppr)
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), _char_twips(chars, size_pt))


# w:rPr's children that come after w:w (CT_RPr's sequence)
_AFTER_W = ("w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
            "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
            "w:eastAsianLayout", "w:specVanish", "w:oMath")


def set_scale(rpr, percent: int) -> None:
    """Characters drawn at ``percent`` of their width (``w:w``, Word's 字符缩放)."""
    scale = rpr.find(qn("w:w"))
    if scale is None:
        scale = OxmlElement("w:w")
        rpr.insert_element_before(scale, *_AFTER_W)
    scale.set(qn("w:val"), str(percent))


def _insert_ppr_child(ppr, child) -> None:
    # w:ind comes before w:jc and w:outlineLvl in CT_PPr's sequence; python-docx's
    # insert helpers know the order.
    ppr.insert_element_before(child, "w:contextualSpacing", "w:mirrorIndents",
                              "w:suppressOverlap", "w:jc", "w:textDirection",
                              "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
                              "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def _set_value(ppr, tag: str, value: str) -> None:
    element = ppr.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        if tag == "w:outlineLvl":
            ppr.insert_element_before(element, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                                      "w:pPrChange")
        else:
            _insert_ppr_child(ppr, element)
    element.set(qn("w:val"), value)


def _set_flag(ppr, tag: str, on: bool) -> None:
    element = ppr.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        ppr.insert_element_before(element, "w:spacing", "w:ind", "w:contextualSpacing",
                                  "w:mirrorIndents", "w:suppressOverlap", "w:jc",
                                  "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                                  "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                                  "w:pPrChange")
    element.set(qn("w:val"), "1" if on else "0")


def set_normal_style(document: Document) -> None:
    """Normal (and the document defaults) become 3号 仿宋 with the fixed line spacing."""
    normal = document.styles[NORMAL]
    apply_spec(normal, StyleSpec(NORMAL, "Normal", fonts.FANGSONG, BODY_PT))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is not None:
        fonts.set_font(rpr, fonts.FANGSONG)
        lang = rpr.find(qn("w:lang"))
        if lang is not None:  # Chinese line breaking (no 。 at a line start)
            lang.set(qn("w:val"), "zh-CN")
            lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is not None:
        for name in list(spacing.attrib):
            del spacing.attrib[name]
        spacing.set(qn("w:after"), "0")


def ensure_styles(document: Document, table_pt: float = TABLE_PT) -> None:
    """Add the standard's styles that the document (its template) does not have yet."""
    styles = document.styles
    existing = {style.name for style in styles}
    for spec in style_specs(table_pt):
        if spec.name in existing:
            continue
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = spec.style_id
        style.base_style = styles[NORMAL]
        style.quick_style = True
        apply_spec(style, spec)


def define_styles(document: Document, table_pt: float = TABLE_PT) -> None:
    """(Re)define every style of the standard (used when making templates)."""
    set_normal_style(document)
    existing = {style.name for style in document.styles}
    for spec in style_specs(table_pt):
        if spec.name in existing:
            apply_spec(document.styles[spec.name], spec)
    ensure_styles(document, table_pt)


# --- page -------------------------------------------------------------------------------


def text_width(section: Section) -> Length:
    """The width of the text block of ``section``."""
    width, left, right = section.page_width, section.left_margin, section.right_margin
    # python-docx reads them as optional; every section here has them (set_page).
    assert width is not None and left is not None and right is not None
    return Length(width - left - right)


def set_page(section: Section, *, landscape: bool = False) -> None:
    """A4 with the standard's margins; ``landscape`` turns the page (for wide tables)."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = PAGE_WIDTH_MM, PAGE_HEIGHT_MM
    if landscape:
        width, height = height, width
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    section.gutter = Mm(0)
    _set_line_grid(section, landscape)


def _set_line_grid(section: Section, landscape: bool) -> None:
    """Portrait pages get the grid of 22 lines of 28 characters; table pages none."""
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    for name in list(grid.attrib):
        del grid.attrib[name]
    if landscape:
        grid.set(qn("w:linePitch"), "360")
    else:
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
        grid.set(qn("w:charSpace"), str(CHAR_SPACE))


# --- page numbers -----------------------------------------------------------------------


def _field_runs(instruction: str, placeholder: str) -> list:
    """The runs of a complex field: begin, instruction, separate, shown value, end."""
    runs = []
    for kind, value in (("begin", None), ("instr", instruction), ("separate", None),
                        ("text", placeholder), ("end", None)):
        run = OxmlElement("w:r")
        if kind == "instr":
            child = OxmlElement("w:instrText")
            child.set(qn("xml:space"), "preserve")
            child.text = f" {value} "
        elif kind == "text":
            child = OxmlElement("w:t")
            child.text = value
        else:
            child = OxmlElement("w:fldChar")
            child.set(qn("w:fldCharType"), kind)
        run.append(child)
        runs.append(run)
    return runs


def page_number_paragraph(paragraph: Paragraph, *, odd: bool) -> None:
    """Fill ``paragraph`` with "— PAGE —": right with a one-character gap on odd pages,
    left with a one-character gap on even pages."""
    for child in list(paragraph._p):
        if child.tag != qn("w:pPr"):
            paragraph._p.remove(child)
    paragraph.style = PAGE_NUMBER
    fmt = paragraph.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    gap = Pt(PAGE_NUMBER_PT)
    fmt.right_indent, fmt.left_indent = (gap, None) if odd else (None, gap)
    paragraph.add_run(f"{EM_DASH} ")
    for run in _field_runs("PAGE", "1"):
        paragraph._p.append(run)
    paragraph.add_run(f" {EM_DASH}")


def add_page_numbers(document: Document, section: Section) -> None:
    """Odd-page and even-page footers with the page number, and Word's switch that makes
    the two differ (``w:evenAndOddHeaders`` in the settings)."""
    document.settings.odd_and_even_pages_header_footer = True
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        paragraphs = footer.paragraphs
        paragraph = paragraphs[0] if paragraphs else footer.add_paragraph()
        page_number_paragraph(paragraph, odd=odd)


def red_rule(paragraph: Paragraph) -> None:
    """A red line under ``paragraph`` as wide as the text block (the letterhead's rule)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (("val", "single"), ("sz", "12"), ("space", "6"),
                        ("color", str(RED))):
        bottom.set(qn(f"w:{name}"), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, "w:shd", "w:tabs", "w:suppressAutoHyphens",
                              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
                              "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                              "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection",
                              "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
                              "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
