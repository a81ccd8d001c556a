"""The 各村任务状态 chart, drawn with one artist per status: each village's bars, the legend and
the village names are what the data says, and the picture is the one ``axes.bar`` drew."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from matplotlib.backends.backend_agg import FigureCanvasAgg

from desktop_app.records.vocabulary import TASK_STATUSES
from tests.ui.chart_helpers import (
    category_labels,
    category_names,
    draw_as_before,
    stacked_segments,
)
from ui import charts

SMALL = {"黄璩村": {"pending": 3, "in_progress": 2, "solved": 1},
         "韩璩村": {"pending": 1, "reported": 4, "cancelled": 2},
         "新庄村": {},
         "王庄村": {"solved": 5}}
# Twelve villages: their names are turned 45°.
MANY = {f"第{n}村": {"pending": n % 3, "in_progress": n % 4, "solved": n, "reported": 2,
                     "cancelled": n % 2} for n in range(1, 13)}


def _figure(data, size=(6, 3)) -> tuple[Figure, list]:
    figure = Figure(figsize=size, dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    targets: list = []
    charts.draw_tasks_by_village(figure, data, targets)
    figure.canvas.draw()
    return figure, targets


@pytest.mark.parametrize("data", [SMALL, MANY])
def test_each_village_shows_its_counts_stacked_by_status(data):
    """Bottom to top, 待办理 … 已取消: each bar as high as the village's count of that status,
    starting where the one below ends; a village without tasks has no height at all."""
    figure, _targets = _figure(data)
    axes = figure.axes[0]
    assert category_names(axes) == list(data)
    rotations = {text.get_rotation() for text in category_labels(axes).texts}
    assert rotations == {45 if data is MANY else 0}
    expected = {}
    for village, counts in data.items():
        bottom = 0
        for status, label in TASK_STATUSES.items():
            expected[village, label] = (bottom, bottom + counts.get(status, 0))
            bottom += counts.get(status, 0)
    assert stacked_segments(axes) == expected
    assert axes.get_ylim()[0] == 0


def test_the_legend_names_each_status_in_its_colour():
    figure, _targets = _figure(SMALL)
    legend = figure.axes[0].get_legend()
    assert [text.get_text() for text in legend.get_texts()] == list(TASK_STATUSES.values())
    from matplotlib.colors import to_rgba

    assert [tuple(handle.get_facecolor()) for handle in legend.legend_handles] == \
        [to_rgba(charts.STATUS_COLOURS[status]) for status in TASK_STATUSES]


def test_each_bar_with_tasks_says_what_it_holds_where_it_is_drawn():
    """A bar's target lies where its part of the collection is drawn: hovering there shows
    its tooltip, a click opens its tasks."""
    figure, targets = _figure(SMALL)
    axes = figure.axes[0]
    shown = {(target[1], target[2]): (bar, tip) for bar, target, tip in targets}
    assert set(shown) == {(village, status) for village, counts in SMALL.items()
                          for status, count in counts.items() if count}
    bar, tip = shown["韩璩村", "reported"]
    assert tip == "韩璩村 · 已反馈：4 项（点击查看）"
    collection = next(c for c in axes.collections if c.get_label() == "已反馈")
    drawn = collection.get_paths()[1].get_extents(axes.transData)
    assert np.allclose(bar.get_window_extent().bounds, drawn.bounds)

    class Event:
        inaxes = axes
        xdata, ydata = 1.0, 3.0  # inside 韩璩村's 已反馈 bar (1 … 5)

    assert bar.contains(Event())[0]
    Event.ydata = 5.5
    assert not bar.contains(Event())[0]


def _drawn_with_axes_bar(data, size) -> np.ndarray:
    """The chart as it was drawn before: one ``axes.bar`` per status, the names as ticks."""
    figure = Figure(figsize=size, dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    draw_as_before(figure, data)
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba()).copy()


@pytest.mark.parametrize(("data", "size"), [(SMALL, (6, 3)), (MANY, (8, 3))])
def test_the_picture_is_the_one_axes_bar_drew(data, size):
    """Same colours, bars, legend, names and fonts: not one pixel differs."""
    figure, _targets = _figure(data, size)
    assert np.array_equal(np.asarray(figure.canvas.buffer_rgba()), _drawn_with_axes_bar(data, size))


def test_the_town_chart_has_one_artist_per_status():
    """97 villages: five collections, not 485 rectangles; one artist for the names, no ticks."""
    town = {f"村{n}": {"pending": 1, "in_progress": 2, "solved": 3, "reported": 4,
                      "cancelled": 5} for n in range(97)}
    figure, targets = _figure(town, (12.8, 3.6))
    axes = figure.axes[0]
    assert len(targets) == 485
    assert len(axes.patches) == 0
    assert [type(c) for c in axes.collections] == [PolyCollection] * 5
    assert len(category_labels(axes).texts) == 97 and axes.xaxis.get_major_ticks() == []


def test_the_town_names_that_would_overlap_are_thinned_evenly():
    """97 villages at 1024 pixels: every k-th name, none overlapping; all bars keep a mark."""
    town = {f"第{n}村": {"pending": 1, "solved": 3} for n in range(1, 98)}
    figure, _targets = _figure(town, (10.24, 3.6))
    labels = category_labels(figure.axes[0])
    renderer = figure.canvas.get_renderer()
    shown = labels.shown(renderer)
    step = labels.texts.index(shown[1])
    assert 1 < step < 10 and shown == labels.texts[::step]
    extents = [text.get_window_extent(renderer) for text in shown]
    assert all(left.x1 < right.x0 for left, right in itertools.pairwise(extents))
    assert len(labels.marks.get_xdata()) == 97


def test_names_that_fit_are_all_shown():
    figure, _targets = _figure(MANY, (8, 3))
    labels = category_labels(figure.axes[0])
    assert labels.shown(figure.canvas.get_renderer()) == labels.texts
