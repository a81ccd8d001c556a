"""The one table of what opens each record kind (ui/open_record.py): every form it names
imports, every screen is a navigation entry, every searchable kind with a form opens it."""

from __future__ import annotations

from desktop_app.services.search import KINDS
from ui.forms.base import RecordForm
from ui.main_window import NAV_ICONS
from ui.open_record import HOME, RECORDS, form_class, screen_of


def test_every_form_named_imports_and_every_screen_is_in_the_navigation():
    for kind, opens in RECORDS.items():
        assert opens.screen in NAV_ICONS, kind
        if opens.form is not None:
            form = form_class(kind)
            assert isinstance(form, type) and issubclass(form, RecordForm), kind


def test_kinds_open_their_own_forms_and_screens():
    assert form_class("dispute").__name__ == "DisputeForm"
    assert form_class("talent_profile").__name__ == "TalentForm"
    assert form_class("certificate_record") is None
    assert screen_of("aid_project") == "产业"
    assert screen_of("dispute_zero_report") == "治理"
    assert screen_of("no_such_kind") == HOME


def test_every_table_of_the_search_is_a_known_kind_or_goes_home():
    known = set(RECORDS) & set(KINDS)
    assert {"work_task", "person", "grid", "aid_project", "training_session"} <= known
