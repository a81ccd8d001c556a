"""The 治理 screen: one navigation entry whose tabs are the grids, micro-grids, visits,
disputes and service lists; its forms save through the services and show refusals beside the
field."""

from __future__ import annotations

import pytest

from PySide6.QtCore import Qt

from ui.forms.governance_forms import GridForm, MicroGridForm
from ui.governance_page import GovernancePage
from ui.record_model import OVERDUE_BRUSH


def cell(page, row: int, header: str) -> str:
    column = [c.header for c in page.spec.columns].index(header)
    return page.model.data(page.model.index(row, column))


@pytest.fixture
def page(qtbot, services, small_town):
    services.db.set_node(cluster_id=small_town.huangqu)
    shown = GovernancePage(services)
    qtbot.addWidget(shown)
    shown.resize(1024, 700)
    shown.show()
    return shown


def open_tab(qtbot, page, title: str):
    listing = page.lists.show(title)
    qtbot.waitUntil(lambda: listing.count_label.text().startswith("共"))
    return listing


def test_add_a_grid_and_a_micro_grid_through_the_forms(qtbot, services, small_town, page):
    grids = open_tab(qtbot, page, "网格")
    form = GridForm(services, None, grids)
    qtbot.addWidget(form)
    form.combos["village_id"].set_key(small_town.villages["韩璩村"])
    form.plain["code"].widget.setText("370523100002001")
    form.plain["name"].widget.setText("韩璩村第一网格")
    form.combos["head_id"].set_key(small_town.people["李秀英"])
    form.save()
    assert form.visible_errors() == {}
    with qtbot.waitSignal(grids.reloaded):
        grids.reload()
    assert cell(grids, 0, "网格名称") == "韩璩村第一网格" and cell(grids, 0, "网格长") == "李秀英"

    micro_grids = open_tab(qtbot, page, "微网格")
    form = MicroGridForm(services, None, micro_grids)
    qtbot.addWidget(form)
    form.combos["grid_id"].set_key(services.grids.list().items[0].id)
    form.plain["name"].widget.setText("韩璩村一组")
    form.combos["leader_id"].set_key(small_town.people["李秀英"])
    form.plain["households"].widget.setValue(52)
    form.save()
    assert form.visible_errors() == {}
    with qtbot.waitSignal(micro_grids.reloaded):
        micro_grids.reload()
    assert cell(micro_grids, 0, "所属网格") == "韩璩村第一网格"
    assert cell(micro_grids, 0, "户数") == "52"


def test_a_micro_grid_without_a_grid_is_refused_beside_the_field(qtbot, services, page):
    form = MicroGridForm(services, None, page)
    qtbot.addWidget(form)
    form.plain["name"].widget.setText("一组")
    form.save()
    assert form.visible_errors() == {"grid_id": "请指定所属网格"}
    assert services.micro_grids.list().total == 0


def test_editing_a_micro_grid_loads_it_and_moves_it_to_another_leader(qtbot, services,
                                                                      small_town, page):
    grid = services.grids.create(village_id=small_town.villages["黄璩村"], code="G1",
                                 name="黄璩村第一网格")
    micro = services.micro_grids.create(grid_id=grid.id, name="一组",
                                        leader_id=small_town.people["王建国"])
    form = MicroGridForm(services, micro.id, page)
    qtbot.addWidget(form)
    assert form.combos["leader_id"].key() == small_town.people["王建国"]
    assert not form.cluster.isEnabled()
    form.combos["leader_id"].set_key(small_town.people["李秀英"])
    form.save()
    assert form.visible_errors() == {}
    assert services.micro_grids.get(micro.id).leader_id == small_town.people["李秀英"]


def test_a_visit_s_problem_becomes_a_task_from_its_form(qtbot, services, small_town, page):
    from datetime import date

    from ui.forms.governance_forms import VisitForm

    services.duty.start(small_town.huangqu, [small_town.people["王建国"]])
    grid = services.grids.create(village_id=small_town.villages["韩璩村"], code="G1",
                                 name="韩璩村第一网格")
    micro = services.micro_grids.create(grid_id=grid.id, name="一组",
                                        leader_id=small_town.people["李秀英"])
    visits = open_tab(qtbot, page, "民情日志")
    form = VisitForm(services, None, visits)
    qtbot.addWidget(form)
    assert form.task_label.text() == "（尚未转为工作任务）"  # the row says so, not blank
    form.combos["micro_grid_id"].set_key(micro.id)
    form.plain["visited_on"].set(date.today())
    form.plain["problems"].widget.setPlainText("村东路灯不亮")
    form.to_task()
    assert form.visible_errors() == {}
    assert form.task_label.text() == "已转为工作任务：网格发现：村东路灯不亮"
    assert not form.task_button.isEnabled()
    task = services.tasks.list().items[0]
    assert services.tasks.village_ids(task.id) == [small_town.villages["韩璩村"]]
    with qtbot.waitSignal(visits.reloaded):
        visits.reload()
    assert cell(visits, 0, "发现问题") == "村东路灯不亮"


def test_a_visit_in_the_future_is_refused_beside_its_date(qtbot, services, small_town, page):
    from datetime import date, timedelta

    from ui.forms.governance_forms import VisitForm

    grid = services.grids.create(village_id=small_town.villages["韩璩村"], code="G1",
                                 name="韩璩村第一网格")
    micro = services.micro_grids.create(grid_id=grid.id, name="一组")
    form = VisitForm(services, None, page)
    qtbot.addWidget(form)
    form.combos["micro_grid_id"].set_key(micro.id)
    form.plain["visited_on"].set(date.today() + timedelta(days=2))
    form.save()
    assert "不能晚于今天" in form.visible_errors()["visited_on"]
    assert services.visits.list().total == 0


def test_zero_report_is_one_click_and_refused_the_second_time(qtbot, services, small_town,
                                                             page):
    reports = open_tab(qtbot, page, "零报告")
    with qtbot.waitSignal(reports.reloaded):
        page.zero_button.click()
    assert page.zero_result.text() == "已记录今日零报告"
    assert reports.count_label.text() == "共 1 条"
    assert cell(reports, 0, "联合党组织") == "黄璩联合党总支"
    page.zero_button.click()
    assert "已报过零报告" in page.zero_result.text()
    assert services.zero_reports.list().total == 1


def test_a_dispute_form_adds_a_session_and_refuses_an_agreement_without_success(
        qtbot, services, small_town, page):
    from datetime import date

    from ui.forms.governance_forms import DisputeForm

    disputes = open_tab(qtbot, page, "矛盾纠纷")
    form = DisputeForm(services, None, disputes)
    qtbot.addWidget(form)
    form.combos["village_id"].set_key(small_town.villages["黄璩村"])
    form.plain["registered_on"].set(date.today())
    form.plain["category"].set("neighbour")
    form.edits["parties"].setText("张三丰、李四光")
    form.session_notes.setText("双方陈述")
    form.save()
    assert form.visible_errors() == {}
    dispute = services.disputes.list().items[0]
    assert [s.notes for s in services.disputes.sessions(dispute.id)] == ["双方陈述"]
    with qtbot.waitSignal(disputes.reloaded):
        disputes.reload()
    assert cell(disputes, 0, "当事人") == "张*丰、李*光" and cell(disputes, 0, "状态") == "调解中"

    edit = DisputeForm(services, dispute.id, disputes)
    qtbot.addWidget(edit)
    assert edit.edits["parties"].text() == "张*丰、李*光" and "parties" in edit.masked
    assert "双方陈述" in edit.sessions_label.text()
    edit.plain["outcome"].set("failed")
    edit.plain["status"].set("closed")
    edit.plain["agreement"].set("和解")
    edit.save()
    assert "只有调解成功" in edit.visible_errors()["agreement"]
    assert services.disputes.get(dispute.id).status == "mediating"
    assert services.disputes.get(dispute.id).parties == "张三丰、李四光"


def test_a_service_request_through_its_form_with_a_poor_rating(qtbot, services, small_town,
                                                               page):
    from datetime import date

    from ui.forms.governance_forms import ServiceRequestForm

    services.db.set_node(cluster_id=None)  # the catalogue is the town's
    item = services.service_items.create(department="医保", name="异地就医备案",
                                         time_limit_days=3)
    services.db.set_node(cluster_id=small_town.huangqu)
    requests = open_tab(qtbot, page, "代办登记")
    form = ServiceRequestForm(services, None, requests)
    qtbot.addWidget(form)
    form.combos["village_id"].set_key(small_town.villages["黄璩村"])
    form.combos["item_id"].set_key(item.id)
    form.plain["applicant"].widget.setText("张桂兰")
    form.edits["phone"].setText("13905461234")
    form.plain["received_on"].set(date.today())
    form.plain["rating"].set(2)
    form.save()
    assert "办结或退回后" in form.visible_errors()["rating"]
    form.plain["status"].set("done")
    form.save()
    assert form.visible_errors() == {}
    saved = services.service_requests.list().items[0]
    assert saved.fix_due_on is not None and saved.phone == "13905461234"
    with qtbot.waitSignal(requests.reloaded):
        requests.reload()
    assert cell(requests, 0, "事项") == "异地就医备案" and cell(requests, 0, "评价") == "2"


def test_the_page_opens_with_its_first_list_and_its_figures_only(qtbot, services, small_town,
                                                                  page):
    """The other six lists are built (and queried) when their tab is first shown; the
    figures above the tabs come anyway."""
    built = [title for title, pane in page.lists.panes.items() if pane.built]
    assert built == ["网格"]
    qtbot.waitUntil(lambda: page.attention["矛盾纠纷"].text() == "超过一个月未结的纠纷：0")
    page.tabs.setCurrentIndex(3)
    assert page.lists.panes["矛盾纠纷"].built and page.lists["矛盾纠纷"].isVisible()


def test_the_attention_strip_counts_what_is_overdue_and_opens_it(qtbot, services, small_town,
                                                                 page):
    from datetime import date, timedelta

    grid = services.grids.create(village_id=small_town.villages["黄璩村"], code="G1",
                                 name="黄璩村第一网格")
    services.micro_grids.create(grid_id=grid.id, name="一组")  # never visited
    services.disputes.create(village_id=small_town.villages["黄璩村"], category="neighbour",
                             registered_on=date.today() - timedelta(days=40))
    micro_grids = page.lists["微网格"]
    with qtbot.waitSignal(micro_grids.reloaded):
        micro_grids.reload()
    qtbot.waitUntil(lambda: page.attention["矛盾纠纷"].text() == "超过一个月未结的纠纷：1")
    assert page.attention["微网格"].text() == "未按时走访的微网格：1"
    assert page.attention["代办登记"].text() == "超时未办结的代办：0"
    disputes = page.lists["矛盾纠纷"]
    with qtbot.waitSignal(disputes.reloaded):
        page.attention["矛盾纠纷"].click()
    assert disputes.isVisible() and disputes.overdue.isChecked()
    assert disputes.count_label.text() == "共 1 条"
    for overdue_list in (disputes, micro_grids):  # its overdue rows in red, as tasks'
        first = overdue_list.model.index(0, 0)
        assert overdue_list.model.data(first, Qt.ItemDataRole.ForegroundRole) == OVERDUE_BRUSH


def test_showing_the_page_again_counts_its_figures_once(qtbot, services, small_town, page,
                                                        monkeypatch):
    """Shown again with 矛盾纠纷 in front, the list reloads and its reload recounts the
    figures: the page's own showEvent does not count them a second time."""
    import ui.governance_page as governance_page

    counted: list[str | None] = []
    count = governance_page.attention

    def counting(services_, cluster_id):
        counted.append(cluster_id)
        return count(services_, cluster_id)

    monkeypatch.setattr(governance_page, "attention", counting)
    disputes = open_tab(qtbot, page, "矛盾纠纷")
    qtbot.waitUntil(lambda: page.attention["矛盾纠纷"].text() == "超过一个月未结的纠纷：0")
    page.hide()
    services.disputes.create(village_id=small_town.villages["黄璩村"], category="neighbour",
                             registered_on=date_days_ago(40))
    counted.clear()
    with qtbot.waitSignal(disputes.reloaded):
        page.show()
    qtbot.waitUntil(lambda: page.attention["矛盾纠纷"].text() == "超过一个月未结的纠纷：1")
    qtbot.wait(200)
    assert counted == [small_town.huangqu]
    assert not disputes.loading


def test_showing_the_page_again_on_a_list_without_a_figure_still_counts(qtbot, services,
                                                                       small_town, page):
    qtbot.waitUntil(lambda: page.attention["矛盾纠纷"].text() == "超过一个月未结的纠纷：0")
    page.hide()
    services.disputes.create(village_id=small_town.villages["黄璩村"], category="neighbour",
                             registered_on=date_days_ago(40))
    page.show()
    qtbot.waitUntil(lambda: page.attention["矛盾纠纷"].text() == "超过一个月未结的纠纷：1")


def date_days_ago(days: int):
    from datetime import date, timedelta

    return date.today() - timedelta(days=days)
