"""排班: the month's 值班表 as a calendar-like table (days × officers) with 生成, 调班替班,
请假 and 打印; and the rota's records as lists (轮值人员, 值班安排, 调班替班, 请假, 排班规则,
节假日)."""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import UserError
from desktop_app.services import Services
from ui import icons, lookups, theme
from ui.background import off_thread, run_in_background, show_error, unwrapped
from ui.exports import after_saving
from ui.forms.rota_forms import (
    HolidayForm,
    LeaveForm,
    PatternForm,
    PoolForm,
    SwapForm,
    TurnForm,
)
from ui.lazy_pane import LazyTabs
from ui.list_page import ListPage, ListSpec
from ui.record_model import declared_columns
from ui.widgets import ChoiceCombo, dialog_buttons, from_qdate, to_qdate

STATUS_COLOURS = {"absent": "#c62828", "excused": "#ef6c00", "present": "#2e7d32"}
HOLIDAY_BACKGROUND = "#fdecea"
OFF_BACKGROUND = "#f2f2f2"
OFFICER_WIDTH = 150  # pixels at 标准 字号

POOL = ListSpec(title="轮值人员", service="pool", columns=declared_columns("duty_pool_member"),
                form=PoolForm, villages=False, search_hint="搜索备注（Ctrl+F）")
TURNS = ListSpec(title="值班安排", service="turns", columns=declared_columns("rota_turn"),
                 form=TurnForm, villages=False, date_label="值班")
SWAPS = ListSpec(title="调班替班", service="swaps", columns=declared_columns("rota_swap"),
                 form=SwapForm, villages=False, date_label="值班")
LEAVE = ListSpec(title="请假", service="leave", columns=declared_columns("duty_leave"),
                 form=LeaveForm, villages=False, date_label="请假")
PATTERNS = ListSpec(title="排班规则", service="patterns",
                    columns=declared_columns("rota_pattern"), form=PatternForm, villages=False)
# A holiday without a cluster is the town's, for every cluster: its 适用范围 reads 全镇.
HOLIDAYS = ListSpec(title="节假日", service="holidays", columns=declared_columns("holiday"),
                    form=HolidayForm, villages=False, date_label="日期",
                    search_hint="搜索节日名称（Ctrl+F）")


def next_month(today: date) -> tuple[date, date]:
    first = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last


def officer_cell(officer: dict[str, Any]) -> str:
    text = officer["person"]
    if officer["swapped_from"]:
        text += f"（替{officer['swapped_from']}）"
    if officer["status"] != "due":
        text += f" · {officer['status_label']}"
    return text


class GenerateDialog(QDialog):
    """生成值班表: from and to (a month or a quarter), and whether to replace what is there."""

    def __init__(self, first: date, last: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("生成值班表")
        self.first, self.last = QDateEdit(to_qdate(first)), QDateEdit(to_qdate(last))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.replace = QCheckBox("覆盖这段时间已有的值班安排（调班、手工修改将被替换）")
        form = QFormLayout()
        form.addRow("开始日期", self.first)
        form.addRow("结束日期", self.last)
        form.addRow("", self.replace)
        hint = QLabel("按“排班规则”的值班日和每日人数，在轮值人员中轮流排班，"
                      "跳过法定节假日、补上调休上班日；最长一个季度。")
        hint.setWordWrap(True)
        buttons = dialog_buttons(self, "生成", self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def period(self) -> tuple[date, date]:
        return from_qdate(self.first.date()), from_qdate(self.last.date())


class MonthRota(QWidget):
    """The month's 值班表 of one cluster: a row a day, a column an officer."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = off_thread(services)
        today = date.today()
        self.month = today.replace(day=1)
        self.cluster = ChoiceCombo(lookups.cluster_choices(self.services))
        self.cluster.set_key(lookups.default_cluster(self.services))
        self.cluster.currentIndexChanged.connect(self.reload)
        self.month_label = QLabel()
        self.month_label.setMinimumWidth(90)
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        previous, following = QPushButton("上月"), QPushButton("下月")
        previous.clicked.connect(lambda: self.move(-1))
        following.clicked.connect(lambda: self.move(1))
        self.generate_button = QPushButton("生成值班表…")
        self.generate_button.clicked.connect(self.generate)
        self.swap_button = QPushButton("调班替班…")
        self.swap_button.clicked.connect(lambda: self.open_form(SwapForm))
        self.leave_button = QPushButton("请假…")
        self.leave_button.clicked.connect(lambda: self.open_form(LeaveForm))
        self.print_button = icons.with_icon(QPushButton("打印值班表…"), "导出 Word")
        self.print_button.clicked.connect(self.print_month)
        top = QHBoxLayout()  # the cluster and the month; below them what to do with it
        top.addWidget(self.cluster, 1)
        top.addWidget(previous)
        top.addWidget(self.month_label)
        top.addWidget(following)
        actions = QHBoxLayout()  # on a row of their own: beside the month, at 字号 大 the
        for button in (self.generate_button, self.swap_button, self.leave_button):
            actions.addWidget(button)  # page asked for 1,082 pixels
        actions.addStretch(1)
        actions.addWidget(self.print_button)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.reload()

    def move(self, months: int) -> None:
        month = self.month.month - 1 + months
        self.month = date(self.month.year + month // 12, month % 12 + 1, 1)
        self.reload()

    def reload(self) -> None:
        self.month_label.setText(f"{self.month.year}年{self.month.month}月")
        cluster_id = self.cluster.key()
        if not cluster_id:
            self.table.setRowCount(0)
            return
        data = self.services.rota.month(cluster_id, self.month.year, self.month.month)
        self.fill(data)

    def fill(self, data: dict[str, Any]) -> None:
        width = data["per_day"]
        headers = ["日期", "星期", *(f"值班人员{n + 1}" for n in range(width)), "备注"]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(data["days"]))
        counts = {"absent": 0, "excused": 0, "present": 0, "due": 0}
        for row, day in enumerate(data["days"]):
            background = (HOLIDAY_BACKGROUND if day["holiday"]
                          else None if day["staffed"] or day["officers"] else OFF_BACKGROUND)
            cells = [f"{day['day']:%m-%d}", day["weekday"]]
            cells += [officer_cell(o) for o in day["officers"]]
            cells += [""] * (width - len(day["officers"]))
            remark = day["holiday"] or day["workday"]
            if day["unplanned"]:
                remark = remark or "未排班"
            cells.append(remark)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if background:
                    item.setBackground(QBrush(QColor(background)))
                self.table.setItem(row, column, item)
            for n, officer in enumerate(day["officers"]):
                counts[officer["status"]] += 1
                colour = STATUS_COLOURS.get(officer["status"])
                if colour:
                    self.table.item(row, 2 + n).setForeground(QBrush(QColor(colour)))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in range(2, 2 + width):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, max(theme.px(OFFICER_WIDTH),
                                             self.table.sizeHintForColumn(column)))
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        role = f"每天须有{data['required_role']}；" if data["required_role"] else ""
        self.summary.setText(
            f"{data['cluster']} {data['year']}年{data['month']}月：{role}到岗 "
            f"{counts['present']} 人次，请假 {counts['excused']}，缺岗 {counts['absent']}，"
            f"待到岗 {counts['due']}。红色为缺岗，橙色为请假，浅红底为法定节假日。")

    def generate(self) -> None:
        cluster_id = self.cluster.key()
        first = self.month if self.month > date.today() else next_month(date.today())[0]
        last = next_month(first - timedelta(days=1))[1] if first.day == 1 else first
        dialog = GenerateDialog(first, last, self)
        if not dialog.exec():
            return
        try:
            result = self.services.turns.generate(cluster_id, *dialog.period(),
                                                  replace=dialog.replace.isChecked())
        except UserError as error:
            show_error(self, error)
            return
        QMessageBox.information(self, "生成值班表",
                                f"已生成：值班 {result['days']} 天，共 {result['turns']} 人次。")
        self.month = dialog.period()[0].replace(day=1)
        self.reload()

    def open_form(self, form_class) -> None:
        form = form_class(unwrapped(self.services), None, self)
        if form.exec():
            self.reload()

    def print_month(self) -> None:
        from ui.exports import _ask_path  # the save dialog every export uses

        cluster_id = self.cluster.key()
        suggested = f"值班表-{self.month.year}年{self.month.month}月.docx"
        path = _ask_path(self, "值班表", suggested)
        if not path:
            return
        services, month = unwrapped(self.services), self.month

        def work(_progress):
            from pathlib import Path

            from desktop_app.documents.rota_table import export_rota_month

            return export_rota_month(services, cluster_id, month.year, month.month, Path(path))

        run_in_background(self, work, on_done=lambda saved: after_saving(self, "值班表", saved),
                          label="正在生成值班表…")


class SortedItem(QTableWidgetItem):
    """A cell that sorts by ``value``, not by its text: a cluster by the town's order of
    clusters (pinyin, not code points), a share shown as "85%" by its number."""

    def __init__(self, text: str, value: float) -> None:
        super().__init__(text)
        self.value = value

    def __lt__(self, other: QTableWidgetItem) -> bool:
        if isinstance(other, SortedItem):
            return self.value < other.value
        return super().__lt__(other)


def figure_item(value: float | None) -> SortedItem:
    """A share as "85%", right-aligned (no figure: "—", first)."""
    item = SortedItem("—" if value is None else f"{value:.0%}", -1.0 if value is None else value)
    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class CoverageTable(QWidget):
    """覆盖与到岗: each cluster's 值班覆盖率 and 到岗率 this quarter (the town's view)."""

    HEADERS = ("联合党组织", "值班覆盖率", "到岗率")

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = off_thread(services)
        title = QLabel("覆盖与到岗")
        title.setStyleSheet(f"font-size: {theme.pt(15)}pt; font-weight: bold;")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        # By cluster, A to Z, until a header is clicked (Qt's default order is Z to A).
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)

    def reload(self) -> None:
        today = self.services.rota.today()
        quarter = (today.month - 1) // 3 + 1
        rows = self.services.rota.indicators(today.year, quarter)
        self.heading.setText(f"{today.year}年第{quarter}季度：值班覆盖率为按排班规则应值班的日子中"
                             "排满人的比例；到岗率为已到期、未请假的值班中签到的比例。")
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):  # in the town's order of clusters
            self.table.setItem(number, 0, SortedItem(row["cluster"], number))
            self.table.setItem(number, 1, figure_item(row["coverage"]))
            self.table.setItem(number, 2, figure_item(row["attendance"]))
        self.table.setSortingEnabled(True)


class RotaPage(QWidget):
    """排班: the month's table first, then the rota's records as lists."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month = MonthRota(services)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.month, "值班表")
        self.lists: LazyTabs[ListPage] = LazyTabs(self.tabs)  # each built when first shown
        for spec in (POOL, TURNS, SWAPS, LEAVE, PATTERNS, HOLIDAYS):
            self.lists.add(spec.title, functools.partial(ListPage, services, spec))
        self.coverage = CoverageTable(services)
        self.tabs.addTab(self.coverage, "覆盖与到岗")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.month:
            self.month.reload()
        elif self.tabs.widget(index) is self.coverage:
            self.coverage.reload()

