"""Forms of the 轮值排班 records: the cluster and the people and villages it offers are
built here (their choices depend on the cluster); every other field comes from the
declaration (``ui.forms.declared``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from desktop_app.records.fields import Field, Kind
from desktop_app.rota.generator import WEEKDAY_NAMES, parse_weekdays
from desktop_app.services import ListQuery
from ui import lookups
from ui.forms.cluster_form import ClusterForm
from ui.forms.declared import PlainField
from ui.widgets import ChoiceCombo

TOWN_WIDE = "全镇（由镇里维护）"
CHOOSE = "（请选择）"


def pool_choices(services, cluster_id: str | None) -> list[tuple[str, str]]:
    """The cluster's 轮值人员, "name（village or role）"."""
    if not cluster_id:
        return []
    members = services.pool.list(ListQuery(cluster_id=cluster_id, limit=None)).items
    rows = services.pool.rows([m.id for m in members])
    return [(rows[m.id]["person_id"],
             f"{rows[m.id]['person']}（{rows[m.id]['village'] or rows[m.id]['role_label']}）")
            for m in members]


class RotaRecordForm(ClusterForm):
    """A form whose cluster, person and village fields are combo boxes; a subclass names
    its record type, its service and its titles. ``from_pool``: the people offered are the
    cluster's 轮值人员 (else everyone of the cluster)."""

    from_pool = True

    def build(self) -> None:
        self.resize(480, 300)
        assert self.declared is not None
        self.combos: dict[str, ChoiceCombo] = {}
        for spec in self.declared.form_fields:
            if spec.kind is Kind.REFERENCE and spec.target == "cluster":
                combo = self.cluster_box(empty=None if spec.required else TOWN_WIDE)
                if not spec.required:
                    combo.set_key(self.services.sync.office().cluster_id)
            elif spec.kind in (Kind.PERSON, Kind.VILLAGE):
                combo = ChoiceCombo(empty=CHOOSE if spec.required else "（未指定）")
            else:
                continue
            self.combos[spec.name] = combo
            self.add_field(spec.name, combo)
        self.refresh_pickers()

    def _cluster(self) -> str | None:
        combo = self.combos.get("cluster_id")
        return combo.key() if combo is not None else None

    def refresh_pickers(self) -> None:
        assert self.declared is not None
        cluster_id = self._cluster()
        for name, combo in self.combos.items():
            kind = self.declared.field(name).kind
            if kind is Kind.PERSON:
                combo.set_choices(pool_choices(self.services, cluster_id) if self.from_pool
                                  else lookups.people_choices(self.services, cluster_id))
            elif kind is Kind.VILLAGE:
                combo.set_choices(lookups.village_choices(self.services, cluster_id))

    def load(self, record_id: str) -> None:
        record = self.service().get(record_id)
        if "cluster_id" in self.combos:
            self.load_cluster(self.combos["cluster_id"], record.cluster_id)
        for name, combo in self.combos.items():
            combo.set_key(getattr(record, name))

    def values(self) -> dict[str, Any]:
        return {name: combo.key() for name, combo in self.combos.items()}


class PoolForm(RotaRecordForm):
    title_new, title_edit = "添加轮值人员", "编辑轮值人员"
    from_pool = False
    service_name, record_table = "pool", "duty_pool_member"


class WeekdayBoxes(QWidget):
    """值班日 as seven boxes, 周一 to 周日, read and set as the digits the record keeps
    ("12345")."""

    def __init__(self, value: str = "") -> None:
        super().__init__()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.boxes = {day: QCheckBox(f"周{name}") for day, name in WEEKDAY_NAMES.items()}
        for box in self.boxes.values():
            row.addWidget(box)
        row.addStretch(1)
        self.set_value(value)

    def value(self) -> str:
        return "".join(str(day) for day, box in self.boxes.items() if box.isChecked())

    def set_value(self, value: str | None) -> None:
        days = parse_weekdays(value or "")
        for day, box in self.boxes.items():
            box.setChecked(day in days)


class PatternForm(RotaRecordForm):
    title_new, title_edit = "新建排班规则", "编辑排班规则"
    service_name, record_table = "patterns", "rota_pattern"

    def plain_field(self, spec: Field) -> PlainField | None:
        if spec.name == "weekdays":  # boxes to tick, not digits to type
            boxes = WeekdayBoxes(spec.default)
            return PlainField(boxes, boxes.value, boxes.set_value)
        return super().plain_field(spec)


class HolidayForm(RotaRecordForm):
    title_new, title_edit = "登记节假日", "编辑节假日"
    service_name, record_table = "holidays", "holiday"


class TurnForm(RotaRecordForm):
    title_new, title_edit = "添加值班安排", "修改值班安排"
    service_name, record_table = "turns", "rota_turn"


class SwapForm(RotaRecordForm):
    title_new, title_edit = "登记调班替班", "调班替班"
    service_name, record_table = "swaps", "rota_swap"


class LeaveForm(RotaRecordForm):
    title_new, title_edit = "登记请假", "编辑请假"
    service_name, record_table = "leave", "duty_leave"
