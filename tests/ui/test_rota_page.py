"""排班 as a duty officer uses it: the month's table, generating, a swap and leave through
their forms, and today's and tomorrow's officers on the 值班 page."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ui.forms.rota_forms import LeaveForm, PatternForm, PoolForm, SwapForm
from ui.rota_due import DueBox
from ui.rota_page import GenerateDialog, RotaPage


@pytest.fixture
def pooled(services, small_town):
    services.db.set_node(cluster_id=small_town.huangqu)
    people = small_town.people
    for name, role in (("孙包村", "town_liaison"), ("王建国", "village_committee"),
                       ("李秀英", "village_committee"), ("张志强", "village_committee")):
        services.pool.create(cluster_id=small_town.huangqu, person_id=people[name], role=role)
    return small_town


def month_rows(page: RotaPage) -> dict[str, list[str]]:
    table = page.month.table
    return {table.item(r, 0).text(): [table.item(r, c).text() if table.item(r, c) else ""
                                      for c in range(table.columnCount())]
            for r in range(table.rowCount())}


def test_generate_a_month_from_the_page(qtbot, services, pooled, monkeypatch):
    """生成值班表 for next month fills the table: two officers each weekday."""
    page = RotaPage(services)
    qtbot.addWidget(page)
    page.resize(874, 700)
    page.show()
    first = (date.today().replace(day=28) + timedelta(days=4)).replace(day=1)
    monkeypatch.setattr(GenerateDialog, "exec", lambda self: True)
    monkeypatch.setattr("ui.rota_page.QMessageBox.information", lambda *a: None)
    page.month.generate()
    assert page.month.month == first
    rows = month_rows(page)
    weekday = next(d for d in (first + timedelta(days=n) for n in range(7))
                   if d.isoweekday() <= 5 and page.month.table.item(
                       (d - first).days, 2).text())
    officers = rows[f"{weekday:%m-%d}"][2:4]
    assert all(officers)
    assert page.month.table.columnCount() == 5  # 日期 星期 two officers 备注
    assert services.turns.list().total > 30


def test_a_swap_and_leave_through_their_forms(qtbot, services, pooled):
    people = pooled.people
    day = date(2026, 12, 7)
    services.turns.create(cluster_id=pooled.huangqu, day=day, person_id=people["王建国"])
    form = SwapForm(services, None)
    qtbot.addWidget(form)
    # only the cluster's 轮值人员 are offered
    offered = {form.combos["to_person_id"].itemData(i)
               for i in range(form.combos["to_person_id"].count())}
    assert people["刘芳"] not in offered and people["李秀英"] in offered
    form.combos["from_person_id"].set_key(people["王建国"])
    form.combos["to_person_id"].set_key(people["王建国"])
    form.plain["day"].set(day)
    form.plain["reason"].set("外出开会")
    form.plain["from_agreed"].set(True)
    form.plain["to_agreed"].set(True)
    form.save()
    assert "不能与自己调班" in form.visible_errors()["to_person_id"]
    form.combos["to_person_id"].set_key(people["李秀英"])
    form.save()
    assert form.visible_errors() == {}
    turn = services.turns.turns(pooled.huangqu, day, day)[0]
    assert (turn.person_id, turn.swapped_from_id) == (people["李秀英"], people["王建国"])

    leave = LeaveForm(services, None)
    qtbot.addWidget(leave)
    leave.combos["person_id"].set_key(people["李秀英"])
    leave.plain["start_on"].set(day)
    leave.plain["reason"].set("因病")
    leave.save()
    assert leave.visible_errors() == {}
    assert services.leave.list().items[0].end_on == day


def test_the_pool_form_offers_everyone_of_the_cluster(qtbot, services, pooled):
    form = PoolForm(services, None)
    qtbot.addWidget(form)
    form.combos["person_id"].set_key(pooled.people["刘芳"])
    form.save()
    assert form.visible_errors() == {}
    member = next(m for m in services.pool.list().items
                  if m.person_id == pooled.people["刘芳"])
    assert member.village_id == pooled.villages["黄店村"]


def test_the_weekdays_are_ticked_and_listed_in_words(qtbot, services, pooled):
    """排班规则's 值班日: seven boxes in the form, 周一、三、五 in the list (not “135”)."""
    form = PatternForm(services, None)
    qtbot.addWidget(form)
    boxes = form.plain["weekdays"].widget.boxes
    assert [day for day, box in boxes.items() if box.isChecked()] == [1, 2, 3, 4, 5]
    boxes[2].setChecked(False)
    boxes[4].setChecked(False)
    form.save()
    assert form.visible_errors() == {}
    (pattern,) = services.patterns.list().items
    assert pattern.weekdays == "135"
    page = RotaPage(services)
    qtbot.addWidget(page)
    patterns = page.lists.show("排班规则")
    qtbot.waitUntil(lambda: patterns.count_label.text() == "共 1 条", timeout=10000)
    column = [c.header for c in patterns.spec.columns].index("值班日")
    assert patterns.model.index(0, column).data() == "周一、三、五"
    again = PatternForm(services, pattern.id)
    qtbot.addWidget(again)
    assert again.plain["weekdays"].get() == "135"


def test_a_pattern_with_no_weekday_ticked_is_refused_beside_the_boxes(qtbot, services, pooled):
    form = PatternForm(services, None)
    qtbot.addWidget(form)
    for box in form.plain["weekdays"].widget.boxes.values():
        box.setChecked(False)
    form.save()
    assert form.visible_errors() == {"weekdays": "请至少选择一个值班日"}
    assert services.patterns.list().total == 0


def test_the_duty_page_says_who_is_due_today_and_tomorrow(qtbot, services, pooled):
    today = date.today()
    tomorrow = today + timedelta(days=1)
    services.turns.create(cluster_id=pooled.huangqu, day=today, person_id=pooled.people["王建国"],
                          on_holiday=True)
    services.turns.create(cluster_id=pooled.huangqu, day=tomorrow,
                          person_id=pooled.people["李秀英"], on_holiday=True)
    box = DueBox(services)
    qtbot.addWidget(box)
    assert "王建国 未到岗" in box.text.text() and "李秀英" in box.text.text()
    services.duty.start(pooled.huangqu, [pooled.people["王建国"]])
    box.reload()
    assert "王建国 已到岗" in box.text.text()


def test_the_coverage_tab_gives_each_clusters_figures(qtbot, services, pooled):
    today = date.today()
    services.turns.generate(pooled.huangqu, today, today + timedelta(days=6))
    page = RotaPage(services)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.coverage)
    table = page.coverage.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert set(rows) == {"黄璩联合党总支", "张淡联合党总支"}
    assert rows["张淡联合党总支"] == "0%"
    assert rows["黄璩联合党总支"].endswith("%")
    table.sortItems(1)  # by coverage, as a number
    assert table.item(0, 0).text() == "张淡联合党总支"


def test_the_coverage_tab_lists_the_clusters_a_to_z_with_figures_at_the_right(qtbot, services,
                                                                               pooled):
    """In the town's order of clusters (组织架构's, then pinyin: 黄璩 before 张淡), not Qt's
    default Z to A; a click on 联合党组织 sorts by that order too, not by code point."""
    from PySide6.QtCore import Qt

    page = RotaPage(services)
    qtbot.addWidget(page)
    page.tabs.setCurrentWidget(page.coverage)
    table = page.coverage.table
    names = lambda: [table.item(r, 0).text() for r in range(table.rowCount())]  # noqa: E731
    assert names() == ["黄璩联合党总支", "张淡联合党总支"]
    assert table.item(0, 1).textAlignment() & Qt.AlignmentFlag.AlignRight
    table.sortItems(0, Qt.SortOrder.DescendingOrder)
    assert names() == ["张淡联合党总支", "黄璩联合党总支"]


def test_the_holidays_tab_lists_the_towns_holidays_at_an_office(qtbot, services, pooled):
    """At 黄璩's office, 排班 › 节假日 lists the town's holidays (国庆节 …, 适用范围 全镇),
    which apply to every cluster, and 黄璩's own 庙会, not an empty list filtered to 黄璩
    alone."""
    services.db.set_node(cluster_id=None)  # the town writes its holidays and 张淡's
    services.holidays.load_official(2026)
    town = services.holidays.list().total
    services.holidays.create(cluster_id=pooled.zhangdan, day=date(2026, 12, 24), name="集市")
    services.db.set_node(cluster_id=pooled.huangqu)
    services.holidays.create(day=date(2026, 12, 24), name="庙会")
    page = RotaPage(services)
    qtbot.addWidget(page)
    holidays = page.lists.show("节假日")
    assert holidays.cluster.key() == pooled.huangqu
    qtbot.waitUntil(lambda: holidays.count_label.text().startswith("共"), timeout=10000)
    assert holidays.count_label.text() == f"共 {town + 1} 条"
    rows = {holidays.model.index(r, 3).data(): holidays.model.index(r, 0).data()
            for r in range(holidays.model.rowCount())}
    assert {"国庆节", "春节", "庙会"} <= set(rows) and "集市" not in rows
    assert (rows["国庆节"], rows["庙会"]) == ("全镇", "黄璩联合党总支")  # 适用范围
