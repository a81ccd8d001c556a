"""全镇概况: the town PC's 工作台 lists every joint Party organisation with its figures."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from desktop_app.cli.main import main as cli_main
from desktop_app.reports.town import ClusterFigures
from ui.main_window import MainWindow
from ui.town_page import COLUMNS, TownOverviewPage


@pytest.fixture
def town_pc(services, on_shift):
    """The town PC (no cluster of its own), with an overdue task and an item in 黄璩."""
    v = on_shift.villages
    services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟",
                          village_ids=[v["黄璩村"]], found_on=date.today() - timedelta(days=9),
                          due_on=date.today() - timedelta(days=1))
    services.agenda.create(cluster_id=on_shift.huangqu, title="村东道路硬化")
    services.db.set_node(cluster_id=None)
    assert services.sync.office().is_town
    return on_shift


def _overview(qtbot, services) -> tuple[MainWindow, TownOverviewPage]:
    """The window (kept by the test: qtbot holds its widgets weakly) and its 工作台."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    page = window.screen("工作台")
    assert isinstance(page, TownOverviewPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10000)
    return window, page


def test_the_town_sees_every_cluster_with_the_figures_the_cli_prints(qtbot, services, town_pc,
                                                                    capsys):
    """Each cluster is a row; its counts are those of ``lianjian-cli report town``."""
    _window, page = _overview(qtbot, services)
    capsys.readouterr()
    assert cli_main(["--db", str(services.db.path), "--json", "report", "town"]) == 0
    printed = {row["name"]: row for row in json.loads(capsys.readouterr().out)}
    shown = {row.name: row for row in page.model.rows}
    assert set(shown) == set(printed) == {"黄璩联合党总支", "张淡联合党总支"}
    for name, row in shown.items():
        for key in ("open_tasks", "overdue_tasks", "waiting_items", "hours_this_quarter",
                    "days_since_file", "conflicts", "level"):
            assert printed[name][key] == getattr(row, key), (name, key)
    assert shown["黄璩联合党总支"].overdue_tasks == 1
    assert shown["黄璩联合党总支"].waiting_items == 1
    assert "2 个联合党组织" in page.summary.text()


def test_the_table_sorts_and_late_offices_stand_out(qtbot, services, town_pc):
    """A click on 逾期任务 sorts by it; an office never heard from is marked 过久 in red."""
    from PySide6.QtCore import Qt

    from ui.town_page import AGE_COLUMN, COLUMNS

    overdue = [header for header, *_ in COLUMNS].index("逾期任务")
    _window, page = _overview(qtbot, services)
    page.table.sortByColumn(overdue, Qt.SortOrder.DescendingOrder)
    assert page.proxy.index(0, 0).data() == "黄璩联合党总支"
    page.table.sortByColumn(overdue, Qt.SortOrder.AscendingOrder)
    assert page.proxy.index(0, 0).data() == "张淡联合党总支"
    assert "过久" in page.proxy.index(0, AGE_COLUMN).data()
    assert page.proxy.index(0, AGE_COLUMN).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_a_reminder_is_copied_and_a_cluster_opens_its_dashboard(qtbot, services, town_pc, qapp):
    """复制电话提醒 puts one line on the clipboard; 打开工作台 shows that cluster's dashboard."""
    _window, page = _overview(qtbot, services)
    page.table.selectRow([page.proxy.index(r, 0).data() for r in range(2)].index("黄璩联合党总支"))
    text = page.copy_reminder()
    assert text.startswith("黄璩联合党总支：") and "逾期 1 项" in text
    assert qapp.clipboard().text() == text
    dialog = page.open_selected()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.page.snapshot is not None, timeout=10000)
    assert dialog.page.heading.text() == "工作台 · 黄璩联合党总支"
    assert dialog.page.tiles["overdue"].tile.value == "1"
    dialog.close()


def test_the_reminder_says_how_long_and_what_is_open():
    """The line read out on the phone names the cluster, the days and the open tasks."""
    row = ClusterFigures("c", "张淡联合党总支", "", 3, 1, 0, 0.0, None, 20, 0, "red")
    assert row.reminder() == ("张淡联合党总支：镇里已有 20 天没有收到你们的同步文件，请尽快用 U 盘"
                              "导出同步文件送到镇里（目前未办结任务 3 项，其中逾期 1 项）。")


def test_a_town_pc_given_a_cluster_gets_the_cluster_dashboard(qtbot, services, town_pc):
    """After 设置 gives this PC a cluster, 工作台 is that cluster's dashboard, not 全镇概况."""
    from ui.dashboard import DashboardPage

    window, _page = _overview(qtbot, services)
    window.screen("设置")
    services.sync.set_office(cluster_id=town_pc.huangqu)
    window.office_changed()
    assert isinstance(window.screen("工作台"), DashboardPage)


def test_the_flag_holder_is_marked(qtbot, services, town_pc, monkeypatch):
    """The cluster that holds the 流动红旗 of the latest finalised quarter carries ★ and the
    quarter, in the window and in ``report town``."""
    from desktop_app.assessment.flags import FlagChange

    history = [FlagChange("2026Q2", town_pc.zhangdan, "held", ()),
               FlagChange("2026Q3", town_pc.huangqu, "took_over", (town_pc.zhangdan,))]
    monkeypatch.setattr(type(services.assessment), "flag_history", lambda self: history)
    _window, page = _overview(qtbot, services)
    flags = {row.name: row.red_flag for row in page.model.rows}
    assert flags == {"黄璩联合党总支": "2026Q3", "张淡联合党总支": ""}
    shown = {page.model.index(r, 0).data(): page.model.index(r, 1).data()
             for r in range(page.model.rowCount())}
    assert shown["黄璩联合党总支"] == "★ 2026Q3" and shown["张淡联合党总支"] == ""


def test_this_months_duty_coverage_in_the_window_and_the_cli(qtbot, services, town_pc, capsys):
    """黄璩 has this month's rota generated (every staffed day full): 100%; 张淡 has none: 0%."""
    from desktop_app.services.rota_reports import month_span

    people = town_pc.people
    services.pool.create(cluster_id=town_pc.huangqu, person_id=people["孙包村"],
                         role="town_liaison")
    for name in ("王建国", "李秀英"):
        services.pool.create(cluster_id=town_pc.huangqu, person_id=people[name])
    services.patterns.create(cluster_id=town_pc.huangqu, weekdays="12345", officers_per_day=2)
    today = services.db.wall.today()
    services.turns.generate(town_pc.huangqu, *month_span(today.year, today.month))
    _window, page = _overview(qtbot, services)
    shown = {row.name: row.duty_coverage for row in page.model.rows}
    assert shown == {"黄璩联合党总支": 1.0, "张淡联合党总支": 0.0}
    at = [c[0] for c in COLUMNS].index("本月值班覆盖率")
    texts = {page.model.index(r, 0).data(): page.model.index(r, at).data()
             for r in range(page.model.rowCount())}
    assert texts == {"黄璩联合党总支": "100%", "张淡联合党总支": "0%"}
    capsys.readouterr()
    assert cli_main(["--db", str(services.db.path), "report", "town"]) == 0
    printed = capsys.readouterr().out
    assert "本月值班覆盖率" in printed and "100%" in printed
