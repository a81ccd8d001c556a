"""Word documents, read back as a clerk's PC would: the GB/T 9704 layout (page, margins,
fonts, line spacing, page numbers), tables that print well, and the content of every kind:
minutes, 纪要, the 四议两公开 register, the task ledger, the duty log, the volunteer-hours
certificate and the sign-in sheet.

One module-scoped office (黄璩联合党总支, a meeting, an agenda item through all six steps,
tasks, a shift, volunteer activities) is built through the services and every kind is
exported once; the tests read those files.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from desktop_app import documents
from desktop_app.config.settings import DEFAULT_FONT_SUBSTITUTES
from desktop_app.documents import fonts, layout
from desktop_app.services import Services
from desktop_app.storage.database import Database

KINDS = ("minutes", "summary", "register", "ledger", "duty_log", "certificate", "sign_in")
THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


@dataclass
class Office:
    services: Services
    ids: dict[str, str] = field(default_factory=dict)


def build_office(services: Services) -> dict[str, str]:
    """黄璩联合党总支 with four villages, six people, and a month of work in March 2026."""
    ids: dict[str, str] = {}
    town = services.towns.create(name="大王镇", county="广饶县")
    cluster = services.clusters.create(town_id=town.id, name="黄璩联合党总支")
    ids["cluster"] = cluster.id
    for name in ("黄璩村", "韩璩村", "杨璩村", "黄店村"):
        ids[name] = services.villages.create(cluster_id=cluster.id, name=name).id
    services.clusters.update(cluster.id, central_village_id=ids["黄璩村"])
    for name, village, post, extra in (
        ("王建国", "黄璩村", "党支部书记", {}),
        ("李秀英", "韩璩村", "村委会主任", {}),
        ("张志强", "杨璩村", "", {"gender": "男", "phone": "18634379075",
                                "id_number": "370523199301043618"}),
        ("刘芳", "黄店村", "妇联主席", {"phone": "15878712831"}),
        ("赵磊", "黄璩村", "", {}),
    ):
        ids[name] = services.people.create(name=name, village_id=ids[village], post=post,
                                           **extra).id
    ids["孙包村"] = services.people.create(name="孙包村", cluster_id=cluster.id,
                                        post="镇农业农村办主任", roles=["town_liaison"]).id
    services.duty.start(cluster.id, [ids["王建国"]], start=datetime(2026, 3, 5, 8, 30))

    item = services.agenda.create(
        cluster_id=cluster.id, title="黄店村集体机动地发包", village_ids=[ids["黄店村"]],
        raised_on=date(2026, 3, 1), description="机动地原承包合同到期，需要重新发包。",
        analysis="群众希望公开竞价。", measures="采取公开竞价方式重新发包。")
    ids["agenda"] = item.id
    steps = {
        1: dict(held_on=date(2026, 3, 2), form="党支部委员会会议", due=5, present=5,
                votes_for=5, text="党支部提议：将机动地发包列入重大事项。"),
        2: dict(held_on=date(2026, 3, 3), form="举手表决", due=7, present=6, votes_for=5,
                votes_against=1, votes_abstain=0, text="两委联席会形成初步方案。",
                dissent="个别委员建议延长承包期限。"),
        3: dict(held_on=date(2026, 3, 6), form="无记名投票", due=30, present=26, votes_for=24,
                votes_against=1, votes_abstain=1, text="党员大会审议实施方案。",
                town_attendees="孙包村（镇农业农村办主任）"),
        4: dict(held_on=date(2026, 3, 9), form="举手表决", due=15, present=13, votes_for=12,
                votes_against=1, votes_abstain=0, text="村民代表会议决议：同意发包方案。",
                town_attendees="孙包村（镇农业农村办主任）"),
        5: dict(held_on=date(2026, 3, 10), form="村务公开栏张贴", text="决议公开：发包方案。"),
        6: dict(held_on=date(2026, 3, 25), form="村务公开栏张贴", text="发包结果已公开。",
                supervision="村务监督委员会：程序合规，无异议。"),
    }
    for number, values in steps.items():
        services.agenda.record_step(item.id, number, **values)
    other = services.agenda.create(cluster_id=cluster.id, title="韩璩村道路硬化",
                                   raised_on=date(2026, 3, 1))
    ids["agenda2"] = other.id

    meeting = services.meetings.create(
        cluster_id=cluster.id, title="黄璩联合党总支联席会议", start=datetime(2026, 3, 5, 9, 0),
        place="黄璩村党群服务中心", chair_id=ids["王建国"], recorder_id=ids["李秀英"],
        summary="会议研究了两项议题。",
        attendees=[{"person_id": ids["王建国"], "attendance": "present"},
                   {"person_id": ids["李秀英"], "attendance": "present"},
                   {"person_id": ids["刘芳"], "attendance": "present"},
                   {"person_id": ids["孙包村"], "attendance": "non_voting"},
                   {"person_id": ids["赵磊"], "attendance": "absent", "reason": "外出务工请假"}],
        agenda=[{"agenda_item_id": item.id, "outcome": "approved", "votes_for": 3,
                 "votes_against": 0, "votes_abstain": 0,
                 "discussion": "与会人员一致认为应公开竞价。"},
                {"agenda_item_id": other.id, "outcome": "deferred", "votes_for": 1,
                 "votes_against": 2, "votes_abstain": 0,
                 "discussion": "李秀英认为资金尚未落实。"}],
        decisions=[{"text": "会议决定，由刘芳负责组织机动地公开竞价。", "owner_id": ids["刘芳"],
                    "deadline": date(2026, 4, 30), "agenda_item_id": item.id},
                   {"text": "会议决定，由李秀英核实道路硬化资金来源。", "owner_id": ids["李秀英"],
                    "deadline": date(2026, 5, 15)}])
    ids["meeting"] = meeting.id

    for title, village, status, due in (
        ("组织机动地公开竞价", "黄店村", "in_progress", date(2026, 4, 30)),
        ("核实道路硬化资金", "韩璩村", "solved", date(2026, 5, 15)),
        ("清理杨璩村排水沟", "杨璩村", "pending", date(2026, 3, 20)),
    ):
        task = services.tasks.create(cluster_id=cluster.id, title=title,
                                     village_ids=[ids[village]], assignee_id=ids["刘芳"],
                                     status=status, found_on=date(2026, 3, 5), due_on=due)
        ids[title] = task.id
    services.tasks.add_progress(ids["组织机动地公开竞价"], "已完成地块测量", percent=40)

    team = services.teams.create(cluster_id=cluster.id, name="黄璩志愿服务队", kind="党员",
                                 leader_id=ids["张志强"])
    first = services.activities.create(
        cluster_id=cluster.id, team_id=team.id, title="义诊进村", held_on=date(2026, 3, 8),
        start_time=time(9, 0), end_time=time(11, 30), place="韩璩村卫生室",
        content="测血压、测血糖", people_served=40,
        participants={ids["张志强"]: 2.5, ids["刘芳"]: 2})
    services.activities.create(
        cluster_id=cluster.id, team_id=team.id, title="清扫村道", held_on=date(2026, 3, 15),
        start_time=time(14, 0), end_time=time(16, 0), place="杨璩村",
        participants={ids["张志强"]: 2})
    ids["activity"] = first.id
    services.duty.end("请下一班跟进黄店村发包公示。", log="接待群众来访2人次。",
                      end=datetime(2026, 3, 5, 17, 30))
    return ids


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LIANJIAN_HOME", str(home))
        db = Database(tmp_path_factory.mktemp("db") / "lianjian.db")
        services = Services(db)
        yield Office(services, build_office(services))
        db.close()


@pytest.fixture(scope="module")
def exported(office, tmp_path_factory) -> dict[str, Path]:
    """Every kind, written once into one folder."""
    folder = tmp_path_factory.mktemp("documents")
    s, ids = office.services, office.ids
    paths = {kind: folder / f"{kind}.docx" for kind in KINDS}
    documents.export_minutes(s, ids["meeting"], paths["minutes"])
    documents.export_summary(s, ids["meeting"], paths["summary"])
    documents.export_register(s, ids["agenda"], paths["register"])
    documents.export_ledger(s, paths["ledger"], documents.LedgerFilter(cluster_id=ids["cluster"]))
    documents.export_duty_log(s, paths["duty_log"], date_from=date(2026, 3, 1),
                              date_to=date(2026, 3, 31), cluster_id=ids["cluster"])
    documents.issue_certificate(s, ids["张志强"], date(2026, 3, 1), date(2026, 3, 31),
                                paths["certificate"], documents.Issuer(responsible="王建国"),
                                issued_on=date(2026, 4, 1))
    documents.export_sign_in(s, ids["activity"], paths["sign_in"])
    return paths


def text_of(path: Path) -> str:
    """Every paragraph of the body (tables included), one per line."""
    body = Document(str(path)).element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def style_font(style) -> str | None:
    rpr = style.element.rPr
    return None if rpr is None or rpr.rFonts is None else rpr.rFonts.get(qn("w:eastAsia"))


# --- layout ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_every_document_is_a4_with_the_standard_margins(exported, kind):
    """Every kind prints on A4 with margins 37 / 35 / 28 / 26 mm; the ledger is landscape."""
    section = Document(str(exported[kind])).sections[0]
    width, height = (297, 210) if kind == "ledger" else (210, 297)
    assert section.page_width.mm == pytest.approx(width, abs=0.1)
    assert section.page_height.mm == pytest.approx(height, abs=0.1)
    assert section.orientation == (WD_ORIENT.LANDSCAPE if kind == "ledger" else WD_ORIENT.PORTRAIT)
    assert section.top_margin.mm == pytest.approx(37, abs=0.1)
    assert section.bottom_margin.mm == pytest.approx(35, abs=0.1)
    assert section.left_margin.mm == pytest.approx(28, abs=0.1)
    assert section.right_margin.mm == pytest.approx(26, abs=0.1)


def test_body_text_is_3hao_fangsong_on_a_fixed_28_9_pt_line_indented_two_characters(exported):
    """Body paragraphs are 16 pt 仿宋_GB2312, exactly 28.9 pt apart, first line indented 2 chars."""
    document = Document(str(exported["minutes"]))
    body = document.styles[layout.BODY]
    assert body.font.size.pt == 16
    assert style_font(body) == fonts.FANGSONG
    fmt = body.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing.pt == pytest.approx(28.9, abs=0.05)
    indent = body.element.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"
    # Word counts two characters (firstLineChars); LibreOffice, which takes the twips and
    # rounds them up to whole grid cells of 15.79 pt, gets a little under two cells
    assert fmt.first_line_indent.pt == pytest.approx(30)
    used = [p for p in document.paragraphs if p.style.name == layout.BODY and p.text]
    assert len(used) > 10


def test_title_is_2hao_xiaobiaosong_centred(exported):
    """The title reads 会议记录 in 22 pt 方正小标宋简体, centred."""
    document = Document(str(exported["minutes"]))
    title = next(p for p in document.paragraphs if p.style.name == layout.TITLE)
    assert title.text == "会议记录"
    assert title.style.font.size.pt == 22
    assert style_font(title.style) == fonts.XIAOBIAOSONG
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_headings_use_heiti_kaiti_and_bold_fangsong(exported):
    """一、 headings are 黑体, （一） headings 楷体_GB2312, 1. headings bold 仿宋_GB2312."""
    document = Document(str(exported["minutes"]))
    styles = document.styles
    assert style_font(styles[layout.HEADING_1]) == fonts.HEITI
    assert style_font(styles[layout.HEADING_2]) == fonts.KAITI
    assert style_font(styles[layout.HEADING_3]) == fonts.FANGSONG
    assert styles[layout.HEADING_3].font.bold is True
    by_style = {p.text: p.style.name for p in document.paragraphs}
    assert by_style["一、会议议题"] == layout.HEADING_1
    assert by_style["（一）黄店村集体机动地发包"] == layout.HEADING_2


@pytest.mark.parametrize("kind", KINDS)
def test_chinese_fonts_are_set_for_east_asian_text_without_theme_fonts(exported, kind):
    """Every font names its east-Asian face, and no theme attribute can override it."""
    with zipfile.ZipFile(exported[kind]) as archive:
        for name in archive.namelist():
            if name.startswith("word/") and name.endswith(".xml") and "theme/" not in name:
                xml = archive.read(name).decode("utf-8")
                for attribute in THEME_ATTRIBUTES:
                    assert f"w:{attribute}=" not in xml, (name, attribute)
    document = Document(str(exported[kind]))
    for part in fonts.xml_parts(document):
        for rfonts in part.element.iter(qn("w:rFonts")):
            if rfonts.get(qn("w:ascii")):
                assert rfonts.get(qn("w:eastAsia")), part.partname
    assert {fonts.FANGSONG, fonts.SONGTI} <= fonts.fonts_used(document)


def font_table(path: Path) -> tuple[list[str], str]:
    """The fonts ``word/fontTable.xml`` lists, and the East Asian theme language."""
    with zipfile.ZipFile(path) as archive:
        table = archive.read("word/fontTable.xml").decode("utf-8")
        settings = archive.read("word/settings.xml").decode("utf-8")
    names = re.findall(r'<w:font w:name="([^"]+)"', table)
    language = re.search(r'<w:themeFontLang [^>]*w:eastAsia="([^"]+)"', settings)
    return names, language.group(1) if language else ""


@pytest.mark.parametrize("kind", KINDS)
def test_the_file_lists_its_own_fonts_and_says_chinese(exported, kind):
    """fontTable.xml lists the fonts the document uses, as GB2312 fonts (charset 86) with a
    PANOSE number, not python-docx's ＭＳ 明朝 / ＭＳ ゴシック; settings say zh-CN."""
    names, language = font_table(exported[kind])
    assert set(names) == fonts.fonts_used(Document(str(exported[kind])))
    assert not [name for name in names if "ＭＳ" in name]
    assert language == "zh-CN"
    with zipfile.ZipFile(exported[kind]) as archive:
        table = archive.read("word/fontTable.xml").decode("utf-8")
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in table
    assert table.count('<w:charset w:val="86"/>') == len(names)


def test_the_font_table_follows_the_substitutes(office, tmp_path):
    out = tmp_path / "纪要.docx"
    documents.export_summary(office.services, office.ids["meeting"], out,
                             documents.Options(substitutes=DEFAULT_FONT_SUBSTITUTES))
    names, _ = font_table(out)
    assert {"仿宋", "宋体", "黑体"} <= set(names)
    assert not set(names) & set(DEFAULT_FONT_SUBSTITUTES)


def _footer_has_page_field(footer) -> bool:
    element = footer._element
    instructions = [t.text or "" for t in element.iter(qn("w:instrText"))]
    simple = [f.get(qn("w:instr"), "") for f in element.iter(qn("w:fldSimple"))]
    return any("PAGE" in text.split() for text in instructions + simple)


@pytest.mark.parametrize("kind", KINDS)
def test_page_numbers_odd_pages_right_even_pages_left(exported, kind):
    """"— N —" is a PAGE field in 14 pt 宋体: right on odd pages, left on even pages."""
    document = Document(str(exported[kind]))
    assert document.settings.odd_and_even_pages_header_footer is True
    section = document.sections[0]
    odd, even = section.footer, section.even_page_footer
    assert not odd.is_linked_to_previous and not even.is_linked_to_previous
    assert _footer_has_page_field(odd) and _footer_has_page_field(even)
    odd_p, even_p = odd.paragraphs[0], even.paragraphs[0]
    assert odd_p.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert even_p.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert odd_p.text.startswith("— ") and odd_p.text.endswith(" —")
    style = document.styles[layout.PAGE_NUMBER]
    assert style.font.size.pt == 14 and style_font(style) == fonts.SONGTI
    assert odd_p.style.name == even_p.style.name == layout.PAGE_NUMBER


def test_tables_repeat_their_header_and_never_split_a_row(exported):
    """The ledger's header row repeats on every page; no row breaks across pages."""
    document = Document(str(exported["ledger"]))
    table = document.tables[0]
    rows = table._tbl.findall(qn("w:tr"))
    assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert all(r.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None for r in rows)
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    assert [c.text for c in table.rows[0].cells][:3] == ["序号", "任务标题", "认领村"]


def test_ledger_tables_use_smaller_single_spaced_text(exported):
    """Landscape ledger cells are 10.5 pt, other tables 12 pt, both single-spaced."""
    ledger = Document(str(exported["ledger"])).styles[layout.TABLE_TEXT]
    register = Document(str(exported["register"])).styles[layout.TABLE_TEXT]
    assert ledger.font.size.pt == 10.5 and register.font.size.pt == 12
    assert ledger.paragraph_format.line_spacing_rule == WD_LINE_SPACING.SINGLE


def test_font_substitution_swaps_fonts_the_pc_lacks(office, tmp_path):
    """With the substitution map of 设置, the document asks for 仿宋 and 宋体 instead."""
    out = tmp_path / "纪要.docx"
    documents.export_summary(office.services, office.ids["meeting"], out,
                             documents.Options(substitutes=DEFAULT_FONT_SUBSTITUTES))
    used = fonts.fonts_used(Document(str(out)))
    assert {"仿宋", "宋体", "黑体"} <= used
    assert not used & set(DEFAULT_FONT_SUBSTITUTES)


# --- content ---------------------------------------------------------------------------


def test_minutes_record_attendance_every_item_its_vote_and_the_decisions(exported):
    """The minutes name everyone (with the absentee's reason), each item with its outcome and
    vote count, each decision with owner and deadline, and leave lines to sign."""
    text = text_of(exported["minutes"])
    for expected in ("会议名称：黄璩联合党总支联席会议", "会议时间：2026年3月5日 09:00",
                     "会议地点：黄璩村党群服务中心", "王建国", "记 录 人：李秀英",
                     "出席人员（3人）：王建国、李秀英、刘芳",
                     "列席人员（1人）：孙包村（镇农业农村办主任）",
                     "缺席人员（1人）：赵磊（外出务工请假）",
                     "1. 黄店村集体机动地发包", "2. 韩璩村道路硬化",
                     "讨论情况：与会人员一致认为应公开竞价。", "讨论情况：李秀英认为资金尚未落实。",
                     "表决情况：赞成 3 票，反对 0 票，弃权 0 票", "议定结果：同意",
                     "表决情况：赞成 1 票，反对 2 票，弃权 0 票", "议定结果：暂缓",
                     "会议决定，由刘芳负责组织机动地公开竞价。", "责任人：刘芳",
                     "完成时限：2026年4月30日",
                     "主持人（签字）：", "记录人（签字）："):
        assert expected in text, expected


def test_summary_lists_decisions_with_owner_and_deadline_then_who_attended(exported):
    """The 纪要 has the letterhead, what was decided with owner and deadline, and the
    出席 / 请假 / 列席 lists at the end."""
    document = Document(str(exported["summary"]))
    text = text_of(exported["summary"])
    assert document.paragraphs[0].text == "黄璩联合党总支会议纪要"
    assert document.paragraphs[0].style.name == layout.LETTERHEAD
    for expected in ("黄璩联合党总支联席会议纪要", "一、关于黄店村集体机动地发包",
                     "会议同意“黄店村集体机动地发包”。", "会议决定暂缓“韩璩村道路硬化”。",
                     "（责任人：刘芳；完成时限：2026年4月30日）", "其他事项",
                     "（责任人：李秀英；完成时限：2026年5月15日）",
                     "出席：王建国、李秀英、刘芳", "请假：赵磊（外出务工请假）",
                     "列席：孙包村（镇农业农村办主任）"):
        assert expected in text, expected
    assert text.index("出席：") > text.index("其他事项")
    assert "赞成" not in text  # the 纪要 states decisions, not the vote


def test_register_sheet_has_all_six_steps_with_attendance_votes_and_signatures(exported):
    """All six steps, with due / present / ratio, votes, dissent, town attendees,
    publication and supervision opinions, and signature lines."""
    text = text_of(exported["register"])
    for expected in ("“四议两公开”事项登记表", "议题名称", "黄店村集体机动地发包", "群众建议",
                     "第一步　党支部会提议", "第二步　两委会商议", "第三步　党员大会审议",
                     "第四步　村民代表会议决议", "第五步　决议公开", "第六步　实施结果公开",
                     "2026年3月9日", "86.7%", "86.7%", "100.0%", "赞成 12 票，反对 1 票，弃权 0 票",
                     "赞成 24 票，反对 1 票，弃权 1 票", "个别委员建议延长承包期限。",
                     "孙包村（镇农业农村办主任）", "村务监督委员会：程序合规，无异议。",
                     "已公开", "主持人（签字）", "党支部书记（签字）"):
        assert expected in text, expected
    document = Document(str(exported["register"]))
    assert len(document.tables) == 8  # the item, its six steps and the sign-off line


def test_ledger_dates_are_written_as_a_clerk_writes_them():
    """One year: 9月6日 (the year said once above the table); several: 2025年12月31日."""
    from desktop_app.documents.ledger import date_text, ledger_fields, ledger_years

    assert date_text(date(2026, 9, 6), one_year=True) == "9月6日"
    assert date_text(date(2025, 12, 31), one_year=False) == "2025年12月31日"
    assert date_text(None, one_year=True) == ""
    fields = ledger_fields()
    rows = [{"found_on": date(2025, 12, 30), "due_on": date(2026, 1, 5)}]
    assert ledger_years(rows, fields) == {2025, 2026}


def test_ledger_lists_the_clusters_tasks_with_villages_status_and_dates(exported, office,
                                                                        tmp_path):
    """The ledger has every task of the cluster, its village, assignee, status and dates;
    a village or status filter narrows it."""
    text = text_of(exported["ledger"])
    for expected in ("工作任务台账", "黄璩联合党总支", "组织机动地公开竞价", "核实道路硬化资金",
                     "清理杨璩村排水沟", "黄店村", "刘芳", "已解决", "4月30日",
                     "表中日期均为2026年", "40%：已完成地块测量", "共 3 项任务"):
        assert expected in text, expected
    assert len(Document(str(exported["ledger"])).tables[0].rows) == 4  # header + 3
    out = tmp_path / "台账.docx"
    documents.export_ledger(office.services, out, documents.LedgerFilter(
        cluster_id=office.ids["cluster"], village_id=office.ids["黄店村"]))
    narrowed = text_of(out)
    assert "组织机动地公开竞价" in narrowed and "清理杨璩村排水沟" not in narrowed
    documents.export_ledger(office.services, out, documents.LedgerFilter(status="solved"))
    assert "核实道路硬化资金" in text_of(out) and "组织机动地公开竞价" not in text_of(out)


def test_duty_log_has_each_shift_with_its_officers_log_and_handover_note(exported):
    """The duty log lists the shift's time, officer, what happened and the handover note."""
    text = text_of(exported["duty_log"])
    for expected in ("值班日志", "2026年3月1日至3月31日", "3月5日", "08:30—17:30",
                     "王建国", "接待群众来访2人次。", "请下一班跟进黄店村发包公示。", "交接班事项"):
        assert expected in text, expected


def test_certificate_states_hours_and_activities_under_its_number(exported, office):
    """The certificate carries its number, the volunteer's name and ID number, the hours
    and the activities, the issuer and the date, and the register holds it."""
    text = text_of(exported["certificate"])
    for expected in ("志愿服务时长证明", "编号：大王镇志证〔2026〕第0001号",
                     "张志强（男，身份证号：370523199301043618）", "2026年3月1日至2026年3月31日",
                     "志愿服务活动2次", "累计志愿服务时长4.5小时", "义诊进村", "清扫村道",
                     "黄璩志愿服务队", "出具单位（盖章）：大王镇", "负责人：王建国",
                     "2026年4月1日", "特此证明。"):
        assert expected in text, expected
    register = office.services.certificates.list().items
    assert [c.number for c in register] == ["大王镇志证〔2026〕第0001号"]  # the town hub
    assert register[0].hours == 4.5 and register[0].activities == 2


def test_sign_in_sheet_lists_participants_with_masked_phones_and_blank_rows(exported):
    """Registered volunteers are pre-filled (phones masked), with rows left for walk-ins."""
    document = Document(str(exported["sign_in"]))
    text = text_of(exported["sign_in"])
    for expected in ("志愿服务活动签到表", "活动名称\n义诊进村", "2026年3月8日\n09:00—11:30",
                     "张志强", "刘芳", "186****9075", "158****2831", "本人签字"):
        assert expected in text, expected
    assert "18634379075" not in text
    assert len(document.tables[1].rows) == 1 + 10 + 3


def test_a_header_wider_than_its_column_takes_room_from_the_others():
    """所在村 / 单位 in 12 pt needs more than its 26 mm: the column is widened from columns
    with room to spare, the table's width kept; with no room anywhere nothing changes."""
    from desktop_app.documents.tables import header_twips, widened

    need = header_twips("所在村 / 单位", 12)
    narrow = need - 200
    assert widened([narrow, 3000, 3000], [need, 500, 500]) == [need, 2900, 2900]
    assert sum(widened([narrow, 3000, 1000], [need, 500, 500])) == narrow + 4000
    assert widened([narrow, 600], [need, 500]) == [narrow, 600]  # 100 to spare, 200 short
    assert widened([need, 600], [need, 500]) == [need, 600]
