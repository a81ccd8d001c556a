"""The main window: navigation on the left, the current screen on the right, status below.

Screens are built the first time they are opened, so the window appears quickly. The window
can also be shown before the database is open (``MainWindow(None)``, then ``attach``), so that
it paints before SQLAlchemy and the tables are even imported.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

# Only what the first frame needs: every Qt class touched costs its Python type and enums
# (the ``Qt`` namespace alone 15 ms), so the rest is imported where it is used.
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:  # importing the services loads the database layer: not before first paint
    from PySide6.QtGui import QCloseEvent
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.services import Services
    from desktop_app.services.search import Found
    from ui.duty_page import DutyPage
    from ui.search_page import SearchPage

DUTY = "值班"
# resources/icons/nav/NAME.svg beside each navigation entry.
NAV_ICONS = {"工作台": "dashboard", DUTY: "duty", "议题": "agenda", "任务": "tasks",
             "会议": "meetings", "志愿服务": "volunteers", "人员与村庄": "people",
             "同步": "sync", "设置": "settings", "排班": "rota", "擂台比武": "assessment",
             "产业": "industry", "人才": "talent", "治理": "governance"}


def _screens(window: MainWindow) -> list[tuple[str, Callable[[], QWidget]]]:
    """Navigation entries and how to build each screen (imports stay lazy)."""

    def dashboard():
        if window.services.sync.office().is_town:  # the town watches every cluster
            from ui.town_page import TownOverviewPage

            return TownOverviewPage(window.services)
        from ui.dashboard import DashboardPage

        page = DashboardPage(window.services)
        page.screen_requested.connect(window.screen)
        page.list_requested.connect(lambda screen, tab, cluster_id: window.screen(screen)
                                    .show_tile_list(tab, cluster_id or None))
        return page

    def duty():
        from ui.duty_page import DutyPage

        page = DutyPage(window.services)
        page.shift_changed.connect(window.update_status)
        return page

    def listing(name: str):
        def build():
            from ui import list_specs
            from ui.list_page import ListPage

            return ListPage(window.services, getattr(list_specs, name))

        return build

    def settings():
        from ui.settings_page import SettingsPage

        page = SettingsPage(window.services)
        page.office_changed.connect(window.office_changed)
        page.font_size_changed.connect(window.font_size_changed)
        page.shift_ending.connect(window.save_duty_log)
        page.restore_requested.connect(window.restore_backup)
        return page

    def page(path: str):
        """A page class ``"ui.module:Class"`` taking only the services."""

        def build():
            from desktop_app.lazy import imported

            return imported(path)(window.services)

        return build

    return [("工作台", dashboard), (DUTY, duty), ("排班", page("ui.rota_page:RotaPage")),
            ("议题", listing("AGENDA")), ("任务", listing("TASKS")),
            ("会议", listing("MEETINGS")),
            ("志愿服务", page("ui.volunteer_page:VolunteerPage")),
            ("治理", page("ui.governance_page:GovernancePage")),
            ("产业", page("ui.industry_page:IndustryPage")),
            ("人才", page("ui.talent_page:TalentPage")),
            ("擂台比武", page("ui.assessment_page:AssessmentPage")),
            ("人员与村庄", page("ui.people_page:PeoplePage")),
            ("同步", page("ui.sync_page:SyncPage")), ("设置", settings)]


class MainWindow(QMainWindow):
    """``MainWindow(services)`` is the whole window. At start-up, ``first_frame_only=True``
    makes just what the first frame shows (title, menu bar, the empty navigation column and
    page, the status bar), cheap to make and paint; ``finish()`` adds the rest (navigation
    entries with their icons, the search box's look, shortcuts, the menu's entries) right after
    that paint, in the same places, so nothing moves."""

    def __init__(self, services: Services | None, *, first_frame_only: bool = False) -> None:
        super().__init__()
        self.services = services
        self._restore_geometry()
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.search_box = QLineEdit()
        self.search_box.setObjectName("search_box")
        self.pages = QStackedWidget()
        self._builders: list[Callable[[], QWidget]] = []
        self._built: set[int] = set()
        self._search_page: SearchPage | None = None
        self._guide: QWidget | None = None
        self.setCentralWidget(self._columns())
        self._status_bar()
        self._help_menu = self.menuBar().addMenu("帮助")
        self._size_navigation()
        if not first_frame_only:
            self.finish()

    def _columns(self) -> QWidget:
        """The search box over the navigation on the left, the current screen on the right."""
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(0)
        left.addWidget(self.search_box)
        left.addWidget(self.navigation, 1)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addLayout(left)
        row.addWidget(self.pages, 1)
        return central

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.office_label = QLabel()
        self.officer_label = QLabel()
        self.db_label = QLabel()
        bar.addWidget(self.office_label)
        bar.addWidget(self.officer_label)
        bar.addPermanentWidget(self.db_label)
        if self.services is None:
            self.setWindowTitle("联建台账")
            self.db_label.setText("正在打开数据库…")
        else:
            self.update_status()

    def finish(self) -> None:
        """The navigation's entries, the search box, the menu's entries and the shortcuts."""
        self._style_navigation()
        self._fill_navigation()
        self._set_up_search_box()
        self._fill_menu_and_shortcuts()

    def _fill_menu_and_shortcuts(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence, QShortcut

        guide = self._help_menu.addAction("使用指南", self.show_guide)
        guide.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self._help_menu.addAction("关于联建台账…", self.show_about)
        QShortcut(QKeySequence("Ctrl+K"), self, self.focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.refresh_current)
        QShortcut(QKeySequence("Ctrl+Q"), self, self.close)

    def _fill_navigation(self) -> None:
        """An entry with its icon, and an empty page until its first visit, for each screen."""
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QListWidgetItem

        from desktop_app.config.paths import resource_path

        for title, build in _screens(self):
            icon = QIcon(str(resource_path("icons", "nav", f"{NAV_ICONS.get(title, '')}.svg")))
            self.navigation.addItem(QListWidgetItem(icon, title))
            self.pages.addWidget(QWidget())  # replaced by the real screen on first visit
            self._builders.append(build)
        self.navigation.currentRowChanged.connect(self.open_screen)
        self.navigation.setCurrentRow(0)

    def _set_up_search_box(self) -> None:
        """The search box over everything, at the top of the navigation (Ctrl+K)."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence, QShortcut

        from ui.icons import search_icon

        search_icon(self.search_box)
        self.search_box.setPlaceholderText("搜索 Ctrl+K")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setToolTip("查找任务、议题、会议、人员、村庄、志愿服务等一切记录里写的字词"
                                   "（也可输入拼音首字母，如 hq）")
        self.search_box.textChanged.connect(self.search)
        self.search_box.returnPressed.connect(self._open_current_hit)
        down = QShortcut(QKeySequence(Qt.Key.Key_Down), self.search_box)
        down.setContext(Qt.ShortcutContext.WidgetShortcut)
        down.activated.connect(self._focus_hits)

    def screen_titles(self) -> list[str]:
        return [self.navigation.item(i).text() for i in range(self.navigation.count())]

    def attach(self, services: Services) -> None:
        """The database is open: fill the status bar and build the current screen."""
        self.services = services
        self.update_status()
        self.open_screen(self.navigation.currentRow())

    def detach(self, doing: str) -> None:
        """The database is about to be replaced (从备份恢复): drop every screen (they hold the
        old file) until ``attach`` gives the new one; ``doing`` shows in the status bar."""
        for row in list(self._built):
            built = self.pages.widget(row)
            self.pages.insertWidget(row, QWidget())
            self.pages.removeWidget(built)
            built.deleteLater()
        self._built.clear()
        if self._search_page is not None:
            self.pages.removeWidget(self._search_page)
            self._search_page.deleteLater()
            self._search_page = None
        self.services = None
        self.db_label.setText(doing)

    def open_screen(self, row: int) -> None:
        if row < 0:
            return
        if self.services is None:  # built on attach
            self.pages.setCurrentIndex(row)
            return
        if row not in self._built:
            placeholder = self.pages.widget(row)
            screen = self._builders[row]()
            self.pages.insertWidget(row, screen)
            self.pages.removeWidget(placeholder)
            placeholder.deleteLater()
            self._built.add(row)
        self.pages.setCurrentIndex(row)

    def _forget_screen(self, row: int) -> None:
        """Build the screen at ``row`` again on its next visit."""
        if row not in self._built or row == self.pages.currentIndex():
            return
        built = self.pages.widget(row)
        self.pages.insertWidget(row, QWidget())
        self.pages.removeWidget(built)
        built.deleteLater()
        self._built.discard(row)

    def screen(self, title: str) -> QWidget:
        """The screen under ``title``, built if needed (used by tests and shortcuts)."""
        row = self.screen_titles().index(title)
        self.navigation.setCurrentRow(row)
        return self.pages.widget(row)

    def built_screen(self, title: str) -> QWidget | None:
        """The screen under ``title`` if it has been opened, without opening it."""
        row = self.screen_titles().index(title)
        return self.pages.widget(row) if row in self._built else None

    # --- search ------------------------------------------------------------------------
    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def search_page(self) -> SearchPage | None:
        """The search results page (built on the first search), or None before the database
        is open."""
        if self._search_page is None and self.services is not None:
            from ui.search_page import SearchPage

            self._search_page = SearchPage(self.services, self)
            self._search_page.open_requested.connect(self.open_found)
            self.pages.addWidget(self._search_page)
        return self._search_page

    def search(self, text: str) -> None:
        """Show the search page and search for ``text`` after a short pause."""
        page = self.search_page()
        if page is None:
            return
        self.navigation.setCurrentRow(-1)
        self.pages.setCurrentWidget(page)
        page.set_query(text)

    def _open_current_hit(self) -> None:
        page = self.search_page()
        if page is not None and self.search_box.text().strip():
            self.pages.setCurrentWidget(page)
            page.query = self.search_box.text().strip()
            page.open_current()

    def _focus_hits(self) -> None:
        if self._search_page is not None and self.pages.currentWidget() is self._search_page:
            self._search_page.focus_results()

    def open_found(self, found: Found) -> None:
        """Open a record found by the search: its form, or the screen that shows it
        (``ui/open_record.py``)."""
        from ui.open_record import form_class, screen_of

        form = None if found.deleted else form_class(found.kind)
        if form is None:
            self.screen(screen_of(found.kind))
            if found.deleted:
                self.statusBar().showMessage(
                    f"“{found.title}”已删除：在列表中勾选“已删除的”可查看和恢复。", 8000)
            return
        dialog = form(self.services, found.record_id, self)
        if dialog.exec() and self._search_page is not None:
            self._search_page.run()  # what was saved may no longer match

    def duty_page(self) -> DutyPage | None:
        return self.built_screen(DUTY)  # type: ignore[return-value]

    def save_duty_log(self) -> None:
        """Before the shift ends elsewhere (设置): save the log typed on 值班, or say why not."""
        page = self.duty_page()
        if page is not None and page.has_unsaved_log():
            page.save_log()

    def _size_navigation(self) -> None:
        """The navigation and the search box above it grow with the 字号."""
        from ui import theme

        self.navigation.setFixedWidth(theme.px(150))
        self.search_box.setFixedWidth(theme.px(150))

    def _style_navigation(self) -> None:
        """The entries' size and their icons' grow with the 字号 too."""
        from PySide6.QtCore import QSize

        from ui import theme

        self.navigation.setStyleSheet(
            f"QListWidget#navigation {{ font-size: {theme.pt(12)}pt; }}"
            "QListWidget#navigation::item { padding: 8px 12px; }")
        self.navigation.setIconSize(QSize(theme.px(20), theme.px(20)))

    def font_size_changed(self) -> None:
        """字号 changed in 设置: the navigation now, every other screen (row heights,
        headings) built again at its next visit."""
        self._size_navigation()
        self._style_navigation()
        for row in list(self._built):
            self._forget_screen(row)  # all but the screen showing (设置)
        search = self._search_page
        if search is not None and self.pages.currentWidget() is not search:
            self.pages.removeWidget(search)  # made again at the next search
            search.deleteLater()
            self._search_page = None

    def office_changed(self) -> None:
        self.update_status()
        self._forget_screen(0)  # 工作台 or 全镇概况: built again, for the office as it is now
        page = self.duty_page()
        if page is not None:  # the cluster, and with it the people and the shift, may differ
            page.refresh()
            page.history.reload()

    def _restore_geometry(self) -> None:
        """Where and how large the window was last time; at first 1280×800 or the available
        screen if smaller (1366×768, 1024×768), and always fully on the screen."""
        from ui import window_state

        geometry = window_state.load_bytes("main/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(window_state.fitting_size(window_state.PREFERRED_WINDOW, self))
            area = window_state.available_area(self)
            self.move(area.x() + max(0, (area.width() - self.width()) // 2 - 8),
                      area.y() + max(0, (area.height() - self.height()) // 2 - 20))
        window_state.fit_on_screen(self)

    def save_geometry(self) -> None:
        from ui import window_state

        window_state.save_bytes("main/geometry", self.saveGeometry())

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt naming)
        """The officer's running log is saved without asking; only if that fails, ask."""
        if self._may_close():
            self.save_geometry()
            event.accept()
        else:
            event.ignore()

    def _may_close(self) -> bool:
        from PySide6.QtWidgets import QMessageBox

        page = self.duty_page() if self.services is not None else None
        if page is None or not page.has_unsaved_log():
            return True
        try:
            page.save_unsaved_log()
            return True
        except Exception as error:  # whatever it is, the log must not vanish silently
            failure = error
        answer = self.ask_about_unsaved_log(failure)
        if answer == QMessageBox.StandardButton.Discard:
            return True
        if answer == QMessageBox.StandardButton.Save:
            return page.save_log()  # says why if it fails again; the window stays open
        return False

    def ask_about_unsaved_log(self, error: BaseException) -> QMessageBox.StandardButton:
        """保存 (try again), 不保存 (close anyway) or 取消 (keep the window open)."""
        from PySide6.QtWidgets import QMessageBox

        from ui.background import user_message

        buttons = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Warning, "值班记录未保存",
                          f"值班记录未能自动保存：{user_message(error)}\n\n要保存后再关闭吗？",
                          buttons.Save | buttons.Discard | buttons.Cancel, self)
        for button, text in ((buttons.Save, "保存"), (buttons.Discard, "不保存"),
                             (buttons.Cancel, "取消")):
            box.button(button).setText(text)
        box.setDefaultButton(buttons.Save)
        box.setEscapeButton(buttons.Cancel)
        return buttons(box.exec())

    def restore_backup(self, backup) -> None:
        from ui.backup_dialogs import restore_into

        restore_into(self, backup)

    def show_guide(self) -> None:
        """The user guide (F1), beside the window; a second F1 brings it to the front."""
        if self._guide is None:
            from ui.guide import GuideWindow

            self._guide = GuideWindow(self)
        self._guide.show()
        self._guide.raise_()
        self._guide.activateWindow()

    def refresh_current(self) -> None:
        """F5: read the current screen's records again (each of its lists, for a page of tabs)."""
        page = self.pages.currentWidget()
        for name in ("refresh", "reload"):
            action = getattr(page, name, None)
            if callable(action):
                action()
                return
        for child in page.findChildren(QWidget):
            action = getattr(child, "reload", None)
            if callable(action) and child.isVisible():
                action()

    def show_about(self) -> None:
        if self.services is None:  # the database is still opening
            return
        from ui.about import AboutDialog

        AboutDialog(self.services, self).exec()

    def update_status(self) -> None:
        db = self.services.db
        office = self.services.sync.office().name or "未命名值班室"
        self.setWindowTitle(f"联建台账 — {office}")
        self.office_label.setText(f"值班室：{office}")
        officer = "无人值班"
        if db.officer_id:
            from ui.background import off_thread

            officer = "值班：" + off_thread(self.services).people.get(db.officer_id).name
        self.officer_label.setText(officer)
        self.db_label.setText(f"数据库：{db.path}")
