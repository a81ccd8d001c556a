"""Large documents: tables built a hundred rows at a time inside the document, the main part
written row by row (no single long library call), progress reported and cancel honoured."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from lxml import etree

from desktop_app.documents import layout, render, writer
from desktop_app.documents.compose import Composer
from desktop_app.documents.package import BATCH, save_package
from desktop_app.documents.tables import CHUNK_ROWS, SIGN_HERE

ROWS = 1234


def content(body: Composer) -> None:
    body.paragraph("共 1234 行。", layout.NOTE)
    table = body.table([10, 40, 20])
    table.header(["序号", "内容", "备注"])
    for number in range(1, ROWS + 1):
        table.row([number, f"第{number}项：清理排水沟 & <检查> “路灯”", ""])
        if number % 500 == 0:
            body.step(number, ROWS)
    body.add_table(table)
    body.paragraph("制表人：", layout.NOTE)


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path / "home"))


def test_rows_land_in_order_in_one_table_in_the_document(home):
    document = render.build("ledger", {"标题": "台账"}, content)
    assert ROWS > 3 * CHUNK_ROWS
    assert len(document.tables) == 1
    rows = document.tables[0]._tbl.findall(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr")
    assert len(rows) == ROWS + 1
    texts = [p.text for p in document.paragraphs]
    assert texts.index("共 1234 行。") < texts.index("制表人：")
    assert document.tables[0].cell(ROWS, 1).text == f"第{ROWS}项：清理排水沟 & <检查> “路灯”"


def test_the_streamed_file_says_what_python_docx_would_write(home):
    """Same XML (canonical form) in every part as python-docx's own save."""
    assert ROWS > BATCH
    document = render.build("ledger", {"标题": "台账"}, content)
    ours, theirs = io.BytesIO(), io.BytesIO()
    save_package(document, ours)
    document.save(theirs)
    with zipfile.ZipFile(ours) as a, zipfile.ZipFile(theirs) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        for name in a.namelist():
            if name.endswith((".xml", ".rels")):
                assert (etree.tostring(etree.fromstring(a.read(name)), method="c14n")
                        == etree.tostring(etree.fromstring(b.read(name)), method="c14n")), name
    ours.seek(0)
    assert len(Document(ours).tables[0].rows) == ROWS + 1


class Stop(Exception):
    pass


def test_progress_is_reported_and_cancel_leaves_nothing(home, tmp_path):
    seen: list[tuple[int, int]] = []

    class Progress:
        def __call__(self, done: int, total: int) -> None:
            seen.append((done, total))

        def check(self) -> None:
            if len(seen) >= limit:
                raise Stop

    limit = 10_000
    out = tmp_path / "台账.docx"
    render.produce("ledger", {"标题": "台账"}, content, out,
                   render.Options(progress=Progress()))
    assert out.is_file()
    assert seen[-1][0] == seen[-1][1]  # the end
    assert [done / total for done, total in seen] == sorted(done / total for done, total in seen)
    assert any(done / total < 0.5 for done, total in seen)  # composing
    assert any(0.5 < done / total < 1 for done, total in seen)  # saving

    for limit in (1, len(seen) - 1):  # while composing, while saving
        seen.clear()
        target = tmp_path / f"取消{limit}.docx"
        with pytest.raises(Stop):
            render.produce("ledger", {"标题": "台账"}, content, target,
                           render.Options(progress=Progress()))
        assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["台账.docx"]


def test_writer_save_still_refuses_what_it_refused(home, tmp_path):
    document = render.build("ledger", {"标题": "台账"}, content)
    with pytest.raises(writer.UserError, match="应以 .docx 结尾"):
        writer.save(document, tmp_path / "台账.txt")


# --- in a process of its own -------------------------------------------------------------


@pytest.fixture(scope="module")
def town_db(tmp_path_factory):
    from desktop_app.demo import build_demo
    from desktop_app.storage.database import Database

    path = tmp_path_factory.mktemp("town") / "town.db"
    db = Database(path)
    build_demo(db)
    db.close()
    return path


def test_a_ledger_written_in_a_child_process(home, town_db, tmp_path):
    """The window's way: the child opens the file, reports progress, writes atomically."""
    from desktop_app.documents.process import export_in_process

    seen = []
    out = export_in_process("export_ledger", town_db, tmp_path / "台账.docx",
                            progress=lambda done, total: seen.append((done, total)))
    assert out == tmp_path / "台账.docx"
    assert len(Document(str(out)).tables[0].rows) > 600
    assert seen and seen[-1][0] == seen[-1][1]


def test_cancel_and_errors_from_the_child(home, town_db, tmp_path):
    from desktop_app.documents.process import export_in_process
    from desktop_app.records.errors import UserError

    def stop(done, total):
        raise Stop

    with pytest.raises(Stop):
        export_in_process("export_ledger", town_db, tmp_path / "取消.docx", progress=stop)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(UserError, match="应以 .docx 结尾"):
        export_in_process("export_ledger", town_db, tmp_path / "台账.txt")


# --- rows kept in a temporary file until the document is saved -----------------------------


def signed(body: Composer) -> None:
    """The table, then a sign-off line that keeps the table's last rows on its page."""
    content(body)
    body.sign_off(["审核人：", SIGN_HERE])


def test_a_produced_file_says_what_the_built_document_says(home, tmp_path):
    """``produce`` keeps the rows out of the document until it is saved; the file is the
    same (canonical XML, every part) as the built document's with every row in it."""
    out = render.produce("ledger", {"标题": "台账"}, signed, tmp_path / "台账.docx")
    built = io.BytesIO()
    save_package(render.build("ledger", {"标题": "台账"}, signed), built)
    with zipfile.ZipFile(out) as a, zipfile.ZipFile(built) as b:
        assert sorted(a.namelist()) == sorted(b.namelist())
        for name in a.namelist():
            if name.endswith((".xml", ".rels")) and name != "docProps/core.xml":  # its times
                assert (etree.tostring(etree.fromstring(a.read(name)), method="c14n")
                        == etree.tostring(etree.fromstring(b.read(name)), method="c14n")), name
    table = Document(out).tables[0]
    assert len(table.rows) == ROWS + 1
    last = table.rows[-1].cells[1].paragraphs[0]
    assert last.paragraph_format.keep_with_next  # the sign-off's page
    assert table.cell(ROWS, 1).text == f"第{ROWS}项：清理排水沟 & <检查> “路灯”"


def test_spilled_rows_stay_out_of_the_document_until_it_is_saved(home):
    from docx.oxml.ns import qn

    from desktop_app.documents import template

    document, anchor = template.load("ledger")
    layout.ensure_styles(document, layout.LEDGER_TABLE_PT)
    body = Composer(document, anchor, spill=True)
    content(body)
    (rows,) = body.spilled
    kept = rows.element.findall(qn("w:tr"))  # the last rows: the sign-off keeps with them
    assert 2 <= len(kept) <= CHUNK_ROWS
    assert rows.count + len(kept) == ROWS + 1  # the header and every row
    assert [child.tag for child in rows.element][:2] == [qn("w:tblPr"), qn("w:tblGrid")]
    written = b"".join(block for block, _ in rows.blocks())
    assert written.count(b"<w:tr>") == rows.count
    rows.close()
