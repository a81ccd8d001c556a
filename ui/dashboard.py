"""工作台: who is on duty, what is due, what waits for its next step, and three charts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.reports.dashboard import Dashboard, build_dashboard
from desktop_app.services import Services
from ui.background import run_in_background
from ui.first_paint import after_first_paint
from ui.widgets import NOTICE_STYLE

SAMPLE_NOTICE = "这是示例数据：村庄、人员和事项均为演示而编造，不代表真实情况。"


class DashboardPage(QWidget):
    """Loads its figures off the GUI thread each time it is shown; ``loaded`` then fires."""

    loaded = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.canvases: list = []
        layout = QVBoxLayout(self)
        self.heading = QLabel("工作台")
        self.heading.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(self.heading)
        if "示例" in services.sync.office().name:
            notice = QLabel(SAMPLE_NOTICE)
            notice.setStyleSheet(NOTICE_STYLE)
            layout.addWidget(notice)
        self.duty_label = QLabel()
        self.duty_label.setWordWrap(True)
        layout.addWidget(self.duty_label)

        grid = QGridLayout()
        self.due_list, self.waiting_list, self.activity_list = (
            self._wrapping_list() for _ in range(3))
        self.due_box = self._boxed("今日到期及逾期任务", self.due_list)
        grid.addWidget(self.due_box, 0, 0)
        grid.addWidget(self._boxed("待推进的议题（四议两公开）", self.waiting_list), 1, 0)
        grid.addWidget(self._boxed("近期志愿服务", self.activity_list), 2, 0)
        self.chart_area = QGridLayout()
        grid.addLayout(self.chart_area, 0, 1, 3, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        layout.addLayout(grid, 1)
        self.snapshot: Dashboard | None = None
        self._shown_before = False

    @staticmethod
    def _wrapping_list() -> QListWidget:
        """A list whose long lines wrap instead of running off to a horizontal scroll bar."""
        widget = QListWidget()
        widget.setWordWrap(True)
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return widget

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

    def refresh(self) -> None:
        services, cluster_id = self.services, self.services.sync.office().cluster_id
        # The work closes over plain objects only, never over a widget.
        run_in_background(self, lambda _p: build_dashboard(services, cluster_id),
                          on_done=self.show_snapshot)

    def show_snapshot(self, snapshot: Dashboard) -> None:
        self.snapshot = snapshot
        self.heading.setText(f"工作台 · {snapshot.cluster_name}")
        if snapshot.officers:
            duty = f"当前值班：{snapshot.officers}（{snapshot.shift_start} 接班）"
        else:
            duty = "当前无人值班。请到“值班”页面开始值班。"
        if snapshot.handover_note:
            duty += f"\n上一班交接事项：{snapshot.handover_note}"
        self.duty_label.setText(duty)
        self.due_box.setTitle(f"今日到期及逾期任务（逾期 {snapshot.overdue_count} 项）")
        self._fill(self.due_list, [f"{t['due_on']}  {t['title']}  "
                                   f"[{t['villages']}] {t['status_label']}"
                                   for t in snapshot.due_tasks], "没有到期的任务")
        self._fill(self.waiting_list, [f"待{i['next_step_label']}：{i['title']}"
                                       for i in snapshot.waiting_items], "没有待推进的议题")
        self._fill(self.activity_list, [f"{a['held_on']}  {a['title']}（{a['participants']} 人，"
                                        f"{a['hours']:g} 小时）"
                                        for a in snapshot.recent_activities],
                   "近期没有志愿服务活动")
        self._draw_charts(snapshot)
        self.loaded.emit()

    @staticmethod
    def _fill(widget: QListWidget, lines: list[str], empty: str) -> None:
        widget.clear()
        widget.addItems(lines or [empty])

    def _draw_charts(self, snapshot: Dashboard) -> None:
        from ui import charts  # matplotlib loads on first use, not at start-up

        if not self.canvases:
            self.canvases = [charts.ChartCanvas(self) for _ in range(3)]
            self.chart_area.addWidget(self.canvases[0], 0, 0, 1, 2)
            self.chart_area.addWidget(self.canvases[1], 1, 0)
            self.chart_area.addWidget(self.canvases[2], 1, 1)
        charts.draw_all(self.canvases, snapshot.figures)
