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
    try:
        document = open_document(str(path))
    except (PackageNotFoundError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise TemplateError(f"模板文件 {path} 无法按 Word 文档打开：{error}") from None
    except Exception as error:  # lxml syntax errors and the like: still the file's fault
        raise TemplateError(f"模板文件 {path} 内容有误，无法打开：{error}") from None
    return document, body_anchor(document, path)


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
