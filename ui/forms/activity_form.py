"""The volunteer-activity form: when and where, which team, and each participant's hours."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import ListQuery
from desktop_app.services.volunteers import activity_hours
from ui import lookups
from ui.forms.base import RecordForm
from ui.widgets import ChoiceCombo, from_qdate, to_qdate

MAX_HOURS = 24.0


def to_time(value: QTime) -> time:
    return time(value.hour(), value.minute())


def volunteer_first_choices(services, cluster_id: str | None) -> tuple[list[tuple[str, str]], int]:
    """The cluster's people, volunteers first; also how many volunteers lead the list."""
    volunteers = lookups.people_choices(services, cluster_id, role="volunteer")
    seen = {key for key, _label in volunteers}
    others = [c for c in lookups.people_choices(services, cluster_id) if c[0] not in seen]
    return volunteers + others, len(volunteers)


class ParticipantTable(QWidget):
    """Who took part and for how long: a picker, a small table with an hours box per row,
    a button that gives everyone the activity's length, and the total."""

    NAME, HOURS, REMOVE = range(3)

    def __init__(self, length, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._length = length  # callable: the activity's length in hours
        self.picker = ChoiceCombo(empty="选择志愿者…")
        self.picker.setMinimumContentsLength(14)
        add = QPushButton("添加")
        add.clicked.connect(self.add_picked)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["姓名", "服务时长", ""])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(self.HOURS, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(self.REMOVE, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(self.HOURS, 120)
        header.resizeSection(self.REMOVE, 60)
        # Four rows at least; the form gives it more where the screen allows (at 特大 on a
        # 1024×768 screen, 150 pixels put 保存 under the task bar).
        self.table.setMinimumHeight(120)
        self.fill_button = QPushButton("按活动时长填写")
        self.fill_button.setToolTip("把每位参与者的服务时长都设为活动时长")
        self.fill_button.clicked.connect(self.fill_with_length)
        self.total_label = QLabel()
        picking = QHBoxLayout()
        picking.setContentsMargins(0, 0, 0, 0)
        picking.addWidget(self.picker, 1)
        picking.addWidget(add)
        footer = QHBoxLayout()
        footer.setContentsMargins(0, 0, 0, 0)
        footer.addWidget(self.total_label, 1)
        footer.addWidget(self.fill_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(picking)
        layout.addWidget(self.table)
        layout.addLayout(footer)
        self._ids: list[str] = []
        self._update_total()

    def set_people(self, choices: list[tuple[str, str]], volunteers: int) -> None:
        self.picker.set_choices(choices)
        if 0 < volunteers < len(choices):
            self.picker.insertSeparator(volunteers + 1)  # after the empty entry and volunteers

    def add_picked(self) -> None:
        person_id = self.picker.key()
        if person_id:
            self.add(person_id, self.picker.currentText(), self._length() or None)
            self.picker.set_key(None)

    def add(self, person_id: str, name: str, hours: float | None = None) -> None:
        """Add a participant (an already listed person keeps their row)."""
        if person_id in self._ids:
            return
        row = self.table.rowCount()
        self.table.insertRow(row)
        self._ids.append(person_id)
        self.table.setItem(row, self.NAME, QTableWidgetItem(name))
        spin = QDoubleSpinBox()
        spin.setRange(0.0, MAX_HOURS)
        spin.setSingleStep(0.5)
        spin.setDecimals(1)
        spin.setSuffix(" 小时")
        spin.setValue(hours or 0.0)
        spin.valueChanged.connect(self._update_total)
        self.table.setCellWidget(row, self.HOURS, spin)
        remove = QPushButton("移除")
        remove.clicked.connect(lambda: self.remove(person_id))
        self.table.setCellWidget(row, self.REMOVE, remove)
        self._update_total()

    def remove(self, person_id: str) -> None:
        row = self._ids.index(person_id)
        self._ids.pop(row)
        self.table.removeRow(row)
        self._update_total()

    def clear(self) -> None:
        self._ids.clear()
        self.table.setRowCount(0)
        self._update_total()

    def spin(self, row: int) -> QDoubleSpinBox:
        return self.table.cellWidget(row, self.HOURS)

    def hours(self) -> dict[str, float]:
        return {person_id: self.spin(row).value() for row, person_id in enumerate(self._ids)}

    def set_hours(self, person_id: str, hours: float) -> None:
        self.spin(self._ids.index(person_id)).setValue(hours)

    def fill_with_length(self) -> None:
        length = self._length()
        if length <= 0:
            return
        for row in range(len(self._ids)):
            self.spin(row).setValue(length)

    def total(self) -> float:
        return sum(self.hours().values())

    def _update_total(self) -> None:
        self.total_label.setText(f"共 {len(self._ids)} 人，合计 {self.total():g} 小时")


class ActivityForm(RecordForm):
    service_name = "activities"
    record_table = "volunteer_activity"
    title_new = "新建志愿服务活动"
    title_edit = "编辑志愿服务活动"

    def build(self) -> None:
        self.resize(600, 720)
        self.cluster = ChoiceCombo(lookups.cluster_choices(self.services))
        self.cluster.set_key(lookups.default_cluster(self.services))
        self.cluster.currentIndexChanged.connect(self._cluster_changed)
        self.team = ChoiceCombo(empty="（不属于服务队）")
        self.title = QLineEdit()
        self.title.setPlaceholderText("例如：为民服务大集")
        self.held_on = QDateEdit()
        self.held_on.setCalendarPopup(True)
        self.held_on.setDisplayFormat("yyyy-MM-dd")
        self.held_on.setDate(to_qdate(date.today()))
        self.start_time = QTimeEdit(QTime(8, 30))
        self.end_time = QTimeEdit(QTime(11, 30))
        for edit in (self.start_time, self.end_time):
            edit.setDisplayFormat("HH:mm")
            edit.timeChanged.connect(self._times_changed)
        self.length_label = QLabel()
        end_row = QWidget()
        line = QHBoxLayout(end_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.end_time, 1)
        line.addWidget(self.length_label, 1)
        self.place = QLineEdit()
        self.place.setPlaceholderText("例如：黄璩村文化广场")
        self.content = QPlainTextEdit()
        self.content.setFixedHeight(70)
        self.content.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.people_served = QSpinBox()
        self.people_served.setRange(0, 1_000_000)
        self.people_served.setSuffix(" 人")
        self.participants = ParticipantTable(self.length)
        self.add_field("cluster_id", self.cluster)
        self.add_field("team_id", self.team)
        self.add_field("title", self.title)
        assert self.declared is not None
        kind = self.plain_field(self.declared.field("kind"))  # loaded and saved as plain
        assert kind is not None
        self.plain["kind"] = kind
        self.add_field("kind", kind.widget)
        self.add_field("held_on", self.held_on)
        self.add_field("start_time", self.start_time)
        self.add_field("end_time", end_row)
        self.add_field("place", self.place)
        self.add_field("content", self.content)
        self.add_field("people_served", self.people_served, "服务群众")
        self.add_field("participants", self.participants)
        self._cluster_changed()
        self._times_changed()

    def length(self) -> float:
        """The activity's length in hours (0 when the end is not after the start)."""
        start, end = to_time(self.start_time.time()), to_time(self.end_time.time())
        return max(0.0, activity_hours(start, end))

    def _times_changed(self) -> None:
        length = self.length()
        self.length_label.setText(f"活动时长 {length:g} 小时" if length else "结束应晚于开始")

    def _cluster_changed(self) -> None:
        cluster_id = self.cluster.key()
        teams = self.services.teams.list(ListQuery(cluster_id=cluster_id, limit=None)).items
        self.team.set_choices((t.id, t.name) for t in teams)
        self.participants.set_people(*volunteer_first_choices(self.services, cluster_id))

    def load(self, record_id: str) -> None:
        activity = self.services.activities.get(record_id)
        self.cluster.set_key(activity.cluster_id)
        self.cluster.setEnabled(False)
        self._cluster_changed()
        self.team.set_key(activity.team_id)
        self.title.setText(activity.title)
        self.held_on.setDate(to_qdate(activity.held_on))
        self.start_time.setTime(QTime(activity.start_time.hour, activity.start_time.minute))
        self.end_time.setTime(QTime(activity.end_time.hour, activity.end_time.minute))
        self.place.setText(activity.place)
        self.content.setPlainText(activity.content)
        self.people_served.setValue(activity.people_served)
        participants = self.services.activities.participants(record_id)
        rows = self.services.people.rows([p.person_id for p in participants])
        self.participants.clear()
        for participant in participants:
            row = rows.get(participant.person_id) or {}
            name = row.get("name", "（已删除的人员）")
            if row.get("post"):
                name = f"{name}（{row['post']}）"
            self.participants.add(participant.person_id, name, participant.hours)

    def values(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster.key(),
            "team_id": self.team.key(),
            "title": self.title.text(),
            "held_on": from_qdate(self.held_on.date()),
            "start_time": to_time(self.start_time.time()),
            "end_time": to_time(self.end_time.time()),
            "place": self.place.text().strip(),
            "content": self.content.toPlainText().strip(),
            "people_served": self.people_served.value(),
            "participants": self.participants.hours(),
        }

    def write(self, values: dict[str, Any]) -> str:
        if self.record_id:
            values.pop("cluster_id")
            return self.services.activities.update(self.record_id, **values).id
        return self.services.activities.create(**values).id
