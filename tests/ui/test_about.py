"""关于: which program this is, which database file it has open, and that file's schema."""

from __future__ import annotations

from db.migrate import HEAD_REVISION
from desktop_app import __version__
from ui.about import AboutDialog
from ui.main_window import MainWindow


def test_about_shows_version_database_and_schema(qtbot, services):
    """关于 names the program's version, the open database file and its schema version."""
    services.db.set_node(name="黄璩中心村值班室")
    dialog = AboutDialog(services)
    qtbot.addWidget(dialog)
    assert dialog.fields["version"].text() == __version__
    assert dialog.fields["db_path"].text() == str(services.db.path)
    assert dialog.fields["schema"].text() == f"{HEAD_REVISION}（最新）"
    assert dialog.fields["office"].text() == "黄璩中心村值班室"


def test_versions_and_paths_wait_behind_details(qtbot, services):
    """A cadre reads the version and the office; Python, the file and the schema revision are
    for support and show after 详细信息."""
    dialog = AboutDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.fields["version"].isVisible()
    assert not dialog.fields["runtime"].isVisible() and not dialog.fields["db_path"].isVisible()
    dialog.details.click()
    assert dialog.fields["runtime"].isVisible() and "Python" in dialog.fields["runtime"].text()


def test_about_is_in_the_help_menu(qtbot, services):
    """The main window has a 帮助 menu whose 关于 entry opens the dialog."""
    window = MainWindow(services)
    qtbot.addWidget(window)
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    assert "帮助" in menus
    entries = [action.text() for action in menus["帮助"].actions()]
    assert any(text.startswith("关于") for text in entries)


def test_window_title_names_the_office(qtbot, services):
    """The title bar shows this office's name."""
    services.db.set_node(name="黄璩中心村值班室")
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert window.windowTitle() == "联建台账 — 黄璩中心村值班室"
