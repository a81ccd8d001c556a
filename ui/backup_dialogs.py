"""备份到… and 从备份恢复… (设置 → 数据库).

备份到… writes a checked copy into a folder a person chooses (a USB stick). 从备份恢复… lists
the automatic backups with their dates and sizes (or takes any backup file), says what will be
replaced before doing anything, keeps the current file, puts the backup in its place and opens
the window on it again. The key file is not touched, so a restored PC does not fork the sync
history (docs/sync.md, "Restoring a backup"; docs/privacy.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.background import Task, run_in_background, show_error, unwrapped

if TYPE_CHECKING:
    from desktop_app.services import Services
    from desktop_app.services.backups import BackupService
    from desktop_app.storage.backups import Backup
    from ui.main_window import MainWindow


def size_text(size: int) -> str:
    return f"{size / 1024 ** 2:.1f} MB" if size >= 1024 ** 2 else f"{max(1, size // 1024)} KB"


def when_text(backup: Backup) -> str:
    return backup.at.strftime("%Y年%m月%d日 %H:%M")


# --- 备份到… --------------------------------------------------------------------------------
def back_up_to(parent: QWidget, services: Services, folder: str | None = None) -> Task | None:
    """Ask for a folder (a USB stick) and write a checked copy there, off the GUI thread."""
    if folder is None:
        folder = QFileDialog.getExistingDirectory(parent, "备份到…（选择文件夹或 U 盘）",
                                                  str(Path.home()))
    if not folder:
        return None
    service = unwrapped(services).backups

    def done(made: Backup) -> None:
        QMessageBox.information(parent, "备份完成",
                                f"已备份到：\n{made.path}\n\n大小 {size_text(made.size)}，"
                                "写完后已检查，文件完好。请妥善保管这个 U 盘：备份里有村民的"
                                "个人信息。")

    return run_in_background(parent, lambda _progress: service.copy_to(folder),
                             on_done=done, on_error=lambda error: show_error(parent, error),
                             label="正在备份…")


# --- 从备份恢复… ------------------------------------------------------------------------------
class RestoreDialog(QDialog):
    """Choose a backup; ``chosen`` is set once the person has confirmed the replacement."""

    def __init__(self, service: BackupService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("从备份恢复")
        self.service = service
        self.db_path = service.db.path
        self.chosen: Backup | None = None
        self.found = service.list()
        layout = QVBoxLayout(self)
        intro = QLabel("选择要恢复的备份。程序每天自动备份一次，关闭时也备份；保留最近 7 天、"
                       "4 周和 12 个月各一份。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["备份时间", "大小", "文件"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self.confirm)
        layout.addWidget(self.table, 1)
        self.empty = QLabel("还没有自动备份（程序打开一分钟后、以及关闭时会自动备份）。"
                            "可以用“选择其他备份文件…”从 U 盘恢复。")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        row = QHBoxLayout()
        other = QPushButton("选择其他备份文件…")
        other.clicked.connect(self.choose_file)
        row.addWidget(other)
        row.addStretch(1)
        layout.addLayout(row)
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton("恢复…",
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._fill()
        self.resize(680, 420)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.found))
        for row, backup in enumerate(self.found):
            for column, text in enumerate((when_text(backup), size_text(backup.size),
                                           str(backup.path))):
                item = QTableWidgetItem(text)
                if column == 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.empty.setVisible(not self.found)
        if self.found:
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.found[rows[0].row()] if rows else None

    def choose_file(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "选择备份文件", str(Path.home()),
                                                  "联建台账数据库或备份 (*.db *.bak)")
        if not path:
            return
        self.found.insert(0, self.service.describe(Path(path)))
        self._fill()

    def question(self, backup: Backup) -> str:
        """What the confirmation says will happen."""
        return (f"将用 {when_text(backup)} 的备份（{size_text(backup.size)}）：\n{backup.path}\n\n"
                f"替换当前数据库：\n{self.db_path}\n\n"
                f"当前文件会先另存为“{self.db_path.stem}.before-restore-时间"
                f"{self.db_path.suffix}.bak”，放在同一文件夹，需要时还能找回。\n"
                "这份备份之后在本机录入的修改会从本机消失；其中已同步给镇里的，下次与镇同步时"
                "会找回（找回之前本机暂不能录入）。\n\n恢复后程序会重新打开数据库。确定恢复吗？")

    def confirm(self) -> None:
        backup = self.selected()
        if backup is None:
            return
        answer = QMessageBox.question(self, "从备份恢复", self.question(backup),
                                      QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = backup
            self.accept()


def restore_into(window: MainWindow, backup: Path) -> Task:
    """Replace the window's database with ``backup`` and open the window on it again.

    Every worker finishes first and every screen is dropped (they hold the old file); the
    file is closed, replaced and opened on a worker; the screens are built again on it.
    """
    from desktop_app.services.opening import BackupRefused, Restored, restore_backup

    QThreadPool.globalInstance().waitForDone()  # nothing may use the file while it is replaced
    services = window.services
    assert services is not None, "restore is offered only once the database is open"
    window.detach("正在从备份恢复…")

    def done(restored: Restored) -> None:
        window.attach(restored.services)
        if restored.error is not None:
            show_error(window, restored.error)
            return
        text = f"已从备份恢复，程序已重新打开数据库。\n原来的文件保留为：\n{restored.kept}"
        if restored.history_gap:
            text += (f"\n\n本机在这份备份之后发出过 {restored.history_gap} 条修改，还在镇里："
                     "请先把本机的同步文件交给镇里，再导入镇里写给本机的同步文件，之后即可继续录入。")
        QMessageBox.information(window, "恢复完成", text)

    def failed(error: BaseException) -> None:
        if isinstance(error, BackupRefused):  # refused before the file was closed
            window.attach(services)
            show_error(window, error)
            return
        QMessageBox.critical(window, "无法打开数据库", str(error))
        QApplication.instance().exit(1)

    return run_in_background(window, lambda _progress: restore_backup(services, backup),
                             on_done=done, on_error=failed, label="正在从备份恢复…")
