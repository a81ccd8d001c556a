"""产业: the 项目, 合作社 and 共富工坊 tabs and their forms as a duty officer uses them."""

from __future__ import annotations

import pytest

from ui.forms.industry_forms import CooperativeForm, ProjectForm, WorkshopForm
from ui.industry_page import IndustryPage


@pytest.fixture
def page(qtbot, services, small_town):
    services.db.set_node(cluster_id=small_town.huangqu)
    page = IndustryPage(services)
    qtbot.addWidget(page)
    page.show()
    for tab in (page.projects, page.cooperatives, page.workshops):
        qtbot.waitUntil(lambda tab=tab: tab.count_label.text().startswith("共"))
    return page


def cell(page, row: int, header: str) -> str:
    column = [c.header for c in page.spec.columns].index(header)
    return page.model.data(page.model.index(row, column))


def test_a_project_with_funds_and_shares_in_wan(qtbot, services, small_town, page):
    v = small_town.villages
    form = ProjectForm(services, None, page)
    qtbot.addWidget(form)
    form.title_line.setText("怡丰农业育苗项目")
    form.funds.add_row(["帮扶资金", 2_000_000])
    form.shares.add_row([v["黄璩村"], 1_000_000])
    form.shares.add_row([v["韩璩村"], 900_000])
    form.save()
    assert "与资金合计 200 万元不符" in form.visible_errors()["shares"]
    assert services.projects.list().total == 0
    form.shares.set_rows([[v["黄璩村"], 1_000_000], [v["韩璩村"], 1_000_000]])
    form.save()
    assert form.visible_errors() == {}
    with qtbot.waitSignal(page.projects.reloaded):
        page.projects.reload()
    assert cell(page.projects, 0, "总投资（万元）") == "200"
    assert cell(page.projects, 0, "参与村") in ("黄璩村、韩璩村", "韩璩村、黄璩村")
    again = ProjectForm(services, form.saved_id, page)
    qtbot.addWidget(again)
    assert again.collect()["shares"] == {v["黄璩村"]: 1_000_000, v["韩璩村"]: 1_000_000}


def test_a_cooperative_in_another_clusters_village_is_refused(qtbot, services, small_town,
                                                              page):
    form = CooperativeForm(services, None, page)
    qtbot.addWidget(form)
    assert form.cluster.key() == small_town.huangqu
    villages = [form.references["village_id"].itemText(i)
                for i in range(form.references["village_id"].count())]
    assert "北张淡村" not in villages  # only the cluster's villages are offered
    form.title_line.setText("黄璩瓜菜合作社")
    form.plain["credit_code"].widget.setText("123")
    form.save()
    assert "请指定所在村" in form.visible_errors()["village_id"]
    form.references["village_id"].set_key(small_town.villages["黄璩村"])
    form.save()
    assert "18 位" in form.visible_errors()["credit_code"]
    form.plain["credit_code"].widget.setText("")
    form.save()
    assert form.visible_errors() == {} and services.coops.list().total == 1


def test_a_workshops_month_with_a_bad_month_is_refused(qtbot, services, small_town, page):
    form = WorkshopForm(services, None, page)
    qtbot.addWidget(form)
    form.title_line.setText("黄璩育苗共富工坊")
    form.references["village_id"].set_key(small_town.villages["黄璩村"])
    form.months.add_row(["2026-13", 40, 1800, 12000])
    form.save()
    assert "YYYY-MM" in form.visible_errors()["months"]
    form.months.set_rows([["2026-10", 40, 1800, 12000]])
    form.save()
    assert form.visible_errors() == {}
    assert services.workshops.months(form.saved_id) == {
        "2026-10": {"employed": 40, "pay": 1800, "income": 12000}}


def test_the_project_card_from_the_list(qtbot, services, small_town, page, tmp_path):
    v = small_town.villages
    project = services.projects.create(cluster_id=small_town.huangqu, name="育苗项目",
                                       funds={"帮扶资金": 500_000},
                                       shares={v["黄璩村"]: 500_000})
    with qtbot.waitSignal(page.projects.reloaded):
        page.projects.reload()
    page.projects.select_id(project.id)
    written: list = []
    path = tmp_path / "卡.docx"
    page.projects.export(page.projects.spec.exports[0], ask_path=lambda *_: str(path),
                         on_done=written.append)
    qtbot.waitUntil(lambda: bool(written), timeout=20000)
    assert path.is_file() and path.stat().st_size > 0


def test_the_summary_line_counts_the_offices_cluster(qtbot, services, small_town, page):
    from desktop_app.reports.industry import industry_summary

    v = small_town.villages
    services.projects.create(cluster_id=small_town.huangqu, name="育苗项目", jobs=300,
                             funds={"帮扶资金": 2_000_000, "村集体": 500_000},
                             shares={v["黄璩村"]: 2_500_000})
    services.coops.create(cluster_id=small_town.huangqu, name="黄璩瓜菜专业合作社",
                          village_id=v["黄璩村"], standing="shell")
    summary = industry_summary(services, small_town.huangqu)
    assert (summary.projects, summary.total_yuan, summary.jobs) == (1, 2_500_000, 300)
    assert summary.coops_by_standing == {"空壳": 1}
    page.refresh_summary()
    qtbot.waitUntil(lambda: "总投资 250 万元（帮扶资金 200、村集体 50）" in page.summary.text())
    assert "空壳 1" in page.summary.text()


def test_the_groups_helped_load_masked_and_show_after_a_reason(qtbot, services, small_town,
                                                               page, monkeypatch):
    shop = services.workshops.create(cluster_id=small_town.huangqu, name="黄璩育苗共富工坊",
                                     village_id=small_town.villages["黄璩村"],
                                     groups_helped="脱贫户3人、残疾人1人")
    form = WorkshopForm(services, shop.id, page)
    qtbot.addWidget(form)
    field = form.sensitive["groups_helped"]
    assert field.edit.text() != "脱贫户3人、残疾人1人" and "*" in field.edit.text()
    assert form.masked == {"groups_helped"} and field.edit.isReadOnly()
    form.plain["floor_area"].set(400)
    form.save()
    assert services.workshops.get(shop.id).groups_helped == "脱贫户3人、残疾人1人"
    again = WorkshopForm(services, shop.id, page)
    qtbot.addWidget(again)
    monkeypatch.setattr(again, "ask_reason", lambda label: "核对帮扶名单")
    again.sensitive["groups_helped"].button.click()
    assert again.sensitive["groups_helped"].edit.text() == "脱贫户3人、残疾人1人"
    assert again.masked == set()
    assert [r.reason for r in services.privacy.reveals(shop.id)] == ["核对帮扶名单"]


def test_the_overview_tab_draws_its_charts_when_first_shown(qtbot, services, small_town,
                                                            page):
    from ui.summary_tabs import OVERVIEW

    services.projects.create(cluster_id=small_town.huangqu, name="育苗项目",
                             funds={"帮扶资金": 2_000_000})
    assert page.charts is None  # matplotlib waits for the tab
    page.tabs.setCurrentIndex(page.tabs.count() - 1)
    assert page.tabs.tabText(page.tabs.currentIndex()) == OVERVIEW
    assert page.charts is not None and len(page.charts.canvases) == 2
    page.refresh_summary()
    qtbot.waitUntil(lambda: page.last_summary is not None and page.last_summary.projects == 1)
    from ui.charts import drawn

    qtbot.waitUntil(lambda: drawn(page.charts.canvases), timeout=10000)  # on workers
    funds, workshops = (c.figure for c in page.charts.canvases)
    assert funds.axes[0].get_title() == "产业项目资金来源（万元）"
    assert [t.get_text() for t in funds.axes[0].get_yticklabels()] == ["帮扶资金"]
    assert not workshops.axes  # no 共富工坊 months yet: a sentence instead of empty axes
    assert "还没有共富工坊的月度台账" in workshops.texts[-1].get_text()


def test_the_town_records_a_liaison_visit_in_the_cooperative_form(qtbot, services,
                                                                  small_town):
    from ui.forms.coop_visits import VisitDialog

    coop = services.coops.create(cluster_id=small_town.huangqu, name="黄璩瓜菜专业合作社",
                                 village_id=small_town.villages["黄璩村"], standing="fair")
    form = CooperativeForm(services, coop.id)  # the town PC: no cluster of its own
    qtbot.addWidget(form)
    assert form.visits.add.isVisibleTo(form) and form.visits.table.rowCount() == 0
    dialog = VisitDialog(form.services, coop.id, form)
    qtbot.addWidget(dialog)
    dialog.save()
    assert "请填写检查情况或帮扶措施" in dialog.error.text()
    dialog.checklist.setPlainText("三会制度健全")
    dialog.standing.set_key("sound")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    form.visits.load(coop.id)
    assert form.visits.table.item(0, 1).text() == "三会制度健全"
    assert services.coops.get(coop.id).standing == "sound"
    services.db.set_node(cluster_id=small_town.huangqu)
    office = CooperativeForm(services, coop.id)
    qtbot.addWidget(office)
    assert not office.visits.add.isVisibleTo(office)
    assert "由镇里记录" in office.visits.note.text()
    assert office.visits.table.rowCount() == 1


@pytest.mark.parametrize("page_class", ["ui.industry_page.IndustryPage",
                                        "ui.talent_page.TalentPage"])
def test_the_summarys_work_holds_no_page(qtbot, services, small_town, monkeypatch, page_class):
    """Work handed to a worker closes over plain objects only, never a widget: the summary's
    work held the page through the bound method ``self.summarise``."""
    import importlib

    import ui.summary_tabs as summary_tabs

    from .widget_free_work import qobjects_held

    works: list = []
    monkeypatch.setattr(summary_tabs, "run_in_background",
                        lambda _parent, work, **_kwargs: works.append(work))
    module, name = page_class.rsplit(".", 1)
    page = getattr(importlib.import_module(module), name)(services)
    qtbot.addWidget(page)
    page.refresh_summary()
    (work,) = works
    assert qobjects_held(work) == []
    assert work(None) is not None  # and it still summarises


def test_one_source_of_funds_is_a_bar_not_a_block_and_the_months_stand_apart():
    """产业 › 概况 with one source of funds: a bar a quarter of the chart high (it filled the
    chart as one red block); the workshops' twelve months are named every third one (they
    ran together as “9月10月11月” at 1024×768), with the legend above the bars."""
    from types import SimpleNamespace

    from matplotlib.figure import Figure

    from ui.industry_charts import draw_funds, draw_workshops

    figure = Figure(figsize=(4, 3))
    draw_funds(figure, SimpleNamespace(by_source={"帮扶资金": 2_500_000}))
    figure.canvas.draw()
    (bar,) = figure.axes[0].patches
    assert bar.get_window_extent().height < 0.3 * figure.axes[0].get_window_extent().height

    months = {f"2026-{m:02d}": {"income": 10_000 * m, "employed": 50 + m} for m in range(1, 13)}
    figure = Figure(figsize=(4, 3))
    draw_workshops(figure, SimpleNamespace(workshop_months=months))
    figure.canvas.draw()
    named = [label.get_text() for label in figure.axes[0].get_xticklabels()]
    assert sorted(named, key=lambda m: int(m[:-1])) == ["3月", "6月", "9月", "12月"]
    legend = figure.axes[0].get_legend().get_window_extent()
    tallest = max(bar.get_window_extent().y1 for bar in figure.axes[1].patches)
    assert legend.y0 >= tallest - 1  # in the room above the bars
