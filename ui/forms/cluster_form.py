"""What every form of a cluster's record shares: a 联合党组织 box whose choice decides what the
reference pickers offer (the villages and people of that cluster, its grids ...), fixed once
the record is saved; and writing through the form's service.

Subclasses: ``ui.forms.governance_forms.PickerForm``, ``ui.forms.rota_forms.RotaRecordForm``,
``ui.forms.cluster_record_form.ClusterRecordForm``. Sensitive fields (masked, 显示) are every
form's: ``RecordForm.sensitive_field``."""

from __future__ import annotations

from typing import Any

from ui import lookups
from ui.forms.base import RecordForm
from ui.widgets import ChoiceCombo


class ClusterForm(RecordForm):
    def service(self):
        return getattr(self.services, self.service_name)

    def cluster_box(self, empty: str | None = None) -> ChoiceCombo:
        """The 联合党组织 box, this office's cluster chosen; choosing another cluster
        refreshes the pickers (``refresh_pickers``)."""
        box = ChoiceCombo(lookups.cluster_choices(self.services), empty=empty)
        box.set_key(lookups.default_cluster(self.services))
        box.currentIndexChanged.connect(self.refresh_pickers)
        return box

    def refresh_pickers(self) -> None:
        """Offer in each picker the choices of the cluster now chosen."""
        raise NotImplementedError

    def load_cluster(self, box: ChoiceCombo, cluster_id: str | None) -> None:
        """A saved record's cluster: shown, fixed, and its choices offered."""
        box.set_key(cluster_id)
        box.setEnabled(False)
        self.refresh_pickers()

    def fixed_after_create(self) -> set[str]:
        """Fields an update leaves out: the declared ``on_create_only`` ones."""
        assert self.declared is not None
        return {spec.name for spec in self.declared.fields if spec.on_create_only}

    def write(self, values: dict[str, Any]) -> str:
        if self.record_id:
            for name in self.fixed_after_create():
                values.pop(name, None)
            return self.service().update(self.record_id, **values).id
        return self.service().create(**values).id
