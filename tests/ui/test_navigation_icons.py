"""The navigation shows an icon beside every entry, drawn from the bundled SVG files."""

from __future__ import annotations

from desktop_app.config.paths import resource_path
from ui.main_window import NAV_ICONS, MainWindow


def test_every_navigation_entry_has_an_icon(qtbot):
    window = MainWindow(None)
    qtbot.addWidget(window)
    titles = window.screen_titles()
    assert set(titles) == set(NAV_ICONS)
    for row in range(window.navigation.count()):
        icon = window.navigation.item(row).icon()
        assert not icon.isNull(), titles[row]
        assert resource_path("icons", "nav", f"{NAV_ICONS[titles[row]]}.svg").is_file()
        image = icon.pixmap(20, 20).toImage()
        drawn = [image.pixelColor(x, y).alpha() for x in range(20) for y in range(20)]
        assert max(drawn) > 0, titles[row]  # the SVG was read and drawn
