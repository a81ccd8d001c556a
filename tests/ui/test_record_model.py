"""The record table model, tested without a window."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from PySide6.QtCore import Qt

from desktop_app.services import ListQuery
from ui import background
from ui.record_model import BLOCK, ID_ROLE, Column, RecordTableModel

WAIT_S = 10


def test_rows_are_fetched_lazily_in_blocks(qtbot):
    """Only the block a cell belongs to is fetched there, once, and ids stay in order (the
    blocks beside it are read on a worker: the next test)."""
    ids = [f"id{i:05d}" for i in range(1000)]
    calls: list[list[str]] = []  # on the GUI thread

    def fetch(batch):
        if threading.current_thread() is threading.main_thread():
            calls.append(batch)
        return {i: {"title": f"任务{i}", "overdue": i.endswith("7")} for i in batch}

    model = RecordTableModel([Column("title", "标题")], fetch)
    model.set_ids(ids)
    assert model.rowCount() == 1000 and calls == []
    assert model.data(model.index(5, 0)) == "任务id00005"
    assert model.data(model.index(6, 0)) == "任务id00006"
    assert len(calls) == 1 and len(calls[0]) == BLOCK
    assert model.data(model.index(999, 0)) == "任务id00999"
    assert len(calls) == 2
    assert model.data(model.index(7, 0), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(3, 0), ID_ROLE) == "id00003"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "标题"
    qtbot.waitUntil(lambda: not model._reading)  # noqa: SLF001 (the reads beside, ended)


def test_the_blocks_beside_the_one_shown_are_read_on_a_worker(qtbot):
    """Scrolling on finds the next rows loaded: when the rows asked for move into another
    block, the blocks before and after it are read on a worker, and the GUI thread queries
    only for a block it jumps to."""
    ids = [f"id{i:05d}" for i in range(1000)]
    here: list[str] = []  # the first id of each block read on the GUI thread
    beside: list[str] = []  # and on a worker

    def fetch(batch):
        on_gui = threading.current_thread() is threading.main_thread()
        (here if on_gui else beside).append(batch[0])
        return {i: {"title": f"任务{i}"} for i in batch}

    def read_beside(*first_ids: str) -> None:
        qtbot.waitUntil(lambda: len(beside) == len(first_ids)
                        and not model._reading)  # noqa: SLF001 (their rows kept)
        assert beside == list(first_ids)

    model = RecordTableModel([Column("title", "标题")], fetch)
    model.set_ids(ids)
    assert model.data(model.index(5, 0)) == "任务id00005"
    assert here == ["id00000"]
    read_beside("id00200")  # the next block
    assert model.data(model.index(250, 0)) == "任务id00250"  # no query here
    read_beside("id00200", "id00400")  # and the one after it
    assert model.data(model.index(999, 0)) == "任务id00999"  # a jump: read here
    assert here == ["id00000", "id00800"]
    read_beside("id00200", "id00400", "id00600")  # the block before it (none after)


@pytest.mark.parametrize("change", ["sorted anew", "a record edited"])
def test_a_block_read_before_the_list_changed_is_not_kept(qtbot, change):
    """A block read on a worker while the list was sorted anew, or while a record was edited
    (``refresh_rows``), is dropped: the rows shown are read again when asked for."""
    ids = [f"id{i:05d}" for i in range(1000)]
    version = ["旧"]
    reading = threading.Event()
    may_finish = threading.Event()

    def fetch(batch):
        title = version[0]
        if threading.current_thread() is not threading.main_thread():
            reading.set()
            may_finish.wait(WAIT_S)
        return {i: {"title": f"{title}{i}"} for i in batch}

    model = RecordTableModel([Column("title", "标题")], fetch)
    model.set_ids(ids)
    model.data(model.index(5, 0))  # block 0 here, block 1 on a worker
    assert reading.wait(WAIT_S)
    version[0] = "新"
    if change == "sorted anew":
        ids.reverse()
        model.set_ids(ids)
    else:
        model.refresh_rows()
    may_finish.set()
    qtbot.waitUntil(lambda: not background._jobs)  # noqa: SLF001 (its end delivered)
    assert model.data(model.index(205, 0)) == f"新{ids[205]}"
    qtbot.waitUntil(lambda: not model._reading)  # noqa: SLF001 (the reads beside, ended)


def test_a_row_that_vanished_is_marked_not_crashed():
    model = RecordTableModel([Column("title", "标题")], lambda batch: {})
    model.set_ids(["gone"])
    assert model.data(model.index(0, 0)) == "（已不存在）"


def test_model_over_the_task_service(services, on_shift):
    """Over real tasks, the model shows the service's display rows."""
    for i in range(3):
        services.tasks.create(cluster_id=on_shift.huangqu, title=f"清淤{i}",
                              village_ids=[on_shift.villages["黄璩村"]],
                              found_on=date(2026, 1, 1), due_on=date(2026, 2, i + 1))
    model = RecordTableModel([Column("title", "标题"), Column("villages", "认领村"),
                              Column("due_on", "截止")], services.tasks.rows)
    model.set_ids(services.tasks.ids(ListQuery(order_by="-due_on")))
    assert [model.data(model.index(r, 0)) for r in range(3)] == ["清淤2", "清淤1", "清淤0"]
    assert model.data(model.index(0, 1)) == "黄璩村"
    assert model.data(model.index(0, 2)) == "2026-02-03"


def test_rows_that_come_with_the_ids_are_not_fetched_again(qtbot):
    """The first block, fetched together with the ids, is shown without another query; the
    texts of the cells are made once per block."""
    ids = [f"id{i:05d}" for i in range(300)]
    calls: list[list[str]] = []  # on the GUI thread (the block beside is read on a worker)

    def fetch(batch):
        if threading.current_thread() is threading.main_thread():
            calls.append(batch)
        return {i: {"title": f"任务{i}", "n": 3} for i in batch}

    model = RecordTableModel([Column("title", "标题"), Column("n", "人数", align_right=True)],
                             fetch)
    model.set_ids(ids, fetch(ids[:BLOCK]))
    calls.clear()
    assert model.data(model.index(0, 0)) == "任务id00000"
    assert model.data(model.index(BLOCK - 1, 1)) == "3"
    assert model.data(model.index(0, 1), Qt.ItemDataRole.TextAlignmentRole) == int(
        (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
    assert calls == []
    qtbot.waitUntil(lambda: not model._reading)  # noqa: SLF001 (the next block, read beside)
    assert model.data(model.index(BLOCK, 0)) == f"任务id{BLOCK:05d}"
    assert calls == []


def test_the_whole_list_is_added_below_its_first_block_without_a_reset():
    """The first block is shown alone, then the rest of the ids are appended: the rows shown
    stay (no reset) and are not fetched again; a list that changed meanwhile is reset."""
    ids = [f"id{i:05d}" for i in range(500)]
    calls: list[list[str]] = []

    def fetch(batch):
        calls.append(batch)
        return {i: {"title": f"任务{i}"} for i in batch}

    model = RecordTableModel([Column("title", "标题")], fetch)
    model.set_ids(ids[:BLOCK], fetch(ids[:BLOCK]))
    calls.clear()
    resets, inserted = [], []
    model.modelReset.connect(lambda: resets.append(True))
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.extend_ids(ids)
    assert model.rowCount() == 500 and resets == [] and inserted == [(BLOCK, 499)]
    assert model.data(model.index(0, 0)) == "任务id00000" and calls == []
    assert model.data(model.index(499, 0)) == "任务id00499"
    model.extend_ids(["new", *ids])  # a record came first meanwhile
    assert resets == [True] and model.id_at(0) == "new" and model.rowCount() == 501


def test_a_row_table_asks_its_model_inside_one_call_into_python(qtbot):
    """``ui.widgets.row_table`` paints its cells and its header, and measures its header, from
    one call into Python each (its ``paintEvent``, the header's ``paintEvent`` and
    ``sizeHint``), so the model's answers need no GIL of their own: each ``data`` and
    ``headerData`` runs inside such a call. (Entered from Qt one at a time, each call took the
    GIL anew, and waited for it while a worker ran Python: a list of 180 cells repainted
    beside the dashboard's worker waited 74–86 ms; opening the 14 screens made 1,326 calls
    into Python, 430 since.)"""
    import sys

    from PySide6.QtWidgets import QApplication

    from ui.widgets import row_table

    seen: dict[str, list[bool]] = {"data": [], "headerData": []}

    def inside_one_call() -> bool:
        frame = sys._getframe(2)
        while frame is not None:
            if frame.f_code.co_name in ("paintEvent", "sizeHint"):
                return True
            frame = frame.f_back
        return False

    class Watched(RecordTableModel):
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            seen["data"].append(inside_one_call())
            return super().data(index, role)

        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
            seen["headerData"].append(inside_one_call())
            return super().headerData(section, orientation, role)

    model = Watched([Column("title", "标题"), Column("status_label", "状态")],
                    lambda batch: {i: {"title": f"任务{i}", "status_label": "办理中"}
                                   for i in batch})
    model.set_ids([f"id{i:03d}" for i in range(100)])
    table = row_table(model, [120, 80])
    qtbot.addWidget(table)
    table.resize(400, 300)
    table.show()
    qtbot.waitExposed(table)
    for calls in seen.values():
        calls.clear()
    table.viewport().grab()
    table.horizontalHeader().grab()
    assert len(seen["data"]) >= 10 and all(seen["data"])
    assert seen["headerData"] and all(seen["headerData"])

    seen["headerData"].clear()
    table.setFont(QApplication.font())  # the layout measures the header again
    table.horizontalHeader().updateGeometry()
    table.resize(420, 320)
    qtbot.wait(50)
    assert seen["headerData"] and all(seen["headerData"])
    assert table.horizontalHeader().sectionsClickable()
