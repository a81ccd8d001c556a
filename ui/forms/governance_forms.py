"""The 治理联抓 forms: a grid, a micro-grid, a visit, a dispute, a catalogue item and a service
request. Their plain fields come from the declarations (``ui.forms.declared``); each form
names only its pickers (a reference's choices depend on the cluster) and sensitive fields
(loaded masked; 显示 reveals one value and the service logs who looked)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, ClassVar

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
)

from desktop_app.records.errors import UserError, ValidationError
from desktop_app.services import Services
from ui import lookups
from ui.forms.cluster_form import ClusterForm
from ui.widgets import ChoiceCombo

Choices = Callable[[Services, str | None], list[tuple[str, str]]]


def people(services: Services, cluster_id: str | None) -> list[tuple[str, str]]:
    return lookups.people_choices(services, cluster_id)


def villages(services: Services, cluster_id: str | None) -> list[tuple[str, str]]:
    return lookups.village_choices(services, cluster_id)


def grids(services: Services, cluster_id: str | None) -> list[tuple[str, str]]:
    return services.grids.choices(cluster_id)


def micro_grids(services: Services, cluster_id: str | None) -> list[tuple[str, str]]:
    return services.micro_grids.choices(cluster_id)


def service_items(services: Services, cluster_id: str | None) -> list[tuple[str, str]]:
    return services.service_items.choices()  # the town's catalogue: the same everywhere


class PickerForm(ClusterForm):
    """A form of a cluster's record: 联合党组织 chooses what the pickers offer (it is not saved:
    the record takes its cluster from its village or grid); ``pickers`` maps each reference
    field to its choices; ``sensitive_fields`` names the fields loaded masked."""

    pickers: ClassVar[dict[str, Choices]] = {}
    optional: ClassVar[frozenset[str]] = frozenset()  # pickers that may stay empty
    sensitive_fields: ClassVar[tuple[str, ...]] = ()
    scoped: ClassVar[bool] = True  # False: town data, no cluster to choose

    def build(self) -> None:
        self.resize(500, 360)
        self.combos: dict[str, ChoiceCombo] = {}
        if self.scoped:
            self.cluster = self.cluster_box()
            self.add_field("cluster", self.cluster, "联合党组织")
        for name in self.pickers:
            empty = "（未指定）" if name in self.optional else None
            self.combos[name] = ChoiceCombo(empty=empty)
            self.add_field(name, self.combos[name])
        for name in self.sensitive_fields:
            self.add_field(name, self.sensitive_field(name))
        self.refresh_pickers()

    @property
    def edits(self) -> dict[str, QLineEdit]:
        """The line edit of each sensitive field."""
        return {name: field.edit for name, field in self.sensitive.items()}

    def refresh_pickers(self) -> None:
        cluster_id = self.cluster.key() if self.scoped else None
        for name, choices in self.pickers.items():
            combo = self.combos[name]
            kept = combo.key()
            combo.set_choices(choices(self.services, cluster_id))
            combo.set_key(kept)

    def load(self, record_id: str) -> None:
        record = self.service().get(record_id)
        if self.scoped:
            self.load_cluster(self.cluster, record.cluster_id)
        for name, combo in self.combos.items():
            combo.set_key(getattr(record, name))
        for name, field in self.sensitive.items():
            field.load_masked(getattr(record, name))

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {name: combo.key() for name, combo in self.combos.items()}
        values.update({name: field.edit.text().strip() for name, field in self.sensitive.items()
                       if not field.masked})  # not revealed: left as saved
        return values


class GridForm(PickerForm):
    title_new, title_edit = "新建网格", "编辑网格"
    service_name, record_table = "grids", "grid"
    pickers = {"village_id": villages, "head_id": people, "worker_id": people}
    optional = frozenset({"head_id", "worker_id"})


class MicroGridForm(PickerForm):
    title_new, title_edit = "新建微网格", "编辑微网格"
    service_name, record_table = "micro_grids", "micro_grid"
    pickers = {"grid_id": grids, "leader_id": people}
    optional = frozenset({"leader_id"})


NO_TASK_YET = "（尚未转为工作任务）"


class VisitForm(PickerForm):
    """A visit; 转为任务 saves it and turns its problems into a task its village claims."""

    title_new, title_edit = "新建民情日志", "编辑民情日志"
    service_name, record_table = "visits", "grid_visit"
    pickers = {"micro_grid_id": micro_grids, "visitor_id": people}
    optional = frozenset({"visitor_id"})

    def build(self) -> None:
        super().build()
        self.task_button = QPushButton("发现问题转为工作任务")
        self.task_button.setToolTip("保存本日志，并把“发现问题”转为本村认领的工作任务（来源：网格发现）；"
                                    "需有人值班")
        self.task_button.clicked.connect(self.to_task)
        self.task_label = QLabel(NO_TASK_YET)
        self.task_label.setWordWrap(True)
        self.buttons.addButton(self.task_button, QDialogButtonBox.ButtonRole.ActionRole)

    def _add_plain_fields(self) -> None:
        super()._add_plain_fields()
        self.form.addRow("转办任务", self.task_label)  # after 发现问题

    def load(self, record_id: str) -> None:
        super().load(record_id)
        row = self.service().rows([record_id])[record_id]
        self.task_label.setText(row["task_title"] or NO_TASK_YET)
        self.task_button.setEnabled(not row["task_title"])

    def to_task(self) -> None:
        if not self.write_form():
            return
        assert self.saved_id is not None
        self.record_id = self.saved_id
        try:
            task_id = self.service().to_task(self.saved_id)
        except ValidationError as error:
            self.show_error(error.field, error.message)
            return
        except UserError as error:
            self.show_error(None, str(error))
            return
        title = self.services.tasks.get(task_id).title
        self.task_label.setText(f"已转为工作任务：{title}")
        self.task_button.setEnabled(False)


class DisputeForm(PickerForm):
    """A dispute; its mediation sessions are listed, and one more can be added on saving."""

    title_new, title_edit = "受理矛盾纠纷", "编辑矛盾纠纷"
    service_name, record_table = "disputes", "dispute"
    pickers = {"village_id": villages, "micro_grid_id": micro_grids}
    optional = frozenset({"micro_grid_id"})
    sensitive_fields = ("parties",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scroll_fields()
        self.resize(580, 640)

    def _add_plain_fields(self) -> None:
        super()._add_plain_fields()
        self.sessions_label = QLabel("（尚无调解记录）")
        self.sessions_label.setWordWrap(True)
        self.form.addRow("调解记录", self.sessions_label)
        self.session_notes = QLineEdit()
        self.session_notes.setPlaceholderText("本次调解情况（填写后保存即记录一次调解，日期为今天）")
        self.session_mediator = QLineEdit()
        self.session_mediator.setPlaceholderText("调解员")
        self.add_field("held_on", self.session_notes, "新调解记录")
        self.add_field("mediator", self.session_mediator, "本次调解员")

    def load(self, record_id: str) -> None:
        super().load(record_id)
        sessions = self.service().sessions(record_id)
        if sessions:
            self.sessions_label.setText("\n".join(
                f"{s.held_on}  {s.mediator}：{s.notes}" for s in sessions))

    def values(self) -> dict[str, Any]:
        values = super().values()
        values["_session"] = (self.session_notes.text().strip(),
                              self.session_mediator.text().strip())
        return values

    def write(self, values: dict[str, Any]) -> str:
        notes, mediator = values.pop("_session")
        if self.record_id and notes:  # before an outcome closes the case
            self.service().add_session(self.record_id, date.today(), mediator, notes)
        elif notes:
            self.record_id = super().write(values)  # saving again updates it
            self.service().add_session(self.record_id, date.today(), mediator, notes)
            self.session_notes.clear()
            return self.record_id
        self.session_notes.clear()
        return super().write(values)


class ServiceItemForm(PickerForm):
    """A catalogue item: town data, every field plain."""

    title_new, title_edit = "新增便民服务事项", "编辑便民服务事项"
    service_name, record_table = "service_items", "service_item"
    scoped = False


class ServiceRequestForm(PickerForm):
    title_new, title_edit = "代办登记", "编辑代办登记"
    service_name, record_table = "service_requests", "service_request"
    pickers = {"village_id": villages, "item_id": service_items, "agent_id": people}
    optional = frozenset({"agent_id"})
    sensitive_fields = ("phone",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.scroll_fields()
        self.resize(540, 620)
