"""修改历史 from any form: who changed which field from what to what, newest first."""

from __future__ import annotations

from ui.forms.task_form import TaskForm
from ui.history_dialog import HistoryDialog


def test_a_forms_history_lists_each_change(qtbot, services, on_shift, monkeypatch):
    services.db.set_node(name="黄璩值班室", cluster_id=on_shift.huangqu)
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
    services.tasks.update(task.id, title="清理村东排水沟", status="in_progress")
    new_form = TaskForm(services, None)
    qtbot.addWidget(new_form)
    assert not hasattr(new_form, "history_button")  # nothing to show before the first save
    form = TaskForm(services, task.id)
    qtbot.addWidget(form)
    shown: list[HistoryDialog] = []
    monkeypatch.setattr(HistoryDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    form.history_button.click()
    table = shown[0].table
    rows = [[table.item(r, c).text() for c in range(table.columnCount())]
            for r in range(table.rowCount())]
    changed = {(r[1], r[2], r[3], r[4]) for r in rows}
    assert ("修改", "任务标题", "清理排水沟", "清理村东排水沟") in changed
    assert ("修改", "状态", "待办理", "办理中") in changed
    assert ("新建", "任务标题", "", "清理排水沟") in changed
    assert rows[0][1] == "修改"  # newest first
    assert all(r[5] == "王建国" and r[6] == "黄璩值班室" for r in rows)
    assert "修改历史" in shown[0].windowTitle()
