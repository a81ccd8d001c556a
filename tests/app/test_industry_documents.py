"""The 产业项目卡 and the 培训签到表 (Word): what they print."""

from __future__ import annotations

from datetime import date

from docx import Document

from desktop_app.documents.project_card import export_project_card
from desktop_app.documents.training_sign_in import export_training_sign_in


def text_of(path) -> str:
    document = Document(str(path))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    return " ".join(p.text for p in document.paragraphs) + " " + cells


def test_the_project_card(services, small_town, tmp_path):
    v = small_town.villages
    project = services.projects.create(
        cluster_id=small_town.huangqu, name="怡丰农业育苗项目", status="running",
        start_on=date(2025, 3, 1), funds={"帮扶资金": 2_000_000},
        shares={v["黄璩村"]: 1_500_000, v["韩璩村"]: 500_000}, benefit="就业务工", jobs=300)
    services.projects.add_progress(project.id, "大棚主体完工", noted_on=date(2025, 9, 1))
    text = text_of(export_project_card(services, project.id, tmp_path / "卡.docx"))
    for words in ("产业项目卡", "怡丰农业育苗项目", "200万元", "黄璩村出资", "150", "韩璩村出资",
                  "大棚主体完工", "就业务工", "300人", "运营中"):
        assert words in text, words


def test_the_training_sign_in_sheet_masks_phones(services, small_town, tmp_path):
    p = small_town.people
    person = services.people.create(name="周丽", village_id=small_town.villages["杨璩村"],
                                    phone="13905461234")
    training = services.trainings.create(
        cluster_id=small_town.huangqu, title="西红柿嫁接育苗技术", held_on=date(2026, 3, 5),
        hours=3, teacher="县农业农村局", teacher_kind="department",
        attendees={person.id: 3, p["张志强"]: 1.5})
    text = text_of(export_training_sign_in(services, training.id, tmp_path / "签到.docx"))
    for words in ("培训签到表", "西红柿嫁接育苗技术", "周丽", "杨璩村", "139****1234", "张志强",
                  "县农业农村局（部门）", "已报名 2 人"):
        assert words in text, words
    assert "13905461234" not in text


def test_the_liaison_sheet_the_workshop_ledger_and_the_talent_register(services, small_town,
                                                                        tmp_path):
    from desktop_app.documents.industry_sheets import (
        export_liaison_sheet,
        export_talent_register,
        export_workshop_ledger,
    )
    from desktop_app.records.id_numbers import check_digit

    coop = services.coops.create(cluster_id=small_town.huangqu, name="黄璩瓜菜专业合作社",
                                 village_id=small_town.villages["黄璩村"], members=56,
                                 cadre_id=small_town.people["孙包村"])
    services.coops.add_visit(coop.id, visited_on=date(2026, 10, 9), checklist="三会制度健全",
                             measures="指导编制年报")
    text = text_of(export_liaison_sheet(services, coop.id, tmp_path / "走访.docx"))
    for words in ("合作社联系走访记录表", "黄璩瓜菜专业合作社", "56人", "三会制度健全",
                  "指导编制年报", "孙包村"):
        assert words in text, words
    shop = services.workshops.create(
        cluster_id=small_town.huangqu, name="黄璩育苗共富工坊",
        village_id=small_town.villages["黄璩村"],
        months={"2026-09": {"employed": 40, "pay": 1800, "income": 12000},
                "2026-10": {"employed": 43, "pay": 1850, "income": 13000}})
    text = text_of(export_workshop_ledger(services, shop.id, tmp_path / "台账.docx"))
    for words in ("共富工坊月度台账", "2026-09", "2026-10", "1850", "25000"):
        assert words in text, words
    body = "37052319960315002"
    person = services.people.create(name="周丽", village_id=small_town.villages["杨璩村"],
                                    id_number=body + check_digit(body))
    services.talents.create(cluster_id=small_town.huangqu, person_id=person.id,
                            pool="qingyan", skills="电商直播", contact="13905461234")
    text = text_of(export_talent_register(services, tmp_path / "名册.docx",
                                          pool="qingyan"))
    for words in ("人才名册", "大王镇", "周丽", "青雁", "杨璩村", "电商直播", "139****1234",
                  "共 1 人"):
        assert words in text, words
