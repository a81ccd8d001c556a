"""The window fits a 1024×768 screen: no screen asks for more width than that."""

from __future__ import annotations

from ui import list_specs
from ui.list_page import ListPage
from ui.main_window import MainWindow


def test_every_screen_fits_1024_pixels(qtbot, services, on_shift):
    services.db.set_node(cluster_id=on_shift.huangqu)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    for title in window.screen_titles():
        window.screen(title)
        assert window.minimumSizeHint().width() <= 1024, title


def test_the_filters_take_two_rows_only_when_one_is_too_narrow(qtbot, services, on_shift):
    page = ListPage(services, list_specs.TASKS)
    qtbot.addWidget(page)
    bar = page.filter_bar
    page.resize(bar.one_row_width() + 100, 600)
    page.show()
    qtbot.waitUntil(lambda: bar.width() >= bar.one_row_width())
    assert bar.one_row
    one_row_height = bar.height()
    assert page.date_from.y() == page.search.y()

    page.resize(bar.minimumSizeHint().width() + 40, 600)
    qtbot.waitUntil(lambda: not bar.one_row)
    qtbot.waitUntil(lambda: bar.height() > one_row_height)
    assert page.date_from.y() > page.search.y()
    assert page.date_from.isVisible() and page.show_deleted.isVisible()

    page.resize(bar.one_row_width() + 100, 600)
    qtbot.waitUntil(lambda: bar.one_row)
    qtbot.waitUntil(lambda: page.date_from.y() == page.search.y())
