"""The shipped templates, made from code (``resources/templates/make_templates.py`` runs
:func:`make_all`): a small, clean Word package with the GB/T 9704 page, styles and
page-number footers, a letterhead or title line, and the ``{{正文}}`` paragraph.

A town may open one in Word, change the letterhead or a style, and save it as
``data_home()/templates/NAME.docx``; the app then fills that one instead.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from desktop_app.documents import fonts, layout
from desktop_app.documents.template import BODY_PLACEHOLDER, TEMPLATES

# Parts of python-docx's default package a template does not need (Word 2010 effects,
# web settings, custom XML, a thumbnail, list numbering).
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
UNNEEDED = {STYLES_WITH_EFFECTS, RT.WEB_SETTINGS, RT.CUSTOM_XML, RT.NUMBERING, RT.THUMBNAIL}
KEPT_STYLE_IDS = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
FIXED_TIME = dt.datetime(2026, 1, 1)  # templates carry no build time


@dataclass(frozen=True)
class TemplateSpec:
    """What a template holds above ``{{正文}}``."""

    name: str
    landscape: bool = False
    letterhead: str | None = None  # red 发文机关标志 with its rule, e.g. "{{单位}}会议纪要"
    number_line: bool = False  # "编号：{{编号}}" above the title, right-aligned
    subtitle: bool = True  # "{{单位}}" under the title
    table_pt: float = layout.TABLE_PT


SPECS = [
    TemplateSpec("minutes"),
    TemplateSpec("summary", letterhead="{{单位}}会议纪要", subtitle=False),
    TemplateSpec("register"),
    TemplateSpec("ledger", landscape=True, table_pt=layout.LEDGER_TABLE_PT),
    TemplateSpec("duty_log"),
    TemplateSpec("certificate", number_line=True, subtitle=False),
    TemplateSpec("sign_in"),
    TemplateSpec("assessment_notice", letterhead="中共{{单位}}委员会", number_line=True,
                 subtitle=False),
    TemplateSpec("assessment_card"),
    TemplateSpec("assessment_sheet", landscape=True),
]


def base_document() -> Document:
    """python-docx's default document without the parts and styles we do not use."""
    document = new_document()
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in UNNEEDED:
            del package.rels[rel_id]
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in UNNEEDED:
            document.part.drop_rel(rel_id)
    styles = document.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.get(qn("w:styleId")) not in KEPT_STYLE_IDS:
            styles.remove(style)
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "联建台账"
    properties.created = properties.modified = FIXED_TIME
    properties.revision = 1
    return document


def make_template(spec: TemplateSpec) -> Document:
    """The template ``spec.name`` as a document."""
    document = base_document()
    layout.define_styles(document, spec.table_pt)
    section = document.sections[0]
    layout.set_page(section, landscape=spec.landscape)
    layout.add_page_numbers(document, section)
    if spec.letterhead:
        letterhead = document.add_paragraph(spec.letterhead, layout.LETTERHEAD)
        layout.red_rule(letterhead)
        document.add_paragraph("", layout.NORMAL)
    if spec.number_line:
        document.add_paragraph("编号：{{编号}}", layout.NORMAL).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        document.add_paragraph("", layout.NORMAL)
    document.add_paragraph("{{标题}}", layout.TITLE)
    if spec.subtitle:
        document.add_paragraph("{{单位}}", layout.SUBTITLE)
    document.add_paragraph(BODY_PLACEHOLDER, layout.BODY)
    fonts.strip_theme_fonts(document)
    fonts.describe_fonts_and_language(document)
    document.core_properties.title = TEMPLATES[spec.name]
    return document


def make_all(folder: Path) -> list[Path]:
    """Write every shipped template into ``folder``; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for spec in SPECS:
        path = folder / f"{spec.name}.docx"
        make_template(spec).save(str(path))
        written.append(path)
    return written
