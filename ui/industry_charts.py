"""概况 of the 产业 and 人才 pages: two charts each, drawn from the pages' summaries
(``desktop_app.reports.industry``). matplotlib is imported only when the tab is first shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop_app.records.money import wan
from ui.charts import ChartCanvas, name_months, new_axes, thin_bars  # first: it sets matplotlib up

if TYPE_CHECKING:
    from matplotlib.figure import Figure

WHERE_COLOURS = {"在村": "#c62828", "在外": "#90a4ae"}
HEADROOM = 1.35  # the workshops' chart's height over its highest value: its legend's room


def draw_funds(figure: Figure, summary: Any) -> None:
    title = "产业项目资金来源（万元）"
    axes = new_axes(figure, title, "还没有产业项目。\n在“项目”页登记后，\n这里按来源显示资金。",
                    bool(summary.by_source))
    if axes is None:
        return
    items = sorted(summary.by_source.items(), key=lambda kv: kv[1])
    bars = axes.barh([s for s, _ in items], [wan(v) for _, v in items], color="#b71c1c")
    axes.bar_label(bars, labels=[f"{wan(v):g}" for _, v in items], fontsize="small", padding=3)
    axes.margins(x=0.15)
    thin_bars(axes, len(items))
    axes.set_title(title)


def draw_workshops(figure: Figure, summary: Any) -> None:
    title = "共富工坊从业人数与村集体收入（每月）"
    months = summary.workshop_months
    axes = new_axes(figure, title, "还没有共富工坊的月度台账。", bool(months))
    if axes is None:
        return
    labels = [f"{int(key[5:])}月" for key in months]
    income = axes.twinx()
    income.bar(range(len(labels)), [wan(m["income"]) for m in months.values()], alpha=0.35,
               color="#546e7a", label="村集体收入（万元）")
    axes.plot(range(len(labels)), [m["employed"] for m in months.values()], marker="o",
              color="#c62828", label="从业人数")
    axes.set_zorder(income.get_zorder() + 1)
    axes.patch.set_visible(False)
    name_months(axes, labels)
    axes.tick_params(axis="x", labelsize="small")
    axes.set_ylabel("人")
    income.set_ylabel("万元")
    # A third more room above the highest point and bar, for the legend (it sat on the bars).
    for side in (axes, income):
        side.set_ylim(0, side.get_ylim()[1] * HEADROOM)
    handles = [*axes.get_legend_handles_labels()[0], *income.get_legend_handles_labels()[0]]
    axes.legend(handles, [h.get_label() for h in handles], fontsize="small", frameon=False,
                loc="upper left", ncol=2)
    axes.set_title(title)


def draw_talents(figure: Figure, summary: Any) -> None:
    title = "人才类别与去向"
    axes = new_axes(figure, title, "人才库还没有人。", bool(summary.by_category))
    if axes is None:
        return
    categories = sorted(summary.by_category, key=lambda c: sum(summary.by_category[c].values()))
    left = [0] * len(categories)
    for where, colour in WHERE_COLOURS.items():
        counts = [summary.by_category[c].get(where, 0) for c in categories]
        axes.barh(categories, counts, left=left, color=colour, label=where)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    axes.legend(fontsize="small", frameon=False, loc="lower right")
    axes.tick_params(axis="y", labelsize="small")
    axes.set_title(title)


def draw_training_hours(figure: Figure, summary: Any) -> None:
    title = "培训学时（今年每月，按人计）"
    data = summary.hours_by_month
    axes = new_axes(figure, title,
                    "今年还没有培训。\n在“培训”页登记签到后，\n这里显示每月学时。", bool(data))
    if axes is None:
        return
    labels = [f"{int(key[5:])}月" for key in data]
    axes.bar(range(len(labels)), list(data.values()), color="#c62828")
    name_months(axes, labels)
    axes.tick_params(axis="x", labelsize="small")
    axes.set_ylabel("学时")
    axes.set_title(title)


class OverviewCharts(QWidget):
    """Two charts side by side, redrawn from each new summary."""

    def __init__(self, draws: list[Callable[[Figure, Any], None]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draws = draws
        self.canvases = [ChartCanvas(self) for _ in draws]
        row = QHBoxLayout(self)
        for canvas in self.canvases:
            row.addWidget(canvas)

    def show_summary(self, summary: Any) -> None:
        for canvas, draw in zip(self.canvases, self.draws, strict=True):
            canvas.show_chart(lambda figure, _targets, draw=draw: draw(figure, summary))


def industry_charts() -> OverviewCharts:
    return OverviewCharts([draw_funds, draw_workshops])


def talent_charts() -> OverviewCharts:
    return OverviewCharts([draw_talents, draw_training_hours])
