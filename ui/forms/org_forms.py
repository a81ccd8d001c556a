"""The 组织架构 forms: a 联合党组织 (name, central village, note) and a 村 (its cluster, name,
households, population). 户数, 人口 and 备注 are plain declared fields (``ui.forms.declared``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop_app.services import Services
from ui import lookups
from ui.forms.base import RecordForm
from ui.widgets import ChoiceCombo


class ClusterForm(RecordForm):
    title_new = "新建联合党组织"
    title_edit = "编辑联合党组织"
    service_name = "clusters"
    record_table = "cluster"

    def build(self) -> None:
        self.resize(480, 300)
        self.name = QLineEdit()
        self.central = ChoiceCombo(empty="（新建后再指定）")
        self.add_field("name", self.name)
        self.add_field("central_village_id", self.central)

    def load(self, record_id: str) -> None:
        cluster = self.services.clusters.get(record_id)
        self.name.setText(cluster.name)
        self.central.set_choices(lookups.village_choices(self.services, record_id))
        self.central.set_key(cluster.central_village_id)

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text(), "central_village_id": self.central.key()}

    def write(self, values: dict[str, Any]) -> str:
        if self.record_id:
            return self.services.clusters.update(self.record_id, **values).id
        town = self.services.towns.the_town()
        values.pop("central_village_id")  # no villages yet
        return self.services.clusters.create(town_id=town.id if town else None, **values).id


class VillageForm(RecordForm):
    title_new = "新建村"
    title_edit = "编辑村"
    service_name = "villages"
    record_table = "village"

    def __init__(self, services: Services, record_id: str | None = None,
                 parent: QWidget | None = None, cluster_id: str | None = None) -> None:
        self._cluster_id = cluster_id  # a new village's cluster, chosen in the tree
        super().__init__(services, record_id, parent)

    def build(self) -> None:
        self.resize(440, 260)
        self.cluster = ChoiceCombo(lookups.cluster_choices(self.services))
        self.cluster.set_key(self._cluster_id or lookups.default_cluster(self.services))
        self.name = QLineEdit()
        self.add_field("cluster_id", self.cluster)
        self.add_field("name", self.name)

    def load(self, record_id: str) -> None:
        village = self.services.villages.get(record_id)
        self.cluster.set_key(village.cluster_id)
        self.cluster.setEnabled(False)  # moving a village to another cluster: not here
        self.name.setText(village.name)

    def values(self) -> dict[str, Any]:
        return {"cluster_id": self.cluster.key(), "name": self.name.text()}

    def write(self, values: dict[str, Any]) -> str:
        if self.record_id:
            values.pop("cluster_id")
            return self.services.villages.update(self.record_id, **values).id
        return self.services.villages.create(**values).id
