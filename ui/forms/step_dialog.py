"""Recording one 四议两公开 step of an agenda item, with the verdict shown while typing.

The dialog offers only the step the item waits for (the service refuses any other anyway).
Steps 2–4 take attendance and a vote; the line under the counts says, as the numbers are
typed, whether the quorum and the majority are met (``desktop_app.records.procedure.judge``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records import procedure
from desktop_app.records.errors import UserError, ValidationError
from desktop_app.records.vocabulary import DECISION_STEPS, STEP_BODIES, VILLAGERS_MEETING
from desktop_app.services import Services
from desktop_app.services.agenda import check_attendance_and_votes
from ui import theme
from ui.background import in_place
from ui.forms.base import ERROR_STYLE, RecordForm
from ui.widgets import ChoiceCombo, to_qdate

VOTING_STEPS = (2, 3, 4)
COUNT_FIELDS = ("due", "present", "votes_for", "votes_against", "votes_abstain")
MAX_COUNT = 99_999
PASS_STYLE = "color: #1b6e2a; font-weight: bold;"
FAIL_STYLE = "color: #b3261e; font-weight: bold;"
NEUTRAL_STYLE = "color: #555555;"

FORM_LABELS = {1: "会议形式", 2: "表决方式", 3: "表决方式", 4: "表决方式",
               5: "公开形式", 6: "公开形式"}
FORM_CHOICES = {
    1: ["支部委员会集体研究", "听取党员和群众意见后集体研究"],
    2: ["举手表决", "无记名投票", "口头表决"],
    3: ["举手表决", "无记名投票"],
    4: ["举手表决", "无记名投票"],
    5: ["村务公开栏张贴", "村务公开栏张贴并在村民微信群公示", "广播通知"],
    6: ["村务公开栏张贴", "村务公开栏张贴并在村民微信群公示", "广播通知"],
}
TEXT_LABELS = {1: "提议内容", 2: "商议意见", 3: "审议意见", 4: "决议内容",
               5: "公开内容", 6: "实施结果"}
STEP4_BODIES = (STEP_BODIES[4], VILLAGERS_MEETING)


def step_name(step: int, body: str = "") -> str:
    """The step's full name; step 4 held by the villagers' meeting reads 村民会议决议."""
    if step == 4 and body == VILLAGERS_MEETING:
        return "村民会议决议"
    return DECISION_STEPS[step]


NOT_YET_COUNTED = "填写实到人数和表决票数后，这里显示能否通过。"


def verdict_text(vote: procedure.StepVote) -> tuple[str, bool | None]:
    """The live verdict line and whether it passes (None: the step takes no vote)."""
    verdict = procedure.judge(vote)
    if vote.step == 1:
        return "提议无需表决：记录后即可进入第2步“两委会商议”。", None
    if verdict.publication:
        return "公开步骤无需表决：记录后即为“已公开”。", None
    parts = []
    if vote.due:
        shown = vote.present if vote.present is not None else "—"
        parts.append(f"出席比例 {procedure.percent(vote.present, vote.due)}"
                     f"（实到 {shown} / 应到 {vote.due}）")
    if verdict.quorum_met is not None:
        parts.append("法定人数" + ("已达到" if verdict.quorum_met else "未达到"))
    if verdict.majority_met is not None:
        parts.append("赞成票" + ("已过半数" if verdict.majority_met else "未过半数"))
    summary = "　".join(parts)
    if verdict.passed:
        return f"通过　{summary}", True
    return f"不通过：{'；'.join(verdict.problems)}\n{summary}", False


class StepDialog(RecordForm):
    """Record step ``step`` (default: the step the item waits for) of agenda item ``item_id``."""

    # Its reads and its save are of a row or two (under 1 ms on the large sample): they stay on
    # the GUI thread, so that nothing else runs while the dialog is being built.
    calls_off_thread = False

    def __init__(self, services: Services, item_id: str, step: int | None = None,
                 parent: QWidget | None = None) -> None:
        services = in_place(services)  # see calls_off_thread
        self.item_id = item_id
        self.step = step if step is not None else services.agenda.next_step(item_id)
        if self.step is None:
            raise UserError("该议题的四议两公开六个步骤已全部完成")
        self.item_title = services.agenda.get(item_id).title
        self.verdict: procedure.Verdict | None = None
        super().__init__(services, item_id, parent)
        self.setWindowTitle(f"记录第{self.step}步：{step_name(self.step, self.body_value())}")
        self._update_verdict()
        self.resize(620, self.sizeHint().height())

    # --- building ------------------------------------------------------------------
    def build(self) -> None:
        step = self.step
        self.heading = QLabel()
        self.heading.setStyleSheet(f"font-size: {theme.pt(13)}pt; font-weight: bold;")
        subtitle = QLabel(f"议题：{self.item_title}")
        subtitle.setWordWrap(True)
        subtitle.setStyleSheet(NEUTRAL_STYLE)
        self.step_error = QLabel()
        self.step_error.setStyleSheet(ERROR_STYLE)
        self.step_error.setWordWrap(True)
        self.step_error.hide()
        self.error_labels["step"] = self.step_error
        top = self.layout()
        for number, widget in enumerate((self.heading, subtitle, self.step_error)):
            top.insertWidget(number, widget)
        top.addStretch(1)  # a taller window grows below the fields, not between them

        if step == 4:
            self.body = ChoiceCombo([(b, b) for b in STEP4_BODIES])
            self.body.currentIndexChanged.connect(self._body_changed)
        else:
            self.body = QLineEdit(STEP_BODIES[step])
        self.held_on = QDateEdit()
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.held_on.setDate(QDate.currentDate())
        self.meeting_form = QComboBox()
        self.meeting_form.setEditable(True)
        self.meeting_form.addItems(FORM_CHOICES[step])
        self.meeting_form.setCurrentText("")
        self.meeting_form.lineEdit().setPlaceholderText("选择或输入")
        self.add_field("body", self.body, "议事主体" if step <= 4 else "公开场所")
        self.add_field("held_on", self.held_on, "日期")
        self.add_field("form", self.meeting_form, FORM_LABELS[step])

        self._build_counts()

        self.text = QPlainTextEdit()
        self.text.setMaximumHeight(80)
        self.dissent = QPlainTextEdit()
        self.dissent.setMaximumHeight(60)
        self.dissent.setPlaceholderText("无则不填")
        self.town_attendees = QLineEdit()
        self.town_attendees.setPlaceholderText("例如：孙包村（包村干部）、李明（党建指导员）")
        self.supervision = QPlainTextEdit()
        self.supervision.setMaximumHeight(60)
        self.supervision.setPlaceholderText("村务监督委员会及群众的监督意见")
        self.add_field("text", self.text, TEXT_LABELS[step])
        self.add_field("dissent", self.dissent, "不同意见")
        self.add_field("town_attendees", self.town_attendees, "镇列席人员")
        self.add_field("supervision", self.supervision, "监督意见")
        self._set_row_visible(self.dissent, step <= 4)
        self._set_row_visible(self.town_attendees, step in (3, 4))
        self._set_row_visible(self.supervision, step == 6)
        self._show_heading()

    def _build_counts(self) -> None:
        """应到 / 实到 / 比例 on one line, 赞成 / 反对 / 弃权 on the next, the verdict below."""
        self.due = self._spin(" 人")
        self.present = self._spin(" 人")
        self.votes_for = self._spin(" 票")
        self.votes_against = self._spin(" 票")
        self.votes_abstain = self._spin(" 票")
        self.ratio_label = QLabel()
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.counts = QWidget()
        grid = QGridLayout(self.counts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        cells = (("应到", self.due), ("实到", self.present), (None, self.ratio_label),
                 ("赞成", self.votes_for), ("反对", self.votes_against),
                 ("弃权", self.votes_abstain))
        for number, (label, widget) in enumerate(cells):
            row, column = divmod(number, 3)
            if label:
                grid.addWidget(QLabel(label), row, column * 2)
            grid.addWidget(widget, row, column * 2 + 1)
        grid.setColumnStretch(6, 1)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.counts)
        for name in COUNT_FIELDS:
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            column.addWidget(error)
            self.error_labels[name] = error
        voting = self.step in VOTING_STEPS
        self.form.addRow("出席与表决", box)
        # Steps 1, 5 and 6 take no vote: the counts hide, the line says why.
        self.form.addRow("表决结果" if voting else "", self.verdict_label)
        self.counts_row = box
        self._set_row_visible(box, voting)
        for name in COUNT_FIELDS:
            getattr(self, name).valueChanged.connect(self._update_verdict)

    def _spin(self, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, MAX_COUNT)
        spin.setSuffix(suffix)
        spin.setMinimumWidth(80)
        return spin

    def _set_row_visible(self, widget: QWidget, visible: bool) -> None:
        """Show or hide the form row holding ``widget`` (fields sit in an error box)."""
        field = widget
        while field is not None and self.form.indexOf(field) < 0:
            field = field.parentWidget()
        if field is not None:
            self.form.setRowVisible(field, visible)

    def _show_heading(self) -> None:
        self.heading.setText(f"第{self.step}步 · {step_name(self.step, self.body_value())}")

    def _body_changed(self) -> None:
        self._show_heading()
        self.setWindowTitle(f"记录第{self.step}步：{step_name(self.step, self.body_value())}")
        self._update_verdict()

    # --- the live verdict ------------------------------------------------------------
    def vote(self) -> procedure.StepVote:
        counts = self._counts()
        return procedure.StepVote(step=self.step, body=self.body_value(), **counts)

    def _update_verdict(self) -> None:
        if not hasattr(self, "verdict_label"):
            return
        counts = self._counts()
        ratio = procedure.percent(counts.get("present"), counts.get("due"))
        self.ratio_label.setText(f"比例 {ratio}")
        untouched = counts and counts.get("present") is None and not any(
            counts.get(name) for name in ("votes_for", "votes_against", "votes_abstain"))
        try:
            check_attendance_and_votes(counts)
        except ValidationError as error:  # the same check saving will make
            text, passed = f"人数有误：{error.message}", False
        else:
            text, passed = verdict_text(self.vote())
        if untouched and passed is False:  # nothing counted yet: no red verdict on a blank form
            text, passed = NOT_YET_COUNTED, None
        self.verdict_label.setText(text)
        style = NEUTRAL_STYLE if passed is None else PASS_STYLE if passed else FAIL_STYLE
        self.verdict_label.setStyleSheet(style)

    # --- values ----------------------------------------------------------------------
    def body_value(self) -> str:
        if not hasattr(self, "body"):
            return ""
        if isinstance(self.body, ChoiceCombo):
            return self.body.key() or STEP_BODIES[self.step]
        return self.body.text().strip()

    def _counts(self) -> dict[str, int | None]:
        if self.step not in VOTING_STEPS:
            return {}
        return {
            # Nobody is "due" at a meeting of zero: 0 attendance means "not filled in".
            "due": self.due.value() or None,
            "present": self.present.value() or None,
            "votes_for": self.votes_for.value(),
            "votes_against": self.votes_against.value(),
            "votes_abstain": self.votes_abstain.value(),
        }

    def values(self) -> dict[str, Any]:
        step = self.step
        values: dict[str, Any] = {
            "body": self.body_value() or STEP_BODIES[step],
            "held_on": self.held_on.date().toPython(),
            "form": self.meeting_form.currentText().strip(),
            "text": self.text.toPlainText().strip(),
        }
        values.update(self._counts())
        if step <= 4:
            values["dissent"] = self.dissent.toPlainText().strip()
        if step in (3, 4):
            values["town_attendees"] = self.town_attendees.text().strip()
        if step == 6:
            values["supervision"] = self.supervision.toPlainText().strip()
        return values

    def load(self, record_id: str) -> None:
        """A failed step held again starts from what was recorded the first time."""
        earlier = [s for s in self.services.agenda.steps(record_id) if s.step == self.step]
        if not earlier:
            return
        row = earlier[0]
        if isinstance(self.body, ChoiceCombo):
            self.body.set_key(row.body)
        elif row.body:
            self.body.setText(row.body)
        if row.held_on and row.held_on > date.today():
            self.held_on.setDate(to_qdate(row.held_on))
        self.meeting_form.setCurrentText(row.form)
        for name in COUNT_FIELDS:
            value = getattr(row, name)
            if value is not None:
                getattr(self, name).setValue(value)
        self.text.setPlainText(row.text)
        self.dissent.setPlainText(row.dissent)
        self.town_attendees.setText(row.town_attendees)
        self.supervision.setPlainText(row.supervision)
        self._body_changed()

    def write(self, values: dict[str, Any]) -> str:
        row, self.verdict = self.services.agenda.record_step(self.item_id, self.step, **values)
        return row.id
