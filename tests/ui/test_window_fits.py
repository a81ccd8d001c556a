"""The window and the forms fit small screens, and the window and lists look as they were left."""

from __future__ import annotations

import pytest

from PySide6.QtCore import QRect, Qt

from ui import list_specs, window_state
from ui.forms.base import RecordForm
from ui.list_page import ListPage
from ui.main_window import MainWindow


def small_screen(monkeypatch, width: int, height: int) -> QRect:
    """A screen of width×height with a 40-pixel taskbar."""
    area = QRect(0, 0, width, height - 40)
    monkeypatch.setattr(window_state, "available_area", lambda widget=None: area)
    return area


@pytest.mark.parametrize("width,height", [(1366, 768), (1024, 768)])
def test_the_window_opens_within_the_screen(qtbot, services, on_shift, monkeypatch,
                                            width, height):
    """At 1366×768 and 1024×768 the window, frame included, is no larger than the screen."""
    area = small_screen(monkeypatch, width, height)
    window = MainWindow(services)
    qtbot.addWidget(window)
    assert window.width() + window_state.FRAME.width() <= area.width()
    assert window.height() + window_state.FRAME.height() <= area.height()
    assert window.x() >= 0 and window.y() >= 0


def test_the_window_comes_back_at_its_last_size(qtbot, services, on_shift, monkeypatch):
    """Closing remembers the window's size; the next start opens it so again."""
    small_screen(monkeypatch, 1366, 768)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(700, 500)
    window.close()
    again = MainWindow(services)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)


def every_form() -> list[type[RecordForm]]:
    """Every record form under ui/forms/, a new module's included."""
    import importlib
    import pkgutil

    import ui.forms

    for module in pkgutil.iter_modules(ui.forms.__path__):
        importlib.import_module(f"ui.forms.{module.name}")
    found, todo = [], list(RecordForm.__subclasses__())
    while todo:
        form = todo.pop()
        todo += form.__subclasses__()
        if form.record_table:  # a form of a record type, not a shared base
            found.append(form)
    return sorted(found, key=lambda f: f.__name__)


def test_the_forms_are_all_found():
    names = {form.__name__ for form in every_form()}
    assert {"AgendaForm", "TaskForm", "MeetingForm", "ActivityForm", "PersonForm", "TeamForm",
            "ClusterForm", "VillageForm"} <= names


@pytest.mark.parametrize("form", every_form(), ids=lambda form: form.__name__)
def test_every_form_fits_1024_by_768(qtbot, services, on_shift, monkeypatch, form):
    """Each form, shown on a 1024×768 screen, keeps its 保存 button on the screen."""
    area = small_screen(monkeypatch, 1024, 768)
    services.db.set_node(cluster_id=on_shift.huangqu)
    dialog = form(services, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.frameGeometry().bottom() <= area.bottom() + window_state.FRAME.height()
    assert dialog.height() + window_state.FRAME.height() <= area.height()
    assert dialog.width() <= area.width()


def test_a_list_keeps_its_column_widths_and_sort(qtbot, services, on_shift):
    """Widths dragged and the order clicked on a list are there again the next time."""
    page = ListPage(services, list_specs.TASKS)
    qtbot.addWidget(page)
    header = page.table.horizontalHeader()
    sortable = next(n for n, c in enumerate(list_specs.TASKS.columns) if c.sort_key)
    page._sort_by(sortable)
    page._sort_by(sortable)  # the other way round
    header.resizeSection(0, 201)
    page.save_layout()
    again = ListPage(services, list_specs.TASKS)
    qtbot.addWidget(again)
    assert again.table.horizontalHeader().sectionSize(0) == 201
    assert again._order == page._order and again._order.startswith("-")
    assert again.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder


def widths(table) -> list[tuple[str, int]]:
    header = table.horizontalHeader()
    return [(table.model().headerData(n, Qt.Orientation.Horizontal), header.sectionSize(n))
            for n in range(header.count())]


@pytest.mark.parametrize("office", ["town", "village"])
def test_every_table_fits_the_window_at_1024(qtbot, services, on_shift, monkeypatch, office):
    """At 1024×768, at the town and at a central village, every screen's tables (each tab's)
    show all their columns without scrolling sideways (矛盾纠纷 and the 同步 page's three
    tables did not), and the town's 工作台 keeps its clusters' names readable (they were
    squeezed to 26 pixels)."""
    from PySide6.QtWidgets import QTableView, QTabWidget

    if office == "village":
        services.db.set_node(name="黄璩中心村值班室", cluster_id=on_shift.huangqu)
    small_screen(monkeypatch, 1024, 768)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    overflowing = []
    for title in window.screen_titles():
        screen = window.screen(title)
        tabs = next((t for t in screen.findChildren(QTabWidget) if t.isVisible()), None)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
            qtbot.wait(10)
            overflowing += [f"{title} {tabs.tabText(index) if tabs else ''}: {widths(table)}"
                            for table in screen.findChildren(QTableView)
                            if table.isVisible() and table.horizontalScrollBar().maximum() > 0]
    assert overflowing == []


def test_a_text_box_of_capped_height_stands_beside_its_label(qtbot, services, on_shift):
    """服务事项's 所需材料 (a text box at most 90 pixels high) in a taller window: the box
    starts level with its label, not centred in the row with the label floating above it."""
    from PySide6.QtCore import QPoint

    from ui.forms.governance_forms import ServiceItemForm

    form = ServiceItemForm(services, None)
    qtbot.addWidget(form)
    form.resize(500, 560)  # taller than the fields need
    form.show()
    qtbot.wait(20)
    box = form.plain["materials"].widget
    label = form.form.labelForField(box.parentWidget())
    top = lambda widget: widget.mapTo(form, QPoint(0, 0)).y()  # noqa: E731
    assert abs(top(box) - top(label)) <= 6, (top(box), top(label))
