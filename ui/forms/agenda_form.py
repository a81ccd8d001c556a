"""The agenda-item form (议题): what the matter is, where it came from, the villages it
concerns, its analysis and measures; when editing, its 四议两公开 timeline."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records import procedure
from desktop_app.records.errors import UserError
from desktop_app.records.vocabulary import AGENDA_SOURCES, DECISION_STEPS
from desktop_app.services import Services
from ui import lookups, theme
from ui.forms.base import RecordForm
from ui.forms.step_dialog import VOTING_STEPS, StepDialog, step_name
from ui.widgets import CheckList, ChoiceCombo, OptionalDateEdit

CATEGORIES = ["基础设施", "产业发展", "集体资产", "民生保障", "社会治理", "人才培育", "党的建设",
              "人居环境"]
STATE_COLOURS = {"已通过": "#1b6e2a", "已公开": "#1b6e2a", "未通过": "#b3261e",
                 "待进行": "#8a5a00", "未开始": "#8a8a8a"}
NEXT_BACKGROUND = QBrush(QColor("#fff4d6"))
TIMELINE_HEADERS = ["步骤", "状态", "日期", "出席", "表决"]


def step_state(outcome: str | None, waiting: bool) -> str:
    """已通过 / 未通过 / 已公开 for a step held, 待进行 for the next one, else 未开始."""
    if outcome == "passed":
        return "已通过"
    if outcome == "failed":
        return "未通过"
    if outcome == "published":
        return "已公开"
    return "待进行" if waiting else "未开始"


def attendance_text(due: int | None, present: int | None) -> str:
    if due is None and present is None:
        return ""
    shown = lambda n: "—" if n is None else str(n)  # noqa: E731
    return f"应到 {shown(due)} / 实到 {shown(present)} / {procedure.percent(present, due)}"


def votes_text(votes_for: int | None, against: int | None, abstain: int | None) -> str:
    if votes_for is None and against is None and abstain is None:
        return ""
    return f"赞成 {votes_for or 0} · 反对 {against or 0} · 弃权 {abstain or 0}"


class AgendaForm(RecordForm):
    service_name = "agenda"
    record_table = "agenda_item"
    also_edits = ("category",)  # beside the source, in its row
    title_new = "新建议题"
    title_edit = "编辑议题"

    def __init__(self, services: Services, record_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, record_id, parent)
        self.resize(theme.px(720), self.sizeHint().height())  # on the screen: fit_on_screen

    def build(self) -> None:
        self.step_dialog: StepDialog | None = None
        self._steps_recorded = False
        self.cluster = ChoiceCombo(lookups.cluster_choices(self.services))
        self.cluster.set_key(lookups.default_cluster(self.services))
        self.cluster.currentIndexChanged.connect(self._cluster_changed)
        self.title = QLineEdit()
        self.title.setPlaceholderText("例如：黄璩村至韩璩村生产路硬化")
        self.source = ChoiceCombo(AGENDA_SOURCES.items())
        self.category = QComboBox()
        self.category.setEditable(True)
        self.category.addItems(CATEGORIES)
        self.category.setCurrentText("")
        self.category.lineEdit().setPlaceholderText("选择或输入类别")
        self.villages = CheckList()
        self.villages.setFlow(QListView.Flow.LeftToRight)
        self.villages.setWrapping(True)
        self.villages.setSpacing(2)
        self.villages.setMaximumHeight(56)
        self.raised_on = OptionalDateEdit("填写")
        self.raised_on.set_value(date.today())
        self.description = self._text_box("议题的具体内容、涉及范围和群众诉求")
        self.analysis = self._text_box("问题短板、原因分析、可行性")
        self.measures = self._text_box("工作措施、责任分工、时间安排")

        source_row = QWidget()
        line = QHBoxLayout(source_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.source, 1)
        line.addWidget(QLabel("类别"))
        line.addWidget(self.category, 1)
        self.add_field("cluster_id", self.cluster)
        self.add_field("title", self.title)
        self.add_field("source", source_row)
        self.add_field("village_ids", self.villages)
        self.add_field("raised_on", self.raised_on)
        self.add_field("description", self.description)
        self.add_field("analysis", self.analysis)
        self.add_field("measures", self.measures)
        self._cluster_changed()
        if self.record_id:
            self._build_timeline()
        else:
            self.hint = QLabel("保存议题后，可在此记录“四议两公开”各步骤；"
                               "点“保存并记录第1步”可接着记录党支部会提议。")
            self.hint.setWordWrap(True)
            self.hint.setStyleSheet("color: #555555;")
            self.layout().addWidget(self.hint)
            self.first_step_button = self.buttons.addButton(
                "保存并记录第1步", QDialogButtonBox.ButtonRole.ActionRole)
            self.first_step_button.setAutoDefault(False)
            self.first_step_button.clicked.connect(self.save_and_record_first_step)
            if self._needs_a_shift():
                self.first_step_button.setEnabled(False)
        self.scroll_fields()  # with the timeline below, taller than a 1024×768 screen at 大

    @staticmethod
    def _text_box(placeholder: str) -> QPlainTextEdit:
        box = QPlainTextEdit()
        box.setPlaceholderText(placeholder)
        box.setMaximumHeight(62)
        return box

    def _build_timeline(self) -> None:
        group = QGroupBox("四议两公开进程")
        group.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        column = QVBoxLayout(group)
        self.timeline = QTableWidget(len(DECISION_STEPS), len(TIMELINE_HEADERS))
        self.timeline.setHorizontalHeaderLabels(TIMELINE_HEADERS)
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.timeline.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Its height is fixed to the six steps: a sideways bar would hide the last one.
        self.timeline.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row_height = theme.px(24)  # the 字号's text, whole
        self.timeline.verticalHeader().setDefaultSectionSize(row_height)
        header = self.timeline.horizontalHeader()
        for number, width in enumerate((150, 60, 90, 190)):
            header.resizeSection(number, theme.px(width))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        rows = row_height * len(DECISION_STEPS)
        self.timeline.setFixedHeight(rows + header.sizeHint().height() + 4)
        self.next_button = QPushButton()
        self.next_button.clicked.connect(self.record_next_step)
        self.timeline_note = QLabel()
        self.timeline_note.setStyleSheet("color: #555555;")
        self.withdraw_button = QPushButton("撤回议题")
        self.withdraw_button.clicked.connect(self.toggle_withdrawn)
        row = QHBoxLayout()
        row.addWidget(self.timeline_note, 1)
        row.addWidget(self.withdraw_button)
        row.addWidget(self.next_button)
        column.addWidget(self.timeline)
        column.addLayout(row)
        layout = self.layout()
        assert isinstance(layout, QBoxLayout)
        hint = getattr(self, "hint", None)  # a new item just saved: the timeline takes its place
        layout.insertWidget(layout.indexOf(hint) if hint is not None else layout.count(), group)

    # --- loading ---------------------------------------------------------------------
    def _cluster_changed(self) -> None:
        checked = self.villages.checked()
        choices = lookups.village_choices(self.services, self.cluster.key())
        self.villages.set_choices(choices, checked)

    def load(self, record_id: str) -> None:
        item = self.services.agenda.get(record_id)
        self.cluster.set_key(item.cluster_id)
        self.cluster.setEnabled(False)
        self._cluster_changed()
        self.title.setText(item.title)
        self.source.set_key(item.source)
        self.category.setCurrentText(item.category)
        self.villages.set_checked(self.services.agenda.village_ids(record_id))
        self.raised_on.set_value(item.raised_on)
        self.description.setPlainText(item.description)
        self.analysis.setPlainText(item.analysis)
        self.measures.setPlainText(item.measures)
        self.show_timeline()

    def show_timeline(self) -> None:
        """One line per step: state, date, attendance and votes; the next step highlighted."""
        item = self.services.agenda.get(self.record_id)
        steps = {s.step: s for s in self.services.agenda.steps(self.record_id)}
        waiting = procedure.next_step({n: s.outcome for n, s in steps.items()})
        if item.status == "withdrawn":
            waiting = None
        self.waiting_step = waiting
        bold = QFont()
        bold.setBold(True)
        for number in DECISION_STEPS:
            held = steps.get(number)
            state = step_state(held.outcome if held else None, number == waiting)
            cells = [
                f"{number}. {step_name(number, held.body if held else '')}",
                state,
                held.held_on.isoformat() if held and held.held_on else "",
                attendance_text(held.due, held.present) if held else "",
                votes_text(held.votes_for, held.votes_against, held.votes_abstain) if held else "",
            ]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if held and (held.text or held.dissent):
                    cell.setToolTip("\n".join(t for t in (held.text, held.dissent and
                                                          f"不同意见：{held.dissent}") if t))
                if column == 1:
                    cell.setForeground(QBrush(QColor(STATE_COLOURS[state])))
                if number == waiting:
                    cell.setBackground(NEXT_BACKGROUND)
                    cell.setFont(bold)
                self.timeline.setItem(number - 1, column, cell)
        self.withdraw_button.setVisible(item.status in ("open", "withdrawn"))
        self.withdraw_button.setText("恢复办理" if item.status == "withdrawn" else "撤回议题")
        if waiting is None:
            self.next_button.hide()
            self.timeline_note.setText("议题已撤回，不再表决。" if item.status == "withdrawn"
                                       else "四议两公开六个步骤已全部完成。")
        else:
            held = steps.get(waiting)
            again = "（重新表决）" if held and held.outcome == "failed" else ""
            self.next_button.setText(f"记录第{waiting}步：{DECISION_STEPS[waiting]}{again}")
            self.next_button.show()
            self.timeline_note.setText(self._note(waiting, held))

    @staticmethod
    def _note(waiting: int, held) -> str:
        if held is not None and held.outcome == "failed":
            return f"第{waiting}步未通过，可重新召开会议后再次记录。"
        if waiting in VOTING_STEPS:
            return "下一步需记录出席人数和表决票数。"
        return ""

    def save_and_record_first_step(self) -> None:
        """保存并记录第1步: the new item is saved, the form stays open as the item's own form
        (with its timeline), and the first step's dialog opens."""
        if not self.write_form():
            return
        self.record_id = self.saved_id
        self.setWindowTitle(self.title_edit)
        self.cluster.setEnabled(False)
        self.first_step_button.hide()
        self._build_timeline()
        self.hint.hide()
        self._steps_recorded = True  # saved: closing the form refreshes the list
        self.show_timeline()
        self.record_next_step()

    # --- the steps ---------------------------------------------------------------------
    def record_next_step(self) -> None:
        """Open the step dialog for the step the item waits for; refresh after saving."""
        if not self.record_id or self.waiting_step is None:
            return
        self.step_dialog = StepDialog(self.services, self.record_id, self.waiting_step, self)
        try:
            if self.step_dialog.exec() and self.step_dialog.saved_id:
                self._steps_recorded = True
                self.saved_id = self.record_id
                self.show_timeline()
        finally:
            self.step_dialog.deleteLater()
            self.step_dialog = None

    def toggle_withdrawn(self) -> None:
        """撤回议题 stops the procedure (the item stays on record, 已撤回); 恢复办理 takes it
        up again where it stopped."""
        item = self.services.agenda.get(self.record_id)
        withdrawing = item.status == "open"
        if withdrawing and QMessageBox.question(
                self, "撤回议题", f"确定撤回议题“{item.title}”吗？\n撤回后不再表决，"
                "需要时可点“恢复办理”继续。") != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.agenda.update(self.record_id,
                                        status="withdrawn" if withdrawing else "open")
        except UserError as error:
            self.show_error(None, str(error))
            return
        self._steps_recorded = True  # a change: the list refreshes when the form closes
        self.saved_id = self.record_id
        self.show_timeline()

    def done(self, result: int) -> None:
        """Closing after recording a step still counts as a change, so the list refreshes."""
        accepted = self.DialogCode.Accepted.value
        if int(result) != accepted and self._steps_recorded:
            self.saved_id = self.record_id
            result = accepted
        super().done(int(result))

    # --- saving ------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster.key(),
            "title": self.title.text(),
            "source": self.source.key(),
            "category": self.category.currentText().strip(),
            "village_ids": self.villages.checked(),
            "raised_on": self.raised_on.value(),
            "description": self.description.toPlainText().strip(),
            "analysis": self.analysis.toPlainText().strip(),
            "measures": self.measures.toPlainText().strip(),
        }

    def write(self, values: dict[str, Any]) -> str:
        if self.record_id:
            values.pop("cluster_id")
            return self.services.agenda.update(self.record_id, **values).id
        return self.services.agenda.create(**values).id
