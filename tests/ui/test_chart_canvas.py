"""A chart is made and drawn on a worker; the GUI thread only shows the picture."""

from __future__ import annotations

import threading

from ui import charts


def _canvas(qtbot) -> charts.ChartCanvas:
    canvas = charts.ChartCanvas()
    canvas.resize(500, 300)
    qtbot.addWidget(canvas)
    canvas.show()
    qtbot.waitExposed(canvas)
    return canvas


def _bars(figure, targets) -> None:
    axes = figure.add_subplot()
    bars = axes.bar(["黄璩村", "韩璩村"], [3, 1])
    axes.set_title("各村任务")
    targets.extend((bar, ("tasks", name), name) for bar, name in zip(bars, ["黄璩村", "韩璩村"],
                                                                     strict=True))


def test_a_chart_is_made_and_drawn_off_the_gui_thread(qtbot):
    canvas = _canvas(qtbot)
    with qtbot.waitSignal(canvas.rendered, timeout=10000):
        canvas.show_chart(_bars)
    assert canvas.drawn_on not in (None, threading.get_ident())
    assert canvas.figure.axes[0].get_title() == "各村任务"
    assert [target for _bar, target, _tip in canvas.targets] == [("tasks", "黄璩村"),
                                                                ("tasks", "韩璩村")]
    assert canvas.grab().toImage().pixelColor(250, 150).isValid()


def test_a_second_chart_asked_for_while_drawing_is_the_one_shown(qtbot):
    canvas = _canvas(qtbot)
    canvas.show_chart(_bars)
    canvas.show_chart(lambda figure, _targets: figure.suptitle("第二张"))
    qtbot.waitUntil(lambda: charts.drawn([canvas]), timeout=10000)
    assert canvas.figure.axes == [] and canvas.figure.get_suptitle() == "第二张"
    assert canvas.targets == []


def test_a_chart_that_fails_is_reported_and_the_canvas_draws_again(qtbot, monkeypatch):
    shown: list[BaseException] = []
    monkeypatch.setattr(charts, "show_error", lambda _parent, error: shown.append(error))
    canvas = _canvas(qtbot)

    def broken(_figure, _targets) -> None:
        raise ValueError("坏数据")

    canvas.show_chart(broken)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert str(shown[0]) == "坏数据" and not canvas.drawing
    with qtbot.waitSignal(canvas.rendered, timeout=10000):
        canvas.show_chart(_bars)
    assert canvas.figure.axes[0].get_title() == "各村任务"
