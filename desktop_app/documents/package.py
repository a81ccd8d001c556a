"""Writing a .docx without one long library call: the main document part is serialised
element by element (a large table row by row) and compressed as it goes.

python-docx's ``Document.save`` turns ``word/document.xml`` into bytes in one lxml call:
for a ledger of 100,000 rows that is seconds during which no other Python thread runs (the
window freezes). Here each call handles one body element, or one table row, so the
interpreter switches threads between them and ``progress`` can report and cancel.
Every other part is small and written as python-docx writes it. The rows of a table that
waits in a temporary file (``tables.SpilledRows``) are copied in as they were written.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence
from typing import IO

from docx.document import Document
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml.ns import qn
from lxml import etree

from desktop_app.documents.tables import SpilledRows
from desktop_app.progress import Progress

XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
BATCH = 200  # elements serialised between two writes (and two progress reports)



def save_package(document: Document, stream: IO[bytes], step: Progress | None = None,
                 spilled: Sequence[SpilledRows] = ()) -> None:
    """Write ``document`` as a .docx to ``stream``, with the ``spilled`` rows of its tables;
    ``step(done, total)`` is called every few hundred rows of the main part (it may raise
    to stop)."""
    package = document.part.package
    parts = list(package.iter_parts())
    for part in parts:
        part.before_marshal()
    main = document.part
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob)
        archive.writestr(PACKAGE_URI.rels_uri.membername, package.rels.xml)
        for part in parts:
            if part is main:
                with archive.open(part.partname.membername, "w", force_zip64=True) as target:
                    for chunk in document_xml(document.element, step, spilled):
                        target.write(chunk)
            else:
                archive.writestr(part.partname.membername, part.blob)
            if len(part.rels):
                archive.writestr(part.partname.rels_uri.membername, part.rels.xml)


def _open_tag(element) -> tuple[bytes, bytes]:
    """``<w:document xmlns:…>`` and ``</w:document>`` of ``element`` (its attributes and
    namespace declarations, without its children)."""
    shallow = etree.Element(element.tag, dict(element.attrib), nsmap=element.nsmap)
    text = etree.tostring(shallow, encoding="UTF-8")
    assert text.endswith(b"/>")
    name = text[1:text.index(b" ") if b" " in text else -2]
    return text[:-2] + b">", b"</" + name + b">"


class _Strip:
    """Removes, from the first tag of a serialised child, the namespace declarations the
    root already makes (lxml repeats every declaration in scope on the child it
    serialises)."""

    def __init__(self, root) -> None:
        self.declarations = [f' xmlns:{prefix}="{uri}"'.encode() if prefix else
                             f' xmlns="{uri}"'.encode() for prefix, uri in root.nsmap.items()]

    def __call__(self, text: bytes) -> bytes:
        end = text.index(b">")
        head = text[:end]
        for declaration in self.declarations:
            head = head.replace(declaration, b"", 1)
        return head + text[end:]


def document_xml(root, step: Progress | None = None,
                 spilled: Sequence[SpilledRows] = ()) -> Iterator[bytes]:
    """``word/document.xml`` in pieces: the body's children one by one, a table's rows one
    by one (a spilled table's a block at a time)."""
    strip = _Strip(root)
    rows_of = {rows.element: rows for rows in spilled}
    body = root.find(qn("w:body"))
    children = list(body)
    total = sum(_size(child, rows_of) for child in children)
    done = 0
    root_open, root_close = _open_tag(root)
    yield XML_DECLARATION + root_open + b"<w:body>"
    pending: list[bytes] = []
    for child in children:
        if child in rows_of:  # properties, the spilled rows, the rows kept in the document
            table_open, table_close = _open_tag(child)
            pending.append(strip(table_open))
            kept = child.findall(qn("w:tr"))
            pending += [strip(etree.tostring(part, encoding="UTF-8")) for part in child
                        if part.tag != qn("w:tr")]
            for block, count in rows_of[child].blocks():
                yield b"".join(pending) + block
                pending.clear()
                done += count
                if step is not None:
                    step(done, total)
            pending += [strip(etree.tostring(row, encoding="UTF-8")) for row in kept]
            done += len(kept)
            pending.append(table_close)
        elif child.tag == qn("w:tbl") and len(child) > BATCH:
            table_open, table_close = _open_tag(child)
            pending.append(strip(table_open))
            for row in child:
                pending.append(strip(etree.tostring(row, encoding="UTF-8")))
                done += 1
                if len(pending) >= BATCH:
                    yield b"".join(pending)
                    pending.clear()
                    if step is not None:
                        step(done, total)
            pending.append(table_close)
        else:
            pending.append(strip(etree.tostring(child, encoding="UTF-8")))
            done += _size(child, rows_of)
    yield b"".join(pending) + b"</w:body>" + root_close
    if step is not None:
        step(total, total)


def _size(child, rows_of: dict) -> int:
    """What a body element counts for in the progress: a table its rows, else one."""
    if child.tag != qn("w:tbl"):
        return 1
    return len(child) + (rows_of[child].count if child in rows_of else 0)
