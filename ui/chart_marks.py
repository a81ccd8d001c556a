"""Marks for a chart of many categories (the whole town's 97 villages), each kind one artist.

``axes.bar`` makes one ``Rectangle`` per bar: for the town's 各村任务状态, 485 of them, each
added (its transform and limits worked out), kept and drawn on its own — about 0.15 s of the
drawing worker's CPU to build and a third of its drawing. Here the bars of one colour are one
``PolyCollection``, drawn as ``axes.bar`` draws them. The x axis makes one ``Tick`` of five
artists per name and measures the names three or four times per drawing (constrained layout,
the axis label's place), each time through a transform made anew: two thirds of what was left.
Here the names are one artist of plain texts, placed with one transform of all their positions.
The same picture, pixel for pixel (tests/ui/test_chart_marks.py).

Fewer transforms matter beyond the CPU: each is composed with numpy's ``dot``, which lets go of
the GIL around BLAS for a moment, and a worker doing that every half millisecond kept the GUI
thread from the GIL for 0.1–0.3 s at a time (bench/chart_report.md, docs/architecture.md).

Imported by ``ui.charts`` after it has set matplotlib up.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.markers import TICKDOWN
from matplotlib.text import Text
from matplotlib.transforms import Bbox, IdentityTransform

BAR_WIDTH = 0.8  # axes.bar's
LABEL_GAP_PX = 2  # least room between two names under the bars


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


class CategoryLabels(Artist):
    """The names of x = 0, 1, 2 … under ``axes`` with their tick marks, where and as the x axis
    would draw them as tick labels (font, size, colour, rotation, pad), but one artist of plain
    texts placed at each drawing and measure: no ``Tick`` objects, and one transform of all
    the positions instead of one per name and measure. ``label_categories`` puts them under an
    axes."""

    def __init__(self, axes: Axes, names: list[str], *, rotation: float = 0,
                 fontsize: float | str = "medium") -> None:
        super().__init__()
        self.set_clip_on(False)  # under the axes, as tick labels are
        self.set_zorder(axes.xaxis.get_zorder())
        self.names = list(names)
        self._axes = axes
        rc = mpl.rcParams
        colour = rc["xtick.color"] if rc["xtick.labelcolor"] == "inherit" \
            else rc["xtick.labelcolor"]
        self.texts = [Text(0, 0, name, fontsize=fontsize, color=colour, rotation=rotation,
                           rotation_mode="default", horizontalalignment=rc["xtick.alignment"],
                           verticalalignment="top", transform=IdentityTransform(),
                           clip_on=False)
                      for name in self.names]
        self.marks = Line2D(range(len(self.names)), [0] * len(self.names),
                            transform=axes.get_xaxis_transform(which="tick1"), marker=TICKDOWN,
                            linestyle="none", markersize=rc["xtick.major.size"],
                            markeredgewidth=rc["xtick.major.width"], color=rc["xtick.color"],
                            clip_on=False)
        self._pad_points = rc["xtick.major.size"] + rc["xtick.major.pad"]
        for child in (self.marks, *self.texts):
            child.set_figure(axes.get_figure(root=False))

    def _place(self) -> None:
        """Each name under its x, ``_pad_points`` below the axes (in pixels at today's dpi)."""
        axes = self._axes
        count = len(self.texts)
        xs = axes.transData.transform(np.column_stack([np.arange(count), np.zeros(count)]))[:, 0]
        y = axes.bbox.y0 - self._pad_points * axes.get_figure(root=True).dpi / 72
        for text, x in zip(self.texts, xs, strict=True):
            text.set_position((x, y))

    def shown(self, renderer=None) -> list[Text]:
        """The names drawn, placed: all of them if they fit side by side, else every second,
        third … name (the same step throughout, from the first), so that no two overlap —
        the whole town's 97 villages on a 1024-pixel screen. Every bar keeps its tick mark,
        and the mouse over a bar names its village."""
        self._place()
        extents = [text.get_window_extent(renderer) for text in self.texts]
        step = 1
        while any(extents[i].x1 + LABEL_GAP_PX > extents[i + step].x0
                  for i in range(0, len(extents) - step, step)):
            step += 1
        return self.texts[::step]

    def get_window_extent(self, renderer=None) -> Bbox:
        if not self.texts:
            return Bbox.null()
        return Bbox.union([text.get_window_extent(renderer) for text in self.shown(renderer)])

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        shown = self.shown(renderer)
        renderer.open_group("category_labels", gid=self.get_gid())
        self.marks.draw(renderer)
        for text in shown:
            text.draw(renderer)
        renderer.close_group("category_labels")
        self.stale = False


def label_categories(axes: Axes, names: list[str], *, rotation: float = 0,
                     fontsize: float | str = "medium") -> CategoryLabels:
    """``names`` under x = 0, 1, 2 … of ``axes``, instead of the x axis's ticks."""
    labels = CategoryLabels(axes, names, rotation=rotation, fontsize=fontsize)
    axes.set_xticks([])
    axes.add_artist(labels)
    return labels
