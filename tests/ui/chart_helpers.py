"""Reading back what a chart of ``ui.chart_marks`` marks shows, as a person would read it."""

from __future__ import annotations

from ui.chart_marks import CategoryLabels


def category_labels(axes) -> CategoryLabels:
    labels, = (artist for artist in axes.artists if isinstance(artist, CategoryLabels))
    return labels


def category_names(axes) -> list[str]:
    """The names under the bars, left to right (placed as last drawn)."""
    texts = category_labels(axes).texts
    assert sorted(texts, key=lambda text: text.get_position()[0]) == texts
    return [text.get_text() for text in texts]


def stacked_segments(axes) -> dict[tuple[str, str], tuple[float, float]]:
    """(name under the bar, legend label) -> (bottom, top) of every bar of every collection."""
    names = [text.get_text() for text in category_labels(axes).texts]
    found = {}
    for collection in axes.collections:
        for path in collection.get_paths():
            xs, ys = path.vertices[:, 0], path.vertices[:, 1]
            found[names[round((xs.min() + xs.max()) / 2)], collection.get_label()] = \
                (float(ys.min()), float(ys.max()))
    return found


def draw_as_before(figure, data: dict[str, dict[str, int]], *,
                   bars_as_collections: bool = False) -> None:
    """``ui.charts.draw_tasks_by_village`` as it was before ``ui.chart_marks`` (git show
    cf5455b:ui/charts.py): one ``axes.bar`` per status and the names as the x axis's ticks;
    with ``bars_as_collections``, the bars already as collections. The picture the chart must
    still draw (tests/ui/test_chart_marks.py) and the bench's baseline (bench/bench_chart.py)."""
    from matplotlib.ticker import MaxNLocator

    from desktop_app.records.vocabulary import TASK_STATUSES
    from ui.chart_marks import stacked_bars
    from ui.charts import STATUS_COLOURS

    axes = figure.add_subplot()
    villages = list(data)
    bottoms = [0] * len(villages)
    for status, label in TASK_STATUSES.items():
        counts = [data[v].get(status, 0) for v in villages]
        if bars_as_collections:
            stacked_bars(axes, bottoms, counts, STATUS_COLOURS[status], label)
        else:
            axes.bar(villages, counts, bottom=bottoms, label=label, color=STATUS_COLOURS[status])
        bottoms = [b + c for b, c in zip(bottoms, counts, strict=True)]
    if bars_as_collections:
        axes.set_xticks(range(len(villages)), villages)
    axes.set_title("各村任务状态")
    axes.set_ylabel("任务数")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.tick_params(axis="x", labelrotation=45 if len(villages) > 5 else 0, labelsize="small")
    axes.legend(fontsize="small", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
