"""矛盾纠纷: registration, mediation sessions, an outcome that closes the case, an agreement only
for a successful mediation, 回访, the 司法确认 deadline, 零报告 and the rates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.records.errors import ValidationError
from desktop_app.services import ListQuery
from desktop_app.services.disputes import dispute_rates

TODAY = date.today()
AGO = TODAY - timedelta(days=20)


def register(services, town, **extra):
    values = dict(village_id=town.villages["黄璩村"], registered_on=AGO, source="applied",
                  category="neighbour", parties="张三、李四", summary="两户因排水沟走向争执",
                  risk="yellow", mediators="王建国")
    values.update(extra)
    return services.disputes.create(**values)


def test_a_registered_dispute_takes_its_cluster_and_shows_parties_masked(services,
                                                                          small_town):
    dispute = register(services, small_town, parties="张三丰（申请人）、李四光（被申请人）")
    assert dispute.cluster_id == small_town.huangqu and dispute.status == "open"
    row = services.disputes.rows([dispute.id])[dispute.id]
    assert row["category_label"] == "邻里" and row["risk_label"] == "黄"
    assert row["parties"] == "张*丰（申请人）、李*光（被申请人）"
    assert row["confirm_by"] is None


def test_a_category_outside_the_official_list_is_refused(services, small_town):
    with pytest.raises(ValidationError, match="类别“吵架”无效") as error:
        register(services, small_town, category="吵架")
    assert error.value.field == "category"
    assert services.disputes.list().total == 0


def test_a_dispute_closed_without_outcome_is_refused(services, small_town):
    dispute = register(services, small_town)
    with pytest.raises(ValidationError, match="结案须写明调解结果") as error:
        services.disputes.update(dispute.id, status="closed")
    assert error.value.field == "outcome"
    assert services.disputes.get(dispute.id).status == "open"


def test_an_agreement_for_an_unsuccessful_mediation_is_refused(services, small_town):
    dispute = register(services, small_town)
    with pytest.raises(ValidationError, match="只有调解成功的纠纷才有调解协议") as error:
        services.disputes.update(dispute.id, outcome="failed", agreement="双方各让一步")
    assert error.value.field == "agreement"
    unchanged = services.disputes.get(dispute.id)
    assert (unchanged.outcome, unchanged.agreement, unchanged.status) == (None, "", "open")


def test_a_transfer_names_where_to(services, small_town):
    dispute = register(services, small_town)
    with pytest.raises(ValidationError, match="移交单位") as error:
        services.disputes.update(dispute.id, outcome="transferred")
    assert error.value.field == "transferred_to"
    moved = services.disputes.update(dispute.id, outcome="transferred",
                                     transferred_to="大王镇司法所")
    assert moved.status == "closed" and moved.closed_on == TODAY


def test_a_successful_mediation_with_its_agreement_shows_the_confirmation_deadline(
        services, small_town):
    dispute = register(services, small_town)
    services.disputes.add_session(dispute.id, AGO + timedelta(days=1), "王建国",
                                  "双方陈述，约定三日后再谈")
    assert services.disputes.get(dispute.id).status == "mediating"
    agreed = AGO + timedelta(days=4)
    services.disputes.add_session(dispute.id, agreed, "王建国", "达成一致")
    closed = services.disputes.update(dispute.id, outcome="success",
                                      agreement="李四三日内疏通排水沟", agreement_on=agreed)
    assert closed.status == "closed"
    row = services.disputes.rows([closed.id])[closed.id]
    assert row["confirm_by"] == agreed + timedelta(days=30) and row["sessions"] == 2
    assert [s.notes for s in services.disputes.sessions(dispute.id)] == [
        "双方陈述，约定三日后再谈", "达成一致"]
    followed = services.disputes.update(dispute.id, followup_on=TODAY,
                                        followup_result="已履行，双方满意")
    assert followed.followup_result == "已履行，双方满意"


def test_a_session_outside_the_case_s_dates_or_after_closing_is_refused(services,
                                                                       small_town):
    dispute = register(services, small_town)
    with pytest.raises(ValidationError, match="应在受理日期") as error:
        services.disputes.add_session(dispute.id, AGO - timedelta(days=1), "王建国", "调解")
    assert error.value.field == "held_on"
    services.disputes.update(dispute.id, outcome="terminated")
    with pytest.raises(ValidationError, match="已结案"):
        services.disputes.add_session(dispute.id, TODAY, "王建国", "再谈")
    assert services.disputes.sessions(dispute.id) == []


def test_a_follow_up_needs_a_closed_case(services, small_town):
    dispute = register(services, small_town)
    with pytest.raises(ValidationError, match="结案后才能回访") as error:
        services.disputes.update(dispute.id, followup_on=TODAY)
    assert error.value.field == "followup_on"


def test_open_cases_older_than_a_month_are_overdue(services, small_town):
    """…found by the 逾期 filter, and marked so in the list's rows (shown in red)."""
    old = register(services, small_town, registered_on=TODAY - timedelta(days=45))
    new = register(services, small_town)
    assert [d.id for d in services.disputes.list(ListQuery(overdue=True)).items] == [old.id]
    rows = services.disputes.rows([old.id, new.id])
    assert rows[old.id]["overdue"] and not rows[new.id]["overdue"]


def test_a_zero_report_is_one_click_once_a_day_and_only_without_new_disputes(services,
                                                                            small_town):
    report = services.zero_reports.report(small_town.huangqu)
    assert report.reported_on == TODAY and report.note == "本日无新增矛盾纠纷"
    with pytest.raises(ValidationError, match="已报过零报告"):
        services.zero_reports.report(small_town.huangqu)
    register(services, small_town, registered_on=TODAY - timedelta(days=1))
    with pytest.raises(ValidationError, match="已受理矛盾纠纷 1 件，不能报零") as error:
        services.zero_reports.report(small_town.huangqu, day=TODAY - timedelta(days=1))
    assert error.value.field == "reported_on"
    assert services.zero_reports.report(small_town.zhangdan).cluster_id == small_town.zhangdan
    assert services.zero_reports.list().total == 2


def test_rates_per_cluster_village_and_quarter(services, small_town):
    v = small_town.villages
    register(services, small_town, outcome="success", agreement="和解", agreement_on=AGO)
    register(services, small_town, outcome="failed")
    register(services, small_town)
    register(services, small_town, village_id=v["北张淡村"], outcome="success")
    by_cluster = {r.name: r for r in dispute_rates(services.db, "cluster")}
    huangqu = by_cluster["黄璩联合党总支"]
    assert (huangqu.found, huangqu.handled, huangqu.succeeded) == (3, 2, 1)
    assert huangqu.handled_rate == pytest.approx(2 / 3) and huangqu.success_rate == 0.5
    assert (by_cluster["合计"].found, by_cluster["合计"].succeeded) == (4, 2)
    by_village = {r.name: r.found for r in dispute_rates(services.db, "village")}
    assert by_village["黄璩村"] == 3 and by_village["北张淡村"] == 1
    quarters = dispute_rates(services.db, "quarter", year=AGO.year)
    quarter = (AGO.month + 2) // 3
    assert quarters[0].name == f"{AGO.year}年第{quarter}季度" and quarters[0].found == 4
    assert dispute_rates(services.db, "quarter", year=1999)[-1].found == 0
    with pytest.raises(ValidationError):
        dispute_rates(services.db, "month")


def test_the_agreement_prints_the_parties_whole_and_the_confirmation_deadline(
        services, small_town, tmp_path):
    from docx import Document

    from desktop_app.documents.mediation import export_agreement
    from desktop_app.records.errors import UserError

    open_case = register(services, small_town)
    with pytest.raises(UserError, match="只有调解成功"):
        export_agreement(services, open_case.id, tmp_path / "x.docx")
    assert not (tmp_path / "x.docx").exists()
    settled = register(services, small_town, parties="张三丰（申请人）、李四光（被申请人）",
                       outcome="success", agreement="李四光三日内疏通排水沟",
                       agreement_on=AGO)
    out = export_agreement(services, settled.id, tmp_path / "协议书.docx")
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "张三丰（申请人）" in cells and "李四光（被申请人）" in cells
    assert "李四光三日内疏通排水沟" in text
    deadline = AGO + timedelta(days=30)
    assert f"截至{deadline.year}年{deadline.month}月{deadline.day}日" in text
    assert "黄璩村人民调解委员会（盖章）" in text


def test_search_finds_a_dispute_by_its_summary_but_never_shows_the_parties(services,
                                                                        small_town):
    register(services, small_town, parties="欧阳振华（申请人）、司马光明（被申请人）",
             summary="欧阳家与邻居因排水沟走向争执")
    found = services.search.search("排水沟走向")
    hits = [f for f in found if f.kind == "dispute"]
    assert hits and all("司马光明" not in f.snippet + f.title for f in hits)
    assert not [f for f in services.search.search("司马光明") if f.kind == "dispute"]
    visit_title = services.search.search("排水沟")  # other kinds are searched too
    assert any(f.kind == "dispute" for f in visit_title)


def test_agreements_within_their_confirmation_window_are_listed(services, small_town):
    """``confirm_open``: successful mediations whose agreement took effect 30 days ago or
    less (the last day to apply is still to come or today); older ones and others not."""
    from datetime import date, timedelta

    from desktop_app.services import ListQuery

    today = date.today()
    made = {}
    for days in (0, 30, 31):
        made[days] = services.disputes.create(
            village_id=small_town.villages["黄璩村"], category="neighbour",
            registered_on=today - timedelta(days=days + 2), outcome="success",
            agreement="赔偿 500 元", agreement_on=today - timedelta(days=days)).id
    services.disputes.create(village_id=small_town.villages["黄璩村"], category="neighbour",
                             registered_on=today, outcome="failed")
    found = services.disputes.ids(ListQuery(limit=None, extra={"confirm_open": True}))
    assert sorted(found) == sorted([made[0], made[30]])
    rows = services.disputes.rows(found)
    assert all(row["confirm_by"] >= today for row in rows.values())
