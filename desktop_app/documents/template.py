"""The Word templates documents are filled into, and their placeholders.

Each kind of document has a template ``NAME.docx``: the town's own copy in
``data_home()/templates/`` wins over the one shipped in ``resources/templates/``. A template
holds the letterhead, the title line and the footers; its body has one paragraph reading
``{{正文}}`` where the document's content goes. ``{{标题}}``, ``{{单位}}``, ``{{编号}}`` and
``{{日期}}`` are replaced wherever they appear (body, tables, headers, footers).

A file that is not a zip, not a Word document, or lacks ``{{正文}}`` is refused with a
:class:`~desktop_app.records.errors.UserError` naming the file.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path

from docx import Document as open_document
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from desktop_app.config.paths import data_home, resource_path
from desktop_app.documents.fonts import xml_parts
from desktop_app.records.errors import UserError

BODY_PLACEHOLDER = "{{正文}}"
PLACEHOLDERS = ("标题", "单位", "编号", "日期")
TEMPLATE_FOLDER = "templates"

# name -> what a person calls the document (for messages and the templates' titles)
TEMPLATES = {
    "minutes": "会议记录",
    "summary": "会议纪要",
    "register": "四议两公开登记表",
    "ledger": "工作任务台账",
    "duty_log": "值班日志",
    "certificate": "志愿服务时长证明",
    "sign_in": "志愿服务活动签到表",
    "assessment_notice": "擂台比武情况通报",
    "assessment_card": "擂台比武得分卡",
    "assessment_sheet": "擂台比武评分表",
}


class TemplateError(UserError):
    """A template that cannot be used; the message names the file and what is wrong."""


def user_template(name: str) -> Path:
    """Where a town puts its own template for ``name``."""
    return data_home() / TEMPLATE_FOLDER / f"{name}.docx"


def shipped_template(name: str) -> Path:
    return resource_path(TEMPLATE_FOLDER, f"{name}.docx")


def template_path(name: str) -> Path:
    """The town's template if there is one, else the shipped one."""
    if name not in TEMPLATES:
        raise UserError(f"没有名为 {name} 的文书模板")
    own = user_template(name)
    return own if own.is_file() else shipped_template(name)


def load(name: str, path: Path | None = None) -> tuple[Document, Paragraph]:
    """Open the template (``path``, or :func:`template_path`) and find its ``{{正文}}``.

    Returns the document and the placeholder paragraph, before which content goes.
    """
    path = path or template_path(name)
    what = TEMPLATES.get(name, name)
    if not path.is_file():
        raise TemplateError(f"找不到{what}模板文件：{path}")
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"模板文件 {path} 不是 Word 文档（.docx）：无法作为压缩包打开，"
                            "文件可能已损坏，或是 .doc 等其他格式")
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
    except (zipfile.BadZipFile, OSError) as error:
        raise TemplateError(f"模板文件 {path} 已损坏：{error}") from None
    if "word/document.xml" not in members or "[Content_Types].xml" not in members:
        raise TemplateError(f"模板文件 {path} 不是 Word 文档（.docx）：缺少 word/document.xml")
    damaged = damaged_part(path)
    if damaged:
        raise TemplateError(damaged)
    try:
        document = open_document(str(path))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile):
        raise TemplateError(f"模板文件 {path} 无法按 Word 文档打开：文件结构不完整。"
                            f"{REMEDY}") from None
    except Exception:  # anything else the parser stumbles on: still the file's fault
        raise TemplateError(f"模板文件 {path} 内容有误，无法打开。{REMEDY}") from None
    check_styles(document, path)
    return document, body_anchor(document, path)


REMEDY = "请在 Word 中打开并另存为 .docx 文档，或删除该文件以使用自带模板。"
# What a person calls the XML parts of a .docx
PART_NAMES = {"word/document.xml": "正文", "word/styles.xml": "样式",
              "word/settings.xml": "文档设置", "word/fontTable.xml": "字体表",
              "word/numbering.xml": "编号", "[Content_Types].xml": "内容类型清单"}


def _part_name(member: str) -> str:
    if member in PART_NAMES:
        return PART_NAMES[member]
    for word, name in (("footer", "页脚"), ("header", "页眉"), ("theme", "主题"),
                       ("_rels", "关系表")):
        if word in member:
            return name
    return "组成部分"


def damaged_part(path: Path) -> str | None:
    """A message naming the first XML part of the file that does not parse, in Chinese
    (the parser's own words, ``AttValue: ' expected``, tell a clerk nothing)."""
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                if not (member.endswith(".xml") or member.endswith(".rels")):
                    continue
                try:
                    etree.fromstring(archive.read(member))
                except etree.XMLSyntaxError as error:
                    line = error.lineno or 1
                    return (f"模板文件 {path} 已损坏：其中的{_part_name(member)}（{member}）"
                            f"在第 {line} 行格式有误，无法读取。{REMEDY}")
    except (zipfile.BadZipFile, OSError):
        return f"模板文件 {path} 已损坏：无法读取压缩包内容。{REMEDY}"
    return None


def check_styles(document: Document, path: Path) -> None:
    """Two styles with one id (Word renames a style but keeps its id; a copied style may
    bring a twin), or a style of the standard renamed: a message saying which."""
    by_id: dict[str, list[str]] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        by_id.setdefault(style.get(qn("w:styleId")) or "", []).append(
            name.get(qn("w:val")) if name is not None else "")
    for style_id, names in by_id.items():
        if len(names) > 1:
            shown = "”和“".join(names)
            raise TemplateError(f"模板文件 {path} 中有 {len(names)} 个样式使用同一标识 "
                                f"{style_id}（“{shown}”），Word 无法区分：请在 Word 中删除"
                                "或重命名多余的样式后保存。")
    from desktop_app.documents.layout import style_specs  # layout needs no template

    for spec in style_specs():
        found = by_id.get(spec.style_id)
        if found and spec.name not in found:
            raise TemplateError(f"模板文件 {path} 中的样式“{spec.name}”被改名为“{found[0]}”"
                                f"（样式标识 {spec.style_id}）：文书按原名使用该样式，"
                                f"请在 Word 中将其改回“{spec.name}”。")


def body_anchor(document: Document, path: Path) -> Paragraph:
    """The paragraph reading ``{{正文}}``, directly in the body (not in a table)."""
    for paragraph in document.paragraphs:
        if paragraph.text.strip() == BODY_PLACEHOLDER:
            return paragraph
    inside = [p for p in document.element.body.iter(qn("w:p")) if BODY_PLACEHOLDER in _text(p)]
    if inside:
        raise TemplateError(f"模板文件 {path} 中的 {BODY_PLACEHOLDER} 应单独成段，"
                            "且不能放在表格或文本框中")
    raise TemplateError(f"模板文件 {path} 缺少占位符 {BODY_PLACEHOLDER}：请在正文位置"
                        f"单独一段写上 {BODY_PLACEHOLDER}")


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def fill_placeholders(document: Document, values: Mapping[str, str]) -> int:
    """Replace ``{{标题}}`` … in every paragraph of every part; returns how many.

    Word may split a placeholder over several runs; the paragraph's text is then
    rejoined into its first run (keeping that run's formatting).
    """
    wanted = {f"{{{{{key}}}}}": value for key, value in values.items()}
    replaced = 0
    for part in xml_parts(document):
        for p in part.element.iter(qn("w:p")):
            texts = list(p.iter(qn("w:t")))
            full = "".join(t.text or "" for t in texts)
            if "{{" not in full:
                continue
            new = full
            for placeholder, value in wanted.items():
                if placeholder in new:
                    new = new.replace(placeholder, value)
                    replaced += 1
            if new != full:
                texts[0].text = new
                texts[0].set(qn("xml:space"), "preserve")
                for t in texts[1:]:
                    t.text = ""
    return replaced
