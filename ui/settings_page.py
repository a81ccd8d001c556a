"""设置: this office's name and cluster, the database location, and the duty officer list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.config.paths import stored_db_path
from desktop_app.config.settings import FONT_SIZES, Settings
from desktop_app.records.errors import UserError
from desktop_app.records.vocabulary import DUTY_ROLES, ROLES
from desktop_app.security.password import StartupPassword
from desktop_app.services import ListQuery, Services
from ui import icons, lookups, theme
from ui.background import off_thread, show_error, unwrapped
from ui.backup_dialogs import RestoreDialog, back_up_to
from ui.password_dialogs import RemovePasswordDialog, SetPasswordDialog
from ui.widgets import ChoiceCombo


class SettingsPage(QWidget):
    """``office_changed`` fires after the office is saved. ``shift_ending`` fires just before
    a change of cluster ends the open shift, so that its unsaved log can be saved first."""

    office_changed = Signal()
    shift_ending = Signal()
    font_size_changed = Signal()
    restore_requested = Signal(object)  # the backup's path, after the person confirmed

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services = off_thread(services)  # the people lists grow with the data
        # The page scrolls rather than make the window taller than the screen at a large 字号.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        content = QWidget()
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        layout = QVBoxLayout(content)
        title = QLabel("设置")
        title.setStyleSheet(f"font-size: {theme.pt(15)}pt; font-weight: bold;")
        layout.addWidget(title)

        office = QGroupBox("本值班室")
        form = QFormLayout(office)
        self.office_name = QLineEdit(services.sync.office().name)
        self.cluster = ChoiceCombo(lookups.cluster_choices(services),
                                   empty="（镇级，不属于某个联合党组织）")
        self.cluster.set_key(services.sync.office().cluster_id)
        self.office_error = QLabel()
        self.office_error.setStyleSheet("color: #b3261e;")
        save_office = icons.with_icon(QPushButton("保存"), "保存")
        save_office.clicked.connect(self.save_office)
        form.addRow("值班室名称", self.office_name)
        form.addRow("所属联合党组织", self.cluster)
        form.addRow(self.office_error, save_office)
        layout.addWidget(office)

        database = QGroupBox("数据库")
        db_form = QFormLayout(database)
        self.db_path = QLabel(str(services.db.path))
        self.db_path.setWordWrap(True)
        change = QPushButton("改用其他数据库文件…")
        change.clicked.connect(self.choose_database)
        db_form.addRow("当前文件", self.db_path)
        db_form.addRow("", change)
        backup_row = QHBoxLayout()
        back_up = QPushButton("备份到…")
        back_up.setToolTip("把数据库复制到一个文件夹或 U 盘，写完后检查")
        back_up.clicked.connect(lambda: back_up_to(self, self.services))
        restore = QPushButton("从备份恢复…")
        restore.clicked.connect(self.choose_backup)
        backup_row.addWidget(back_up)
        backup_row.addWidget(restore)
        backup_row.addStretch(1)
        db_form.addRow("备份", backup_row)
        backups_note = QLabel("程序每天自动备份一次、关闭时也备份（同一文件夹的 .backups）；"
                              "升级数据库结构前另有备份（*.bak）。")
        backups_note.setWordWrap(True)  # on one line the page scrolled sideways at 字号 大
        db_form.addRow("", backups_note)
        layout.addWidget(database)

        layout.addWidget(self._display_box())
        layout.addWidget(self._password_box())

        officers = QGroupBox("值班人员名单（包村干部、党建指导员、两委干部）")
        officer_layout = QVBoxLayout(officers)
        self.officers = QListWidget()
        officer_layout.addWidget(self.officers)
        row = QHBoxLayout()
        add = QPushButton("添加人员…")
        add.clicked.connect(self.add_officer)
        row.addStretch(1)
        row.addWidget(add)
        officer_layout.addLayout(row)
        layout.addWidget(officers, 1)
        self.fill_officers()
        self._align_labels()
        self.font_size_changed.connect(self._align_labels)

    def _align_labels(self) -> None:
        """The groups' fields start at one line: each group's labels as wide as the widest
        of all (they started at four places)."""
        forms = [box.layout() for box in self.findChildren(QGroupBox)
                 if isinstance(box.layout(), QFormLayout)]
        labels = [item.widget() for form in forms for row in range(form.rowCount())
                  if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
                  and item.widget() is not None and item.widget() is not self.office_error]
        for label in labels:
            label.setMinimumWidth(0)
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)

    def _display_box(self) -> QGroupBox:
        """字号 and the days before 工作台 warns about a late sync: kept on this PC."""
        settings = Settings.load()
        box = QGroupBox("显示与提醒（仅本机）")
        form = QFormLayout(box)
        self.font_size = ChoiceCombo(FONT_SIZES.items())
        self.font_size.set_key(settings.font_size if settings.font_size in FONT_SIZES
                               else "standard")
        self.font_size.currentIndexChanged.connect(self.save_display)
        self.warn_days = QSpinBox()
        self.warn_days.setRange(1, 90)
        self.warn_days.setSuffix(" 天")
        self.warn_days.setValue(settings.warn_days)
        self.warn_days.valueChanged.connect(self.save_display)
        self.display_note = QLabel()
        self.display_note.setWordWrap(True)
        form.addRow("字号", self.font_size)
        form.addRow("超过几天未与镇同步时提醒", self.warn_days)
        form.addRow("", self.display_note)
        return box

    def _password_box(self) -> QGroupBox:
        """The optional start-up password and the idle lock (kept beside the database file,
        never synced: docs/privacy.md)."""
        box = QGroupBox("启动密码（仅本机）")
        form = QFormLayout(box)
        self.password_state = QLabel()
        self.password_set = QPushButton()
        self.password_set.clicked.connect(self.set_password)
        self.password_remove = QPushButton("取消启动密码…")
        self.password_remove.clicked.connect(self.remove_password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.password_set)
        buttons.addWidget(self.password_remove)
        buttons.addStretch(1)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setSuffix(" 分钟")
        self.idle_minutes.setSpecialValueText("不自动锁定")
        self.idle_minutes.setValue(self._password().idle_minutes)
        self.idle_minutes.valueChanged.connect(
            lambda minutes: self._password().set_idle_minutes(minutes))
        form.addRow("状态", self.password_state)
        form.addRow("", buttons)
        form.addRow("无操作多久后锁定", self.idle_minutes)
        self._show_password_state()
        return box

    def _password(self) -> StartupPassword:
        return StartupPassword(unwrapped(self.services).db.path)

    def _show_password_state(self) -> None:
        on = self._password().is_set()
        self.password_state.setText("已设置：每次启动和锁定后都要输入" if on
                                    else "未设置：打开程序不需要密码")
        self.password_set.setText("修改启动密码…" if on else "设置启动密码…")
        self.password_remove.setVisible(on)
        self.idle_minutes.setEnabled(on)

    def set_password(self) -> None:
        SetPasswordDialog(unwrapped(self.services).db.path, self).exec()
        self._show_password_state()

    def remove_password(self) -> None:
        RemovePasswordDialog(unwrapped(self.services).db.path, self).exec()
        self._show_password_state()

    def save_display(self) -> None:
        settings = Settings.load()
        size = self.font_size.key() or "standard"
        changed = size != settings.font_size
        settings.font_size = size
        settings.sync_warn_days = self.warn_days.value()
        settings.save()
        if changed:
            theme.apply_font_size(size)
            self.display_note.setText(f"字号已改为“{FONT_SIZES[size]}”：各页的文字、表格行高"
                                      "和导航栏都已随之调整。")
            self.font_size_changed.emit()
        else:
            self.display_note.setText(f"已保存：超过 {settings.warn_days} 天未同步时"
                                      f"工作台显示黄色，超过 {2 * settings.warn_days} 天显示红色。")

    def save_office(self) -> None:
        name = self.office_name.text().strip()
        if not name:
            self.office_error.setText("值班室名称不能为空")
            return
        self.office_error.clear()
        cluster_id = self.cluster.key()
        if not self._end_shift_for(cluster_id):
            self.cluster.set_key(self.services.sync.office().cluster_id)
            return
        self.services.sync.set_office(name=name, cluster_id=cluster_id)
        self.fill_officers()
        self.office_changed.emit()

    def _end_shift_for(self, cluster_id: str | None) -> bool:
        """Before serving another cluster, end the open shift of the old one, if the officer
        agrees. False: keep everything as it is."""
        duty = self.services.duty
        shift = duty.current()
        if (shift is None or cluster_id == self.services.sync.office().cluster_id
                or cluster_id == shift.cluster_id):
            return True
        row = duty.rows([shift.id])[shift.id]
        new_name = self.cluster.currentText()
        answer = QMessageBox.question(
            self, "更改所属联合党组织",
            f"{row['officers']} 正在{row['cluster']}值班。\n\n"
            f"将本值班室所属联合党组织由“{row['cluster']}”改为“{new_name}”，"
            f"会结束当前值班（自动交班，已填写的值班记录会保存）。\n\n确定更改吗？",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.shift_ending.emit()
        try:
            duty.end(f"本值班室所属联合党组织改为“{new_name}”，值班自动结束。")
        except UserError as error:
            show_error(self, error)
            return False
        return True

    def choose_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "选择数据库文件", str(self.services.db.path.parent), "联建台账数据库 (*.db)",
            options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        settings = Settings.load()
        settings.db_path = stored_db_path(Path(path))
        settings.save()
        QMessageBox.information(self, "数据库位置", f"下次启动时将使用：\n{path}")

    def choose_backup(self) -> None:
        dialog = RestoreDialog(unwrapped(self.services).backups, self)
        if dialog.exec() and dialog.chosen is not None:
            self.restore_requested.emit(dialog.chosen.path)

    def fill_officers(self) -> None:
        self.officers.clear()
        cluster_id = self.services.sync.office().cluster_id or None
        seen = set()
        for role in DUTY_ROLES:
            query = ListQuery(cluster_id=cluster_id, limit=None, extra={"role": role})
            for person in self.services.people.list(query).items:
                if person.id not in seen:
                    seen.add(person.id)
                    post = f"，{person.post}" if person.post else ""
                    self.officers.addItem(f"{person.name}（{ROLES[role]}{post}）")

    def add_officer(self) -> None:
        try:
            from ui.forms.person_form import PersonForm
        except ImportError:
            return
        form = PersonForm(self.services, None, self)
        if form.exec():
            self.fill_officers()

