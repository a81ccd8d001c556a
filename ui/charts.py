"""Charts drawn with matplotlib on Qt canvases, with Chinese text that never shows as boxes.

matplotlib is imported here only, and this module only when the dashboard is first shown,
so start-up does not pay for it.
"""

from __future__ import annotations

import os
import sys

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

from matplotlib.figure import Figure  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget  # noqa: E402

from desktop_app.records.vocabulary import STEP_SHORT, TASK_STATUSES  # noqa: E402
from desktop_app.reports.stats import DashboardFigures  # noqa: E402

# First found wins: Windows fonts, then the fonts Linux packages install.
CJK_FONTS = ["Microsoft YaHei", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC",
             "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "DejaVu Sans"]
STATUS_COLOURS = {"pending": "#9e9e9e", "in_progress": "#1e88e5", "solved": "#43a047",
                  "reported": "#00897b", "cancelled": "#a1887f"}


def configure_fonts() -> None:
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = CJK_FONTS
    matplotlib.rcParams["axes.unicode_minus"] = False


configure_fonts()


class ChartCanvas(FigureCanvasQTAgg):
    """A figure in the window; right-click offers to save it as PNG."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Figure(figsize=(5, 3), dpi=100, layout="constrained"))
        self.setParent(parent)
        self.setMinimumHeight(240)

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        menu = QMenu(self)
        menu.addAction("保存为 PNG 图片…", self.ask_and_save)
        menu.exec(event.globalPos())

    def ask_and_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "保存图表", "图表.png", "PNG 图片 (*.png)")
        if path:
            self.save_png(path)

    def save_png(self, path: str) -> None:
        self.figure.savefig(path, dpi=150)


def draw_tasks_by_village(figure: Figure, data: dict[str, dict[str, int]]) -> None:
    figure.clear()
    axes = figure.add_subplot()
    villages = list(data)
    bottoms = [0] * len(villages)
    for status, label in TASK_STATUSES.items():
        counts = [data[v].get(status, 0) for v in villages]
        axes.bar(villages, counts, bottom=bottoms, label=label, color=STATUS_COLOURS[status])
        bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    axes.set_title("各村任务状态")
    axes.set_ylabel("任务数")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="x", labelrotation=45 if len(villages) > 5 else 0, labelsize=8)
    axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    if not villages:
        axes.text(0.5, 0.5, "暂无任务", ha="center", va="center", transform=axes.transAxes)


def draw_hours_by_month(figure: Figure, data: list[tuple[str, float]]) -> None:
    figure.clear()
    axes = figure.add_subplot()
    months = [f"{int(key[5:])}月" for key, _ in data]
    axes.plot(range(len(months)), [hours for _, hours in data], marker="o", color="#c62828")
    # Every other month named, ending with this one: twelve names run together on a small
    # screen.
    named = range(len(months) - 1, -1, -2 if len(months) > 6 else -1)
    axes.set_xticks(list(named), [months[index] for index in named])
    axes.set_title("志愿服务时长（每月）")
    axes.set_ylabel("小时")
    axes.set_ylim(bottom=0)
    axes.tick_params(axis="x", labelsize=8)
    axes.grid(alpha=0.3)


def draw_items_by_step(figure: Figure, data: dict[int, int]) -> None:
    figure.clear()
    axes = figure.add_subplot()
    labels = [f"待{STEP_SHORT[step]}" for step in range(1, 7)] + ["已办结"]
    counts = [data.get(step, 0) for step in range(1, 7)] + [data.get(0, 0)]
    bars = axes.barh(labels[::-1], counts[::-1], color="#b71c1c")
    axes.bar_label(bars, fontsize=8, padding=3)  # clear of the axis where a count is 0
    axes.margins(x=0.12)  # room for the longest bar's count
    axes.set_title("议题所处环节")
    axes.set_xlabel("议题数")
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="y", labelsize=9)


def draw_all(canvases: list[ChartCanvas], figures: DashboardFigures) -> None:
    tasks, hours, steps = canvases
    draw_tasks_by_village(tasks.figure, figures.tasks_by_village)
    draw_hours_by_month(hours.figure, figures.hours_by_month)
    draw_items_by_step(steps.figure, figures.items_by_step)
    for canvas in canvases:
        canvas.draw_idle()
