"""The work-task form: title, claiming villages, assignee, dates, status; progress updates."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from desktop_app.records.errors import UserError
from desktop_app.records.vocabulary import PRIORITIES, TASK_STATUSES
from ui import lookups
from ui.forms.base import RecordForm
from ui.widgets import CheckList, ChoiceCombo, OptionalDateEdit


class TaskForm(RecordForm):
    service_name = "tasks"
    record_table = "work_task"
    title_new = "新建工作任务"
    title_edit = "编辑工作任务"

    def build(self) -> None:
        self.resize(560, 640)
        self.cluster = ChoiceCombo(lookups.cluster_choices(self.services))
        self.cluster.set_key(lookups.default_cluster(self.services))
        self.cluster.currentIndexChanged.connect(self._cluster_changed)
        self.title = QLineEdit()
        self.title.setPlaceholderText("例如：清理黄璩村东排水沟淤泥")
        self.villages = CheckList()
        self.villages.setMaximumHeight(120)
        self.assignee = ChoiceCombo(empty="（未指定）")
        self.agenda = ChoiceCombo(empty="（无）")
        self.priority = ChoiceCombo(PRIORITIES.items())
        self.priority.set_key(2)
        self.status = ChoiceCombo(TASK_STATUSES.items())
        self.found_on = OptionalDateEdit("填写")
        self.found_on.set_value(date.today())
        self.due_on = OptionalDateEdit("填写")
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(90)
        self.add_field("cluster_id", self.cluster)
        self.add_field("title", self.title)
        self.add_field("village_ids", self.villages)
        self.add_field("assignee_id", self.assignee)
        self.add_field("agenda_item_id", self.agenda)
        self.add_field("priority", self.priority)
        self.add_field("status", self.status)
        self.add_field("found_on", self.found_on)
        self.add_field("due_on", self.due_on)
        self.add_field("description", self.description)
        self._cluster_changed()
        if self.record_id:
            self._build_progress()

    def _build_progress(self) -> None:
        self.progress_list = QListWidget()
        self.progress_list.setMaximumHeight(110)
        self.progress_text = QLineEdit()
        self.progress_text.setPlaceholderText("新的进展，例如：已联系施工队")
        self.progress_percent = QSpinBox()
        self.progress_percent.setRange(0, 100)
        self.progress_percent.setSuffix(" %")
        add = QPushButton("添加进展")
        add.clicked.connect(self.add_progress)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.progress_text, 1)
        line.addWidget(self.progress_percent)
        line.addWidget(add)
        self.add_field("progress", self.progress_list, "进展记录")
        self.add_field("text", row, "添加进展")

    def _cluster_changed(self) -> None:
        cluster_id = self.cluster.key()
        checked = self.villages.checked()
        self.villages.set_choices(lookups.village_choices(self.services, cluster_id), checked)
        self.assignee.set_choices(lookups.people_choices(self.services, cluster_id))
        self.agenda.set_choices(lookups.agenda_choices(self.services, cluster_id))

    def load(self, record_id: str) -> None:
        task = self.services.tasks.get(record_id)
        self.cluster.set_key(task.cluster_id)
        self.cluster.setEnabled(False)
        self._cluster_changed()
        self.title.setText(task.title)
        self.villages.set_checked(self.services.tasks.village_ids(record_id))
        self.assignee.set_key(task.assignee_id)
        self.agenda.set_key(task.agenda_item_id)
        self.priority.set_key(task.priority)
        self.status.set_key(task.status)
        self.found_on.set_value(task.found_on)
        self.due_on.set_value(task.due_on)
        self.description.setPlainText(task.description)
        self._show_progress()

    def _show_progress(self) -> None:
        self.progress_list.clear()
        for update in self.services.tasks.progress(self.record_id):
            percent = f"（{update.percent}%）" if update.percent is not None else ""
            self.progress_list.addItem(f"{update.noted_at:%Y-%m-%d %H:%M}  {update.text}{percent}")

    def add_progress(self) -> None:
        self.clear_errors()
        try:
            self.services.tasks.add_progress(self.record_id, self.progress_text.text(),
                                             percent=self.progress_percent.value() or None)
        except UserError as error:
            self.show_error(getattr(error, "field", None), str(error))
            return
        self.progress_text.clear()
        self.progress_percent.setValue(0)
        self._show_progress()
        self.status.set_key(self.services.tasks.get(self.record_id).status)
        self._initial["status"] = self.status.key()

    def values(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster.key(),
            "title": self.title.text(),
            "village_ids": self.villages.checked(),
            "assignee_id": self.assignee.key(),
            "agenda_item_id": self.agenda.key(),
            "priority": self.priority.key(),
            "status": self.status.key(),
            "found_on": self.found_on.value(),
            "due_on": self.due_on.value(),
            "description": self.description.toPlainText().strip(),
        }

    def write(self, values: dict[str, Any]) -> str:
        if self.record_id:
            values.pop("cluster_id")
            return self.services.tasks.update(self.record_id, **values).id
        return self.services.tasks.create(**values).id
