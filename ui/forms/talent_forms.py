"""Forms of 人才联育: a talent (an existing person or a new one), a 青雁 rotation, a training
with who signed in."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QTabWidget, QWidget

from desktop_app.services import ListQuery
from ui.background import run_in_background, unwrapped
from ui.dashboard_widgets import RowsList
from ui.forms.cluster_record_form import ClusterRecordForm
from ui.forms.rows_table import RowColumn, RowsTable


def talent_choices(services, cluster_id: str | None, pool: str | None = None
                   ) -> list[tuple[str, str]]:
    """The cluster's talents (of one pool), by name."""
    if not cluster_id:
        return []
    talents = services.talents.list(ListQuery(cluster_id=cluster_id, status=pool,
                                              limit=None)).items
    names = services.talents.names([t.id for t in talents])
    return sorted(((t.id, names.get(t.id, t.id)) for t in talents), key=lambda c: c[1])


def _hours(value) -> str:
    return f"{value or 0:g}"


class TalentRecordTabs(QTabWidget):
    """A talent's 履历 in three read-only lists, read off the GUI thread; ``loaded`` fires
    when they are filled. A double-click (or Enter) opens the training, project or post."""

    loaded = Signal()
    TABS = ("培训", "项目", "轮岗岗位")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.trainings = RowsList(
            [("held_on", "日期", None), ("title", "培训", None), ("role", "身份", None),
             ("hours", "学时", _hours)], [86, 160, 44, 44], "没有授课或参训记录。")
        self.projects = RowsList(
            [("start_on", "开始", None), ("name", "项目", None), ("status", "状态", None),
             ("role", "担任", None)], [86, 160, 56, 80], "没有负责的产业项目。")
        self.posts = RowsList(
            [("start_on", "起", None), ("post", "岗位", None), ("end_on", "止", None),
             ("mentor", "导师", None), ("assessment", "鉴定", None)],
            [86, 80, 86, 60, 44], "没有青雁轮岗岗位。")
        for widget, name, table in zip(
                (self.trainings, self.projects, self.posts), self.TABS,
                ("training_session", "aid_project", "post_rotation"), strict=True):
            widget.setMaximumHeight(170)
            widget.opened.connect(lambda record_id, table=table: self.open(table, record_id))
            self.addTab(widget, f"{name}（…）")
        self._services = None
        self._talent_id = ""

    def load(self, services, talent_id: str) -> None:
        self._services, self._talent_id = services, talent_id  # plain objects for the worker
        run_in_background(self, lambda _p: services.talents.record(talent_id),
                          on_done=self.show_record)

    def open(self, table: str, record_id: str) -> None:
        from ui import open_record

        if self._services is not None and open_record.open_record(
                self._services, table, record_id, self):
            self.load(self._services, self._talent_id)  # show what was saved

    def show_record(self, record) -> None:
        lists = (record.trainings, record.projects, record.posts)
        for index, (widget, rows) in enumerate(zip(
                (self.trainings, self.projects, self.posts), lists, strict=True)):
            widget.set_rows(rows)
            self.setTabText(index, f"{self.TABS[index]}（{len(rows)}）")
        self.loaded.emit()


class TalentForm(ClusterRecordForm):
    title_new, title_edit = "新增人才", "编辑人才"
    service_name, record_table = "talents", "talent_profile"
    people_fields = ("person_id",)
    form_size = (560, 620)

    def build_more(self) -> None:
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("库中没有此人时填写，保存时一并新建")
        self.new_id_number = QLineEdit()
        self.new_id_number.setMaxLength(18)
        self.new_id_number.setPlaceholderText("新建人员的身份证号（用于核对年龄）")
        self.form.addRow("或新建人员", self.new_name)
        self.form.addRow("身份证号", self.new_id_number)

    def build_rows(self) -> None:
        """履历 (a saved talent only): read-only lists of trainings, projects and posts."""
        self.record_tabs: TalentRecordTabs | None = None
        if self.record_id:
            self.record_tabs = TalentRecordTabs(self)
            self.form.addRow("履历", self.record_tabs)

    def load_rows(self, record) -> None:
        self.references["person_id"].setEnabled(False)
        for line in (self.new_name, self.new_id_number):
            line.setEnabled(False)
        if self.record_tabs is not None:
            self.record_tabs.load(unwrapped(self.services), record.id)

    def write(self, values: dict[str, Any]) -> str:
        name = self.new_name.text().strip()
        if self.record_id or values.get("person_id") or not name:
            return super().write(values)
        person = {"name": name, "cluster_id": values["cluster_id"],
                  "id_number": self.new_id_number.text().strip()}
        return self.services.talents.create_for_new_person(person, **values).id


class RotationForm(ClusterRecordForm):
    title_new, title_edit = "新增青雁轮岗", "编辑青雁轮岗"
    service_name, record_table = "rotations", "post_rotation"
    other_references = ("talent_id",)
    people_fields = ("mentor_id",)
    form_size = (520, 440)

    def reference_choices(self, name: str, cluster_id: str | None) -> list[tuple[str, str]]:
        if name == "talent_id":
            return talent_choices(self.services, cluster_id, "qingyan")
        return super().reference_choices(name, cluster_id)

    def reference_label(self, name: str, key: str) -> str:
        if name == "talent_id":
            return self.services.talents.names([key]).get(key, key)
        return super().reference_label(name, key)

    def load_rows(self, record) -> None:
        self.references["talent_id"].setEnabled(False)


class TrainingForm(ClusterRecordForm):
    title_new, title_edit = "新增培训", "编辑培训"
    service_name, record_table = "trainings", "training_session"
    other_references = ("teacher_talent_id",)
    form_size = (600, 680)

    def reference_choices(self, name: str, cluster_id: str | None) -> list[tuple[str, str]]:
        return talent_choices(self.services, cluster_id)

    def reference_label(self, name: str, key: str) -> str:
        if name == "teacher_talent_id":
            return self.services.talents.names([key]).get(key, key)
        return super().reference_label(name, key)

    def build_rows(self) -> None:
        self.attendees = RowsTable([RowColumn("姓名", "choice", width=240),
                                    RowColumn("学时", "hours")], visible_rows=4)
        self.add_field("attendees", self.attendees)

    def cluster_changed(self, cluster_id: str | None, villages: list[tuple[str, str]],
                        people: list[tuple[str, str]]) -> None:
        self.attendees.set_choices(0, people)

    def load_rows(self, record) -> None:
        attendees = self.services.trainings.attendees(record.id)
        rows = self.services.people.rows(list(attendees))
        self.attendees.labels = {key: row["name"] for key, row in rows.items()}
        self.attendees.set_rows(list(attendees.items()))

    def row_values(self) -> dict[str, Any]:
        return {"attendees": dict(self.attendees.rows())}
