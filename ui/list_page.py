"""A list screen for one record type: filters, search, a lazily filled table, and actions.

The ids matching the filters are fetched on a worker thread, with the rows of the first block;
further rows are filled block by block as the table scrolls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import UserError
from desktop_app.services import ListQuery, Services
from ui import icons, lookups, theme
from ui.background import off_thread, run_in_background, show_error, wait_for
from ui.filter_bar import FilterBar
from ui.first_paint import after_first_paint
from ui.record_model import BLOCK, Column, RecordTableModel
from ui.undo_notice import UndoNotice, offer_undo
from ui.widgets import (
    ChoiceCombo,
    OptionalDateEdit,
    row_table,
    stretch_keeping_header,
    widen_to_headers,
)

SEARCH_DELAY_MS = 250
FULL_LIST_AFTER_MS = 150  # the whole id list, if the first rows were not painted by then
QUERY_FAILED = "查询失败，按 F5 重试"  # the count's place, after the error was shown


@dataclass(frozen=True)
class ExtraFilter:
    """A combo box on the filter row that sets one key of ``ListQuery.extra``."""

    key: str  # e.g. "role"
    empty: str  # the "any" entry, e.g. "全部角色"
    choices: dict  # value -> label


@dataclass
class ListSpec:
    """What differs between the list screens."""

    title: str  # e.g. "工作任务"
    service: str  # attribute of Services, e.g. "tasks"
    columns: list[Column]
    form: Callable[..., object] | None = None  # RecordForm subclass
    statuses: dict | None = None
    all_statuses: str = "全部状态"  # the status filter's "any", e.g. "全部方式"
    villages: bool = True
    clusters: bool = True  # False: the records belong to no joint Party organisation
    # Pinyin initials find names only (people, villages, clusters: desktop_app.search.indexing).
    search_hint: str = "搜索：标题或内容中的文字（Ctrl+F）"
    date_label: str | None = None  # e.g. "截止日期"; None: no date filter
    overdue: bool = False
    overdue_label: str = "仅逾期"  # e.g. "仅未按时走访"
    extra: dict = field(default_factory=dict)
    extra_filters: list[ExtraFilter] = field(default_factory=list)
    exports: list = field(default_factory=list)  # ui.exports.ExportAction: Word documents
    delete_word: str = "删除"  # e.g. "作废": what taking a record out of the list is called


def stretched_column(columns: Sequence[Column]) -> int:
    """The column that takes a list's spare width: the widest (the title, usually), not the
    last one (a stretched last column of numbers or dates puts them far from the rest of the
    row), and not 联合党组织, which the list's own filter repeats (排班's lists gave it most of
    the row)."""
    candidates = [n for n, column in enumerate(columns) if column.key != "cluster"] or [0]
    return max(candidates, key=lambda n: (columns[n].width, n))


class ListPage(QWidget):
    """One record type's list. ``reloaded`` fires after all the ids arrived (tests wait on
    it); ``first_rows_shown`` as soon as the first rows are in the table."""

    reloaded = Signal()
    first_rows_shown = Signal()

    def __init__(self, services: Services, spec: ListSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.spec = spec
        self.service = getattr(services, spec.service)
        self._generation = 0
        self.loading = False  # from ``reload`` until ``reloaded`` (or its query failed)
        self._order: str | None = None
        self._shown_before = False
        self.undo_notice: UndoNotice | None = None  # 撤销 after a delete (ui/undo_notice.py)
        self._build_filters()
        self.model = RecordTableModel(spec.columns, self.service.rows, self)
        self.table = row_table(self.model, [column.width for column in spec.columns],
                               stretch_last=False, samples=self._samples())
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.sectionClicked.connect(self._sort_by)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        stretch_keeping_header(self.table, stretched_column(spec.columns))
        self.table.activated.connect(lambda _index: self.edit_selected())
        self._restore_layout()

        self.count_label = QLabel()
        self.new_button = QPushButton("新建（Ctrl+N）")
        self.edit_button = QPushButton("编辑")
        self.delete_button = QPushButton(spec.delete_word)
        self.restore_button = QPushButton("恢复")
        self.new_button.clicked.connect(self.new_record)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self._export_button())
        if not self.service.record_type.read_only:  # records the app writes itself: no import
            self.import_button = QPushButton("导入")
            self.import_button.setToolTip("从 Excel、WPS 或 CSV 表格导入（先预览，再导入）")
            self.import_button.clicked.connect(lambda: self.import_sheet())
            icons.with_icon(self.import_button, "导入")
            actions.addWidget(self.import_button)
        for button in (self.new_button, self.edit_button, self.delete_button, self.restore_button):
            actions.addWidget(button)
        for button, action in ((self.new_button, "新建"), (self.edit_button, "编辑"),
                               (self.delete_button, "删除"), (self.restore_button, "恢复")):
            icons.with_icon(button, action)

        layout = QVBoxLayout(self)
        title = QLabel(spec.title)
        title.setStyleSheet(f"font-size: {theme.pt(15)}pt; font-weight: bold;")
        layout.addWidget(title)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)

        QShortcut(QKeySequence.StandardKey.New, self, self.new_record)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        # Delete acts on the table only while it has the focus (not from the navigation or
        # a filter): deleting is the one action a stray key press should not start.
        delete = QShortcut(QKeySequence(Qt.Key.Key_Delete), self.table)
        delete.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete.activated.connect(self.delete_selected)
        self._update_buttons()
        self.reload()

    # --- filters ---------------------------------------------------------------------
    def _build_filters(self) -> None:
        spec = self.spec
        self.search = QLineEdit()
        self.search.setPlaceholderText(spec.search_hint)
        self.search.setClearButtonEnabled(True)
        icons.search_icon(self.search)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._search_timer.start)
        self.cluster = ChoiceCombo(lookups.cluster_choices(off_thread(self.services)),
                                   empty="全部联合党组织",
                                   parent=self)
        self.cluster.setVisible(spec.clusters)
        office_cluster = self.services.sync.office().cluster_id
        self.cluster.set_key(office_cluster if spec.clusters else None)
        self.cluster.currentIndexChanged.connect(self._cluster_changed)
        # Widgets shown or hidden here are given this page as parent first: a parentless
        # widget told setVisible(True) opens as a window of its own (and takes the focus).
        self.village = ChoiceCombo(empty="全部村", parent=self)
        self.village.setVisible(spec.villages)
        self.village.currentIndexChanged.connect(self.reload)
        self.status = ChoiceCombo((spec.statuses or {}).items(), empty=spec.all_statuses,
                                  parent=self)
        self.status.setVisible(spec.statuses is not None)
        self.status.currentIndexChanged.connect(self.reload)
        self.date_from = OptionalDateEdit(f"{spec.date_label or '日期'}从", self)
        self.date_to = OptionalDateEdit("到", self)
        for edit in (self.date_from, self.date_to):
            edit.setVisible(spec.date_label is not None)
            edit.changed.connect(self.reload)
        self.extra_combos: dict[str, ChoiceCombo] = {}
        for extra_filter in spec.extra_filters:
            combo = ChoiceCombo(extra_filter.choices.items(), empty=extra_filter.empty)
            combo.currentIndexChanged.connect(self.reload)
            self.extra_combos[extra_filter.key] = combo
        self.overdue = QCheckBox(spec.overdue_label, self)
        self.overdue.setVisible(spec.overdue)
        self.overdue.toggled.connect(self.reload)
        self.show_deleted = QCheckBox(f"已{self.spec.delete_word}的")
        self.show_deleted.toggled.connect(self.reload)
        self.show_deleted.toggled.connect(self._update_buttons)
        self.search.setMinimumWidth(220)
        self.filter_bar = FilterBar(
            [self.search, self.cluster, self.village, self.status, *self.extra_combos.values()],
            [self.date_from, self.date_to, self.overdue, self.show_deleted],
            stretch=self.search, parent=self)
        self._fill_villages()

    def _cluster_changed(self) -> None:
        self._fill_villages()
        self.reload()

    def _fill_villages(self) -> None:
        self.village.blockSignals(True)
        self.village.set_choices(lookups.village_choices(off_thread(self.services),
                                                         self.cluster.key()))
        self.village.blockSignals(False)

    def query(self) -> ListQuery:
        extra = dict(self.spec.extra)
        extra.update({key: combo.key() for key, combo in self.extra_combos.items()
                      if combo.key() is not None})
        return ListQuery(
            cluster_id=self.cluster.key() if self.spec.clusters else None,
            village_id=self.village.key() if self.spec.villages else None,
            status=self.status.key() if self.spec.statuses else None,
            date_from=self.date_from.value() if self.spec.date_label else None,
            date_to=self.date_to.value() if self.spec.date_label else None,
            overdue=self.overdue.isChecked() and self.spec.overdue,
            text=self.search.text().strip() or None,
            only_deleted=self.show_deleted.isChecked(),
            order_by=self._order,
            limit=None,
            extra=extra,
        )

    def _sort_by(self, section: int) -> None:
        """A click on a sortable header sorts by it (again: the other way round); a click on
        another header leaves the order, and its arrow, as they were."""
        column = self.spec.columns[section]
        if column.sort_key is not None:
            descending = self._order == column.sort_key
            self._order = f"-{column.sort_key}" if descending else column.sort_key
        self._show_sort_indicator()
        if column.sort_key is not None:
            self.save_layout()
            self.reload()

    # --- the layout remembered between runs (column widths, sort) ----------------------
    def _layout_key(self) -> str:
        return f"lists/{self.spec.service}-{self.spec.title}"

    def _samples(self) -> list[tuple[str, ...]]:
        return [column.samples for column in self.spec.columns]

    def _restore_layout(self) -> None:
        from ui import window_state

        header = self.table.horizontalHeader()
        state = window_state.load_bytes(self._layout_key() + "/header")
        if state is not None:
            header.restoreState(state)
            widen_to_headers(header, self._samples())  # widths saved before a widening
        order = window_state.load_value(self._layout_key() + "/order")
        if order and order.lstrip("-") in {c.sort_key for c in self.spec.columns if c.sort_key}:
            self._order = order
            self._show_sort_indicator()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)  # a drag resizes many times: write once at its end
        self._save_timer.timeout.connect(self.save_layout)
        header.sectionResized.connect(lambda *_: self._save_timer.start())

    def save_layout(self) -> None:
        from ui import window_state

        key = self._layout_key()
        window_state.save_bytes(key + "/header", self.table.horizontalHeader().saveState())
        window_state.save_value(key + "/order", self._order or "")

    def _show_sort_indicator(self) -> None:
        key = (self._order or "").lstrip("-")
        sections = [n for n, column in enumerate(self.spec.columns) if column.sort_key == key]
        order = (Qt.SortOrder.DescendingOrder if (self._order or "").startswith("-")
                 else Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSortIndicator(sections[0] if sections else -1, order)

    def show_overdue_only(self, cluster_id: str | None) -> None:
        """Every filter cleared but the cluster and 仅…: the list a dashboard tile counted."""
        widgets = [self.search, self.cluster, self.village, self.status, self.overdue,
                   self.show_deleted, self.date_from, self.date_to, *self.extra_combos.values()]
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        self._search_timer.stop()  # a search typed a moment ago is cleared, not run
        if self.spec.clusters:
            self.cluster.set_key(cluster_id)
            self._fill_villages()
        for combo in (self.village, self.status, *self.extra_combos.values()):
            combo.set_key(None)
        for edit in (self.date_from, self.date_to):
            edit.set_value(None)
        self.show_deleted.setChecked(False)
        self.overdue.setChecked(self.spec.overdue)
        for widget in widgets:
            widget.blockSignals(False)
        self._update_buttons()
        self.reload()

    # --- loading ---------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch the matching ids off the GUI thread; a newer reload wins over older ones.

        First the first block of rows alone (a ``LIMIT`` on the list's order: a few ms), shown
        at once; then all the ids (the whole town's 100,600 take 0.2 s), added below them."""
        self._generation += 1
        self.loading = True
        generation = self._generation
        query, service = self.query(), self.service
        self.count_label.setText("正在查询…")

        def first_block(_progress) -> tuple[list[str], dict]:
            ids = service.ids(query, first=BLOCK)
            return ids, service.rows(ids)

        def all_ids(_progress) -> list[str]:
            return service.ids(query)

        def failed(error: BaseException) -> None:
            if generation != self._generation:
                return  # a newer reload is under way, and tells how it went
            self.loading = False
            self.count_label.setText(QUERY_FAILED)
            show_error(self, error)

        def show_first(found: tuple[list[str], dict]) -> None:
            if generation != self._generation:
                return
            ids, rows = found
            if len(ids) < BLOCK:  # that is the whole list
                self._show_ids(generation, ids, rows)
                return
            self._show_first_block(ids, rows)
            # Once those rows are painted: a worker reading 100,000 ids holds the GIL in
            # turns of 5 ms, and the paint's hundreds of calls into data() would each wait
            # for one. Not painted within FULL_LIST_AFTER_MS (a minimised window): at once.
            started: list[bool] = []

            def start_all() -> None:
                if started or generation != self._generation:
                    return
                started.append(True)
                # The work closes over plain objects only, never over a widget.
                run_in_background(self, all_ids,
                                  on_done=lambda every: self._show_ids(generation, every,
                                                                       extend=True),
                                  on_error=failed)

            after_first_paint(self.table.viewport(), start_all)
            QTimer.singleShot(FULL_LIST_AFTER_MS, start_all)

        run_in_background(self, first_block, on_done=show_first, on_error=failed)

    def _show_first_block(self, ids: list[str], rows: dict) -> None:
        selected = self.selected_id()
        self.model.set_ids(ids, rows)
        if selected:
            self.select_id(selected)
        self.first_rows_shown.emit()

    def _show_ids(self, generation: int, ids: list[str], first_rows: dict | None = None, *,
                  extend: bool = False) -> None:
        if generation != self._generation:
            return
        selected = self.selected_id()
        if extend:
            self.model.extend_ids(ids)
        else:
            self.model.set_ids(ids, first_rows)
            self.first_rows_shown.emit()
        self.count_label.setText(f"共 {len(ids):,} 条")
        if selected:
            self.select_id(selected)
        self._update_buttons()
        self.loading = False
        self.reloaded.emit()

    def select_id(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.table.selectRow(row)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.id_at(rows[0].row()) if rows else None

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _update_buttons(self) -> None:
        deleted = self.show_deleted.isChecked()
        self.delete_button.setVisible(not deleted)
        self.restore_button.setVisible(deleted)
        self.new_button.setVisible(not deleted and self.spec.form is not None)
        self.edit_button.setVisible(not deleted and self.spec.form is not None)

    # --- actions ---------------------------------------------------------------------
    def _export_button(self) -> QPushButton:
        """"导出": the list as an Excel sheet, then each Word document this list offers (a
        push button's menu keeps its arrow clear of the text)."""
        from ui.exports import excel_export

        button = icons.with_icon(QPushButton("导出"), "导出")
        menu = QMenu(button)
        self.excel_action = excel_export(self.service.record_type.table, self.spec.title)
        for action in [self.excel_action, *self.spec.exports]:
            menu.addAction(icons.icon("导出 Excel" if action is self.excel_action else "导出 Word"),
                           action.label, lambda action=action: self.export(action))
        button.setMenu(menu)
        self.export_button = button
        return button

    def export(self, action, *, ask_path=None, on_done=None) -> bool:
        """Write ``action``'s document for the selected record or the current filters."""
        from ui.exports import produce

        record_id = self.selected_id()
        title = self._name_of(record_id) if record_id else ""
        return produce(self, self.services, action, record_id, self.query(), title,
                       ask_path=ask_path, on_done=on_done)

    def import_sheet(self, path: str | None = None):
        """Open the import dialog (``path``: a file chosen already, for tests); the list
        reloads after an import."""
        from ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.services, self.service.record_type.table, self)
        dialog.imported.connect(self.reload)
        if path:
            dialog.load(path)
        dialog.show()
        return dialog

    def _name_of(self, record_id: str) -> str:
        """What names a row to a person: its first column (a title, a name, a number)."""
        row = self.model.row(self.model.row_of(record_id)) or {}
        return str(row.get(self.spec.columns[0].key) or "")

    def new_record(self) -> None:
        if self.spec.form is None or self.show_deleted.isChecked():
            return
        self._open_form(None)

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id and self.spec.form is not None and not self.show_deleted.isChecked():
            self._open_form(record_id)

    def _open_form(self, record_id: str | None) -> None:
        form = self.spec.form(self.services, record_id, self)
        if form.exec() and form.saved_id:
            self._pending_select = form.saved_id
            self.reload()
            self.reloaded.connect(self._select_pending, Qt.ConnectionType.SingleShotConnection)

    def _select_pending(self) -> None:
        self.select_id(getattr(self, "_pending_select", ""))

    def delete_selected(self) -> None:
        record_id = self.selected_id()
        if not record_id or self.show_deleted.isChecked():
            return
        name = self._name_of(record_id) or "这条记录"
        word = self.spec.delete_word
        answer = QMessageBox.question(self, word, f"确定{word}“{name}”吗？"
                                      f"{word}后可在“已{word}的”中恢复。")
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._apply(self.service.delete, record_id):
            self.undo_notice = offer_undo(self, f"已{word}“{name}”。",
                                          lambda: self._undo_delete(record_id))

    def restore_selected(self) -> None:
        record_id = self.selected_id()
        if record_id:
            self._apply(self.service.restore, record_id)

    def _undo_delete(self, record_id: str) -> None:
        if self._apply(self.service.restore, record_id):
            self._pending_select = record_id
            self.reloaded.connect(self._select_pending, Qt.ConnectionType.SingleShotConnection)

    def _apply(self, action, record_id: str) -> bool:
        try:
            wait_for(lambda: action(record_id))  # on a worker: the write may touch many rows
        except UserError as error:
            show_error(self, error)
            return False
        self.reload()
        return True

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        """Coming back to the list shows what other screens changed meanwhile."""
        super().showEvent(event)
        if self._shown_before:
            self.reload()
        self._shown_before = True
