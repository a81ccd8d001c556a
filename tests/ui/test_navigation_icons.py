"""The navigation shows an icon beside every entry, drawn from the bundled SVG files."""

from __future__ import annotations

from ui.main_window import NAV_ICONS, MainWindow


def test_every_navigation_entry_has_an_icon(qtbot):
    window = MainWindow(None)
    qtbot.addWidget(window)
    titles = window.screen_titles()
    assert set(titles) == set(NAV_ICONS)
    for row in range(window.navigation.count()):
        icon = window.navigation.item(row).icon()
        assert not icon.isNull(), titles[row]
        assert not icon.pixmap(20, 20).toImage().isNull(), titles[row]
