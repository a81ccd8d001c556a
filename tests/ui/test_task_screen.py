"""The task screen as a duty officer uses it: fill the form, see the task, filter the list."""

from __future__ import annotations

from datetime import date

import pytest

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from desktop_app.services import ListQuery
from ui import list_specs
from ui.forms.task_form import TaskForm
from ui.list_page import ListPage


@pytest.fixture
def page(qtbot, services, on_shift):
    services.db.set_node(cluster_id=on_shift.huangqu)
    page = ListPage(services, list_specs.TASKS)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text().startswith("共"))
    return page


def test_fill_the_task_form_and_see_the_task_in_the_list(qtbot, services, on_shift, page):
    """Typing a title, ticking a village and saving puts the task in the list."""
    form = TaskForm(services, None, page)
    qtbot.addWidget(form)
    form.title.setText("清理黄璩村东排水沟淤泥")
    form.villages.set_checked([on_shift.villages["黄璩村"]])
    form.due_on.set_value(date(2030, 1, 1))
    form.save()
    assert form.result() == form.DialogCode.Accepted and form.visible_errors() == {}
    with qtbot.waitSignal(page.reloaded):
        page.reload()
    assert page.count_label.text() == "共 1 条"
    assert page.model.data(page.model.index(0, 0)) == "清理黄璩村东排水沟淤泥"
    assert page.model.data(page.model.index(0, 1)) == "黄璩村"
    task = services.tasks.get(form.saved_id)
    assert task.recorded_by == on_shift.people["王建国"]


def test_a_bad_date_shows_an_error_next_to_the_field_and_saves_nothing(qtbot, services, page):
    """A due date before the found date is shown under 截止日期, in Chinese; nothing saved."""
    form = TaskForm(services, None, page)
    qtbot.addWidget(form)
    form.title.setText("路灯维修")
    form.found_on.set_value(date(2026, 5, 10))
    form.due_on.set_value(date(2026, 5, 1))
    form.save()
    assert "截止日期" in form.visible_errors()["due_on"]
    assert form.error_labels["due_on"].isVisibleTo(form)
    assert services.tasks.list().total == 0


def test_empty_title_is_shown_and_nothing_saved(qtbot, services, page):
    form = TaskForm(services, None, page)
    qtbot.addWidget(form)
    form.save()
    assert form.visible_errors() == {"title": "任务标题不能为空"}
    assert services.tasks.list().total == 0


def test_closing_with_unsaved_changes_asks_first(qtbot, services, page, monkeypatch):
    """Cancel on a changed form asks; answering "cancel" keeps the form open."""
    form = TaskForm(services, None, page)
    qtbot.addWidget(form)
    form.show()
    form.title.setText("半途而废")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel)
    form.reject()
    assert asked and form.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    form.reject()
    assert not form.isVisible()


def test_filters_narrow_the_list(qtbot, services, on_shift, page):
    """Status, village, overdue and search each narrow what the list shows."""
    v = on_shift.villages
    for i, (village, status) in enumerate([("黄璩村", "pending"), ("韩璩村", "solved"),
                                           ("黄璩村", "in_progress")]):
        services.tasks.create(cluster_id=on_shift.huangqu, title=f"道路修补{i}" if i else "路灯",
                              village_ids=[v[village]], status=status,
                              found_on=date(2025, 1, 1), due_on=date(2025, 2, 1))
    with qtbot.waitSignal(page.reloaded):
        page.reload()
    assert page.count_label.text() == "共 3 条"
    with qtbot.waitSignal(page.reloaded):
        page.status.set_key("solved")
    assert page.count_label.text() == "共 1 条"
    with qtbot.waitSignal(page.reloaded):
        page.status.set_key(None)
    with qtbot.waitSignal(page.reloaded):
        page.village.set_key(v["黄璩村"])
    assert page.count_label.text() == "共 2 条"
    with qtbot.waitSignal(page.reloaded):
        page.overdue.setChecked(True)
    assert page.count_label.text() == "共 2 条"
    with qtbot.waitSignal(page.reloaded, timeout=2000):
        page.search.setText("道路")
    assert page.count_label.text() == "共 1 条"


def test_delete_asks_and_restore_brings_it_back(qtbot, services, on_shift, page, monkeypatch):
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修")
    with qtbot.waitSignal(page.reloaded):
        page.reload()
    page.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.activateWindow()
    page.table.setFocus()  # Delete acts on the table while it has the focus
    with qtbot.waitSignal(page.reloaded):
        qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert services.tasks.list().total == 0
    with qtbot.waitSignal(page.reloaded):
        page.show_deleted.setChecked(True)
    page.table.selectRow(0)
    with qtbot.waitSignal(page.reloaded):
        page.restore_button.click()
    assert services.tasks.list(ListQuery()).items[0].id == task.id


def test_header_clicks_sort_and_an_unsortable_column_keeps_the_order(qtbot, services, on_shift,
                                                                     page):
    """截止日期 sorts up, then down; 认领村 cannot sort, and its click changes nothing."""
    for title, month in (("甲", 5), ("乙", 3), ("丙", 4)):
        services.tasks.create(cluster_id=on_shift.huangqu, title=title, found_on=date(2026, 1, 1),
                              due_on=date(2026, month, 1))
    header = page.table.horizontalHeader()
    headers = [column.header for column in list_specs.TASKS.columns]

    def click(name: str) -> None:
        section = headers.index(name)
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        with qtbot.waitSignal(page.reloaded, raising=False, timeout=1000):
            qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                             pos=QPoint(x, header.height() // 2))

    def titles() -> list[str]:
        return [page.model.row(n)["title"] for n in range(page.model.rowCount())]

    click("截止日期")
    assert titles() == ["乙", "丙", "甲"]
    click("截止日期")
    assert titles() == ["甲", "丙", "乙"]
    click("认领村")
    assert titles() == ["甲", "丙", "乙"]
    assert header.sortIndicatorSection() == headers.index("截止日期")
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def test_with_nobody_on_shift_the_form_says_so_before_anything_is_typed(qtbot, services,
                                                                         small_town):
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    form = TaskForm(services)
    qtbot.addWidget(form)
    notices = [label.text() for label in form.findChildren(QLabel) if "无人值班" in label.text()]
    assert notices == ["当前无人值班：请先到“值班”页面开始值班，才能保存。"]
    assert not form.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def test_on_shift_the_form_has_no_notice(qtbot, services, on_shift):
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    form = TaskForm(services)
    qtbot.addWidget(form)
    assert not [label for label in form.findChildren(QLabel) if "无人值班" in label.text()]
    assert form.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def notices(window) -> list:
    from ui.undo_notice import UndoNotice

    return [n for n in window.statusBar().findChildren(UndoNotice) if n.isVisible()]


def test_undo_in_the_status_bar_brings_a_deleted_task_back(qtbot, services, on_shift,
                                                           monkeypatch):
    """After 删除 the window's status bar says what went and offers 撤销 (and Ctrl+Z) for a
    few seconds; 撤销 restores the record and selects it again."""
    from PySide6.QtWidgets import QMainWindow

    from ui import undo_notice

    services.db.set_node(cluster_id=on_shift.huangqu)
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修")
    window = QMainWindow()
    qtbot.addWidget(window)
    page = ListPage(services, list_specs.TASKS)
    window.setCentralWidget(page)
    window.show()
    qtbot.waitUntil(lambda: page.count_label.text() == "共 1 条")
    page.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(page.reloaded):
        page.delete_button.click()
    notice = page.undo_notice
    assert notice is not None and notice.isVisible()
    assert notice.label.text() == "已删除“路灯维修”。"
    assert services.tasks.list().total == 0
    with qtbot.waitSignal(page.reloaded):
        notice.button.click()
    assert services.tasks.list().items[0].id == task.id
    qtbot.waitUntil(lambda: page.selected_id() == task.id)
    assert not notices(window)

    # A second delete: the notice goes by itself after NOTICE_SECONDS (shortened here).
    monkeypatch.setattr(undo_notice, "NOTICE_SECONDS", 0.2)
    with qtbot.waitSignal(page.reloaded):
        page.delete_button.click()
    assert len(notices(window)) == 1
    qtbot.waitUntil(lambda: not notices(window), timeout=3000)
    assert services.tasks.list().total == 0  # gone for good: 恢复 in "已删除的" still can


def test_the_first_rows_show_before_the_whole_list_in_its_order(qtbot, services, on_shift,
                                                                monkeypatch):
    """A long list shows its first block at once (a LIMIT query), then all its ids below it,
    in the same order; a list shorter than a block is read once."""
    from ui import list_page, record_model

    monkeypatch.setattr(list_page, "BLOCK", 2)
    monkeypatch.setattr(record_model, "BLOCK", 2)
    for day in (3, 1, 2):
        services.tasks.create(cluster_id=on_shift.huangqu, title=f"截止{day}日",
                              village_ids=[on_shift.villages["黄璩村"]],
                              found_on=date(2026, 1, 1), due_on=date(2026, 3, day))
    services.db.set_node(cluster_id=on_shift.huangqu)
    page = ListPage(services, list_specs.TASKS)
    qtbot.addWidget(page)
    counts_at_first_rows: list[int] = []
    page.first_rows_shown.connect(lambda: counts_at_first_rows.append(page.model.rowCount()))
    with qtbot.waitSignal(page.reloaded, timeout=10000):
        page.show()
    assert counts_at_first_rows == [2]
    titles = [page.model.data(page.model.index(r, 0)) for r in range(page.model.rowCount())]
    assert titles == ["截止1日", "截止2日", "截止3日"]
    assert page.count_label.text() == "共 3 条"
    counts_at_first_rows.clear()
    with qtbot.waitSignal(page.reloaded, timeout=10000):
        page.status.set_key("solved")  # none solved: shorter than a block, read in one go
    assert counts_at_first_rows == [0] and page.model.rowCount() == 0


def test_a_list_whose_query_failed_says_so_and_loads_again_later(qtbot, services, on_shift,
                                                                page, monkeypatch):
    """The database could not be read (say, locked by a backup): one message, the count says
    查询失败 (and how to try again) and the list is no longer loading; the next reload shows
    the tasks."""
    from sqlalchemy.exc import OperationalError

    import ui.list_page as list_page

    shown: list[BaseException] = []
    monkeypatch.setattr(list_page, "show_error", lambda _parent, error: shown.append(error))
    services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修")
    ids = page.service.ids

    def locked(*_args, **_kwargs):
        raise OperationalError("SELECT work_task.id", {}, Exception("database is locked"))

    monkeypatch.setattr(page.service, "ids", locked)
    page.reload()
    qtbot.waitUntil(lambda: page.count_label.text() == "查询失败，按 F5 重试")
    assert not page.loading
    assert len(shown) == 1 and "database is locked" in str(shown[0])
    monkeypatch.setattr(page.service, "ids", ids)
    with qtbot.waitSignal(page.reloaded):
        page.reload()
    assert page.count_label.text() == "共 1 条"
    assert len(shown) == 1


def test_a_failure_a_newer_reload_overtook_is_not_shown(qtbot, services, on_shift, page,
                                                         monkeypatch):
    """A reload whose query fails after a newer reload has shown the list says nothing: the
    list on screen is right, and an error about the old one would only confuse."""
    import threading

    from sqlalchemy.exc import OperationalError

    import ui.background as background
    import ui.list_page as list_page

    shown: list[BaseException] = []
    monkeypatch.setattr(list_page, "show_error", lambda _parent, error: shown.append(error))
    services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修")
    ids = page.service.ids
    asked, release = threading.Event(), threading.Event()

    def locked_until_released(*_args, **_kwargs):
        asked.set()
        release.wait(10)
        raise OperationalError("SELECT work_task.id", {}, Exception("database is locked"))

    monkeypatch.setattr(page.service, "ids", locked_until_released)
    page.reload()
    qtbot.waitUntil(asked.is_set)  # its worker waits in the query
    monkeypatch.setattr(page.service, "ids", ids)
    with qtbot.waitSignal(page.reloaded):
        page.reload()
    release.set()
    qtbot.waitUntil(lambda: not background._jobs)  # noqa: SLF001 (the old one has ended)
    assert shown == []
    assert page.count_label.text() == "共 1 条" and not page.loading
