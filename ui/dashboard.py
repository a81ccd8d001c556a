"""工作台: who is on duty, what is due, what waits for its next step, 治理联抓's figures, 产业 and
人才 in two cards, and charts (tasks and agenda; 产业; 人才: one tab each)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QMetaMethod, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.config.settings import Settings
from desktop_app.reports.dashboard import Dashboard, build_dashboard
from desktop_app.reports.tiles import (
    GOVERNANCE_SCREEN,
    SCREEN_OF_TILE,
    Tile,
    chart_query,
    governance_tile,
    tile_query,
)
from desktop_app.services import Services
from ui import gc_guard, theme, window_state
from ui.background import run_in_background
from ui.dashboard_widgets import RecordListDialog, RowsList, TileButton
from ui.first_paint import after_first_paint
from ui.rota_due import officers_line, town_line
from ui.widgets import NOTICE_STYLE

MODULE_CHART_TABS = ("产业", "人才")
LISTS_BESIDE_CHARTS_UP_TO = 1.25  # 字号 scale: at 特大 lists and charts take turns (tabs)
# … and at a 字号 above 标准 on a screen narrower than this: at 大 on 1024×768 the lists
# showed a row and a half each, cut sideways, beside the charts.
LISTS_BESIDE_CHARTS_FROM_WIDTH = 1280

SAMPLE_NOTICE = "这是示例数据：村庄、人员和事项均为演示而编造，不代表真实情况。"


def lists_and_charts_take_turns(scale: float, screen_width: int) -> bool:
    """Whether the dashboard shows its lists and charts one at a time, in tabs: at 特大, and
    at 大 on a small screen."""
    return scale > LISTS_BESIDE_CHARTS_UP_TO or (
        scale > 1.0 and screen_width < LISTS_BESIDE_CHARTS_FROM_WIDTH)


def import_charts() -> None:
    """On a worker: matplotlib, numpy and the Chinese font's set-up take 0.3 s the first time:
    not on the GUI thread when the charts are made (the import makes no widget)."""
    if "ui.charts" in sys.modules:
        return
    with gc_guard.importing():
        from ui import charts  # noqa: F401


def next_turn(widget: QWidget, callback: Callable[[], None]) -> None:
    """``callback`` on the GUI thread once the layout and painting that the changes just made
    have asked for are done (never once ``widget`` is gone). Qt posts both, and the next turn
    of the event loop handles them, the painting last (low priority): a call queued now
    would run in that turn before the painting, so it is queued from there and runs in the
    turn after, with timers and input handled between."""
    QTimer.singleShot(0, widget, lambda: QTimer.singleShot(0, widget, callback))


class DashboardPage(QWidget):
    """Loads its figures off the GUI thread each time it is shown; ``loaded`` then fires.
    ``screen_requested(title)`` asks the window for another screen (a tile's 同步);
    ``list_requested(screen, tab, cluster_id or "")`` for a tab's 仅… list (治理联抓's tiles)."""

    loaded = Signal()
    screen_requested = Signal(str)
    list_requested = Signal(str, str, str)

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 cluster_id: str | None = None) -> None:
        """``cluster_id``: another cluster's dashboard (the town's 全镇概况 opens them);
        by default this office's cluster."""
        super().__init__(parent)
        self.services = services
        self._cluster_id = cluster_id
        self.canvases: list = []
        layout = QVBoxLayout(self)
        self.heading = QLabel("工作台")
        self.heading.setStyleSheet(f"font-size: {theme.pt(16)}pt; font-weight: bold;")
        layout.addWidget(self.heading)
        if "示例" in services.sync.office().name:
            notice = QLabel(SAMPLE_NOTICE)
            notice.setStyleSheet(NOTICE_STYLE)
            layout.addWidget(notice)
        self.duty_label = QLabel()
        self.duty_label.setWordWrap(True)
        layout.addWidget(self.duty_label)

        self.tile_rows = [QHBoxLayout(), QHBoxLayout()]  # today's work; 治理联抓, 产业, 人才
        self.tiles: dict[str, TileButton] = {}
        huge = lists_and_charts_take_turns(theme.scale(),
                                           window_state.available_area(self).width())
        layout.addLayout(self.tile_rows[0])
        if not huge:  # at 特大 (and 大 on a small screen) the second row is a tab (below)
            layout.addLayout(self.tile_rows[1])
        self.dialog: RecordListDialog | None = None

        grid = QGridLayout()
        self.due_list = RowsList(
            [("due_on", "截止", None), ("title", "任务", None), ("villages", "村", None),
             ("status_label", "状态", None)], [86, 150, 90, 60],
            "没有今天到期或逾期的任务。新的任务在“任务”页面登记。")
        self.waiting_list = RowsList(
            [("raised_on", "提出", None), ("title", "议题", None), ("villages", "村", None),
             ("next_step_label", "下一步", lambda v: f"待{v}" if v else "")],
            [86, 150, 80, 110], "没有待推进的议题。新的议题在“议题”页面登记。")
        self.activity_list = RowsList(
            [("held_on", "日期", None), ("title", "活动", None),
             ("participants", "人数", None), ("hours", "小时", lambda v: f"{v or 0:g}")],
            [86, 150, 50, 50], "近三个月没有志愿服务活动。活动在“志愿服务”页面登记。")
        self.due_list.opened.connect(lambda i: self.open_record("work_task", i))
        self.waiting_list.opened.connect(lambda i: self.open_record("agenda_item", i))
        self.activity_list.opened.connect(lambda i: self.open_record("volunteer_activity", i))
        self.due_box = self._boxed("今日到期及逾期任务", self.due_list)
        boxes = [self.due_box, self._boxed("待推进的议题（四议两公开）", self.waiting_list),
                 self._boxed("近期志愿服务", self.activity_list)]
        charts = QWidget()
        self.chart_area = QGridLayout(charts)
        self.chart_area.setContentsMargins(0, 0, 0, 0)
        # 产业 and 人才 take turns with the work charts: drawn when their tab is first shown.
        self.chart_tabs = QTabWidget()
        self.module_charts: dict[str, QWidget] = {}
        for name in MODULE_CHART_TABS:
            holder = self.module_charts[name] = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
        self.module_canvases: dict[str, list] = {}
        self._drawn_tabs: set[str] = set()
        self.chart_tabs.currentChanged.connect(self._draw_module_charts)
        self.tabs: QTabWidget | None = None
        if huge:
            # 特大: side by side, lists and charts would all be cut; one at a time, full size.
            self.tabs = self.chart_tabs
            for box, name in zip(boxes, ("到期任务", "待推进议题", "志愿服务"), strict=True):
                self.tabs.addTab(box, name)
            self.tabs.addTab(charts, "统计图")
            for name, holder in self.module_charts.items():
                self.tabs.addTab(holder, name)
            second_row = QWidget()
            column = QVBoxLayout(second_row)
            column.addLayout(self.tile_rows[1])
            column.addStretch(1)
            self.tabs.addTab(second_row, "治理 产业 人才")
            grid.addWidget(self.tabs, 0, 0)
        else:
            lists = QWidget()
            list_column = QVBoxLayout(lists)
            list_column.setContentsMargins(0, 0, 0, 0)
            for box in boxes:
                list_column.addWidget(box)
            grid.addWidget(lists, 0, 0)
            self.chart_tabs.setDocumentMode(True)
            self.chart_tabs.addTab(charts, "任务与议题")
            for name, holder in self.module_charts.items():
                self.chart_tabs.addTab(holder, name)
            grid.addWidget(self.chart_tabs, 0, 1)
            grid.setColumnStretch(0, 1)
            grid.setColumnStretch(1, 1)
        layout.addLayout(grid, 1)
        self.snapshot: Dashboard | None = None
        self._shown_before = False
        self._showing = 0  # counts the figures shown: a step of older ones is dropped

    @staticmethod
    def _boxed(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(widget)
        return box

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._shown_before:
            self.refresh()
        else:  # the first time, the empty page is painted before any work starts
            self._shown_before = True
            after_first_paint(self, self.refresh)

    def cluster_id(self) -> str | None:
        return self._cluster_id or self.services.sync.office().cluster_id

    def refresh(self) -> None:
        services, cluster_id = self.services, self.cluster_id()
        # The work closes over plain objects only, never over a widget.
        warn_days = Settings.load().warn_days

        def work(_progress) -> Dashboard:
            snapshot = build_dashboard(services, cluster_id, warn_days=warn_days)
            import_charts()
            return snapshot

        run_in_background(self, work, on_done=self.show_snapshot)

    def show_snapshot(self, snapshot: Dashboard) -> None:
        """The figures in three steps, each in its own turn of the event loop with the page
        laid out and painted between them: the texts and tiles, the lists, the charts.
        Shown in one go, the first showing's layout and painting (texts laid out and their
        glyphs drawn for the first time, three tables, three canvases) held the GUI thread
        65–77 ms (bench/gui_report.md (d)). ``loaded`` fires after the last step."""
        self._showing += 1
        showing = self._showing
        steps = [self._show_texts, self._show_lists, self._draw_charts]

        def step() -> None:
            if showing != self._showing:
                return  # newer figures came meanwhile: they are shown instead
            steps.pop(0)(snapshot)
            if steps:
                next_turn(self, step)
            else:
                self.loaded.emit()

        step()

    def _show_texts(self, snapshot: Dashboard) -> None:
        self.snapshot = snapshot
        self.heading.setText(f"工作台 · {snapshot.cluster_name}")
        self.duty_label.setText(self._duty_text(snapshot))
        self.due_box.setTitle(f"今日到期及逾期任务（逾期 {snapshot.overdue_count} 项）")
        self._show_tiles(snapshot.tiles)

    def _duty_text(self, snapshot: Dashboard) -> str:
        if snapshot.officers:
            duty = f"当前值班：{snapshot.officers}（{snapshot.shift_start} 接班）"
        else:
            duty = "当前无人值班。请到“值班”页面开始值班。"
        if snapshot.due_today:
            line = (officers_line(snapshot.due_today, today=True) if self.cluster_id()
                    else town_line(snapshot.due_today))
            duty += f"\n今日应值班（排班）：{line}"
        if snapshot.handover_note:
            duty += f"\n上一班交接事项：{snapshot.handover_note}"
        return duty

    def _show_lists(self, snapshot: Dashboard) -> None:
        self.due_list.set_rows(snapshot.due_tasks)
        self.waiting_list.set_rows(snapshot.waiting_items)
        self.activity_list.set_rows(snapshot.recent_activities)

    # --- tiles ---------------------------------------------------------------------------
    def _show_tiles(self, tiles: list[Tile]) -> None:
        for tile in tiles:
            button = self.tiles.get(tile.key)
            if button is None:
                button = self.tiles[tile.key] = TileButton(self)
                button.clicked.connect(lambda key=tile.key: self.open_tile(key))
                self.tile_rows[tile.row].addWidget(button, 1)
            button.set_tile(tile)

    def open_tile(self, key: str) -> RecordListDialog | None:
        """The list behind a tile (a dialog over the tile's own query), a 治理 tab's 仅… list
        (in a dialog too where no window takes ``list_requested``: 全镇概况's dashboards), or a
        screen (同步, 产业, 人才)."""
        governance = governance_tile(key, self.cluster_id())
        if governance is not None and self.isSignalConnected(
                QMetaMethod.fromSignal(self.list_requested)):
            self.list_requested.emit(GOVERNANCE_SCREEN, governance[0], self.cluster_id() or "")
            return None
        tile = self.tiles[key].tile
        if governance is not None:  # another cluster's dashboard (全镇概况): the list here
            return self._open_list(tile.label if tile else key, governance[1], governance[2])
        if key in SCREEN_OF_TILE:
            self.screen_requested.emit(SCREEN_OF_TILE[key])
            return None
        found = tile_query(key, self.cluster_id(), self.services.clock.today())
        assert found is not None, key
        service_name, query = found
        return self._open_list(tile.label if tile else key, service_name, query)

    def _open_list(self, title: str, service_name: str, query) -> RecordListDialog:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
        self.dialog = RecordListDialog(self.services, title, service_name, query, self)
        self.dialog.finished.connect(lambda _result: self.refresh())
        self.dialog.show()
        return self.dialog

    def open_chart_target(self, target: tuple) -> RecordListDialog:
        """The records behind a chart's bar or point."""
        villages = self.snapshot.figures.village_ids if self.snapshot else {}
        service_name, query, title = chart_query(target, self.cluster_id(), villages)
        return self._open_list(title, service_name, query)

    def open_record(self, table: str, record_id: str) -> None:
        from ui import open_record

        if open_record.open_record(self.services, table, record_id, self):
            self.refresh()

    def _draw_charts(self, snapshot: Dashboard) -> None:
        from ui import charts  # matplotlib loads on first use, not at start-up

        if not self.canvases:
            self.canvases = [charts.ChartCanvas(self) for _ in range(3)]
            self.chart_area.addWidget(self.canvases[0], 0, 0, 1, 2)
            self.chart_area.addWidget(self.canvases[1], 1, 0)
            self.chart_area.addWidget(self.canvases[2], 1, 1)
            for canvas in self.canvases:
                canvas.picked.connect(self.open_chart_target)
        charts.draw_all(self.canvases, snapshot.figures, theme.scale())
        self._drawn_tabs = set()
        self._draw_module_charts()

    def show_chart_tab(self, name: str) -> None:
        """The 产业 or 人才 charts (drawn now if not yet)."""
        self.chart_tabs.setCurrentWidget(self.module_charts[name])

    def _draw_module_charts(self, _index: int = -1) -> None:
        """The shown 产业 or 人才 tab's two charts, from the last snapshot (once per snapshot)."""
        shown = self.chart_tabs.currentWidget()
        name = next((n for n, holder in self.module_charts.items() if holder is shown), None)
        if name is None or name in self._drawn_tabs or not self.snapshot:
            return
        from ui import industry_charts

        draws = {"产业": (industry_charts.draw_funds, industry_charts.draw_workshops),
                 "人才": (industry_charts.draw_talents, industry_charts.draw_training_hours)}[name]
        summary = self.snapshot.industry if name == "产业" else self.snapshot.talent
        if name not in self.module_canvases:
            self.module_canvases[name] = [industry_charts.ChartCanvas(self) for _ in draws]
            for canvas in self.module_canvases[name]:
                self.module_charts[name].layout().addWidget(canvas)
        for canvas, draw in zip(self.module_canvases[name], draws, strict=True):
            canvas.show_chart(lambda figure, _targets, draw=draw: draw(figure, summary))
        self._drawn_tabs.add(name)
