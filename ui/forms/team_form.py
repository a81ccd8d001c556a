"""The volunteer-team form: name, kind and leader of a 志愿服务队."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from ui import lookups
from ui.forms.base import RecordForm
from ui.widgets import ChoiceCombo

TEAM_KINDS = ["党员", "老兵", "巾帼", "青年", "五老", "文艺"]


class TeamForm(RecordForm):
    title_new = "新建志愿服务队"
    title_edit = "编辑志愿服务队"
    service_name = "teams"
    record_table = "volunteer_team"

    def build(self) -> None:
        self.resize(460, 260)
        self.cluster = ChoiceCombo(lookups.cluster_choices(self.services))
        self.cluster.set_key(lookups.default_cluster(self.services))
        self.cluster.currentIndexChanged.connect(self._cluster_changed)
        self.name = QLineEdit()
        self.name.setPlaceholderText("例如：黄璩党员志愿服务队")
        self.kind = ChoiceCombo(((k, k) for k in TEAM_KINDS), empty="（未分类）")
        self.leader = ChoiceCombo(empty="（未指定）")
        self.add_field("cluster_id", self.cluster)
        self.add_field("name", self.name)
        self.add_field("kind", self.kind)
        self.add_field("leader_id", self.leader)
        self._cluster_changed()

    def _cluster_changed(self) -> None:
        self.leader.set_choices(lookups.people_choices(self.services, self.cluster.key()))

    def load(self, record_id: str) -> None:
        team = self.services.teams.get(record_id)
        self.cluster.set_key(team.cluster_id)
        self.cluster.setEnabled(False)
        self._cluster_changed()
        self.name.setText(team.name)
        if team.kind and self.kind.findData(team.kind) < 0:
            self.kind.addItem(team.kind, team.kind)
        self.kind.set_key(team.kind or None)
        self.leader.set_key(team.leader_id)

    def values(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster.key(),
            "name": self.name.text(),
            "kind": self.kind.key() or "",
            "leader_id": self.leader.key(),
        }

    def write(self, values: dict[str, Any]) -> str:
        if self.record_id:
            values.pop("cluster_id")
            return self.services.teams.update(self.record_id, **values).id
        return self.services.teams.create(**values).id
