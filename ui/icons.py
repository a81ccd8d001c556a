"""The icons of the main buttons, in one place: which action shows which picture.

Hand-drawn 24-pixel SVG strokes in ``resources/icons/actions/`` (written for this program,
like the navigation's in ``resources/icons/nav/``), so there is no icon set's licence to
carry. The text always stays beside the icon: a picture alone does not say 作废 from 删除.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QAbstractButton, QLineEdit

from desktop_app.config.paths import resource_path

# action -> the SVG file's name under resources/icons/actions/
ACTION_ICONS = {
    "新建": "new", "编辑": "edit", "删除": "delete", "恢复": "restore", "导出": "export",
    "导出 Word": "word", "导出 Excel": "excel", "导入": "import", "查找": "search",
    "保存": "save",
}


@cache
def icon(action: str) -> QIcon:
    """The icon of ``action`` (a key of ``ACTION_ICONS``)."""
    return QIcon(str(resource_path("icons", "actions", f"{ACTION_ICONS[action]}.svg")))


def with_icon(button: QAbstractButton, action: str) -> QAbstractButton:
    """``button`` with the icon of ``action`` beside its text."""
    button.setIcon(icon(action))
    return button


def search_icon(field: QLineEdit) -> None:
    """A magnifier at the start of a search box (Qt draws it inside the field)."""
    field.addAction(QAction(icon("查找"), "查找", field), QLineEdit.ActionPosition.LeadingPosition)
