"""Chinese fonts in Word XML: set them so Word uses them, and substitute missing ones.

Word picks the font of Chinese text from ``w:rFonts/@w:eastAsia`` (python-docx's
``Font.name`` sets only the Latin ones), and a theme attribute (``w:eastAsiaTheme`` …)
beside it wins over the explicit name: :func:`set_font` writes all four names and drops the
theme attributes, :func:`strip_theme_fonts` drops them from a whole document (templates made
in Word are full of them), :func:`substitute_fonts` swaps font names a PC lacks.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from docx.document import Document
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml.etree import _Element

# The fonts of GB/T 9704-2012 and what Windows calls them.
FANGSONG = "仿宋_GB2312"  # body text, 3号
XIAOBIAOSONG = "方正小标宋简体"  # titles, 2号
HEITI = "黑体"  # first-level headings
KAITI = "楷体_GB2312"  # second-level headings
SONGTI = "宋体"  # page numbers

NAME_ATTRIBUTES = tuple(qn(f"w:{name}") for name in ("ascii", "hAnsi", "eastAsia", "cs"))
THEME_ATTRIBUTES = tuple(qn(f"w:{name}") for name in
                         ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"))


def rfonts_of(rpr: _Element) -> _Element:
    """The ``w:rFonts`` child of a ``w:rPr``, created (as its first child) if missing."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    return rfonts


def set_font(rpr: _Element, name: str) -> None:
    """Make ``name`` the font of every script of this run or style; no theme fonts."""
    rfonts = rfonts_of(rpr)
    for attribute in THEME_ATTRIBUTES:
        rfonts.attrib.pop(attribute, None)
    for attribute in NAME_ATTRIBUTES:
        rfonts.set(attribute, name)


def xml_parts(document: Document) -> Iterator[XmlPart]:
    """Every XML part of the package: the body, styles, headers, footers, numbering …"""
    for part in document.part.package.iter_parts():
        if isinstance(part, XmlPart):
            yield part


def strip_theme_fonts(document: Document) -> int:
    """Remove every theme font attribute; returns how many were removed."""
    removed = 0
    for part in xml_parts(document):
        for rfonts in part.element.iter(qn("w:rFonts")):
            for attribute in THEME_ATTRIBUTES:
                if rfonts.attrib.pop(attribute, None) is not None:
                    removed += 1
    return removed


def substitute_fonts(document: Document, substitutes: Mapping[str, str]) -> int:
    """Replace font names per ``substitutes`` (仿宋_GB2312 → 仿宋 …); returns the count."""
    wanted = {old: new for old, new in substitutes.items() if old and new and old != new}
    if not wanted:
        return 0
    replaced = 0
    for part in xml_parts(document):
        for rfonts in part.element.iter(qn("w:rFonts")):
            for attribute in NAME_ATTRIBUTES:
                new = wanted.get(rfonts.get(attribute))
                if new:
                    rfonts.set(attribute, new)
                    replaced += 1
    return replaced


def fonts_used(document: Document) -> set[str]:
    """Every font name the document asks for (for tests and for a user's check)."""
    found: set[str] = set()
    for part in xml_parts(document):
        for rfonts in part.element.iter(qn("w:rFonts")):
            found.update(v for a in NAME_ATTRIBUTES if (v := rfonts.get(a)))
    return found


# What Word and WPS need to know of a font the PC lacks, to pick a close one: its character
# set (134, GB2312), family, pitch and PANOSE number. Font table entries (w:font) in
# ``word/fontTable.xml``; a name not listed here gets a generic Chinese entry.
_GB2312_SIG = ('<w:sig w:usb0="00000001" w:usb1="080E0000" w:usb2="00000010" '
               'w:usb3="00000000" w:csb0="00040000" w:csb1="00000000"/>')
_SONG_SIG = ('<w:sig w:usb0="00000003" w:usb1="288F0000" w:usb2="00000016" '
             'w:usb3="00000000" w:csb0="00040001" w:csb1="00000000"/>')
KNOWN_FONTS = {  # name: (another name, PANOSE, family, pitch, signature)
    FANGSONG: ("仿宋", "02010609030101010101", "modern", "fixed", _GB2312_SIG),
    KAITI: ("楷体", "02010609030101010101", "modern", "fixed", _GB2312_SIG),
    XIAOBIAOSONG: ("宋体", "02000000000000000000", "auto", "variable", _GB2312_SIG),
    HEITI: ("SimHei", "02010609060101010101", "modern", "fixed", _SONG_SIG),
    SONGTI: ("SimSun", "02010600030101010101", "auto", "variable", _SONG_SIG),
    "仿宋": ("FangSong", "02010609060101010101", "modern", "fixed", _SONG_SIG),
    "楷体": ("KaiTi", "02010609060101010101", "modern", "fixed", _SONG_SIG),
}
FONT_TABLE_TYPE = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
                   "fontTable")
LANGUAGE = "zh-CN"


def font_table_xml(names: set[str]) -> bytes:
    """``word/fontTable.xml`` listing ``names`` (the fonts the document asks for)."""
    from xml.sax.saxutils import quoteattr

    entries = []
    for name in sorted(names):
        alt, panose, family, pitch, sig = KNOWN_FONTS.get(
            name, ("", "02010600030101010101", "auto", "variable", _SONG_SIG))
        alt_xml = f"<w:altName w:val={quoteattr(alt)}/>" if alt and alt != name else ""
        entries.append(f'<w:font w:name={quoteattr(name)}>{alt_xml}'
                       f'<w:panose1 w:val="{panose}"/><w:charset w:val="86"/>'
                       f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/>{sig}</w:font>')
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            + "".join(entries) + "</w:fonts>").encode("utf-8")


def describe_fonts_and_language(document: Document, names: set[str] | None = None) -> None:
    """Make the file say what it is: a font table of the fonts it uses (not python-docx's
    ＭＳ 明朝 / ＭＳ ゴシック) and Chinese (zh-CN) as the East Asian theme language, so
    Word and WPS substitute a Chinese font of the right kind for one the PC lacks.
    ``names``: the fonts, if known (else every font the file names)."""
    if names is None:
        names = fonts_used(document)
    for rel in document.part.rels.values():
        if rel.reltype == FONT_TABLE_TYPE and not rel.is_external:
            rel.target_part._blob = font_table_xml(names)
    settings = document.settings.element
    language = settings.find(qn("w:themeFontLang"))
    if language is not None:
        language.set(qn("w:eastAsia"), LANGUAGE)
