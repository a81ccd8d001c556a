"""The main window opens on a database and tells who is on duty."""

from __future__ import annotations

from ui.main_window import MainWindow


def test_window_shows_office_officer_and_database(qtbot, services, on_shift):
    """The status bar names the office, the officer on shift and the database file."""
    services.db.set_node(name="黄璩中心村值班室", cluster_id=on_shift.huangqu)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    assert "黄璩中心村值班室" in window.windowTitle()
    assert window.officer_label.text() == "值班：王建国"
    assert str(services.db.path) in window.db_label.text()
    assert window.navigation.item(0).text() == "工作台"


def test_every_screen_opens(qtbot, services, on_shift):
    """Each navigation entry opens a real screen; 工作台, 值班, 任务 and 设置 are there."""
    services.db.set_node(cluster_id=on_shift.huangqu)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    titles = window.screen_titles()
    assert {"工作台", "值班", "任务", "设置"} <= set(titles)
    for title in titles:
        screen = window.screen(title)
        assert window.pages.currentWidget() is screen
        assert type(screen).__name__ != "QWidget"
