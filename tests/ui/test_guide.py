"""使用指南: F1 and 帮助 open the offline guide, every section and picture is there, and the
shortcuts it lists work."""

from __future__ import annotations

import re

import pytest

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QTextDocument

from desktop_app.config.paths import resource_path
from ui.guide import GUIDE, GuideWindow
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, services):
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1024, 740)
    window.show()
    return window


def test_f1_opens_the_guide_and_the_help_menu_has_it(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window._guide
    assert isinstance(guide, GuideWindow) and guide.isVisible()
    qtbot.addWidget(guide)
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    entries = {action.text(): action for action in menus["帮助"].actions()}
    assert entries["使用指南"].shortcut().toString() == "F1"
    entries["使用指南"].trigger()
    assert window._guide is guide  # the same window, brought to the front


def test_the_guide_covers_each_page_and_the_usb_routine(qtbot):
    guide = GuideWindow()
    qtbot.addWidget(guide)
    headings = guide.headings()
    for section in ("第一次打开", "开始值班与交班", "工作台", "议题（四议两公开）", "任务", "会议",
                    "志愿服务", "排班", "治理", "产业与人才", "擂台比武", "人员与村庄",
                    "导出 Word 与 Excel", "用 U 盘同步", "查找", "快捷键"):
        assert section in headings
    assert [guide.sections.item(i).text() for i in range(guide.sections.count())] == headings
    assert guide.width() <= 1024 and guide.height() <= 768


def test_choosing_a_section_scrolls_to_it(qtbot):
    guide = GuideWindow()
    qtbot.addWidget(guide)
    guide.show()
    bar = guide.browser.verticalScrollBar()
    assert bar.value() == 0
    guide.sections.setCurrentRow(guide.headings().index("用 U 盘同步"))
    assert bar.value() > 0


def test_every_picture_of_the_guide_is_there_and_loads(qtbot):
    guide = GuideWindow()
    qtbot.addWidget(guide)
    guide.resize(700, 600)
    guide.show()
    text = resource_path(*GUIDE).read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert len(pictures) >= 8
    shipped = {p.name for p in resource_path("guide", "images").glob("*.png")}
    assert shipped == {p.split("/")[-1] for p in pictures}  # no picture travels unused
    document = guide.browser.document()
    for picture in pictures:
        assert resource_path("guide", picture).is_file(), picture
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(picture))
        assert image is not None and not image.isNull(), picture
    # each picture is scaled to the text's width: no sideways scrolling on a small screen
    assert not guide.browser.horizontalScrollBar().isVisible()


def test_the_shortcuts_the_guide_lists_work(qtbot, window, services):
    """F5 reads the current list again; Ctrl+Q closes the window."""
    text = resource_path(*GUIDE).read_text(encoding="utf-8")
    for key in ("F1", "Ctrl+K", "Ctrl+F", "Ctrl+N", "Ctrl+S", "Ctrl+Z", "F5", "Ctrl+Q"):
        assert f"| {key} |" in text
    page = window.screen("任务")
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"))
    with qtbot.waitSignal(page.reloaded):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()
