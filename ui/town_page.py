"""全镇概况 (the town PC's 工作台): every joint Party organisation in a sortable table.

Offices that have not sent a sync file for too long stand out (amber, red, and said in
words); a one-line reminder for the phone call can be copied; Enter or a double-click opens
the cluster's own dashboard. Figures come from ``desktop_app.reports.town``, off the GUI
thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.config.settings import Settings
from desktop_app.reports.town import ClusterFigures, town_overview
from desktop_app.services import Services
from ui import theme
from ui.background import run_in_background
from ui.first_paint import after_first_paint
from ui.widgets import row_table, stretch_keeping_header

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
LEVEL_WORDS = {"good": "及时", "amber": "偏久", "red": "过久"}
# Header, width (widened to the header's text), display text, sort value: at 1024×768 the
# names keep some 110 pixels and nothing scrolls sideways.
COLUMNS = [
    ("联合党组织", 110, lambda r: r.name, lambda r: r.name),
    ("流动红旗", 76, lambda r: f"★ {r.red_flag}" if r.red_flag else "", lambda r: r.red_flag),
    ("未办结任务", 60, lambda r: str(r.open_tasks), lambda r: r.open_tasks),
    ("逾期任务", 60, lambda r: str(r.overdue_tasks), lambda r: r.overdue_tasks),
    ("待推进议题", 60, lambda r: str(r.waiting_items), lambda r: r.waiting_items),
    ("本季度志愿时长", 80, lambda r: f"{r.hours_this_quarter:g} 小时",
     lambda r: r.hours_this_quarter),
    ("本月值班覆盖率", 80, lambda r: "—" if r.duty_coverage is None else f"{r.duty_coverage:.0%}",
     lambda r: -1.0 if r.duty_coverage is None else r.duty_coverage),
    ("最近收到文件", 90,
     lambda r: f"{r.last_file_at.astimezone():%Y-%m-%d}" if r.last_file_at else "从未收到",
     lambda r: r.last_file_at.timestamp() if r.last_file_at else 0.0),
    ("距今", 95, lambda r: ("—" if r.days_since_file is None else f"{r.days_since_file} 天")
     + f"（{LEVEL_WORDS[r.level]}）",
     lambda r: 10**6 if r.days_since_file is None else r.days_since_file),
    ("待处理冲突", 60, lambda r: str(r.conflicts), lambda r: r.conflicts),
]
AGE_COLUMN = 8
COVERAGE_COLUMN = 6
RIGHT_ALIGNED = {1, 2, 3, 4, 5, COVERAGE_COLUMN, AGE_COLUMN, 9}  # figures; not names or dates


class ClusterModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[ClusterFigures] = []

    def set_rows(self, rows: list[ClusterFigures]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        _header, _width, text, sort = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text(row)
        if role == SORT_ROLE:
            return sort(row)
        if role == Qt.ItemDataRole.ToolTipRole and row.level != "good":
            return row.reminder()
        if row.level != "good" and index.column() == AGE_COLUMN:
            colours = theme.LEVELS[row.level]
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(colours[0]))
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(colours[1]))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None


class TownOverviewPage(QWidget):
    """``loaded`` fires when the figures have arrived."""

    loaded = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = ClusterModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = row_table(self.proxy, [theme.px(c[1]) for c in COLUMNS], stretch_last=False)
        self.table.setSortingEnabled(True)
        stretch_keeping_header(self.table, 0)
        self.table.sortByColumn(AGE_COLUMN, Qt.SortOrder.DescendingOrder)  # late offices first
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.setToolTip("双击或按回车键打开该联合党组织的工作台；点击表头排序")

        heading = QLabel("全镇概况")
        heading.setStyleSheet(f"font-size: {theme.pt(16)}pt; font-weight: bold;")
        self.summary = QLabel("正在统计…")
        self.summary.setWordWrap(True)
        self.copy_button = QPushButton("复制电话提醒")
        self.copy_button.setToolTip("复制选中联合党组织的一句话提醒，打电话时照着说")
        self.copy_button.clicked.connect(self.copy_reminder)
        self.open_button = QPushButton("打开工作台")
        self.open_button.clicked.connect(self.open_selected)
        self.copied = QLabel()
        self.copied.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copied, 1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._shown_before = False

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._shown_before:
            self.refresh()
        else:
            self._shown_before = True
            after_first_paint(self, self.refresh)

    def refresh(self) -> None:
        services, warn_days = self.services, Settings.load().warn_days
        self._warn_days = warn_days
        run_in_background(self, lambda _p: town_overview(services, warn_days=warn_days),
                          on_done=self.show_rows)

    def show_rows(self, rows: list[ClusterFigures]) -> None:
        self.model.set_rows(rows)
        late = [r for r in rows if r.level != "good"]
        if not rows:
            self.summary.setText("还没有联合党组织。请到“人员与村庄”页面登记，"
                                 "或用 U 盘读入各值班室的同步文件。")
        else:
            self.summary.setText(
                f"共 {len(rows)} 个联合党组织；{len(late)} 个值班室超过 {self._warn_days} 天"
                f"没有送来同步文件（黄色：超过 {self._warn_days} 天，红色：超过 "
                f"{2 * self._warn_days} 天或从未收到）。")
        if rows and not self.table.selectionModel().selectedRows():
            self.table.selectRow(0)
        self.loaded.emit()

    def selected(self) -> ClusterFigures | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.rows[self.proxy.mapToSource(rows[0]).row()]

    def copy_reminder(self) -> str:
        row = self.selected()
        if row is None:
            return ""
        text = row.reminder()
        QGuiApplication.clipboard().setText(text)
        self.copied.setText(f"已复制：{text}")
        return text

    def open_selected(self) -> QDialog | None:
        """The selected cluster's dashboard, in a window of its own."""
        row = self.selected()
        if row is None:
            return None
        from ui.dashboard import DashboardPage

        dialog = QDialog(self)
        dialog.setWindowTitle(f"工作台 · {row.name}")
        dialog.page = DashboardPage(self.services, dialog, cluster_id=row.cluster_id)  # type: ignore[attr-defined]
        QVBoxLayout(dialog).addWidget(dialog.page)  # type: ignore[attr-defined]
        dialog.resize(theme.px(1000), theme.px(700))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        self.dashboard = dialog
        return dialog
