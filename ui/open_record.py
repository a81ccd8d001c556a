"""Open one record from anywhere (a search hit, dashboard lists, tiles' lists): its form, or
the screen that lists it.

``RECORDS`` is the one table of what opens each record kind: a new module adds its kinds
here, once. Forms are named as ``"module:Class"`` and imported when first opened, so that
this table costs nothing at start-up.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtWidgets import QWidget

from desktop_app.lazy import imported


class Opens(NamedTuple):
    screen: str  # the navigation entry that lists the record
    form: str | None = None  # "ui.forms.module:Class", or None: the screen only


def _forms(screen: str, module: str, **forms: str) -> dict[str, Opens]:
    """``kind=Class`` of one forms module, all listed on ``screen``."""
    return {kind: Opens(screen, f"ui.forms.{module}:{name}") for kind, name in forms.items()}


def _screen(screen: str, *kinds: str) -> dict[str, Opens]:
    return {kind: Opens(screen) for kind in kinds}


RECORDS: dict[str, Opens] = {
    **_forms("任务", "task_form", work_task="TaskForm"),
    **_forms("议题", "agenda_form", agenda_item="AgendaForm"),
    **_forms("会议", "meeting_form", meeting="MeetingForm"),
    **_forms("志愿服务", "activity_form", volunteer_activity="ActivityForm"),
    **_forms("志愿服务", "team_form", volunteer_team="TeamForm"),
    **_screen("志愿服务", "certificate_record"),
    **_forms("人员与村庄", "person_form", person="PersonForm"),
    **_screen("人员与村庄", "village", "cluster"),
    **_screen("值班", "duty_shift"),
    **_forms("产业", "industry_forms", aid_project="ProjectForm",
             cooperative="CooperativeForm", workshop="WorkshopForm"),
    **_forms("人才", "talent_forms", talent_profile="TalentForm",
             post_rotation="RotationForm", training_session="TrainingForm"),
    **_forms("治理", "governance_forms", grid="GridForm", micro_grid="MicroGridForm",
             grid_visit="VisitForm", dispute="DisputeForm", service_item="ServiceItemForm",
             service_request="ServiceRequestForm"),
    **_screen("治理", "dispute_zero_report"),
}
HOME = "工作台"  # the screen of a kind not in the table


def screen_of(table: str) -> str:
    """The navigation entry that lists records of ``table``."""
    opens = RECORDS.get(table)
    return opens.screen if opens else HOME


def form_class(table: str) -> Any:
    """The form of a record type, or None when it has none (imported now)."""
    opens = RECORDS.get(table)
    if opens is None or opens.form is None:
        return None
    return imported(opens.form)


def open_record(services: Any, table: str, record_id: str, parent: QWidget | None) -> bool:
    """Show the record's form; True when it was saved."""
    form = form_class(table)
    if form is None:
        return False
    return bool(form(services, record_id, parent).exec())
