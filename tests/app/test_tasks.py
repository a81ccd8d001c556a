"""Work tasks: claiming, validation, progress, soft delete and filters."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from desktop_app.records.errors import NotFoundError, UserError, ValidationError
from desktop_app.services import ListQuery


def test_task_is_stamped_with_the_officer_on_shift(services, on_shift):
    """A task recorded on shift carries the officer, this PC and a clock value."""
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="修缮村东道路排水沟",
                                 village_ids=[on_shift.villages["黄璩村"]])
    stored = services.tasks.get(task.id)
    assert stored.recorded_by == on_shift.people["王建国"]
    assert stored.origin == services.db.node.node_id
    assert stored.version > 0
    assert services.tasks.village_ids(task.id) == [on_shift.villages["黄璩村"]]


def test_nobody_on_shift_cannot_record_a_task(services, small_town):
    """Without a shift the office cannot record duty work, and says why."""
    with pytest.raises(UserError, match="无人值班"):
        services.tasks.create(cluster_id=small_town.huangqu, title="路灯维修")


def test_empty_title_is_refused_naming_the_field(services, on_shift):
    """A blank title gets one clear error on the title field; nothing is saved."""
    with pytest.raises(ValidationError) as error:
        services.tasks.create(cluster_id=on_shift.huangqu, title="   ")
    assert error.value.field == "title"
    assert "标题不能为空" in str(error.value)
    assert services.tasks.list().total == 0


def test_due_date_before_found_date_is_refused(services, on_shift):
    """截止日期 earlier than 发现日期 is refused on the due date field."""
    with pytest.raises(ValidationError) as error:
        services.tasks.create(cluster_id=on_shift.huangqu, title="清淤",
                              found_on=date(2026, 5, 10), due_on=date(2026, 5, 1))
    assert error.value.field == "due_on"
    assert services.tasks.list().total == 0


def test_village_outside_the_cluster_cannot_claim(services, on_shift):
    """北张淡村 belongs to another cluster, so it cannot claim a 黄璩 task."""
    with pytest.raises(ValidationError, match="北张淡村不属于本联合党组织") as error:
        services.tasks.create(cluster_id=on_shift.huangqu, title="清淤",
                              village_ids=[on_shift.villages["北张淡村"]])
    assert error.value.field == "village_ids"


def test_unknown_ids_are_named(services, on_shift):
    """An assignee or a task id that does not exist is reported, not ignored."""
    with pytest.raises(ValidationError, match="找不到责任人") as error:
        services.tasks.create(cluster_id=on_shift.huangqu, title="清淤", assignee_id="nobody")
    assert error.value.field == "assignee_id"
    with pytest.raises(NotFoundError, match="找不到工作任务"):
        services.tasks.update("no-such-task", title="x")
    with pytest.raises(ValidationError, match="状态“finished”无效"):
        services.tasks.create(cluster_id=on_shift.huangqu, title="清淤", status="finished")


def test_update_claims_and_status_times(services, on_shift):
    """Changing claims keeps one row per village; reaching 已反馈 records when."""
    v = on_shift.villages
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修",
                                 village_ids=[v["黄璩村"], v["韩璩村"]])
    services.tasks.update(task.id, village_ids=[v["韩璩村"], v["杨璩村"]], status="reported")
    assert sorted(services.tasks.village_ids(task.id)) == sorted([v["韩璩村"], v["杨璩村"]])
    stored = services.tasks.get(task.id)
    assert stored.solved_at is not None and stored.reported_at is not None
    services.tasks.update(task.id, village_ids=[v["黄璩村"]])
    assert services.tasks.village_ids(task.id) == [v["黄璩村"]]


def test_progress_moves_a_pending_task_along(services, on_shift):
    """The first progress note turns 待办理 into 办理中; bad percentages are refused."""
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修")
    services.tasks.add_progress(task.id, "已联系施工队", percent=30)
    assert services.tasks.get(task.id).status == "in_progress"
    assert [p.text for p in services.tasks.progress(task.id)] == ["已联系施工队"]
    with pytest.raises(ValidationError) as error:
        services.tasks.add_progress(task.id, "完成", percent=120)
    assert error.value.field == "percent"
    with pytest.raises(ValidationError):
        services.tasks.add_progress(task.id, "  ")


def test_delete_and_restore(services, on_shift):
    """A deleted task leaves the list but can be brought back."""
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修")
    services.tasks.delete(task.id)
    assert services.tasks.list().total == 0
    assert services.tasks.list(ListQuery(only_deleted=True)).total == 1
    with pytest.raises(NotFoundError):
        services.tasks.get(task.id)
    with pytest.raises(ValidationError, match="已删除"):
        services.tasks.delete(task.id)
    services.tasks.restore(task.id)
    assert services.tasks.get(task.id).deleted is False


def test_filters_and_paging(services, on_shift):
    """Filters by village, status, due dates, overdue and text narrow the list."""
    v, today = on_shift.villages, date.today()
    for i in range(12):
        services.tasks.create(
            cluster_id=on_shift.huangqu, title=f"第{i}号任务" + ("道路" if i % 3 == 0 else ""),
            village_ids=[v["黄璩村"] if i % 2 else v["韩璩村"]],
            found_on=today - timedelta(days=30), due_on=today + timedelta(days=i - 5),
            status="solved" if i == 0 else "pending",
        )
    assert services.tasks.list(ListQuery(limit=5)).total == 12
    page = services.tasks.list(ListQuery(limit=5, offset=10))
    assert len(page.items) == 2
    assert services.tasks.list(ListQuery(village_id=v["黄璩村"])).total == 6
    assert services.tasks.list(ListQuery(status="solved")).total == 1
    # due in the past and still open: i = 1..4 (i = 0 is solved)
    assert services.tasks.list(ListQuery(overdue=True)).total == 4
    assert services.tasks.list(ListQuery(date_from=today,
                                         date_to=today + timedelta(days=2))).total == 3
    assert services.tasks.list(ListQuery(text="道路")).total == 4
    assert services.tasks.list(ListQuery(text="道")).total == 4
    assert services.tasks.list(ListQuery(cluster_id=on_shift.zhangdan)).total == 0
    ids = services.tasks.ids(ListQuery(village_id=v["韩璩村"]))
    assert len(ids) == 6


def test_rows_describe_tasks_with_names_for_a_list(services, on_shift):
    """A list row shows the claiming villages, the assignee and the status in Chinese."""
    v, p = on_shift.villages, on_shift.people
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清淤",
                                 village_ids=[v["韩璩村"], v["黄璩村"]], assignee_id=p["李秀英"],
                                 found_on=date(2026, 1, 1), due_on=date(2026, 1, 2))
    row = services.tasks.rows([task.id])[task.id]
    assert row["villages"] == "黄璩村、韩璩村"  # the central village first
    assert row["assignee"] == "李秀英" and row["status_label"] == "待办理" and row["overdue"]
    ordered = services.tasks.ids(ListQuery(order_by="-title"))
    assert ordered == [task.id]
    with pytest.raises(ValidationError, match="不能按"):
        services.tasks.ids(ListQuery(order_by="nonsense"))


def test_the_list_of_all_tasks_is_one_scan_of_its_covering_index(services, on_shift):
    """The ids query of the task list (100,600 tasks: 410 ms with a sort, 100 ms without)
    reads everything from ix_work_task_list_order, in order, touching no row."""
    from sqlalchemy import event

    services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修")
    seen = []

    def remember(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().startswith("SELECT work_task.id"):
            seen.append((statement, parameters))

    event.listen(services.db.engine, "before_cursor_execute", remember)
    try:
        assert len(services.tasks.ids(ListQuery())) == 1
    finally:
        event.remove(services.db.engine, "before_cursor_execute", remember)
    [(statement, parameters)] = seen
    with services.db.engine.connect() as connection:
        plan = " ".join(row[3] for row in connection.exec_driver_sql(
            f"EXPLAIN QUERY PLAN {statement}", parameters))
    assert "COVERING INDEX ix_work_task_list_order" in plan and "TEMP B-TREE" not in plan, plan


def test_sorting_by_status_follows_the_workflow(services, on_shift):
    """状态 sorts 待办理, 办理中, 已解决, 已反馈, 已取消 (not by the keys' English spelling),
    and the other way round when descending."""
    for status in ("reported", "cancelled", "pending", "solved", "in_progress"):
        services.tasks.create(cluster_id=on_shift.huangqu, title=status, status=status)
    up = [row.status for row in services.tasks.list(ListQuery(order_by="status")).items]
    down = [row.status for row in services.tasks.list(ListQuery(order_by="-status")).items]
    assert up == ["pending", "in_progress", "solved", "reported", "cancelled"]
    assert down == up[::-1]


def test_going_back_to_pending_clears_the_solved_and_reported_times(services, on_shift):
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修",
                                 status="reported")
    assert task.solved_at and task.reported_at
    back = services.tasks.update(task.id, status="solved")
    assert back.solved_at == task.solved_at and back.reported_at is None
    again = services.tasks.update(task.id, status="pending")
    assert again.solved_at is None and again.reported_at is None


def test_a_title_longer_than_a_line_is_refused(services, on_shift):
    with pytest.raises(ValidationError, match="任务标题太长（101 字）") as raised:
        services.tasks.create(cluster_id=on_shift.huangqu, title="路" * 101)
    assert raised.value.field == "title"
    assert services.tasks.create(cluster_id=on_shift.huangqu, title="路" * 100).title


def test_the_found_date_cannot_move_past_recorded_progress(services, on_shift):
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="路灯维修",
                                 found_on=date(2026, 3, 1))
    services.tasks.add_progress(task.id, "已联系电工", noted_at=datetime(2026, 3, 5, 9))
    with pytest.raises(ValidationError, match="不能晚于已记录的第一条进展（2026-03-05）"):
        services.tasks.update(task.id, found_on=date(2026, 3, 6))
    assert services.tasks.update(task.id, found_on=date(2026, 3, 5)).found_on == date(2026, 3, 5)
