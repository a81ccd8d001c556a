"""The person form: who someone is, where they belong, their roles and talent-pool tags."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
)

from desktop_app.records.vocabulary import ROLES
from ui import lookups
from ui.forms.base import RecordForm
from ui.widgets import CheckList, ChoiceCombo

TALENT_TAGS = [
    "鸿雁", "青雁", "致富带头人", "退役军人", "大学毕业生", "土专家", "田秀才", "民间艺人",
]
GENDERS = ["男", "女"]
NO_BIRTH_YEAR = 1900  # the spin box's "未填" value


def wrapping_check_list(height: int) -> CheckList:
    """A check list laid out in rows, for a few short choices."""
    checks = CheckList()
    checks.setFlow(QListView.Flow.LeftToRight)
    checks.setWrapping(True)
    checks.setResizeMode(QListView.ResizeMode.Adjust)
    checks.setSpacing(2)
    checks.setFixedHeight(height)
    checks.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return checks


class PersonForm(RecordForm):
    title_new = "新建人员"
    title_edit = "编辑人员"
    service_name = "people"
    record_table = "person"

    def build(self) -> None:
        self.resize(520, 560)
        self.name = QLineEdit()
        self.cluster = ChoiceCombo(lookups.cluster_choices(self.services),
                                   empty="（镇直，不属于联合党组织）")
        self.cluster.set_key(lookups.default_cluster(self.services))
        self.cluster.currentIndexChanged.connect(self._cluster_changed)
        self.village = ChoiceCombo(empty="（无）")
        self.post = QLineEdit()
        self.post.setPlaceholderText("例如：党支部书记、包村干部")
        self.gender = ChoiceCombo(((g, g) for g in GENDERS), empty="（未填）")
        self.birth_year = QSpinBox()
        self.birth_year.setRange(NO_BIRTH_YEAR, date.today().year)
        self.birth_year.setSpecialValueText("未填")
        self.birth_year.setValue(NO_BIRTH_YEAR)
        self.roles = wrapping_check_list(52)
        self.roles.set_choices(ROLES.items())
        self.tags = wrapping_check_list(52)
        self.tags.set_choices((t, t) for t in TALENT_TAGS)
        self.note = QPlainTextEdit()
        self.note.setMinimumHeight(60)
        self.add_field("name", self.name)
        self.add_field("cluster_id", self.cluster)
        self.add_field("village_id", self.village)
        self.add_field("post", self.post)
        self.add_field("gender", self.gender)
        # sensitive: an existing value loads masked and read-only; 显示 reveals it (logged)
        for name in ("phone", "id_number"):
            self.add_field(name, self.sensitive_field(name))
        self.phone = self.sensitive["phone"].edit
        self.id_number = self.sensitive["id_number"].edit
        self.id_number.setMaxLength(18)
        self.id_number.setPlaceholderText("出具志愿服务证明时使用")
        self.add_field("birth_year", self.birth_year)
        self.add_field("roles", self.roles)
        self.add_field("tags", self.tags)
        self.add_field("note", self.note)
        self._cluster_changed()

    def _cluster_changed(self) -> None:
        self.village.set_choices(lookups.village_choices(self.services, self.cluster.key()))

    def load(self, record_id: str) -> None:
        person = self.services.people.get(record_id)
        self.name.setText(person.name)
        self.cluster.set_key(person.cluster_id)
        self._cluster_changed()
        self.village.set_key(person.village_id)
        self.post.setText(person.post)
        if person.gender and self.gender.findData(person.gender) < 0:
            self.gender.addItem(person.gender, person.gender)
        self.gender.set_key(person.gender or None)
        self.sensitive["phone"].load_masked(person.phone)
        self.sensitive["id_number"].load_masked(person.id_number)
        self.birth_year.setValue(person.birth_year or NO_BIRTH_YEAR)
        self.roles.set_checked(self.services.people.roles(record_id))
        tags = self.services.people.tags(record_id)
        self.tags.set_choices([(t, t) for t in TALENT_TAGS]
                              + [(t, t) for t in tags if t not in TALENT_TAGS], tags)
        self.note.setPlainText(person.note)

    def values(self) -> dict[str, Any]:
        birth_year = self.birth_year.value()
        values = {
            "name": self.name.text(),
            "cluster_id": self.cluster.key(),
            "village_id": self.village.key(),
            "post": self.post.text().strip(),
            "gender": self.gender.key() or "",
            "phone": self.phone.text().strip(),
            "id_number": self.id_number.text().strip().upper(),
            "birth_year": None if birth_year == NO_BIRTH_YEAR else birth_year,
            "roles": self.roles.checked(),
            "tags": self.tags.checked(),
            "note": self.note.toPlainText().strip(),
        }
        for name in self.masked:  # not revealed: left as saved
            del values[name]
        return values

    def write(self, values: dict[str, Any]) -> str:
        if self.record_id:
            return self.services.people.update(self.record_id, **values).id
        return self.services.people.create(**values).id
