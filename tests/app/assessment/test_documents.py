"""擂台比武 documents: the quarterly 通报 and a cluster's 得分卡, read back from the .docx."""

from __future__ import annotations

from datetime import date, datetime

from docx import Document

from desktop_app.documents.assessment import export_card, export_notice, notice_number
from tests.app.assessment.helpers import make_scheme


def text_of(path) -> str:
    document = Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def scored(services, town):
    services.tasks.create(cluster_id=town.huangqu, title="清理排水沟",
                          found_on=date(2026, 10, 2), due_on=date(2026, 10, 20),
                          status="solved", solved_at=datetime(2026, 10, 19, 9, 0))
    scheme = make_scheme(services)
    for cluster, points in ((town.huangqu, 19), (town.zhangdan, 12)):
        services.assess_scores.create(scheme_id=scheme.id, indicator_id=scheme.jury,
                                      assessed_id=cluster, judge="甲", points=points)
    services.assess_adjustments.create(scheme_id=scheme.id, assessed_id=town.zhangdan,
                                       kind="penalty", points=2, reason="矛盾纠纷上交")
    return scheme


def test_the_notice_names_the_flag_lists_and_ranking(services, on_shift, tmp_path):
    scored(services, on_shift)
    services.assessment.finalise("2026Q4", "镇党委书记")
    path = export_notice(services, "2026Q4", tmp_path / "通报.docx")
    text = text_of(path)
    assert "关于2026年第四季度联合党组织擂台比武情况的通报" in text
    assert "（草稿）" not in text and "镇党发〔2027〕4号" in text
    assert "流动红旗：黄璩联合党总支（获得）" in text
    assert "各联合党组织、各村党组织、镇直各部门" in text
    for heading in ("一、基本情况", "二、比武结果", "三、主要亮点", "四、存在问题", "五、下步要求"):
        assert heading in text
    ranking = Document(str(path)).tables[-1]
    assert [c.text for c in ranking.rows[1].cells][:2] == ["1", "黄璩联合党总支"]
    assert ranking.rows[1].cells[-1].text == "98"  # 60 + 40 × 19 ÷ 20
    assert ranking.rows[2].cells[-1].text == "22"  # 0 + 40 × 12 ÷ 20 − 2
    assert notice_number("2026Q1") == "镇党发〔2026〕1号"


def test_a_draft_notice_says_so_and_a_card_shows_each_indicator(services, on_shift, tmp_path):
    scored(services, on_shift)
    assert "（草稿）" in text_of(export_notice(services, "2026Q4", tmp_path / "n.docx"))
    text = text_of(export_card(services, "2026Q4", "张淡联合党总支", tmp_path / "卡.docx"))
    assert "张淡联合党总支擂台比武得分卡" in text and "列第 2 名" in text
    assert "B1 现场比武" in text and "+0／−2" in text


def test_a_blank_score_sheet_for_a_judge(services, on_shift, tmp_path):
    from desktop_app.documents.assessment import export_sheet

    scored(services, on_shift)
    path = export_sheet(services, "2026Q4", tmp_path / "评分表.docx", "镇长")
    text = text_of(path)
    assert "联合党组织擂台比武评分表" in text and "评委：镇长" in text
    table = Document(str(path)).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "联合党组织", "B1 现场比武（20分）",
                                                     "合计"]
    assert [r.cells[1].text for r in table.rows[1:]] == ["张淡联合党总支", "黄璩联合党总支"]
    assert "监票人（签字）" in text
