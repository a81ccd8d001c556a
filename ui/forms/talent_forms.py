"""Forms of 人才联育: a talent (an existing person or a new one), a 青雁 rotation, a training
with who signed in."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from desktop_app.services import ListQuery
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

    def load_rows(self, record) -> None:
        self.references["person_id"].setEnabled(False)
        for line in (self.new_name, self.new_id_number):
            line.setEnabled(False)

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
