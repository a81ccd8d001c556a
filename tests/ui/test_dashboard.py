"""The dashboard: duty, due tasks, waiting items, and charts whose Chinese text is readable."""

from __future__ import annotations

import warnings
from datetime import date, time, timedelta

import pytest

from desktop_app.reports.stats import hours_by_month, items_by_step, tasks_by_village
from ui.dashboard import DashboardPage


@pytest.fixture
def busy_town(services, on_shift):
    """Tasks, an item at step 2 and an activity in the 黄璩 cluster."""
    services.db.set_node(cluster_id=on_shift.huangqu)
    v, p, today = on_shift.villages, on_shift.people, date.today()
    services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟",
                          village_ids=[v["黄璩村"]],
                          found_on=today - timedelta(days=10), due_on=today - timedelta(days=1))
    services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修", village_ids=[v["韩璩村"]],
                          status="solved")
    item = services.agenda.create(cluster_id=on_shift.huangqu, title="村东道路硬化")
    services.agenda.record_step(item.id, 1)
    services.activities.create(cluster_id=on_shift.huangqu, title="义务理发", held_on=today,
                               start_time=time(9), end_time=time(11),
                               participants={p["张志强"]: 2, p["刘芳"]: 1.5})
    return on_shift


def test_figures_count_what_was_recorded(services, busy_town):
    """The chart data counts tasks per village and status, hours per month, items per step."""
    by_village = tasks_by_village(services.db, busy_town.huangqu)
    assert by_village["黄璩村"]["pending"] == 1 and by_village["韩璩村"]["solved"] == 1
    months = hours_by_month(services.db, busy_town.huangqu)
    assert len(months) == 12 and months[-1][1] == pytest.approx(3.5)
    assert items_by_step(services.db, busy_town.huangqu)[2] == 1


def test_dashboard_shows_duty_lists_and_charts(qtbot, services, busy_town, tmp_path):
    """Opening the dashboard shows the officer, the overdue task, the waiting item and charts."""
    page = DashboardPage(services)
    page.resize(1200, 800)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    assert "王建国" in page.duty_label.text()
    assert "逾期 1 项" in page.due_box.title()
    assert "清理排水沟" in page.due_list.item(0).text()
    assert page.waiting_list.item(0).text() == "待商议：村东道路硬化"
    assert "义务理发" in page.activity_list.item(0).text()
    assert len(page.canvases) == 3
    assert page.canvases[0].figure.axes[0].get_title() == "各村任务状态"
    target = tmp_path / "chart.png"
    page.canvases[1].save_png(str(target))
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_chart_text_is_drawn_with_a_font_that_has_the_characters(qtbot, services, busy_town):
    """Every Chinese label is drawn with a font holding its glyphs: no boxes, no warnings."""
    from matplotlib.font_manager import FontProperties, findfont
    from matplotlib.ft2font import FT2Font
    from matplotlib.text import Text

    page = DashboardPage(services)
    page.resize(1200, 800)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        page.show()
    for canvas in page.canvases:
        with warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*[Gg]lyph.*")  # a missing glyph fails
            canvas.draw()
        for text in canvas.figure.findobj(Text):
            content = text.get_text()
            if not any("\u4e00" <= ch <= "\u9fff" for ch in content):
                continue
            font = FT2Font(findfont(FontProperties(family=text.get_fontfamily()),
                                    fallback_to_default=False))
            missing = [ch for ch in content if ch.strip() and font.get_char_index(ord(ch)) == 0]
            assert not missing, (content, font.fname)
