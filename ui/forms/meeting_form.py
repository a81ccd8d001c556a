"""The meeting form (会议): basic facts, who attended, the agenda items discussed with their
outcomes, and the decisions, each of which can become a work task claimed by villages.

Four tabs (基本信息 / 参会人员 / 议题 / 决定) keep it readable at 1000×700. The in-form tables
are small (the tens of people of one cluster), so they are ``QTableWidget``s with cell widgets.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import UserError
from desktop_app.records.vocabulary import ATTENDANCE, MEETING_KINDS, MEETING_OUTCOMES
from desktop_app.services import ListQuery
from ui import lookups
from ui.forms.base import ERROR_STYLE, RecordForm
from ui.widgets import CheckList, ChoiceCombo, OptionalDateEdit, dialog_buttons

NOT_ATTENDING = "（不参加）"
NO_VOTES = -1  # the spin boxes' minimum, shown as "—": no vote was taken
DONE_STYLE = "color: #1b6e20;"
AGENDA_STATUSES_OFFERED = ("open", "concluded")
# Errors the services raise on fields that live inside one of the tables.
FIELD_OF = {"votes_for": "agenda", "votes_against": "agenda", "votes_abstain": "agenda",
            "present": "agenda", "due": "agenda", "decision_id": "decisions"}


def to_datetime(value: QDateTime) -> datetime:
    d, t = value.date(), value.time()
    return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def to_qdatetime(value: datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def vote_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(NO_VOTES, 9999)
    box.setSpecialValueText("—")
    box.setValue(NO_VOTES)
    box.setToolTip("未表决时保持“—”")
    return box


def vote_value(box: QSpinBox) -> int | None:
    return None if box.value() == NO_VOTES else box.value()


def read_only_item(text: str, key: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(text)
    if key is not None:
        item.setData(Qt.ItemDataRole.UserRole, key)
    return item


def small_table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(30)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    return table


class ClaimDialog(QDialog):
    """Which villages of the cluster claim the task a decision becomes (逐村认领)."""

    def __init__(self, decision_text: str, villages: list[tuple[str, str]],
                 checked: list[str] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("生成工作任务")
        self.resize(380, 340)
        intro = QLabel(f"将会议决定“{decision_text}”生成工作任务。请勾选认领该任务的村：")
        intro.setWordWrap(True)
        self.villages = CheckList()
        self.villages.set_choices(villages, checked)
        buttons = dialog_buttons(self, "生成任务", self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.villages, 1)
        layout.addWidget(buttons)

    def checked(self) -> list[str]:
        return self.villages.checked()


class MeetingForm(RecordForm):
    service_name = "meetings"
    record_table = "meeting"
    title_new = "新建会议"
    title_edit = "编辑会议"

    # --- building -------------------------------------------------------------------
    def build(self) -> None:
        self.resize(900, 620)
        self._tab_of: dict[str, int] = {}
        self.saved_decisions: list[dict[str, Any]] = []
        self.tabs = QTabWidget()
        self.layout().addWidget(self.tabs, 1)
        self._build_basics()
        self._build_attendees()
        self._build_agenda()
        self._build_decisions()
        self._cluster_changed()
        self._count_decisions()

    def _page(self, title: str) -> tuple[QWidget, int]:
        page = QWidget()
        return page, self.tabs.addTab(page, title)

    def _build_basics(self) -> None:
        page, index = self._page("基本信息")
        self.form = QFormLayout(page)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.cluster = ChoiceCombo(lookups.cluster_choices(self.services))
        self.cluster.set_key(lookups.default_cluster(self.services))
        self.cluster.currentIndexChanged.connect(self._cluster_changed)
        self.kind = ChoiceCombo(MEETING_KINDS.items())
        self.title = QLineEdit()
        self.title.setPlaceholderText("例如：黄璩联合党总支十一月联席会议")
        self.start = QDateTimeEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start.setDateTime(to_qdatetime(datetime.now().replace(second=0, microsecond=0)))
        self.place = QLineEdit()
        self.place.setPlaceholderText("例如：黄璩村党群服务中心")
        self.chair = ChoiceCombo(empty="（未指定）")
        self.recorder = ChoiceCombo(empty="（未指定）")
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("会议概况、主要精神等")
        for name, widget in (("cluster_id", self.cluster), ("kind", self.kind),
                             ("title", self.title), ("start", self.start), ("place", self.place),
                             ("chair_id", self.chair), ("recorder_id", self.recorder),
                             ("summary", self.summary)):
            self.add_field(name, widget)
            self._tab_of[name] = index

    def _error_label(self, name: str, index: int) -> QLabel:
        label = QLabel()
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        self.error_labels[name] = label
        self._tab_of[name] = index
        return label

    def _build_attendees(self) -> None:
        page, index = self._page("参会人员")
        self.attendee_table = small_table(["姓名", "所在村", "出席情况", "缺席原因"])
        header = self.attendee_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 220)
        header.resizeSection(1, 110)
        header.resizeSection(2, 110)
        header.setStretchLastSection(True)
        all_present = QPushButton("全部出席")
        all_present.clicked.connect(self.mark_all_present)
        clear = QPushButton("清空")
        clear.clicked.connect(self.clear_attendance)
        self.attendance_count = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.attendance_count, 1)
        buttons.addWidget(all_present)
        buttons.addWidget(clear)
        layout = QVBoxLayout(page)
        hint = QLabel("逐人选择出席、列席或缺席；缺席须填写原因。"
                      "未参加本次会议的人员保持“（不参加）”。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.attendee_table, 1)
        layout.addWidget(self._error_label("attendees", index))
        layout.addLayout(buttons)

    def _build_agenda(self) -> None:
        page, index = self._page("议题")
        self.agenda_picker = ChoiceCombo()
        self.agenda_picker.setPlaceholderText("（没有可添加的议题）")
        self.agenda_picker.setMinimumWidth(320)
        add = QPushButton("添加议题")
        add.clicked.connect(lambda: self.add_agenda_row(self.agenda_picker.key()))
        remove = QPushButton("移除所选")
        remove.clicked.connect(self.remove_agenda_row)
        picker = QHBoxLayout()
        picker.addWidget(QLabel("本联合党组织办理中、已决议的议题："))
        picker.addWidget(self.agenda_picker, 1)
        picker.addWidget(add)
        picker.addWidget(remove)
        self.agenda_table = small_table(["议题", "议定结果", "发言要点", "赞成", "反对", "弃权"])
        header = self.agenda_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((220, 100, 290, 62, 62, 62)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(page)
        layout.addLayout(picker)
        layout.addWidget(self.agenda_table, 1)
        layout.addWidget(self._error_label("agenda", index))
        note = QLabel("只有议定结果为“同意”或“原则同意”的议题，其会议决定才能生成工作任务。")
        note.setWordWrap(True)
        layout.addWidget(note)

    def _build_decisions(self) -> None:
        page, index = self._page("决定")
        self.decision_table = small_table(
            ["决定内容", "责任人", "截止日期", "关联议题", "工作任务"])
        header = self.decision_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The decision's text takes what the other columns leave (each of those shows its
        # whole value in a tooltip when cut short).
        for column, width in enumerate((250, 120, 115, 150, 110)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        add = QPushButton("添加决定")
        add.clicked.connect(lambda: self.add_decision_row())
        remove = QPushButton("删除所选（未保存的）")
        remove.clicked.connect(self.remove_decision_row)
        self.task_message = QLabel()
        self.task_message.setStyleSheet(DONE_STYLE)
        self.task_message.setWordWrap(True)
        self.task_message.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        layout = QVBoxLayout(page)
        hint = QLabel("已保存的决定不再修改；保存会议后，可将决定“生成任务”，由村认领办理。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addWidget(self.decision_table, 1)
        layout.addWidget(self._error_label("decisions", index))
        layout.addWidget(self.task_message)
        layout.addLayout(buttons)

    # --- the cluster decides the choices -----------------------------------------------
    def _cluster_changed(self) -> None:
        cluster_id = self.cluster.key()
        self.people = lookups.people_choices(self.services, cluster_id)
        self.chair.set_choices(self.people)
        self.recorder.set_choices(self.people)
        self._fill_attendees(self.attendance())
        offered = self._offered(cluster_id)
        keep = [row for row in self.agenda_rows() if row["agenda_item_id"] in offered]
        self.agenda_table.setRowCount(0)
        for row in keep:
            self.add_agenda_row(row["agenda_item_id"], row)
        self._refresh_agenda_picker()
        for row in range(self.decision_table.rowCount()):
            owner = self.decision_table.cellWidget(row, 1)
            if isinstance(owner, ChoiceCombo):
                owner.set_choices(self.people)
        self._refresh_decision_agenda()

    def _offered(self, cluster_id: str | None) -> dict[str, str]:
        """Agenda items a meeting of the cluster may take up: open or concluded ones."""
        if not cluster_id:
            return {}
        items = self.services.agenda.list(ListQuery(cluster_id=cluster_id, limit=None)).items
        return {i.id: i.title for i in items if i.status in AGENDA_STATUSES_OFFERED}

    # --- attendees ----------------------------------------------------------------------
    def _fill_attendees(self, keep: dict[str, dict[str, str]],
                        extra: list[tuple[str, str]] = ()) -> None:
        """One row per person of the cluster (and ``extra`` people), keeping their choices."""
        choices = list(self.people) + [c for c in extra if c[0] not in dict(self.people)]
        rows = self.services.people.rows([key for key, _ in choices]) if choices else {}
        self.attendee_table.setRowCount(0)
        for person_id, label in choices:
            row = self.attendee_table.rowCount()
            self.attendee_table.insertRow(row)
            self.attendee_table.setItem(row, 0, read_only_item(label, person_id))
            village = rows.get(person_id, {}).get("village", "")
            self.attendee_table.setItem(row, 1, read_only_item(village))
            choice = ChoiceCombo(ATTENDANCE.items(), empty=NOT_ATTENDING)
            reason = QLineEdit()
            reason.setPlaceholderText("缺席时填写，如：外出务工")
            choice.currentIndexChanged.connect(
                lambda _i, c=choice, r=reason: self._attendance_changed(c, r))
            self.attendee_table.setCellWidget(row, 2, choice)
            self.attendee_table.setCellWidget(row, 3, reason)
            state = keep.get(person_id, {})
            choice.set_key(state.get("attendance"))
            reason.setText(state.get("reason", ""))
            self._attendance_changed(choice, reason)

    def _attendance_changed(self, choice: ChoiceCombo, reason: QLineEdit) -> None:
        reason.setEnabled(choice.key() == "absent")
        self._count_attendance()

    def _count_attendance(self) -> None:
        counts = {key: 0 for key in ATTENDANCE}
        for state in self.attendance().values():
            counts[state["attendance"]] += 1
        self.attendance_count.setText("　".join(f"{label} {counts[key]} 人"
                                               for key, label in ATTENDANCE.items()))
        self.tabs.setTabText(1, f"参会人员（{sum(counts.values())}）")

    def attendance(self) -> dict[str, dict[str, str]]:
        """``person id -> {"attendance", "reason"}`` of everyone taking part."""
        chosen = {}
        for row in range(self.attendee_table.rowCount()):
            choice = self.attendee_table.cellWidget(row, 2)
            if choice is None or choice.key() is None:
                continue
            person_id = self.attendee_table.item(row, 0).data(Qt.ItemDataRole.UserRole)
            reason = self.attendee_table.cellWidget(row, 3).text().strip()
            chosen[person_id] = {"attendance": choice.key(),
                                 "reason": reason if choice.key() == "absent" else ""}
        return chosen

    def set_attendance(self, person_id: str, attendance: str | None, reason: str = "") -> None:
        for row in range(self.attendee_table.rowCount()):
            if self.attendee_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == person_id:
                self.attendee_table.cellWidget(row, 3).setText(reason)
                self.attendee_table.cellWidget(row, 2).set_key(attendance)
                return
        raise KeyError(person_id)

    def mark_all_present(self) -> None:
        for row in range(self.attendee_table.rowCount()):
            self.attendee_table.cellWidget(row, 2).set_key("present")

    def clear_attendance(self) -> None:
        for row in range(self.attendee_table.rowCount()):
            self.attendee_table.cellWidget(row, 2).set_key(None)
            self.attendee_table.cellWidget(row, 3).clear()

    # --- agenda items ---------------------------------------------------------------------
    def _refresh_agenda_picker(self) -> None:
        taken = {row["agenda_item_id"] for row in self.agenda_rows()}
        offered = self._offered(self.cluster.key())
        self.agenda_picker.set_choices((k, t) for k, t in offered.items() if k not in taken)
        self.tabs.setTabText(2, f"议题（{self.agenda_table.rowCount()}）")

    def add_agenda_row(self, agenda_item_id: str | None, values: dict[str, Any] | None = None,
                       title: str | None = None) -> None:
        taken = {r["agenda_item_id"] for r in self.agenda_rows()}
        if not agenda_item_id or agenda_item_id in taken:
            return
        values = values or {}
        title = title or self._offered(self.cluster.key()).get(agenda_item_id) \
            or self.services.agenda.get(agenda_item_id).title
        row = self.agenda_table.rowCount()
        self.agenda_table.insertRow(row)
        self.agenda_table.setItem(row, 0, read_only_item(title, agenda_item_id))
        outcome = ChoiceCombo(MEETING_OUTCOMES.items())
        outcome.set_key(values.get("outcome", "approved"))
        discussion = QLineEdit(values.get("discussion", ""))
        discussion.setPlaceholderText("发言要点、不同意见")
        discussion.setToolTip("发言要点、不同意见")
        self.agenda_table.setCellWidget(row, 1, outcome)
        self.agenda_table.setCellWidget(row, 2, discussion)
        for column, name in ((3, "votes_for"), (4, "votes_against"), (5, "votes_abstain")):
            box = vote_box()
            if values.get(name) is not None:
                box.setValue(values[name])
            self.agenda_table.setCellWidget(row, column, box)
        self._refresh_agenda_picker()
        self._refresh_decision_agenda()

    def remove_agenda_row(self) -> None:
        row = self.agenda_table.currentRow()
        if row >= 0:
            self.agenda_table.removeRow(row)
            self._refresh_agenda_picker()
            self._refresh_decision_agenda()

    def agenda_rows(self) -> list[dict[str, Any]]:
        rows = []
        for row in range(self.agenda_table.rowCount()):
            cell = self.agenda_table.cellWidget
            rows.append({
                "agenda_item_id": self.agenda_table.item(row, 0).data(Qt.ItemDataRole.UserRole),
                "outcome": cell(row, 1).key(),
                "discussion": cell(row, 2).text().strip(),
                "votes_for": vote_value(cell(row, 3)),
                "votes_against": vote_value(cell(row, 4)),
                "votes_abstain": vote_value(cell(row, 5)),
            })
        return rows

    def set_outcome(self, agenda_item_id: str, outcome: str) -> None:
        for row in range(self.agenda_table.rowCount()):
            if self.agenda_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == agenda_item_id:
                self.agenda_table.cellWidget(row, 1).set_key(outcome)
                return
        raise KeyError(agenda_item_id)

    def _agenda_titles(self) -> list[tuple[str, str]]:
        return [(self.agenda_table.item(r, 0).data(Qt.ItemDataRole.UserRole),
                 self.agenda_table.item(r, 0).text()) for r in range(self.agenda_table.rowCount())]

    # --- decisions --------------------------------------------------------------------------
    def add_decision_row(self, text: str = "", owner_id: str | None = None, deadline=None,
                         agenda_item_id: str | None = None) -> int:
        """A new (unsaved) decision row; returns its row number."""
        row = self.decision_table.rowCount()
        self.decision_table.insertRow(row)
        edit = QLineEdit(text)
        edit.setPlaceholderText("会议决定的内容")
        owner = ChoiceCombo(self.people, empty="（未指定）")
        owner.set_key(owner_id)
        due = OptionalDateEdit()
        due.set_value(deadline)
        item = ChoiceCombo(self._agenda_titles(), empty="（无）")
        item.set_key(agenda_item_id)
        pending = read_only_item("保存后可生成")
        pending.setForeground(Qt.GlobalColor.gray)
        for column, widget in enumerate((edit, owner, due, item)):
            self.decision_table.setCellWidget(row, column, widget)
        self.decision_table.setItem(row, 4, pending)
        self._count_decisions()
        return row

    def _add_saved_decision_row(self, decision: dict[str, Any]) -> None:
        row = self.decision_table.rowCount()
        self.decision_table.insertRow(row)
        people = dict(self.people)
        deadline = decision["deadline"].isoformat() if decision["deadline"] else ""
        cells = (decision["text"], people.get(decision["owner_id"], decision["owner"]), deadline,
                 decision["agenda_title"])
        for column, text in enumerate(cells):
            key = decision["id"] if column == 0 else None
            self.decision_table.setItem(row, column, read_only_item(text, key))
        self._show_task_cell(row, decision)

    def _show_task_cell(self, row: int, decision: dict[str, Any]) -> None:
        old = self.decision_table.cellWidget(row, 4)
        if old is not None:
            old.hide()  # Qt deletes it later; until then it must not show up elsewhere
        task = decision.get("task")
        if task:
            label = QLabel(f"已生成任务：{task['title']}")
            label.setToolTip(task["title"])
            label.setStyleSheet(DONE_STYLE)
            self.decision_table.setCellWidget(row, 4, label)
            return
        button = QPushButton("生成任务")
        button.setToolTip("将该决定生成工作任务，并选择认领的村")
        button.clicked.connect(lambda: self.make_task(decision["id"]))
        self.decision_table.setCellWidget(row, 4, button)

    def _refresh_decision_agenda(self) -> None:
        titles = self._agenda_titles()
        for row in range(self.decision_table.rowCount()):
            combo = self.decision_table.cellWidget(row, 3)
            if isinstance(combo, ChoiceCombo):
                combo.set_choices(titles)

    def remove_decision_row(self) -> None:
        row = self.decision_table.currentRow()
        if row >= 0 and isinstance(self.decision_table.cellWidget(row, 0), QLineEdit):
            self.decision_table.removeRow(row)
            self._count_decisions()

    def _count_decisions(self) -> None:
        self.tabs.setTabText(3, f"决定（{self.decision_table.rowCount()}）")

    def new_decisions(self) -> list[dict[str, Any]]:
        rows = []
        for row in range(self.decision_table.rowCount()):
            cell = self.decision_table.cellWidget
            if not isinstance(cell(row, 0), QLineEdit):
                continue  # a saved decision, shown read-only
            rows.append({"text": cell(row, 0).text().strip(), "owner_id": cell(row, 1).key(),
                         "deadline": cell(row, 2).value(), "agenda_item_id": cell(row, 3).key()})
        return rows

    def decision_row(self, decision_id: str) -> int:
        for row in range(self.decision_table.rowCount()):
            item = self.decision_table.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == decision_id:
                return row
        return -1

    def ask_villages(self, decision: dict[str, Any]) -> list[str] | None:
        """The villages that claim the task (offering the agenda item's villages), or None
        if the person cancelled."""
        item_id = decision["agenda_item_id"]
        offered = self.services.agenda.village_ids(item_id) if item_id else []
        villages = lookups.village_choices(self.services, self.cluster.key())
        dialog = ClaimDialog(decision["text"], villages, offered, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.checked()

    def make_task(self, decision_id: str) -> str | None:
        """Turn a saved decision into a work task; returns the task id, or None."""
        self.clear_errors()
        self.task_message.hide()
        if self.has_unsaved_changes():
            self.show_error("decisions", "会议有尚未保存的修改，请先保存会议，再生成任务")
            return None
        decision = next(d for d in self.saved_decisions if d["id"] == decision_id)
        village_ids = self.ask_villages(decision)
        if village_ids is None:
            return None
        try:
            task = self.services.meetings.decision_to_task(decision_id, village_ids=village_ids)
        except UserError as error:
            self.show_error("decisions", str(error))
            return None
        decision["task"] = {"id": task.id, "title": task.title}
        self._show_task_cell(self.decision_row(decision_id), decision)
        names = dict(lookups.village_choices(self.services, self.cluster.key()))
        claimed = "、".join(names[v] for v in village_ids if v in names) or "暂无村认领"
        self.task_message.setText(f"已生成工作任务“{task.title}”（认领：{claimed}），可在“任务”中查看和办理。")
        self.task_message.show()
        return task.id

    # --- loading and saving -------------------------------------------------------------
    def load(self, record_id: str) -> None:
        meetings = self.services.meetings
        meeting = meetings.get(record_id)
        self.cluster.set_key(meeting.cluster_id)
        self.cluster.setEnabled(False)
        self._cluster_changed()
        self.kind.set_key(meeting.kind)
        self.title.setText(meeting.title)
        self.start.setDateTime(to_qdatetime(meeting.start))
        self.place.setText(meeting.place)
        self.chair.set_key(meeting.chair_id)
        self.recorder.set_key(meeting.recorder_id)
        self.summary.setPlainText(meeting.summary)
        attendees = meetings.attendees(record_id)
        outsiders = [a.person_id for a in attendees if a.person_id not in dict(self.people)]
        extra = [(p, r["name"]) for p, r in self.services.people.rows(outsiders).items()]
        states = {a.person_id: {"attendance": a.attendance, "reason": a.reason} for a in attendees}
        self._fill_attendees(states, extra)
        for row in meetings.agenda(record_id):
            self.add_agenda_row(row.agenda_item_id, vars(row))
        titles = dict(self._agenda_titles())
        tasks = meetings.decision_tasks(record_id)
        decisions = meetings.decisions(record_id)
        owners = self.services.people.rows([d.owner_id for d in decisions if d.owner_id])
        for decision in decisions:
            title = titles.get(decision.agenda_item_id, "")
            if decision.agenda_item_id and not title:
                title = self.services.agenda.get(decision.agenda_item_id).title
            self.saved_decisions.append({
                **vars(decision), "agenda_title": title, "task": tasks.get(decision.id),
                "owner": owners.get(decision.owner_id, {}).get("name", "")})
            self._add_saved_decision_row(self.saved_decisions[-1])
        self._count_decisions()

    def values(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster.key(),
            "kind": self.kind.key(),
            "title": self.title.text(),
            "start": to_datetime(self.start.dateTime()),
            "place": self.place.text().strip(),
            "chair_id": self.chair.key(),
            "recorder_id": self.recorder.key(),
            "summary": self.summary.toPlainText().strip(),
            "attendees": [{"person_id": p, **state} for p, state in self.attendance().items()],
            "agenda": self.agenda_rows(),
            "decisions": self.new_decisions(),
        }

    def write(self, values: dict[str, Any]) -> str:
        if self.record_id:
            values.pop("cluster_id")
            return self.services.meetings.update(self.record_id, **values).id
        return self.services.meetings.create(**values).id

    def show_error(self, field: str | None, message: str) -> None:
        field = FIELD_OF.get(field, field)
        super().show_error(field, message)
        if field in self._tab_of:
            self.tabs.setCurrentIndex(self._tab_of[field])
