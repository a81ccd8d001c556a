"""The check every GUI test runs under: work handed to a worker reaches no Qt object
(``tests/ui/widget_free_work.py``, wired in ``tests/ui/conftest.py``)."""

from __future__ import annotations

import functools

from matplotlib.figure import Figure

from PySide6.QtWidgets import QLabel, QWidget

from ui.background import run_in_background

from .widget_free_work import qobjects_held


class Page(QWidget):
    def summarise(self, _progress) -> int:
        return 1


class Holder:
    __slots__ = ("widget",)

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget


class Plain:
    def __init__(self, widget: QWidget) -> None:
        self.parts = {"label": [widget]}


def test_each_way_a_work_can_hold_a_widget_is_named(qtbot):
    page = Page()
    label = QLabel()
    qtbot.addWidget(page)
    qtbot.addWidget(label)
    slotted, plain = Holder(label), Plain(label)

    assert qobjects_held(lambda _p: page.width()) == ["work.<page> is a Page"]
    assert qobjects_held(page.summarise) == ["work.<self> is a Page"]
    assert qobjects_held(label.text) == ["work.<self> is a QLabel"]  # a Qt method
    assert qobjects_held(functools.partial(len, label)) == ["work.<arg 0> is a QLabel"]
    assert qobjects_held(lambda _p: slotted) == ["work.<slotted>.widget is a QLabel"]
    assert qobjects_held(lambda _p: plain) == ["work.<plain>.parts.['label'].[0] is a QLabel"]
    assert qobjects_held(lambda _p, keep=(label,): keep) == ["work.<default 0>.[0] is a QLabel"]


def test_work_over_plain_data_and_functions_holds_nothing():
    rows = [{"id": 1, "title": "修路"}]
    assert qobjects_held(lambda _p: len(rows)) == []
    assert qobjects_held(functools.partial(sorted, rows, key=str)) == []
    assert qobjects_held(print) == []


def test_a_figure_drawn_on_a_worker_is_let_through(qtbot):
    """``ui/charts.py`` draws a figure on a worker: it knows its canvas, which is a widget."""
    from ui.charts import ChartCanvas

    canvas = ChartCanvas()
    qtbot.addWidget(canvas)
    figure: Figure = canvas.figure
    assert qobjects_held(lambda _p: figure.draw_without_rendering()) == []


def test_every_job_a_gui_test_starts_is_checked(qtbot, work_held_qobjects):
    page = Page()
    qtbot.addWidget(page)
    done: list = []
    run_in_background(page, lambda _p: page is not None, on_done=done.append)
    qtbot.waitUntil(lambda: bool(done))
    assert len(work_held_qobjects) == 1 and "work.<page> is a Page" in work_held_qobjects[0]
    work_held_qobjects.clear()  # found, as it should be: the test itself passes
