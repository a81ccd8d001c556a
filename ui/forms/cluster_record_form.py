"""The form of a record of one joint Party organisation: its cluster, its name or title, the
villages and people it names (choices of that cluster), the declared plain fields, then the
record's own rows (a subclass's ``build_rows``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit

from ui import lookups
from ui.forms.cluster_form import ClusterForm
from ui.widgets import ChoiceCombo


class ClusterRecordForm(ClusterForm):
    village_fields: tuple[str, ...] = ()
    people_fields: tuple[str, ...] = ()
    other_references: tuple[str, ...] = ()  # choices from ``reference_choices``
    form_size = (600, 640)

    def build(self) -> None:
        self.resize(*self.form_size)
        assert self.declared is not None
        self.title_name = self.declared.title_field
        self.cluster = self.cluster_box()
        self.title_line = QLineEdit()
        self.add_field("cluster_id", self.cluster)
        if self.title_name:
            self.add_field(self.title_name, self.title_line)
        self.references: dict[str, ChoiceCombo] = {}
        for name in self.village_fields:
            self.references[name] = self.add_field(name, ChoiceCombo(empty="（请选择）"))
        for name in self.people_fields + self.other_references:
            self.references[name] = self.add_field(name, ChoiceCombo(empty="（未指定）"))
        self.build_more()

    def _add_plain_fields(self) -> None:
        super()._add_plain_fields()
        self.build_rows()
        self.refresh_pickers()

    def refresh_pickers(self) -> None:
        cluster_id = self.cluster.key()
        villages = lookups.village_choices(self.services, cluster_id)
        people = lookups.people_choices(self.services, cluster_id)
        for name, combo in self.references.items():
            if name in self.other_references:
                combo.set_choices(self.reference_choices(name, cluster_id))
            else:
                combo.set_choices(villages if name in self.village_fields else people)
        self.cluster_changed(cluster_id, villages, people)

    # --- for subclasses -----------------------------------------------------------------
    def build_more(self) -> None:
        """Fields of the form's own after the references (a new person's name)."""

    def reference_choices(self, name: str, cluster_id: str | None) -> list[tuple[str, str]]:
        """Choices of a field in ``other_references`` (a cluster's 青雁)."""
        return []

    def reference_label(self, name: str, key: str) -> str:
        """The label of a saved reference that is not among the cluster's choices."""
        return self.services.people.get(key, include_deleted=True).name

    def build_rows(self) -> None:
        """Add the tables of the record's own rows (``add_field``)."""

    def cluster_changed(self, cluster_id: str | None, villages: list[tuple[str, str]],
                        people: list[tuple[str, str]]) -> None:
        """The cluster changed: row tables that choose villages or people choose from these."""

    def load_rows(self, record) -> None:
        """Fill the row tables (and fields of the form's own) from the saved record."""

    def row_values(self) -> dict[str, Any]:
        return {}

    # --- RecordForm -------------------------------------------------------------------
    def load(self, record_id: str) -> None:
        record = self.service().get(record_id)
        self.load_cluster(self.cluster, record.cluster_id)
        if self.title_name:
            self.title_line.setText(getattr(record, self.title_name))
        for name, combo in self.references.items():
            key = getattr(record, name)
            if key and combo.findData(key) < 0:  # of another cluster (a town cadre, a teacher)
                combo.addItem(self.reference_label(name, key), key)
            combo.set_key(key)
        self.load_rows(record)

    def values(self) -> dict[str, Any]:
        titled = {self.title_name: self.title_line.text()} if self.title_name else {}
        return {"cluster_id": self.cluster.key(), **titled,
                **{name: combo.key() for name, combo in self.references.items()},
                **self.row_values()}

    def fixed_after_create(self) -> set[str]:
        return {"cluster_id"}
