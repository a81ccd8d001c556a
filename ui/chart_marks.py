"""Marks for a chart of many categories (the whole town's 97 villages), each kind one artist.

``axes.bar`` makes one ``Rectangle`` per bar: for the town's 各村任务状态, 485 of them, each
added (its transform and limits worked out), kept and drawn on its own — about 0.15 s of the
drawing worker's CPU to build and a third of its drawing. Here the bars of one colour are one
``PolyCollection``, drawn as ``axes.bar`` draws them: the same picture, pixel for pixel
(tests/ui/test_chart_marks.py).

Imported by ``ui.charts`` after it has set matplotlib up.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.transforms import Bbox

BAR_WIDTH = 0.8  # axes.bar's


class Bar:
    """One bar of a collection: where it is, so that the mouse over it or a click finds it
    as it would find a ``Rectangle`` (``ChartCanvas.targets``)."""

    def __init__(self, axes: Axes, x0: float, y0: float, x1: float, y1: float) -> None:
        self.axes, self.x0, self.y0, self.x1, self.y1 = axes, x0, y0, x1, y1

    def contains(self, event) -> tuple[bool, dict]:
        inside = (event.inaxes is self.axes and event.xdata is not None
                  and self.x0 <= event.xdata <= self.x1 and self.y0 <= event.ydata <= self.y1)
        return inside, {}

    def get_window_extent(self, renderer=None) -> Bbox:
        return Bbox([[self.x0, self.y0], [self.x1, self.y1]]).transformed(self.axes.transData)


def stacked_bars(axes: Axes, bottoms: list[float], counts: list[float], colour: str,
                 label: str) -> tuple[PolyCollection, list[Bar]]:
    """Bars at x = 0, 1, 2 … from ``bottoms`` up by ``counts``, as ``axes.bar`` draws them (no
    edge; the y axis starting at 0) but as one artist, with a legend entry ``label``."""
    bars = [Bar(axes, x - BAR_WIDTH / 2, bottom, x + BAR_WIDTH / 2, bottom + count)
            for x, (bottom, count) in enumerate(zip(bottoms, counts, strict=True))]
    collection = PolyCollection(
        [[(b.x0, b.y0), (b.x0, b.y1), (b.x1, b.y1), (b.x1, b.y0)] for b in bars],
        facecolors=colour, edgecolors="none", label=label)
    collection.sticky_edges.y.append(0)  # as a bar's bottom: no margin under 0
    axes.add_collection(collection)
    return collection, bars
