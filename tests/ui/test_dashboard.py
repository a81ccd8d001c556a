"""The dashboard: duty, due tasks, waiting items, and charts whose Chinese text is readable."""

from __future__ import annotations

import itertools
import threading
import warnings
from dataclasses import replace
from datetime import date, time, timedelta

import pytest

from desktop_app.reports.stats import hours_by_month, items_by_step, tasks_by_village
from ui.dashboard import DashboardPage


@pytest.fixture
def busy_town(services, on_shift):
    """Tasks, an item at step 2 and an activity in the 黄璩 cluster."""
    services.db.set_node(cluster_id=on_shift.huangqu)
    v, p, today = on_shift.villages, on_shift.people, date.today()
    services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟",
                          village_ids=[v["黄璩村"]],
                          found_on=today - timedelta(days=10), due_on=today - timedelta(days=1))
    services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修", village_ids=[v["韩璩村"]],
                          status="solved")
    item = services.agenda.create(cluster_id=on_shift.huangqu, title="村东道路硬化")
    services.agenda.record_step(item.id, 1)
    services.activities.create(cluster_id=on_shift.huangqu, title="义务理发", held_on=today,
                               start_time=time(9), end_time=time(11),
                               participants={p["张志强"]: 2, p["刘芳"]: 1.5})
    return on_shift


def test_figures_count_what_was_recorded(services, busy_town):
    """The chart data counts tasks per village and status, hours per month, items per step."""
    by_village = tasks_by_village(services.db, busy_town.huangqu)
    assert by_village["黄璩村"]["pending"] == 1 and by_village["韩璩村"]["solved"] == 1
    months = hours_by_month(services.db, busy_town.huangqu)
    assert len(months) == 12 and months[-1][1] == pytest.approx(3.5)
    assert items_by_step(services.db, busy_town.huangqu)[2] == 1


def test_dashboard_shows_duty_lists_and_charts(qtbot, services, busy_town, tmp_path):
    """Opening the dashboard shows the officer, the overdue task, the waiting item and charts."""
    page = DashboardPage(services)
    page.resize(1200, 800)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    assert "王建国" in page.duty_label.text()
    assert "逾期 1 项" in page.due_box.title()
    due = page.due_list.model
    assert [due.index(0, c).data() for c in range(4)] == [
        str(date.today() - timedelta(days=1)), "清理排水沟", "黄璩村", "待办理"]
    waiting = page.waiting_list.model
    assert waiting.index(0, 1).data() == "村东道路硬化"
    assert waiting.index(0, 3).data() == "待商议"
    assert page.activity_list.model.index(0, 1).data() == "义务理发"
    assert len(page.canvases) == 3
    _wait_for_charts(qtbot, page.canvases)
    assert page.canvases[0].figure.axes[0].get_title() == "各村任务状态"
    target = tmp_path / "chart.png"
    page.canvases[1].save_png(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_chart_text_is_drawn_with_a_font_that_has_the_characters(qtbot, services, busy_town):
    """Every Chinese label is drawn with a font holding its glyphs: no boxes, no warnings."""
    from matplotlib.font_manager import FontProperties, findfont
    from matplotlib.ft2font import FT2Font
    from matplotlib.text import Text

    page = DashboardPage(services)
    page.resize(1200, 800)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    _wait_for_charts(qtbot, page.canvases)
    for canvas in page.canvases:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*[Gg]lyph.*")  # a missing glyph fails
            canvas.draw()
        for text in canvas.figure.findobj(Text):
            content = text.get_text()
            if not any("\u4e00" <= ch <= "\u9fff" for ch in content):
                continue
            font = FT2Font(findfont(FontProperties(family=text.get_fontfamily()),
                                    fallback_to_default=False))
            missing = [ch for ch in content if ch.strip() and font.get_char_index(ord(ch)) == 0]
            assert not missing, (content, font.fname)


def test_the_figures_come_in_turns_and_newer_ones_win(qtbot, services, busy_town):
    """The tiles show first, then the lists, then the charts, each after the page was painted
    (one turn of the event loop for all of it froze the window); figures that arrive while
    older ones are still being shown replace them, and ``loaded`` fires once, for the newer."""
    page = _shown(qtbot, services)
    older, newer = page.snapshot, replace(page.snapshot, due_tasks=[])
    fired: list[bool] = []
    page.loaded.connect(lambda: fired.append(True))
    page.show_snapshot(older)
    assert page.snapshot is older and fired == []
    page.show_snapshot(newer)
    qtbot.waitUntil(lambda: bool(fired), timeout=5000)
    qtbot.wait(100)
    assert fired == [True] and page.snapshot is newer
    assert page.due_list.currentWidget() is page.due_list.empty  # the newer lists, no task


@pytest.fixture
def today_task(services, busy_town):
    """One more task due today (open), and one due today already solved (not counted)."""
    v, today = busy_town.villages, date.today()
    services.tasks.create(cluster_id=busy_town.huangqu, title="发放通知", village_ids=[v["黄璩村"]],
                          due_on=today)
    services.tasks.create(cluster_id=busy_town.huangqu, title="已办的事", village_ids=[v["黄璩村"]],
                          due_on=today, status="solved")
    return busy_town


def _shown(qtbot, services) -> DashboardPage:
    page = DashboardPage(services)
    page.resize(1024, 700)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    _wait_for_charts(qtbot, page.canvases)
    return page


def _wait_for_charts(qtbot, canvases) -> None:
    """The charts are made and drawn on workers: wait until they are on screen, drawn
    off the GUI thread."""
    from ui import charts

    qtbot.waitUntil(lambda: charts.drawn(canvases), timeout=10000)
    assert all(canvas.drawn_on != threading.get_ident() for canvas in canvases)


@pytest.mark.parametrize(("key", "count", "value", "titles"), [
    ("overdue", 1, "1", ["清理排水沟"]),
    ("due_today", 1, "1", ["发放通知"]),
    ("waiting", 1, "1", ["村东道路硬化"]),
    ("hours", 1, "3.5", ["义务理发"]),
])
def test_each_tile_opens_its_list_with_the_count_it_shows(qtbot, services, today_task,
                                                         key, count, value, titles):
    """A click on a tile opens the records behind its figure: as many as it says."""
    from PySide6.QtCore import Qt

    page = _shown(qtbot, services)
    tile = page.tiles[key]
    assert tile.tile is not None and tile.tile.value == value and tile.tile.count == count
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.windowTitle() == tile.tile.label
    qtbot.waitUntil(lambda: dialog.count_label.text() != "正在查询…", timeout=10000)
    assert dialog.model.rowCount() == count
    assert dialog.count_label.text() == f"共 {count} 条"
    assert [dialog.model.row(n)["title"] for n in range(count)] == titles
    dialog.close()


def test_tiles_with_nothing_to_list_open_the_sync_page(qtbot, services, today_task):
    """待处理冲突 and 距上次与镇同步 say no conflicts / never synced, and open 同步."""
    page = _shown(qtbot, services)
    assert page.tiles["conflicts"].tile.value == "0"
    sync = page.tiles["sync_age"].tile
    assert (sync.value, sync.unit, sync.level) == ("未同步", "", "red")  # not "— 天"
    assert page.tiles["sync_age"].value.text().endswith(">未同步</span>")
    with qtbot.waitSignal(page.screen_requested) as asked:
        page.open_tile("sync_age")
    assert asked.args == ["同步"]


def test_sync_age_turns_amber_then_red():
    """Amber after the days set in 设置, red after twice that (and when never synced)."""
    from desktop_app.reports.tiles import sync_level

    assert [sync_level(d, 7) for d in (0, 6, 7, 13, 14, None)] == [
        "good", "good", "amber", "amber", "red", "red"]


def test_a_dashboard_item_opens_its_record(qtbot, services, today_task, monkeypatch):
    """Enter (or a double-click) on a due task, a waiting item or an activity opens its form."""
    from PySide6.QtCore import Qt

    from ui.forms.base import RecordForm

    opened: list = []

    def fake_exec(form):
        opened.append((type(form).__name__, form.record_id))
        return 0

    monkeypatch.setattr(RecordForm, "exec", fake_exec)
    page = _shown(qtbot, services)
    for rows, form in ((page.due_list, "TaskForm"), (page.waiting_list, "AgendaForm"),
                       (page.activity_list, "ActivityForm")):
        rows.table.setFocus()
        rows.table.setCurrentIndex(rows.model.index(0, 1))
        qtbot.keyClick(rows.table, Qt.Key.Key_Return)
        assert opened[-1] == (form, rows.model.rows[0]["id"])
    assert len(opened) == 3


def test_empty_charts_say_what_to_do_instead_of_drawing_empty_axes(qtbot, services, small_town):
    """With no tasks, hours or items, each chart is a sentence, not axes from -0.04 to 0.04."""
    from ui import charts

    services.db.set_node(cluster_id=small_town.zhangdan)  # nothing recorded there
    page = _shown(qtbot, services)
    for canvas, sentence in zip(page.canvases, (charts.EMPTY_TASKS, charts.EMPTY_HOURS,
                                                charts.EMPTY_ITEMS), strict=True):
        assert canvas.figure.axes == []
        assert sentence in [t.get_text() for t in canvas.figure.texts]
    assert page.due_list.currentWidget() is page.due_list.empty
    assert "“任务”页面" in page.due_list.empty.text()


def test_a_record_in_a_tiles_list_opens_with_enter(qtbot, services, today_task, monkeypatch):
    """In the list behind 逾期任务, Enter on a task opens that task's form."""
    from PySide6.QtCore import Qt

    from ui.forms.base import RecordForm

    opened: list = []
    monkeypatch.setattr(RecordForm, "exec", lambda form: opened.append(form.record_id) or 0)
    page = _shown(qtbot, services)
    dialog = page.open_tile("overdue")
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=10000)
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert opened == [dialog.model.id_at(0)]
    dialog.close()


def test_days_since_the_town_sync_count_from_the_last_town_file_read():
    """Only an approved town PC's files count; the newest of them gives the days."""
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from desktop_app.reports.tiles import days_since_town_sync
    from desktop_app.sync.status import PeerStatus

    def peer(role, status, received):
        return PeerStatus("n", "镇", role, None, status, "", None, received, 0, None)

    today = date(2026, 12, 10)
    peers = [peer("town", "approved", datetime(2026, 12, 1, 2, tzinfo=UTC)),
             peer("town", "approved", datetime(2026, 11, 20, 2, tzinfo=UTC)),
             peer("village", "approved", datetime(2026, 12, 9, 2, tzinfo=UTC)),
             peer("town", "pending", datetime(2026, 12, 9, 2, tzinfo=UTC))]
    services = SimpleNamespace(sync=SimpleNamespace(peers=lambda: peers))
    assert days_since_town_sync(services, today) == 9
    services = SimpleNamespace(sync=SimpleNamespace(peers=lambda: peers[2:]))
    assert days_since_town_sync(services, today) is None


@pytest.mark.parametrize(("chart", "target", "titles"), [
    (0, ("tasks", "黄璩村", "pending"), ["清理排水沟"]),
    (1, ("hours", f"{date.today():%Y-%m}"), ["义务理发"]),
    (2, ("step", 2), ["村东道路硬化"]),
])
def test_a_click_on_a_bar_opens_the_records_it_counts(qtbot, services, busy_town,
                                                     chart, target, titles):
    """A click on 黄璩村's 待办理 bar lists that task; on a month, its activities; on 待商议,
    the item waiting for it. Hovering tells the count first."""
    from PySide6.QtCore import QPoint, Qt

    page = _shown(qtbot, services)
    canvas = page.canvases[chart]
    canvas.draw()
    artist, _target, tip = next(entry for entry in canvas.targets if entry[1] == target)
    assert "点击查看" in tip
    box = artist.get_window_extent()
    ratio = canvas.devicePixelRatioF()
    point = QPoint(int((box.x0 + box.width / 2) / ratio),
                   int((canvas.figure.bbox.height - (box.y0 + box.height / 2)) / ratio))
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point)
    dialog = page.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.count_label.text() != "正在查询…", timeout=10000)
    assert [dialog.model.row(n)["title"] for n in range(dialog.model.rowCount())] == titles
    dialog.close()


def test_the_dashboard_says_who_the_rota_has_due_today(qtbot, services, busy_town):
    """排班: today's officers on the dashboard, the one on shift 已到岗, the other 未到岗."""
    for name in ("王建国", "李秀英"):
        services.pool.create(cluster_id=busy_town.huangqu, person_id=busy_town.people[name],
                             role="village_committee")
        services.turns.create(cluster_id=busy_town.huangqu, day=date.today(),
                              person_id=busy_town.people[name], on_holiday=True)
    page = DashboardPage(services)
    page.resize(1200, 800)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    assert "今日应值班（排班）：王建国 已到岗、李秀英 未到岗" in page.duty_label.text()


@pytest.fixture
def governance_due(services, busy_town):
    """治理联抓 in the 黄璩 cluster: a micro-grid never visited, a dispute open for 40 days and
    a request past its 5-working-day limit; one of each that is fine."""
    v, today = busy_town.villages, date.today()
    services.db.set_node(cluster_id=None)  # the catalogue is the town's
    item = services.service_items.create(department="人社", name="居民养老参保",
                                         time_limit_days=5)
    services.db.set_node(cluster_id=busy_town.huangqu)
    grid = services.grids.create(village_id=v["黄璩村"], code="G1", name="黄璩村第一网格")
    services.micro_grids.create(grid_id=grid.id, name="一组")  # never visited
    visited = services.micro_grids.create(grid_id=grid.id, name="二组")
    services.visits.create(micro_grid_id=visited.id, visited_on=today)
    for days in (40, 3):
        services.disputes.create(village_id=v["黄璩村"], category="neighbour",
                                 registered_on=today - timedelta(days=days))
    for days in (10, 31):  # agreements: one within its 30-day 司法确认 window, one past it
        services.disputes.create(village_id=v["黄璩村"], category="neighbour",
                                 registered_on=today - timedelta(days=days + 5),
                                 outcome="success", agreement="赔偿 500 元",
                                 agreement_on=today - timedelta(days=days))
    for days in (30, 0):
        services.service_requests.create(village_id=v["黄璩村"], applicant="张桂兰",
                                         item_id=item.id,
                                         received_on=today - timedelta(days=days))
    return busy_town


def test_governance_tiles_count_the_lists_of_the_governance_page(services, governance_due):
    """Each 治理联抓 tile's figure is the length of the 仅… list it opens, and the second row
    carries 产业 and 人才 as cards that open their pages."""
    from desktop_app.reports.dashboard import build_dashboard
    from desktop_app.reports.tiles import governance_tile

    snapshot = build_dashboard(services, governance_due.huangqu)
    tiles = {t.key: t for t in snapshot.tiles}
    for key, service in (("governance_micro_grids", "micro_grids"),
                         ("governance_disputes", "disputes"),
                         ("governance_service_requests", "service_requests")):
        found = governance_tile(key, governance_due.huangqu)
        assert found is not None and found[1] == service
        assert tiles[key].count == len(getattr(services, service).ids(found[2])) == 1
        assert tiles[key].value == "1" and tiles[key].level == "red" and tiles[key].row == 1
    assert (tiles["dispute_confirm"].count, tiles["dispute_confirm"].row) == (1, 1)
    assert tiles["industry"].row == tiles["talent"].row == 1
    assert tiles["talent"].value == "0" and tiles["industry"].count is None
    assert governance_tile("overdue", governance_due.huangqu) is None


@pytest.mark.parametrize(("key", "tab"), [("governance_micro_grids", "微网格"),
                                          ("governance_disputes", "矛盾纠纷"),
                                          ("governance_service_requests", "代办登记")])
def test_a_click_on_a_governance_tile_opens_its_filtered_list(qtbot, services, governance_due,
                                                             key, tab):
    """The window opens 治理 on the tile's tab with only its 仅… filter (a search typed there
    before is cleared): as many rows as the tile says."""
    from PySide6.QtCore import Qt

    from ui.governance_page import GovernancePage
    from ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1024, 698)
    window.show()
    governance = window.screen("治理")
    assert isinstance(governance, GovernancePage)
    governance.lists[tab].search.setText("没有这样的字")
    page = window.screen("工作台")
    qtbot.waitUntil(lambda: page.snapshot is not None, timeout=10000)
    tile = page.tiles[key]
    assert tile.tile is not None and tile.tile.count == 1
    listing = governance.lists[tab]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is governance
    assert governance.tabs.currentWidget() is governance.lists.panes[tab] and listing.isVisible()
    assert listing.overdue.isChecked() and listing.search.text() == ""
    qtbot.wait(300)  # the page's own reload on showing may come after the tile's
    qtbot.waitUntil(lambda: listing.count_label.text() == "共 1 条", timeout=10000)
    assert listing.model.rowCount() == 1


def test_industry_and_talent_charts_are_drawn_when_their_tab_is_shown(qtbot, services,
                                                                      governance_due):
    """Drawn only once their tab is shown; with nothing recorded they say what to do."""
    from matplotlib.text import Text

    def texts(canvas) -> list[str]:
        return [t.get_text() for t in canvas.figure.findobj(Text) if t.get_text()]

    page = _shown(qtbot, services)
    assert page.module_canvases == {}
    page.show_chart_tab("产业")
    funds, workshops = page.module_canvases["产业"]
    _wait_for_charts(qtbot, [funds, workshops])
    assert "产业项目资金来源（万元）" in texts(funds)
    assert any("还没有产业项目" in t for t in texts(funds))
    assert "共富工坊从业人数与村集体收入（每月）" in texts(workshops)
    page.show_chart_tab("人才")
    _wait_for_charts(qtbot, page.module_canvases["人才"])
    assert "人才类别与去向" in texts(page.module_canvases["人才"][0])
    with qtbot.waitSignal(page.screen_requested) as asked:
        page.open_tile("talent")
    assert asked.args == ["人才"]


@pytest.mark.parametrize("key", ["governance_micro_grids", "governance_disputes",
                                 "governance_service_requests", "dispute_confirm"])
def test_without_a_window_a_governance_tile_opens_its_list_in_a_dialog(qtbot, services,
                                                                        governance_due, key):
    """全镇概况's dashboard of a cluster has no 治理 page beside it: the same query in a
    dialog, as many rows as the tile says."""
    from PySide6.QtCore import Qt

    page = _shown(qtbot, services)
    tile = page.tiles[key]
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and tile.tile is not None
    assert dialog.windowTitle() == tile.tile.label
    qtbot.waitUntil(lambda: dialog.count_label.text() != "正在查询…", timeout=10000)
    assert dialog.model.rowCount() == tile.tile.count == 1
    dialog.close()



TITLE_MARGIN = 4  # pixels between a chart's title and its edges


def _titles_too_close_to_the_edge(figure) -> list[tuple[str, float, float]]:
    """The chart titles (of the axes and of the figure) that come within ``TITLE_MARGIN``
    pixels of the figure's left or right edge, with their extent."""
    renderer = figure.canvas.get_renderer()
    titles = [axes.title for axes in figure.axes] + [figure._suptitle]
    extents = [(title.get_text(), title.get_window_extent(renderer)) for title in titles
               if title is not None and title.get_text()]
    return [(text, box.x0, box.x1) for text, box in extents
            if box.x0 < TITLE_MARGIN or box.x1 > figure.bbox.width - TITLE_MARGIN]


def _dashboard_at_1024(qtbot, services):
    """The dashboard in a 1024×768 window (less its title bar), its charts drawn."""
    from ui.main_window import MainWindow

    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1024, 698)
    window.show()
    page = window.screen("工作台")
    qtbot.waitUntil(lambda: page.snapshot is not None and bool(page.canvases), timeout=10000)
    _wait_for_charts(qtbot, page.canvases)
    return page


def test_chart_titles_stay_inside_their_charts_at_1024_pixels(qtbot, services, busy_town):
    """At 1024×768 the narrow 议题所处环节 chart's title is whole, clear of its right edge
    (and so is every other chart's)."""
    page = _dashboard_at_1024(qtbot, services)
    assert page.canvases[2].width() < 260  # the narrow tile the title did not fit
    for canvas in page.canvases:
        canvas.draw()
        assert _titles_too_close_to_the_edge(canvas.figure) == []


@pytest.mark.parametrize("font_size", ["large"], indirect=True)
def test_the_steps_of_the_items_chart_stand_apart_at_large_font(qtbot, services, busy_town,
                                                                  monkeypatch, font_size):
    """议题所处环节 at 字号 大 on a 1366×768 screen: its step names (待提议 … 已办结) were drawn
    over one another in the short tile; now they fit (smaller, or only the steps that hold
    items), and each still names its bar."""
    from PySide6.QtCore import QRect

    from ui import window_state
    from ui.main_window import MainWindow

    monkeypatch.setattr(window_state, "available_area",  # 1366×768, less the task bar
                        lambda widget=None: QRect(0, 0, 1366, 728))
    services.agenda.create(cluster_id=busy_town.huangqu, title="村西水塘清淤")  # 待提议
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1366, 698)
    window.show()
    page = window.screen("工作台")
    qtbot.waitUntil(lambda: page.snapshot is not None and bool(page.canvases),
                    timeout=10000)
    _wait_for_charts(qtbot, page.canvases)
    canvas = page.canvases[2]
    canvas.draw()
    figure = canvas.figure
    renderer = figure.canvas.get_renderer()
    labels = [label for label in figure.axes[0].get_yticklabels() if label.get_text()]
    boxes = sorted((label.get_window_extent(renderer) for label in labels),
                   key=lambda box: box.y0)
    assert len(boxes) >= 2
    assert all(lower.y1 <= upper.y0 for lower, upper in itertools.pairwise(boxes)), boxes
    assert {"待提议", "待商议"} <= {label.get_text() for label in labels}  # the two items


def test_the_month_names_under_the_hours_chart_stand_apart_at_1024_pixels(qtbot, services,
                                                                           busy_town):
    """志愿服务时长 at 1024×768: the months under it (“10月12月” ran together) have a gap."""
    page = _dashboard_at_1024(qtbot, services)
    figure = page.canvases[1].figure
    page.canvases[1].draw()
    renderer = figure.canvas.get_renderer()
    boxes = sorted((label.get_window_extent(renderer) for label in
                    figure.axes[0].get_xticklabels() if label.get_text()), key=lambda b: b.x0)
    gaps = [right.x0 - left.x1 for left, right in itertools.pairwise(boxes)]
    assert len(boxes) >= 3 and min(gaps) >= 4, gaps
