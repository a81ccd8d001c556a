"""The ids a list screen fetches are the records its filters and sort order would list."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.services import ListQuery


@pytest.fixture
def tasks(services, on_shift):
    v = on_shift.villages
    made = []
    for number, (title, village, status, due) in enumerate([
            ("清理排水沟", "黄璩村", "pending", date(2026, 3, 1)),
            ("道路修补", "韩璩村", "in_progress", date(2026, 1, 5)),
            ("路灯维修", "黄璩村", "solved", date(2026, 2, 1)),
            ("排水沟加盖", "杨璩村", "in_progress", None)]):
        made.append(services.tasks.create(
            cluster_id=on_shift.huangqu, title=title, village_ids=[v[village]], status=status,
            priority=1 + number % 3, found_on=date(2026, 1, 1), due_on=due).id)
    services.tasks.delete(services.tasks.create(cluster_id=on_shift.huangqu, title="作废").id)
    return made


@pytest.mark.parametrize("query", [
    ListQuery(limit=None),
    ListQuery(limit=None, order_by="-title"),
    ListQuery(limit=None, status="in_progress"),
    ListQuery(limit=None, text="排水沟"),
    ListQuery(limit=None, overdue=True, order_by="due_on"),
    ListQuery(limit=None, only_deleted=True),
], ids=["all", "title descending", "status", "search", "overdue", "deleted"])
def test_task_ids_match_the_listed_tasks(services, tasks, query):
    """For each filter and sort order, the ids are the listed tasks, in the listed order."""
    ids = services.tasks.ids(query)
    assert ids == [t.id for t in services.tasks.list(query).items]
    assert all(type(i) is str for i in ids)  # plain strings: safe to hand to the GUI thread


def test_village_and_role_filters_give_the_same_ids_as_the_list(services, on_shift, tasks):
    """Claiming village (a sub-query) and a person's role (an extra filter) filter ids too."""
    by_village = ListQuery(limit=None, village_id=on_shift.villages["黄璩村"])
    assert services.tasks.ids(by_village) == [t.id for t in services.tasks.list(by_village).items]
    assert len(services.tasks.ids(by_village)) == 2
    volunteers = ListQuery(limit=None, extra={"role": "volunteer"})
    assert services.people.ids(volunteers) == [p.id for p in services.people.list(volunteers).items]
    names = {services.people.get(i).name for i in services.people.ids(volunteers)}
    assert names == {"张志强", "刘芳"}


def test_one_clusters_tasks_are_looked_up_by_cluster(services, on_shift, tasks):
    """The office's own list (one cluster) starts from that cluster's tasks, not from every
    live task of the town: "not deleted" must not steer SQLite to the index on ``deleted``."""
    query = ListQuery(limit=None, cluster_id=on_shift.huangqu)
    tasks_service = services.tasks
    stmt = tasks_service.filtered(query).with_only_columns(tasks_service.model.id)
    stmt = stmt.order_by(*tasks_service._ordering(query.order_by))  # as ids() sorts the list
    compiled = stmt.compile(services.db.engine)
    params = tuple(compiled.params[name] for name in compiled.positiontup)
    with services.db.engine.connect() as connection:
        plan = " ".join(row[3] for row in connection.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + str(compiled), params))
    assert "cluster" in plan and "live_due" not in plan, plan
    assert len(services.tasks.ids(query)) == 4
