"""The main buttons show an icon beside their text, each drawn from its bundled SVG file, and
one table (ui/icons.ACTION_ICONS) says which action shows which picture."""

from __future__ import annotations

import pytest

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.config.paths import resource_path
from ui import icons, list_specs
from ui.forms.task_form import TaskForm
from ui.list_page import ListPage


def drawn(icon: QIcon) -> bool:
    """The icon is not empty and its SVG was read and drawn (some pixel is not clear)."""
    if icon.isNull():
        return False
    image = icon.pixmap(20, 20).toImage()
    return any(image.pixelColor(x, y).alpha() > 0 for x in range(20) for y in range(20))


@pytest.mark.parametrize("action", sorted(icons.ACTION_ICONS))
def test_every_action_has_a_drawn_icon(qapp, action):
    assert resource_path("icons", "actions", f"{icons.ACTION_ICONS[action]}.svg").is_file()
    assert drawn(icons.icon(action)), action


def test_a_lists_buttons_have_icons_and_keep_their_text(qtbot, services, on_shift):
    page = ListPage(services, list_specs.TASKS)
    qtbot.addWidget(page)
    buttons = {"新建": page.new_button, "编辑": page.edit_button, "删除": page.delete_button,
               "恢复": page.restore_button, "导出": page.export_button,
               "导入": page.import_button}
    for action, button in buttons.items():
        assert drawn(button.icon()), action
        assert button.text().startswith(action), button.text()
    menu = page.export_button.menu().actions()
    assert [a.text() for a in menu][:1] == ["Excel 表格（按当前筛选）"]
    assert all(drawn(a.icon()) for a in menu)  # Excel's picture, then Word's for documents
    assert icons.icon("导出 Excel").cacheKey() == menu[0].icon().cacheKey()
    assert all(icons.icon("导出 Word").cacheKey() == a.icon().cacheKey() for a in menu[1:])
    assert page.search.actions() and drawn(page.search.actions()[0].icon())  # 查找


def test_a_forms_save_button_has_its_icon(qtbot, services, on_shift):
    form = TaskForm(services, None)
    qtbot.addWidget(form)
    save = form.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert save.text() == "保存" and drawn(save.icon())
