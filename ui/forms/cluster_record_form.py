"""The form of a record of one joint Party organisation: its cluster, its name or title, the
villages and people it names (choices of that cluster), the declared plain fields, then the
record's own rows (a subclass's ``build_rows``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from ui import lookups
from ui.forms.base import RecordForm
from ui.widgets import ChoiceCombo


class ClusterRecordForm(RecordForm):
    village_fields: tuple[str, ...] = ()
    people_fields: tuple[str, ...] = ()
    form_size = (600, 640)

    def build(self) -> None:
        self.resize(*self.form_size)
        assert self.declared is not None and self.declared.title_field
        self.title_name = self.declared.title_field
        self.cluster = ChoiceCombo(lookups.cluster_choices(self.services))
        self.cluster.set_key(lookups.default_cluster(self.services))
        self.title_line = QLineEdit()
        self.add_field("cluster_id", self.cluster)
        self.add_field(self.title_name, self.title_line)
        self.references: dict[str, ChoiceCombo] = {}
        for name in self.village_fields:
            self.references[name] = self.add_field(name, ChoiceCombo(empty="（请选择）"))
        for name in self.people_fields:
            self.references[name] = self.add_field(name, ChoiceCombo(empty="（未指定）"))
        self.cluster.currentIndexChanged.connect(self._cluster_changed)

    def _add_plain_fields(self) -> None:
        super()._add_plain_fields()
        self.build_rows()
        self._cluster_changed()

    def _cluster_changed(self) -> None:
        cluster_id = self.cluster.key()
        villages = lookups.village_choices(self.services, cluster_id)
        people = lookups.people_choices(self.services, cluster_id)
        for name, combo in self.references.items():
            combo.set_choices(villages if name in self.village_fields else people)
        self.cluster_changed(cluster_id, villages)

    # --- for subclasses -----------------------------------------------------------------
    def build_rows(self) -> None:
        """Add the tables of the record's own rows (``add_field``)."""

    def cluster_changed(self, cluster_id: str | None, villages: list[tuple[str, str]]) -> None:
        """The cluster changed: row tables that choose villages choose from these."""

    def load_rows(self, record_id: str) -> None:
        """Fill the row tables from the saved record."""

    def row_values(self) -> dict[str, Any]:
        return {}

    # --- RecordForm -------------------------------------------------------------------
    def service(self):
        return getattr(self.services, self.service_name)

    def load(self, record_id: str) -> None:
        record = self.service().get(record_id)
        self.cluster.set_key(record.cluster_id)
        self.cluster.setEnabled(False)
        self._cluster_changed()
        self.title_line.setText(getattr(record, self.title_name))
        for name, combo in self.references.items():
            combo.set_key(getattr(record, name))
        self.load_rows(record_id)

    def values(self) -> dict[str, Any]:
        return {"cluster_id": self.cluster.key(), self.title_name: self.title_line.text(),
                **{name: combo.key() for name, combo in self.references.items()},
                **self.row_values()}

    def write(self, values: dict[str, Any]) -> str:
        if self.record_id:
            values.pop("cluster_id")
            return self.service().update(self.record_id, **values).id
        return self.service().create(**values).id
