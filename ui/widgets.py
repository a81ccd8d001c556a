"""Small widgets the screens share: optional dates, check lists, record pickers, and the
read-only tables of rows."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QEvent,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QTableView,
    QToolButton,
    QWidget,
)

# A notice above a screen or a form (sample data, nobody on shift): dark amber on pale amber.
NOTICE_STYLE = "color: #8a4b00; background: #fff4e0; padding: 4px 8px;"


def dialog_buttons(dialog: QDialog, ok_text: str, on_ok: Callable[[], object]) -> QDialogButtonBox:
    """A dialog's ``ok_text`` and 取消 buttons: ``on_ok`` when pressed, 取消 closes."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


class _PaintedInOneCall:
    """A widget whose painting runs inside one call into Python, holding the GIL throughout.

    Painting a table asks its model (Python) for every visible cell and its header for every
    section: entered from Qt's C++ one call at a time, each call took the GIL anew, and while
    a worker thread ran Python each waited up to the switch interval for it (a list of 180
    cells repainted beside the dashboard's worker: 74 ms of waiting). Entered once here (the
    base class's painting is C++ called from Python, which keeps the GIL), the model's calls
    need no waiting; the worker waits for the paint instead."""

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)  # type: ignore[misc]


class RowTableView(_PaintedInOneCall, QTableView):
    pass


class RowTableHeader(_PaintedInOneCall, QHeaderView):
    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        # The layout asks it of every section's header data: in one call into Python.
        return super().sizeHint()


def row_table(model: QAbstractItemModel, widths: Iterable[int], *, row_height: int = 26,
              stretch_last: bool = True, samples: Sequence[Sequence[str]] = ()) -> QTableView:
    """A read-only table of whole rows, one selected at a time, one line a row, with these
    column widths, each widened to its header's text, and to the widest of its ``samples``
    (per column), if that is longer (the last column takes the spare width unless
    ``stretch_last`` is False)."""
    table = RowTableView()
    heading = RowTableHeader(Qt.Orientation.Horizontal, table)
    heading.setSectionsClickable(True)  # as the header a QTableView makes itself
    heading.setHighlightSections(True)
    table.setHorizontalHeader(heading)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)  # long texts end in "…" instead of being cut in half
    table.verticalHeader().setVisible(False)
    from ui import theme  # 字号 scales the rows with the text

    table.verticalHeader().setDefaultSectionSize(theme.px(row_height))
    header = table.horizontalHeader()
    header.setStretchLastSection(stretch_last)
    for number, width in enumerate(widths):
        header.resizeSection(number, width)
    widen_to_headers(header, samples)
    return table


def widen_to_headers(header: QHeaderView, samples: Sequence[Sequence[str]] = ()) -> None:
    """Widen each column too narrow for its header's text (节假日值班 in 60 pixels read
    “†假日值班”): to the header's width, so that no header is cut; and, given ``samples``
    (per column, the texts it must show whole: a vocabulary's labels), to the widest of
    them (议题's 当前环节 read “待实施结果…”)."""
    for number in range(header.count()):
        texts = samples[number] if number < len(samples) else ()
        needed = max([header_width(header, number), *(cell_width(header, t) for t in texts)])
        if header.sectionSize(number) < needed:
            header.resizeSection(number, needed)


def cell_width(header: QHeaderView, text: str) -> int:
    """The width a column of ``header``'s table needs to show ``text`` whole in a cell: the
    text, the item view's text margin on both sides (Qt's PM_FocusFrameHMargin + 1) and the
    grid line."""
    view = header.parentWidget() or header
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return text_width(view, text) + 2 * margin + 1


def text_width(widget: QWidget, text: str) -> int:
    """``text``'s width in ``widget``'s font, rounded up: Qt lays a cell's text out in
    fractions of a pixel, and elides it if it is wider than its room by any fraction (at 特大
    “158****3912” is 121.17 pixels wide, and read “158****39…” in 121)."""
    return math.ceil(QFontMetricsF(widget.font()).horizontalAdvance(text))


def header_width(header: QHeaderView, number: int) -> int:
    """The width column ``number`` needs to show its header's text whole."""
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    text = str(header.model().headerData(number, header.orientation()) or "")
    return text_width(header, text) + 2 * margin + 2  # and its lines


def details_button(*hidden: QWidget) -> QToolButton:
    """A 详细信息 toggle: technical details (ids, versions, paths) stay out of sight until
    someone asks for them, e.g. while on the phone with support."""
    button = QToolButton()
    button.setText("详细信息 ▸")
    button.setCheckable(True)
    button.setAutoRaise(True)

    def toggled(shown: bool) -> None:
        button.setText("详细信息 ▾" if shown else "详细信息 ▸")
        for widget in hidden:
            widget.setVisible(shown)

    button.toggled.connect(toggled)
    toggled(False)
    return button


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class OptionalDateEdit(QWidget):
    """A date that may be left empty: a check box switches the date field on."""

    changed = Signal()

    def __init__(self, label: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled = QCheckBox(label)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy-MM-dd")
        self.edit.setDate(QDate.currentDate())
        self.edit.setEnabled(False)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.enabled.toggled.connect(self.changed)
        self.edit.dateChanged.connect(self.changed)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.enabled.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))


class CheckList(QListWidget):
    """A list of choices, each with a check box (villages concerned, participants ...)."""

    def set_choices(self, choices: Iterable[tuple[str, str]], checked: Iterable[str] = ()) -> None:
        checked = set(checked)
        self.clear()
        for key, label in choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in checked else Qt.CheckState.Unchecked)
            self.addItem(item)

    def checked(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, keys: Iterable[str]) -> None:
        keys = set(keys)
        for i in range(self.count()):
            item = self.item(i)
            state = (Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in keys
                     else Qt.CheckState.Unchecked)
            item.setCheckState(state)


class ChoiceCombo(QComboBox):
    """A combo box of ``(key, label)`` choices, optionally with an "any/none" first entry."""

    def __init__(self, choices: Iterable[tuple[object, str]] = (), *, empty: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty = empty
        self.set_choices(choices)

    def set_choices(self, choices: Iterable[tuple[object, str]]) -> None:
        current = self.key()
        self.blockSignals(True)
        self.clear()
        if self._empty is not None:
            self.addItem(self._empty, None)
        for key, label in choices:
            self.addItem(label, key)
        self.blockSignals(False)
        self.set_key(current)

    def key(self):
        return self.currentData()

    def set_key(self, key) -> None:
        index = self.findData(key)
        self.setCurrentIndex(index if index >= 0 else 0)


class _StretchKeepingHeader(QObject):
    """Keeps a stretched column as wide as its header, or its cells (see
    ``stretch_keeping_header``)."""

    def __init__(self, table: QTableView, section: int, contents: bool) -> None:
        super().__init__(table)
        self.table, self.section, self.contents = table, section, contents
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._other_resized)
        if contents:  # cells filled one by one: measured once they all are
            self._refit = QTimer(self)
            self._refit.setSingleShot(True)
            self._refit.timeout.connect(self.fit)
            model = table.model()
            for changed in (model.dataChanged, model.rowsInserted, model.modelReset):
                changed.connect(self._refit.start)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        del watched  # Qt's own viewport (see ``ui.idle_lock.IdleLock.eventFilter``)
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _other_resized(self, section: int, _old: int, _new: int) -> None:
        if section != self.section:
            self.fit()

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        others = sum(header.sectionSize(n) for n in range(header.count())
                     if n != self.section and not header.isSectionHidden(n))
        minimum = header_width(header, self.section)
        if self.contents:
            minimum = max(minimum, self.table.sizeHintForColumn(self.section))
        room = self.table.viewport().width() - others
        mode = (QHeaderView.ResizeMode.Stretch if room >= minimum
                else QHeaderView.ResizeMode.Interactive)
        if header.sectionResizeMode(self.section) != mode:
            header.setSectionResizeMode(self.section, mode)
        if mode == QHeaderView.ResizeMode.Interactive and \
                header.sectionSize(self.section) < minimum:
            header.resizeSection(self.section, minimum)


def stretch_keeping_header(table: QTableView, section: int, *, contents: bool = False) -> None:
    """The column ``section`` takes the table's spare width, and gives it up when the others
    need it, but never so far that its header is cut (矛盾纠纷's 纠纷简要情况 read “纷简要情”
    at 1024 pixels), nor, with ``contents`` (a small table's names), its cells (擂台比武's
    联合党组织 read “…” at 特大): the table scrolls sideways instead. ``contents`` measures
    every cell: not for a list that loads its rows as they are shown."""
    table.horizontalHeader().setSectionResizeMode(section, QHeaderView.ResizeMode.Stretch)
    _StretchKeepingHeader(table, section, contents)
