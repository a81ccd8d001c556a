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


def test_every_kind_in_the_table_is_a_declared_record_type_or_searched():
    from desktop_app.records.types import RECORD_TYPES

    assert set(RECORDS) <= set(RECORD_TYPES) | set(KINDS)
    assert {"work_task", "person", "grid", "aid_project", "training_session"} <= set(KINDS)


def _found(kind: str, record_id: str, deleted: bool = False):
    from desktop_app.services.search import Found

    return Found(kind=kind, kind_label="", record_id=record_id, title="某记录", cluster_id=None,
                 cluster="", day=None, where="", snippet="", deleted=deleted)


def test_a_search_hit_opens_its_form_or_its_screen(qtbot, services, small_town, monkeypatch):
    from ui.forms.person_form import PersonForm
    from ui.main_window import MainWindow

    services.db.set_node(cluster_id=small_town.huangqu)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    opened: list[str | None] = []

    def exec_(form):
        opened.append(form.record_id)
        return 0

    monkeypatch.setattr(PersonForm, "exec", exec_)
    person_id = small_town.people["王建国"]
    window.open_found(_found("person", person_id))
    assert opened == [person_id]
    window.open_found(_found("person", person_id, deleted=True))  # deleted: the list, no form
    assert opened == [person_id] and window.navigation.currentItem().text() == "人员与村庄"
    assert "已删除" in window.statusBar().currentMessage()
    window.open_found(_found("dispute_zero_report", "x"))
    assert window.navigation.currentItem().text() == "治理"
