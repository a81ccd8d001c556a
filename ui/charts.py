"""Charts drawn with matplotlib on Qt canvases, with Chinese text that never shows as boxes.

matplotlib is imported here only, and this module only when the dashboard is first shown,
so start-up does not pay for it.

A chart is filled and drawn on a worker (``ChartCanvas.show_chart``), never on the GUI
thread: the whole town's 各村任务状态 (97 villages, 485 bars) took 150 ms to build and
0.3 s to draw, most of it the constrained layout measuring texts, and froze the window as
long (bench/gui_report.md); its marks are now six artists (``ui.chart_marks``; the worker's
CPU for it, bench/chart_report.md). One chart is drawn at a time (``_DRAWING``): matplotlib's
state is not meant for two threads at once. Until its new picture is ready a canvas shows the
last one and answers no hover or click.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable

from desktop_app.config.paths import data_home


def _keep_font_cache() -> None:
    """In the PyInstaller build, matplotlib is pointed at a new temporary folder at every start,
    so it would rebuild its font list each time (seconds on a PC with many fonts). The folder
    is fixed there, so keep the cache in the data folder (a moved font is found again:
    matplotlib rebuilds the list when a cached file is missing)."""
    if not getattr(sys, "frozen", False):
        return
    folder = data_home() / "cache" / "matplotlib"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    os.environ["MPLCONFIGDIR"] = str(folder)


_keep_font_cache()

import matplotlib  # noqa: E402

matplotlib.use("QtAgg")

from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: E402
from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, Signal  # noqa: E402
from PySide6.QtGui import QCursor  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QMenu, QToolTip, QWidget  # noqa: E402

from desktop_app.records.vocabulary import STEP_SHORT, TASK_STATUSES  # noqa: E402
from desktop_app.reports.stats import DashboardFigures  # noqa: E402
from ui.background import run_in_background, show_error  # noqa: E402
from ui.chart_fonts import CJK_FAMILIES, ensure_cjk_font  # noqa: E402
from ui.chart_marks import label_categories, stacked_bars  # noqa: E402
from ui.status_colours import status_colour  # noqa: E402

STATUS_COLOURS = {status: status_colour(status) or "#9e9e9e" for status in TASK_STATUSES}


def configure_fonts() -> None:
    """Chinese first (found even when matplotlib's font cache predates the font)."""
    ensure_cjk_font()
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [*CJK_FAMILIES, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False


configure_fonts()

_DRAWING = threading.Lock()  # one chart filled or drawn at a time, on whichever worker

# Fills a cleared figure with a chart and lists the artists that stand for records
# (artist, target, tooltip) in the list it is given.
Fill = Callable[[Figure, list], None]


class ChartCanvas(FigureCanvasQTAgg):
    """A figure in the window; right-click offers to save it as PNG. A bar or point that
    stands for records says what it holds when the mouse is over it, and a click emits
    ``picked(target)`` (see ``desktop_app.reports.tiles.chart_query``). ``rendered`` fires
    when a picture drawn on a worker is on screen; ``drawn_on`` is that worker's thread."""

    picked = Signal(object)
    rendered = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Figure(figsize=(5, 3), dpi=100, layout="constrained"))
        self.setParent(parent)
        self.setMinimumHeight(150)  # two rows of charts and the tiles fit 768 pixels at 大
        self.targets: list[tuple[object, tuple, str]] = []  # artist, target, tooltip
        self.drawing = False  # a worker has the figure: the GUI thread leaves it alone
        self.drawn_on: int | None = None
        self._fill: Fill | None = None  # the chart to put in the figure at the next drawing
        self._again = False  # asked for while drawing: draw once more after
        self.mpl_connect("button_press_event", self._clicked)
        self.mpl_connect("motion_notify_event", self._hovered)

    # --- drawing on a worker -----------------------------------------------------------
    def show_chart(self, fill: Fill) -> None:
        """Clear the figure and put the chart ``fill`` makes in it, then draw it: both on a
        worker."""
        self._fill = fill
        self._start_drawing()

    def _draw_idle(self) -> None:
        """Qt's idle drawing (the canvas shown or resized, ``draw_idle``), made on a worker
        like the rest."""
        if self._draw_pending:
            self._draw_pending = False
            self._start_drawing()

    def _start_drawing(self) -> None:
        if self.drawing:
            self._again = True
            return
        if not self.isVisible() or self.width() < 10 or self.height() < 10:
            self._draw_pending = True  # not laid out yet: drawn at its first paint
            return
        self.drawing = True
        fill, self._fill = self._fill, None
        figure = self.figure  # the work holds the figure, not the widget

        def work(_progress) -> tuple[list | None, int]:
            with _DRAWING:
                targets: list | None = None
                if fill is not None:
                    targets = []
                    figure.clear()
                    fill(figure, targets)
                renderer = FigureCanvasAgg.get_renderer(figure.canvas)  # no Qt call
                renderer.clear()
                figure.draw(renderer)
            return targets, threading.get_ident()

        run_in_background(self, work, on_done=self._drawn, on_error=self._not_drawn)

    def _drawn(self, result: tuple[list | None, int]) -> None:
        targets, self.drawn_on = result
        if targets is not None:
            self.targets = targets
        self.drawing = False
        if self._again:
            self._again = False
            self._start_drawing()
            return
        self.update()
        self.rendered.emit()

    def _not_drawn(self, error: BaseException) -> None:
        """The figure is the GUI thread's again, and the error is shown as any other."""
        self.drawing = self._again = False
        show_error(self, error)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self._draw_idle()
        if not self.drawing:  # while a worker draws, the last picture stays on screen
            super().paintEvent(event)

    def draw(self) -> None:
        """Draw now, on the GUI thread (tests, a picture saved), once a worker's is done."""
        self.wait_for_drawing()
        super().draw()

    def wait_for_drawing(self) -> None:
        """Let a drawing under way finish (before the GUI thread reads the figure)."""
        while self.drawing:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    # --- records behind the marks --------------------------------------------------------
    def target_at(self, event) -> tuple[tuple, str] | None:
        if self.drawing:
            return None
        for artist, target, tip in self.targets:
            if artist.contains(event)[0]:  # type: ignore[attr-defined]
                return target, tip
        return None

    def _clicked(self, event) -> None:
        found = self.target_at(event) if event.button == 1 else None
        if found is not None:
            self.picked.emit(found[0])

    def _hovered(self, event) -> None:
        found = self.target_at(event)
        self.setCursor(Qt.CursorShape.PointingHandCursor if found
                       else Qt.CursorShape.ArrowCursor)
        if found is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(QCursor.pos(), found[1], self)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        menu = QMenu(self)
        menu.addAction("保存为 PNG 图片…", self.ask_and_save)
        menu.exec(event.globalPos())

    def ask_and_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存图表", "图表.png", "PNG 图片 (*.png)")
        if path:
            self.save_png(path)

    def save_png(self, path: str) -> None:
        self.wait_for_drawing()
        self.figure.savefig(path, dpi=150)


def drawn(canvases: list[ChartCanvas]) -> bool:
    """Every canvas shows its chart: drawn once, no drawing under way (tests, smoke test)."""
    return all(canvas.drawn_on is not None and not canvas.drawing for canvas in canvases)


# What an empty chart says instead of drawing empty axes (with -0.04 … 0.04 on them).
EMPTY_TASKS = "还没有任务。\n在“任务”页面登记后，\n这里按村显示各状态的任务数。"
EMPTY_HOURS = "近一年没有志愿服务时长。\n在“志愿服务”页面登记活动后，\n这里显示每月的时长。"
EMPTY_ITEMS = "还没有议题。\n在“议题”页面登记后，\n这里显示各议题所处的环节。"


def draw_empty(figure: Figure, title: str, sentence: str) -> None:
    """No axes at all: the chart's title and a sentence saying what to do next."""
    figure.clear()
    figure.suptitle(title)
    figure.text(0.5, 0.5, sentence, ha="center", va="center", color="#4b5563",
                linespacing=1.6)


def title_over_figure(figure: Figure, title: str) -> None:
    """The chart's title centred over the whole figure, not over its axes: in a narrow tile
    the category names push the axes to the right, and a title centred over them reached
    the tile's right edge (议题所处环节 at 1024×768)."""
    figure.suptitle(title)


def chart_title(figure: Figure) -> str:
    """The chart's title, whether over its figure or over its axes ("" for none)."""
    titles = [figure.get_suptitle(), *(axes.get_title() for axes in figure.axes)]
    return next((title for title in titles if title), "")


def new_axes(figure: Figure, title: str, sentence: str, has_data: bool) -> Axes | None:
    """The figure cleared for a chart titled ``title``; None after saying ``sentence`` in
    it when there is no data."""
    if not has_data:
        draw_empty(figure, title, sentence)
        return None
    figure.clear()
    return figure.add_subplot()


def draw_tasks_by_village(figure: Figure, data: dict[str, dict[str, int]],
                          targets: list | None = None) -> None:
    axes = new_axes(figure, "各村任务状态", EMPTY_TASKS,
                    any(sum(counts.values()) for counts in data.values()))
    if axes is None:
        return
    villages = list(data)
    bottoms = [0] * len(villages)
    for status, label in TASK_STATUSES.items():
        counts = [data[v].get(status, 0) for v in villages]
        _collection, bars = stacked_bars(axes, bottoms, counts, STATUS_COLOURS[status], label)
        if targets is not None:
            targets.extend((bar, ("tasks", village, status), f"{village} · {label}：{count} 项"
                            "（点击查看）")
                           for bar, village, count in zip(bars, villages, counts, strict=True)
                           if count)
        bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    label_categories(axes, villages, rotation=45 if len(villages) > 5 else 0, fontsize="small")
    axes.set_title("各村任务状态")
    axes.set_ylabel("任务数")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)


def draw_hours_by_month(figure: Figure, data: list[tuple[str, float]],
                        targets: list | None = None) -> None:
    axes = new_axes(figure, "志愿服务时长（每月）", EMPTY_HOURS, any(hours for _, hours in data))
    if axes is None:
        return
    months = [f"{int(key[5:])}月" for key, _ in data]
    axes.plot(range(len(months)), [hours for _, hours in data], marker="o", color="#c62828")
    if targets is not None:
        for number, (key, hours) in enumerate(data):
            if hours:  # an invisible marker over each point, for the tooltip and the click
                point, = axes.plot([number], [hours], marker="o", markersize=12, alpha=0)
                targets.append((point, ("hours", key), f"{months[number]}：{hours:g} 小时"
                                "（点击查看活动）"))
    name_months(axes, months)
    title_over_figure(figure, "志愿服务时长（每月）")
    axes.set_ylabel("小时")
    axes.set_ylim(bottom=0)
    axes.tick_params(axis="x", labelsize="small")
    axes.grid(alpha=0.3)


def name_months(axes: Axes, months: list[str]) -> None:
    """Month names under bars or points 0, 1, …: every third one, ending with the last, when
    there are more than six (twelve names run together on a small screen, and so did every
    other one, “10月12月”, in a narrow tile at 1024×768)."""
    named = range(len(months) - 1, -1, -3 if len(months) > 6 else -1)
    axes.set_xticks(list(named), [months[index] for index in named])


def thin_bars(axes: Axes, bars: int, slots: int = 4) -> None:
    """Horizontal bars as thick as if there were ``slots`` of them: one category alone
    filled the whole chart with a single block."""
    spare = max(0, slots - bars) / 2
    axes.set_ylim(-0.5 - spare, bars - 0.5 + spare)


def draw_items_by_step(figure: Figure, data: dict[int, int],
                       targets: list | None = None) -> None:
    axes = new_axes(figure, "议题所处环节", EMPTY_ITEMS, any(data.values()))
    if axes is None:
        return
    steps = [*range(1, 7), 0]
    label_size = fitting_label_size(figure, len(steps))
    if label_size < matplotlib.rcParams["font.size"] * 0.8:  # a short tile (大, 1024×768):
        steps = [step for step in steps if data.get(step)]  # the steps that hold items
        label_size = fitting_label_size(figure, len(steps))
    labels = [f"待{STEP_SHORT[step]}" if step else "已办结" for step in steps]
    counts = [data.get(step, 0) for step in steps]
    bars = axes.barh(labels[::-1], counts[::-1], color="#b71c1c")
    if targets is not None:
        targets.extend((bar, ("step", step), f"{label}：{count} 项（点击查看）")
                       for bar, step, label, count in zip(bars, steps[::-1], labels[::-1],
                                                          counts[::-1], strict=True) if count)
    axes.bar_label(bars, fontsize="small", padding=3)  # clear of the axis where a count is 0
    axes.margins(x=0.12)  # room for the longest bar's count
    title_over_figure(figure, "议题所处环节")
    axes.set_xlabel("议题数")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="y", labelsize=label_size)


def fitting_label_size(figure: Figure, rows: int) -> float:
    """The size (points) at which ``rows`` labels, one above another, fit the figure's height
    beside its title and its x axis (its ticks and label): at most 1.2 × the text's size."""
    base = matplotlib.rcParams["font.size"]
    free = figure.get_figheight() * 72 - 5.5 * base  # points: the title, the x axis, margins
    return max(6.0, min(base * 1.2, free / (rows * 1.35)))


def draw_all(canvases: list[ChartCanvas], figures: DashboardFigures,
             scale: float = 1.0) -> None:
    """Draw the three charts (on workers), their text at the 字号 ``scale``."""
    matplotlib.rcParams["font.size"] = 10 * scale
    tasks, hours, steps = canvases
    tasks.show_chart(lambda figure, targets: draw_tasks_by_village(
        figure, figures.tasks_by_village, targets))
    hours.show_chart(lambda figure, targets: draw_hours_by_month(
        figure, figures.hours_by_month, targets))
    steps.show_chart(lambda figure, targets: draw_items_by_step(
        figure, figures.items_by_step, targets))
