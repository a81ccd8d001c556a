"""关于: the program's version, the database file it has open and that file's schema version."""

from __future__ import annotations

import platform
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app import __version__
from desktop_app.config.paths import data_home
from ui import theme
from ui.widgets import details_button

if TYPE_CHECKING:
    from desktop_app.services import Services
    from desktop_app.services.sync import Schema


def schema_text(schema: Schema) -> str:
    """The file's schema revision, and whether it is the one this program writes."""
    if schema.is_newest:
        return f"{schema.current}（最新）"
    return f"{schema.current or '未知'}（本程序为 {schema.newest}）"


class AboutDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于联建台账")
        layout = QVBoxLayout(self)
        title = QLabel(f"联建台账 {__version__}")
        title.setStyleSheet(f"font-size: {theme.pt(15)}pt; font-weight: bold;")
        layout.addWidget(title)
        about = QLabel("跨村联建值班室的离线台账：值班与排班、四议两公开、任务、会议、志愿服务，"
                       "治理联抓、产业联营、人才联育，以及镇里的擂台比武。")
        about.setWordWrap(True)
        layout.addWidget(about)

        self.fields: dict[str, QLabel] = {}
        layout.addLayout(self._form((
            ("version", "程序版本", __version__),
            ("office", "本值班室", services.sync.office().name or "未命名值班室"),
            ("data_home", "数据文件夹", str(data_home())),
        )))
        # For support on the phone: what a cadre never needs to read otherwise.
        details = QWidget()
        details.setLayout(self._form((
            ("db_path", "数据库文件", str(services.db.path)),
            ("schema", "数据库结构版本", schema_text(services.sync.schema())),
            ("runtime", "运行环境", f"Python {platform.python_version()} · "
                                  f"PySide6 {pyside_version} · {platform.system()}"),
        )))
        self.details = details_button(details)
        layout.addWidget(self.details, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(details)
        note = QLabel("升级程序时只需替换程序文件夹；数据在数据文件夹中，"
                      "升级数据库结构前会自动备份（*.bak）。")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _form(self, rows: tuple[tuple[str, str, str], ...]) -> QFormLayout:
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for key, label, text in rows:
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, value)
            self.fields[key] = value
        return form

    def text(self) -> str:
        """Everything the dialog says, one line per field (for copying into a support request)."""
        return "\n".join(f"{key}: {label.text()}" for key, label in self.fields.items())
