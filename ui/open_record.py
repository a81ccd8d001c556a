"""Open one record's form from anywhere (dashboard lists, tiles' lists)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget


def form_class(table: str) -> Any:
    """The form of a record type, or None when it has none (imports stay lazy)."""
    from ui.forms.activity_form import ActivityForm
    from ui.forms.agenda_form import AgendaForm
    from ui.forms.meeting_form import MeetingForm
    from ui.forms.task_form import TaskForm

    return {"work_task": TaskForm, "agenda_item": AgendaForm, "meeting": MeetingForm,
            "volunteer_activity": ActivityForm}.get(table)


def open_record(services: Any, table: str, record_id: str, parent: QWidget | None) -> bool:
    """Show the record's form; True when it was saved."""
    form = form_class(table)
    if form is None:
        return False
    return bool(form(services, record_id, parent).exec())
