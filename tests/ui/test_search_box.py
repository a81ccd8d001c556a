"""The search box at the top of the navigation: type, wait a moment, see what was found by
kind with the true counts, press Enter and the record's form opens."""

from __future__ import annotations

import os
from datetime import date

import pytest

from PySide6.QtCore import Qt

from ui.forms.task_form import TaskForm
from ui.main_window import MainWindow
from ui.search_page import SearchPage


@pytest.fixture
def window(qtbot, services, on_shift):
    services.db.set_node(name="黄璩中心村值班室", cluster_id=on_shift.huangqu)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1024, 768)
    window.show()
    return window


@pytest.fixture
def castor(services, on_shift):
    """A task whose progress note is the only place 蓖麻 is written, and a meeting with it
    in a decision."""
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="种植结构调整",
                                 found_on=date(2026, 11, 2))
    services.tasks.add_progress(task.id, "已联系蓖麻籽收购商樊家庄")
    from datetime import datetime

    meeting = services.meetings.create(cluster_id=on_shift.huangqu, title="十一月联席会议",
                                       start=datetime(2026, 11, 20, 9))
    services.meetings.add_decision(meeting.id, "扩大蓖麻种植面积")
    return task


def _type(qtbot, window, text):
    """Type ``text`` one character after another (QTest types only Latin keys) and wait for
    the results."""
    window.search_box.setFocus()
    page = window.search_page()
    assert isinstance(page, SearchPage)
    with qtbot.waitSignal(page.searched, timeout=5000):
        for character in text:
            window.search_box.insert(character)
    return page


def test_typing_shows_hits_by_kind_and_enter_opens_the_task(qtbot, window, castor,
                                                            monkeypatch):
    """Ctrl+K, type 蓖麻, wait: 工作任务 and 会议 each with one record, the task's snippet
    with the word in bold; Enter opens the task's form on that task."""
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    page = _type(qtbot, window, "蓖麻")
    assert window.pages.currentWidget() is page
    assert page.results.counts == {"work_task": 1, "meeting": 1}
    headers = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert headers == ["工作任务（共 1 条）", "会议（共 1 条）"]
    label = page.tree.itemWidget(page.tree.topLevelItem(0).child(0), 0)
    assert "种植结构调整" in label.text() and "任务进展" in label.text()
    assert "蓖麻</b>" in label.text() and "黄璩联合党总支" in label.text()

    opened = []
    monkeypatch.setattr(TaskForm, "exec", lambda form: opened.append(form.record_id) or 0)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: opened == [castor.id], timeout=5000)


def test_filters_deleted_and_no_hits(qtbot, window, services, castor):
    """The kind filter keeps meetings only; a deleted task shows only with 含已删除的."""
    page = _type(qtbot, window, "蓖麻")
    with qtbot.waitSignal(page.searched, timeout=5000):
        page.kind.set_key("meeting")
    assert page.results.counts == {"meeting": 1}
    with qtbot.waitSignal(page.searched, timeout=5000):
        page.kind.set_key(None)
    services.tasks.delete(castor.id)
    with qtbot.waitSignal(page.searched, timeout=5000):
        page.run()
    assert page.results.counts == {"meeting": 1}
    with qtbot.waitSignal(page.searched, timeout=5000):
        page.deleted.setChecked(True)
    assert page.results.counts == {"work_task": 1, "meeting": 1}
    window.search_box.clear()
    with qtbot.waitSignal(page.searched, timeout=5000):
        window.search_box.insert("没有这个词")
    assert "没有找到" in page.summary.text()


def test_search_page_fits_1024_and_screenshot(qtbot, window, castor):
    """At 1024×768 the page asks for no more width; a screenshot is saved when asked
    (LIANJIAN_SCREENSHOTS=folder)."""
    page = _type(qtbot, window, "蓖麻")
    assert window.minimumSizeHint().width() <= 1024
    folder = os.environ.get("LIANJIAN_SCREENSHOTS")
    if folder:
        qtbot.wait(100)
        window.grab().save(os.path.join(folder, "search.png"))
        page.grab().save(os.path.join(folder, "search_page.png"))


def test_a_kind_with_more_hits_than_counted_says_so(qtbot, window, services, castor,
                                                   monkeypatch):
    """Past the count's cap the heading and the summary say "1+" (the window's cap is 1,000),
    not a false total; a kind under the cap keeps its true count."""
    from desktop_app.services.search import SearchService

    services.tasks.create(cluster_id=castor.cluster_id, title="蓖麻收购")
    counted = SearchService.grouped
    monkeypatch.setattr(SearchService, "grouped",
                        lambda self, query, filters=None, per_kind=5: counted(
                            self, query, filters, per_kind, cap=1))
    page = _type(qtbot, window, "蓖麻")
    assert page.results.more == {"work_task"}
    headers = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert headers == ["工作任务（共 1+ 条，显示最新 2 条）", "会议（共 1 条）"]
    assert "共找到 2+ 条记录：工作任务 1+ 条，会议 1 条" in page.summary.text()
