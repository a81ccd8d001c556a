"""One colour language for statuses: a task's status cell, its bar in the chart and the agenda
item's status speak the same colours; late is red everywhere."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from ui import list_specs
from ui.charts import STATUS_COLOURS
from ui.list_page import ListPage
from ui.status_colours import STATUS_TONES, TONES, status_colour


def test_tasks_and_agenda_items_share_the_tones():
    assert status_colour("solved") == status_colour("concluded") == TONES["done"]
    assert status_colour("in_progress") == status_colour("open") == TONES["active"]
    assert status_colour("cancelled") == status_colour("withdrawn") == TONES["stopped"]
    assert status_colour("不存在的状态") is None
    assert all(STATUS_COLOURS[s] == status_colour(s) for s in STATUS_COLOURS if s in STATUS_TONES)


def test_a_lists_status_cell_is_coloured_by_its_status(qtbot, services, on_shift):
    services.db.set_node(cluster_id=on_shift.huangqu)
    solved = services.tasks.create(cluster_id=on_shift.huangqu, title="已办好的",
                                   due_on=date(2030, 1, 1))
    services.tasks.update(solved.id, status="solved")
    late = services.tasks.create(cluster_id=on_shift.huangqu, title="逾期的",
                                 found_on=date(2026, 1, 1), due_on=date(2026, 1, 2))
    page = ListPage(services, list_specs.TASKS)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.count_label.text() == "共 2 条")
    status = [c.key for c in list_specs.TASKS.columns].index("status_label")
    colours = {}
    for row in range(page.model.rowCount()):
        index = page.model.index(row, status)
        brush = page.model.data(index, Qt.ItemDataRole.ForegroundRole)
        colours[page.model.data(index, Qt.ItemDataRole.UserRole + 1)] = brush.color().name()
    assert colours[solved.id] == TONES["done"]
    assert colours[late.id] == TONES["alarm"]  # late wins over its status
    titles = {}
    for row in range(2):
        brush = page.model.data(page.model.index(row, 0), Qt.ItemDataRole.ForegroundRole)
        titles[page.model.data(page.model.index(row, 0))] = brush.color().name() if brush else None
    assert titles == {"逾期的": TONES["alarm"], "已办好的": None}  # late: red throughout
