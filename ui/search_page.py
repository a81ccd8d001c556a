"""The search page: what the search box at the top of the navigation found, by kind.

Typing runs the search after a short pause, on a worker (``services.search``); a newer
search makes an older one's results stale. Each kind shows its true number of records and
its newest few, each with its cluster, date, where it matched and a snippet with the words
in bold. Enter or a click opens the record (``open_requested``).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui import lookups, theme
from ui.background import off_thread, run_in_background
from ui.widgets import ChoiceCombo, OptionalDateEdit

if TYPE_CHECKING:
    from desktop_app.services import Services
    from desktop_app.services.search import Found, Results

SEARCH_DELAY_MS = 300
PER_KIND = 10
FOUND_ROLE = Qt.ItemDataRole.UserRole + 1


def snippet_html(snippet: str) -> str:
    """A snippet (words between the index's marks) as HTML with the words in bold red."""
    from desktop_app.search.fts import MARK_END, MARK_START

    escaped = html.escape(snippet)
    return (escaped.replace(MARK_START, "<b style='color:#c0392b'>")
            .replace(MARK_END, "</b>"))


class _Results(QTreeWidget):
    """The results tree; Enter on a record opens it (Qt's own Enter only expands)."""

    entered = Signal(QTreeWidgetItem)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self.entered.emit(item)
            return
        super().keyPressEvent(event)


class SearchPage(QWidget):
    """Results of the window's search box, with filters for kind, cluster, dates, deleted."""

    open_requested = Signal(object)  # a desktop_app.services.search.Found
    searched = Signal()  # results shown (tests wait for it)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from desktop_app.records.types import table_label
        from desktop_app.services.search import KINDS

        self.services = services
        self.query = ""
        self._generation = 0
        self.results: Results | None = None
        self._open_first = False  # Enter was pressed before the results came
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run)

        self.kind = ChoiceCombo([(k, table_label(k)) for k in KINDS], empty="全部类型",
                                parent=self)
        self.cluster = ChoiceCombo(lookups.cluster_choices(off_thread(services)),
                                   empty="全部联合党组织", parent=self)
        self.date_from = OptionalDateEdit("日期从", self)
        self.date_to = OptionalDateEdit("到", self)
        self.deleted = QCheckBox("含已删除的", self)
        for combo in (self.kind, self.cluster):
            combo.currentIndexChanged.connect(self.run)
        for edit in (self.date_from, self.date_to):
            edit.changed.connect(self.run)
        self.deleted.toggled.connect(self.run)
        filters = QHBoxLayout()
        for widget in (self.kind, self.cluster, self.date_from, self.date_to, self.deleted):
            filters.addWidget(widget)
        filters.addStretch(1)

        self.summary = QLabel("在上方搜索框输入要找的字词，或拼音首字母（如 hq）。")
        self.summary.setWordWrap(True)
        self.tree = _Results()
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(8)
        self.tree.setUniformRowHeights(False)
        # A light selection: the grey details and the red words stay readable on it.
        self.tree.setStyleSheet("QTreeWidget::item:selected { background: #d6e6f5; }"
                                f"QTreeWidget {{ font-size: {theme.pt(11)}pt; }}")
        self.tree.itemClicked.connect(self._open_item)
        self.tree.entered.connect(self._open_item)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)

    # --- searching -------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        """What the search box holds: searched after a short pause."""
        self.query = text.strip()
        self._timer.start()

    def filters(self):
        from desktop_app.search.fts import Filters

        kind = self.kind.key()
        start, end = self.date_from.value(), self.date_to.value()
        return Filters((kind,) if kind else None, self.cluster.key(),
                       start.isoformat() if start else None, end.isoformat() if end else None,
                       self.deleted.isChecked())

    def run(self) -> None:
        self._timer.stop()
        self._generation += 1
        generation, query, filters = self._generation, self.query, self.filters()
        if not query:
            self._open_first = False
            self._show(None)
            return
        search = self.services.search

        def done(results: Results) -> None:
            if generation == self._generation:  # a newer search makes this one stale
                self._show(results)

        run_in_background(self, lambda _progress: search.grouped(query, filters, PER_KIND),
                          on_done=done)

    def _show(self, results: Results | None) -> None:
        from desktop_app.records.types import table_label

        self.results = results
        self.tree.clear()
        if results is None:
            self.summary.setText("在上方搜索框输入要找的字词，或拼音首字母（如 hq）。")
            self.searched.emit()
            return
        if not results.total:
            self.summary.setText(f"没有找到含“{results.query}”的记录。")
            self.searched.emit()
            return
        counts = "，".join(f"{table_label(k)} {results.count_text(k)} 条"
                          for k in results.counts)
        self.summary.setText(f"“{results.query}”共找到 {results.total_text} 条记录：{counts}。"
                             "单击或按回车打开。")
        first: QTreeWidgetItem | None = None
        for kind, count in results.counts.items():
            found = results.hits.get(kind, [])
            more = len(found) < count or kind in results.more
            shown = f"，显示最新 {len(found)} 条" if more else ""
            header = QTreeWidgetItem(
                self.tree, [f"{table_label(kind)}（共 {results.count_text(kind)} 条{shown}）"])
            header.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = header.font(0)
            font.setBold(True)
            header.setFont(0, font)
            header.setExpanded(True)
            for item in found:
                row = QTreeWidgetItem(header)
                row.setData(0, FOUND_ROLE, item)
                label = QLabel(self._row_html(item))
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setContentsMargins(4, 2, 4, 4)
                label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
                self.tree.setItemWidget(row, 0, label)
                row.setSizeHint(0, label.sizeHint())
                first = first or row
        if first is not None:
            self.tree.setCurrentItem(first)
        self.searched.emit()
        if self._open_first and first is not None:
            self._open_first = False
            self._open_item(first)

    @staticmethod
    def _row_html(item: Found) -> str:
        details = [item.cluster, item.day or "", f"匹配：{item.where}" if item.where else "",
                   "已删除" if item.deleted else ""]
        meta = " · ".join(html.escape(d) for d in details if d)
        return (f"<b>{html.escape(item.title or '（无标题）')}</b>"
                f"&nbsp;&nbsp;<span style='color:#666'>{meta}</span>"
                f"<br>{snippet_html(item.snippet)}")

    # --- opening ---------------------------------------------------------------------
    def open_current(self) -> None:
        """Enter in the search box: open the selected (first) record, once it is found."""
        current = self.results is not None and self.results.query == self.query
        if current and not self._timer.isActive():
            item = self.tree.currentItem()
            if item is not None:
                self._open_item(item)
            return
        self._open_first = True
        self.run()

    def focus_results(self) -> None:
        self.tree.setFocus()

    def _open_item(self, item: QTreeWidgetItem) -> None:
        found = item.data(0, FOUND_ROLE)
        if found is not None:
            self.open_requested.emit(found)
