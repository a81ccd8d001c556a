"""The documents as printed: every kind of the sample town converted to PDF by LibreOffice
(one ``soffice`` run for all of them), then read with pdftotext: page counts, "— N —" on
every page, the content, and Chinese drawn in a Chinese font (no boxes).

Needs ``soffice`` and ``pdftotext`` (Debian: ``apt-get install libreoffice-writer-nogui
poppler-utils``; ``.ci/run`` installs them) and the Chinese font the page counts are judged
with, WenQuanYi Micro Hei (``fonts-wqy-microhei``).

The documents name Windows fonts (仿宋_GB2312, 方正小标宋简体, 黑体 …) that a Linux machine
lacks, so LibreOffice draws them with a substitute, and where a table row breaks depends on
the substitute's line height (table text is not on exact line spacing; Noto Sans CJK's lines
are a quarter taller than WenQuanYi Micro Hei's, 1.45 em against 1.17, enough to push the
sign-in sheet's last row onto a second page). So that other fonts on the machine
(``fonts-noto-cjk``, Liberation …) cannot move a page break, the conversion sees only
WenQuanYi Micro Hei and DejaVu, the fonts CI installs (a fontconfig file of its own,
``FONTCONFIG_FILE``).
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import func, select

from db.models import ActivityParticipant, DecisionStep, MeetingAgendaItem, Person
from desktop_app import documents
from desktop_app.demo import build_demo
from desktop_app.services import ListQuery, Services
from desktop_app.storage.database import Database

MISSING = [tool for tool in ("soffice", "pdftotext", "pdffonts") if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(MISSING), reason=f"未安装 {'、'.join(MISSING)}：apt-get install libreoffice-writer-nogui "
                          "poppler-utils 后可运行 PDF 排版测试")
TODAY = date(2026, 11, 29)
REFERENCE_FONT = "WenQuanYi Micro Hei"  # the Chinese font the layout is judged with
LATIN_FONTS = "DejaVu"  # fonts-dejavu-core comes with fontconfig on Debian


def font_files() -> dict[str, set[str]]:
    """Every font file fontconfig knows, with the family names of its faces."""
    listed = subprocess.run(["fc-list", ":", "file", "family"], capture_output=True,
                            text=True).stdout
    files: dict[str, set[str]] = {}
    for line in listed.splitlines():  # a .ttc file has a line for each of its faces
        path, _, families = line.partition(": ")
        files.setdefault(path, set()).update(family.strip() for family in families.split(","))
    return files


def reference_fonts_only(folder: Path) -> Path:
    """A fontconfig file that shows only WenQuanYi Micro Hei and DejaVu."""
    files = font_files()
    reference = [path for path, families in files.items() if REFERENCE_FONT in families]
    if not reference:
        pytest.skip(f"未安装 {REFERENCE_FONT}：apt-get install fonts-wqy-microhei 后可运行 "
                    "PDF 排版测试")
    latin = [path for path, families in files.items()
             if any(family.startswith(LATIN_FONTS) for family in families)]
    # fontconfig applies the globs to folders too: the folders above the fonts stay visible.
    folders = {str(parent) for path in reference + latin for parent in Path(path).parents}
    accepted = "".join(f"<glob>{escape(path)}</glob>"
                       for path in sorted(folders | set(reference + latin)))
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        '<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<selectfont><acceptfont>{accepted}</acceptfont>"
        "<rejectfont><glob>*</glob></rejectfont></selectfont></fontconfig>\n",
        encoding="utf-8")
    return config


def pick(services: Services) -> dict[str, str]:
    """The sample town's busiest meeting, an item through all six steps, the busiest volunteer
    of this office's cluster (黄璩), an activity, and the cluster."""
    with services.db.session() as session:
        def first(stmt):
            return session.scalar(stmt.limit(1))

        count = func.count()
        return {
            "meeting": first(select(MeetingAgendaItem.meeting_id)
                             .group_by(MeetingAgendaItem.meeting_id).order_by(count.desc(),
                                                                              MeetingAgendaItem.meeting_id)),
            "agenda": first(select(DecisionStep.agenda_item_id).where(DecisionStep.step == 6)
                            .order_by(DecisionStep.agenda_item_id)),
            "person": first(select(ActivityParticipant.person_id)  # of this office's cluster
                            .join(Person, Person.id == ActivityParticipant.person_id)
                            .where(Person.cluster_id == services.db.node.cluster_id)
                            .group_by(ActivityParticipant.person_id)
                            .order_by(count.desc(), ActivityParticipant.person_id)),
            "activity": first(select(ActivityParticipant.activity_id)
                              .group_by(ActivityParticipant.activity_id)
                              .order_by(count.desc(), ActivityParticipant.activity_id)),
            "cluster": services.db.node.cluster_id,
        }


def export_all(db_path: Path, docs: Path) -> dict:
    """Every kind of document of the sample town (built in ``db_path``) into ``docs``;
    returns the facts the tests check them against."""
    db = Database(db_path)
    build_demo(db, today=TODAY)
    services = Services(db)
    ids = pick(services)
    docs.mkdir(parents=True, exist_ok=True)
    year = date(TODAY.year, 1, 1)
    documents.export_minutes(services, ids["meeting"], docs / "minutes.docx")
    documents.export_summary(services, ids["meeting"], docs / "summary.docx")
    documents.export_register(services, ids["agenda"], docs / "register.docx")
    documents.export_ledger(services, docs / "ledger.docx",
                            documents.LedgerFilter(cluster_id=ids["cluster"]))
    documents.export_duty_log(services, docs / "duty_log.docx", cluster_id=ids["cluster"],
                              date_from=date(2026, 11, 1), date_to=date(2026, 11, 30))
    certificate = documents.issue_certificate(services, ids["person"], year, TODAY,
                                              docs / "certificate.docx", issued_on=TODAY)
    documents.export_sign_in(services, ids["activity"], docs / "sign_in.docx")
    facts = {
        "meeting": services.meetings.get(ids["meeting"]),
        "attendees": [services.people.get(a.person_id).name
                      for a in services.meetings.attendees(ids["meeting"])],
        "items": services.meetings.agenda(ids["meeting"]),
        "tasks": services.tasks.list(ListQuery(cluster_id=ids["cluster"], limit=None)).items,
        "certificate": certificate,
    }
    db.close()
    return facts


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    """Export every kind from the sample town, convert all to PDF in one soffice call."""
    root = tmp_path_factory.mktemp("printed")
    docs = root / "docx"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LIANJIAN_HOME", str(root / "home"))
        facts = export_all(root / "demo.db", docs)
    pdf = root / "pdf"
    fonts = {**os.environ, "FONTCONFIG_FILE": str(reference_fonts_only(root))}
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(root / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(pdf), *sorted(map(str, docs.glob("*.docx")))],
        check=True, capture_output=True, timeout=300, env=fonts)
    return pdf, facts


def pages(pdf: Path) -> list[str]:
    """The text of each page."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("kind", ["minutes", "summary", "register", "ledger", "duty_log",
                                  "certificate", "sign_in"])
def test_every_page_is_numbered_in_order(printed, kind):
    """Each page carries its own number "— N —", counting from 1."""
    pdf, _ = printed
    texts = pages(pdf / f"{kind}.pdf")
    assert texts
    for number, text in enumerate(texts, 1):
        assert flat(f"— {number} —") in flat(text), (kind, number)


def test_chinese_is_drawn_with_a_chinese_font(printed):
    """The PDF embeds a font that has Chinese glyphs (boxes would mean none was found)."""
    pdf, _ = printed
    listed = subprocess.run(["fc-list", ":lang=zh", "family", "fullname", "postscriptname"],
                            capture_output=True, text=True).stdout
    # Every name of every font with Chinese glyphs: "WenQuanYi Micro Hei" (family and full
    # name) becomes "wenquanyimicrohei", "NotoSansCJKsc-Regular" (PostScript name) stays whole.
    chinese = {flat(name).lower() for value in re.split(r"[:\n]", listed)
               for name in value.split("=")[-1].split(",") if name.strip()}
    assert chinese, "no Chinese font installed (apt-get install fonts-wqy-microhei)"
    embedded = subprocess.run(["pdffonts", str(pdf / "minutes.pdf")], check=True,
                              capture_output=True, text=True).stdout.lower()
    # "BAAAAA+WenQuanYiMicroHei", "CAAAAA+NotoSansCJKjp-Regular-VKana": a subset tag, then the
    # font's PostScript name, to which LibreOffice may add a suffix of its own.
    names = {line.split()[0].split("+")[-1] for line in embedded.splitlines()[2:] if line}
    assert any(name == font or name.startswith(font + "-") for name in names
               for font in chinese), (names, chinese)


def test_minutes_show_everyone_and_every_item_with_its_vote(printed):
    """The printed minutes show every attendee, every item with its outcome and votes."""
    pdf, facts = printed
    texts = pages(pdf / "minutes.pdf")
    text = flat("".join(texts))
    assert 1 <= len(texts) <= 4
    assert "会议记录" in text and flat(facts["meeting"].title) in text
    for name in facts["attendees"]:
        assert name in text
    for item in facts["items"]:
        assert flat(f"赞成 {item.votes_for or 0} 票，反对 {item.votes_against or 0} 票，"
                    f"弃权 {item.votes_abstain or 0} 票") in text
    assert "主持人（签字）" in text


def test_ledger_prints_every_task_on_landscape_pages(printed):
    """The cluster's ledger shows every task (the first line of its title: pdftotext mixes
    wrapped cell lines with the next cell's) and the count; its pages are landscape."""
    pdf, facts = printed
    text = flat("".join(pages(pdf / "ledger.pdf")))
    assert f"共{len(facts['tasks'])}项任务" in text
    for task in facts["tasks"]:
        assert flat(task.title)[:8] in text, task.title
    info = subprocess.run(["pdfinfo", str(pdf / "ledger.pdf")], capture_output=True,
                          text=True).stdout if shutil.which("pdfinfo") else ""
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info)
    if size:
        width, height = map(float, size.groups())
        assert width > height  # landscape A4: 842 x 595 pt


def test_certificate_and_sign_in_fit_their_pages(printed):
    """A certificate is at most two pages with its number and hours; the sign-in sheet of a
    small activity is one page; the 纪要 and the register read as expected."""
    pdf, facts = printed
    certificate = facts["certificate"]
    cert_pages = pages(pdf / "certificate.pdf")
    assert len(cert_pages) <= 2
    assert flat(certificate.number) in flat("".join(cert_pages))
    assert f"累计志愿服务时长{certificate.hours:g}小时" in flat("".join(cert_pages))
    assert len(pages(pdf / "sign_in.pdf")) == 1
    summary = flat("".join(pages(pdf / "summary.pdf")))
    assert "会议纪要" in summary and "出席：" in summary and "列席：" in summary
    register = flat("".join(pages(pdf / "register.pdf")))
    for step in ("第一步", "第二步", "第三步", "第四步", "第五步", "第六步"):
        assert step in register


# --- the page grid, as printed -----------------------------------------------------------

PORTRAIT = ["minutes", "summary", "register", "duty_log", "certificate", "sign_in"]
POINTS_PER_MM = 72 / 25.4
LEFT = 28 * POINTS_PER_MM  # the text block: 28 mm from the left, 156 mm wide, 37 mm down
RIGHT = LEFT + 156 * POINTS_PER_MM
TOP = 37 * POINTS_PER_MM
CELL = 156 * POINTS_PER_MM / 28  # one character of the grid: 15.79 pt
LINE = 28.95  # one line of the grid
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Row:
    """Words printed at one height of a page, left to right (table cells included)."""

    x0: float
    x1: float
    top: float
    height: float
    text: str


def rows(pdf: Path) -> list[list[Row]]:
    """The rows of words of each page (``pdftotext -bbox``), top to bottom."""
    xml = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    found = []
    for page in ElementTree.fromstring(xml).iter(f"{XHTML}page"):
        words = sorted((float(w.get("yMin")), float(w.get("xMin")), float(w.get("xMax")),
                         float(w.get("yMax")), w.text or "")
                        for w in page.iter(f"{XHTML}word"))
        lines: list[list[tuple]] = []
        for word in words:
            if lines and abs(lines[-1][0][0] - word[0]) < 2:
                lines[-1].append(word)
            else:
                lines.append([word])
        found.append([Row(min(w[1] for w in line), max(w[2] for w in line), line[0][0],
                          line[0][3] - line[0][0],
                          "".join(w[4] for w in sorted(line, key=lambda w: w[1])))
                      for line in lines])
    return found


def body_rows(page: list[Row]) -> list[Row]:
    """The rows in 16 pt text (仿宋 body, headings): a box about 20.8 pt high."""
    return [row for row in page if 19 < row.height < 23]


def test_bbox_reader_sees_the_minutes(printed):
    pdf, facts = printed
    first = rows(pdf / "minutes.pdf")[0]
    assert any(flat(facts["meeting"].title) in row.text for row in first)


MARKS = "“”‘’（）《》〔〕，。、：；！？"


def wrapped_for_punctuation(next_line: str) -> bool:
    """A line starts with an opening mark, or with a character and a closing mark: Chinese
    line breaking (no ” or ， at a line start, no “ at a line end) took it down, and the
    line above holds one character fewer."""
    return next_line[:1] in "“‘（《〔" or next_line[1:2] in "”’，。、）：；！？》〕"


@pytest.mark.parametrize("kind", PORTRAIT)
def test_a_full_line_holds_28_characters(printed, kind):
    """Every line of 16 pt text that reaches the right edge of the text block holds 28
    characters (counting a first-line indent as its characters): the character grid, as
    LibreOffice prints it. Lines with Latin letters or digits (narrower) are left out;
    one with punctuation marks side by side (set closer) holds at least 28."""
    pdf, _ = printed
    full = []
    for page in rows(pdf / f"{kind}.pdf"):
        lines = body_rows(page)
        for row, after in zip(lines, [*lines[1:], None]):  # noqa: B905
            if row.x1 < RIGHT - CELL / 2 or re.search(r"[\x00-\x7f]", row.text):
                continue
            indent = round((row.x0 - LEFT) / CELL)
            count = indent + len(row.text)
            if re.search(f"[{MARKS}][{MARKS}]", row.text) and count >= 28:
                count = 28  # marks side by side (”、“) are set closer: the line holds more
            if count == 27 and after is not None and wrapped_for_punctuation(after.text):
                count = 28  # a character went down with the mark it may not be parted from
            full.append((count, row.text))
    assert [line for line in full if line[0] != 28] == []
    if kind in ("minutes", "summary", "certificate"):
        assert full, "no full line to check"


@pytest.mark.parametrize("kind", PORTRAIT)
def test_pages_hold_22_lines_on_the_grid(printed, kind):
    """16 pt lines sit on the 22 lines of the page grid (28.95 pt apart, from the top of
    the text block): none below the 22nd; the minutes' first page, full, uses all 22 (the
    title, 22 pt, takes the first and its spacing the second)."""
    pdf, _ = printed
    for number, page in enumerate(rows(pdf / f"{kind}.pdf"), 1):
        slots = [int((row.top - TOP) // LINE) for row in body_rows(page)]
        assert all(0 <= slot < 22 for slot in slots), (kind, number, slots)
        if kind == "minutes" and number == 1:
            assert sorted(set(slots)) == list(range(2, 22)), slots


SIGN_OFFS = {
    "minutes": ["主持人（签字）：", "记录人（签字）："],
    "register": ["党支部书记（签字）："],
    "duty_log": ["审核人（签字）：", "审核日期："],
    "sign_in": ["活动负责人（签字）：", "记录人（签字）："],
}


@pytest.mark.parametrize("kind", sorted(SIGN_OFFS))
def test_sign_off_lines_do_not_wrap(printed, kind):
    """Each sign-off line prints on one line: all its labels on the same row."""
    pdf, _ = printed
    labels = SIGN_OFFS[kind]
    on_one_row = [row for page in rows(pdf / f"{kind}.pdf") for row in page
                  if all(flat(label) in flat(row.text) for label in labels)]
    assert on_one_row, [row.text for page in rows(pdf / f"{kind}.pdf") for row in page
                        if "签字" in row.text]


def is_sign_off(text: str) -> bool:
    """A signature line, a date, a 落款 line, or the page number."""
    text = flat(text)
    return bool("签字" in text or "盖章" in text or text.startswith(("负责人：", "经办人：",
                                                                    "联系电话：", "审核日期"))
                or re.fullmatch(r"(\d{4})?年(\d{1,2})?月(\d{1,2})?日", text)
                or re.fullmatch(r"—\d+—", text))


@pytest.mark.parametrize("kind", PORTRAIT + ["ledger"])
def test_no_page_holds_only_a_date_or_signature(printed, kind):
    pdf, _ = printed
    for number, page in enumerate(rows(pdf / f"{kind}.pdf"), 1):
        assert not all(is_sign_off(row.text) for row in page), (kind, number,
                                                               [r.text for r in page])


@pytest.mark.parametrize("kind", ["sign_in", "duty_log"])
def test_times_are_not_cut_inside_their_digits(printed, kind):
    """"09:00—12:30" prints whole on one row: no row ends inside a time or a range."""
    pdf, _ = printed
    texts = [flat(row.text) for page in rows(pdf / f"{kind}.pdf") for row in page]
    assert any(re.search(r"\d{2}:\d{2}—\d{2}:\d{2}", text) for text in texts), texts
    cut = [text for text in texts if re.search(r"(\d{2}:\d?|\d{2}:\d{2}—\d?)$", text)]
    assert cut == []


@pytest.mark.parametrize("kind", ["sign_in", "duty_log", "certificate"])
def test_table_headers_stay_on_their_lines(printed, kind):
    """A column is at least as wide as its header: 所在村 / 单位 is not printed 所在村 / 单 | 位.
    (The table builder widens such a column from the others' spare room.)"""
    module = importlib.import_module(f"desktop_app.documents.{kind}")
    pdf, _facts = printed
    lines = {flat(line) for page in pages(pdf / f"{kind}.pdf") for line in page.splitlines()}
    wanted = [flat(part) for header, _width in module.COLUMNS for part in header.split("\n")]
    assert [header for header in wanted if header not in lines] == []
