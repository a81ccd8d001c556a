"""民情日志: a visit takes its place from its micro-grid, is never in the future, and its
problems become a work task claimed by the village in one step; micro-grids not visited within
their frequency are listed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from desktop_app.records.errors import UserError, ValidationError
from desktop_app.services import ListQuery

TODAY = date.today()


@pytest.fixture
def micro(services, small_town):
    grid = services.grids.create(village_id=small_town.villages["韩璩村"], code="G1",
                                 name="韩璩村第一网格")
    return services.micro_grids.create(grid_id=grid.id, name="韩璩村一组", households=40,
                                       leader_id=small_town.people["李秀英"])


def visit(services, micro, **extra):
    values = dict(micro_grid_id=micro.id, visited_on=TODAY - timedelta(days=2),
                  kind="visit", households=12, heard="群众反映村东路灯不亮",
                  problems="村东三盏路灯损坏\n排水沟堵塞")
    values.update(extra)
    return services.visits.create(**values)


def test_a_visit_takes_its_place_from_its_micro_grid(services, small_town, micro):
    created = visit(services, micro, visitor_id=small_town.people["李秀英"])
    assert (created.cluster_id, created.village_id) == (small_town.huangqu, micro.village_id)
    row = services.visits.rows([created.id])[created.id]
    assert (row["micro_grid"], row["visitor"], row["kind_label"]) == (
        "韩璩村一组", "李秀英", "走访")
    assert services.micro_grids.rows([micro.id])[micro.id]["last_visit"] == created.visited_on


def test_a_visit_in_the_future_is_refused(services, micro):
    with pytest.raises(ValidationError, match="不能晚于今天") as error:
        visit(services, micro, visited_on=TODAY + timedelta(days=1))
    assert error.value.field == "visited_on"
    assert services.visits.list().total == 0


def test_a_visitor_of_another_cluster_is_refused(services, small_town, micro):
    with pytest.raises(ValidationError, match="走访人赵磊属于张淡联合党总支") as error:
        visit(services, micro, visitor_id=small_town.people["赵磊"])
    assert error.value.field == "visitor_id"


def test_a_visit_without_a_micro_grid_is_refused(services):
    with pytest.raises(ValidationError, match="请指定微网格") as error:
        services.visits.create(visited_on=TODAY)
    assert error.value.field == "micro_grid_id"


def test_a_problem_found_becomes_a_task_the_village_claims(services, on_shift, micro):
    created = visit(services, micro)
    task_id = services.visits.to_task(created.id)
    task = services.tasks.get(task_id)
    assert task.title == "网格发现：村东三盏路灯损坏"
    assert "来源：网格发现（韩璩村一组走访" in task.description and "排水沟堵塞" in task.description
    assert task.found_on == created.visited_on and task.status == "pending"
    assert task.assignee_id == on_shift.people["李秀英"]
    assert services.tasks.village_ids(task_id) == [micro.village_id]
    assert services.visits.get(created.id).task_id == task_id
    assert services.visits.rows([created.id])[created.id]["task_title"] == task.title
    with pytest.raises(UserError, match="不能重复转办"):
        services.visits.to_task(created.id)
    assert services.tasks.list().total == 1


def test_turning_a_visit_into_a_task_needs_a_shift_and_a_problem(services, small_town, micro):
    created = visit(services, micro)
    with pytest.raises(UserError, match="当前无人值班"):
        services.visits.to_task(created.id)
    services.duty.start(small_town.huangqu, [small_town.people["王建国"]])
    quiet = visit(services, micro, problems="")
    with pytest.raises(ValidationError, match="没有记录发现的问题") as error:
        services.visits.to_task(quiet.id)
    assert error.value.field == "problems"
    assert services.tasks.list().total == 0 and services.visits.get(created.id).task_id is None


def test_micro_grids_not_visited_in_time(services, small_town, micro):
    """Key households: monthly; the others twice a year; never visited: due."""
    grid_id = micro.grid_id
    key = services.micro_grids.create(grid_id=grid_id, name="二组", key_households=3)
    plain = services.micro_grids.create(grid_id=grid_id, name="三组", key_households=0)
    for m in (key, plain):
        visit(services, m, visited_on=TODAY - timedelta(days=40))
    due = services.micro_grids.list(ListQuery(overdue=True)).items
    assert {m.name for m in due} == {"韩璩村一组", "二组"}
    visit(services, micro)
    due = services.micro_grids.list(ListQuery(overdue=True)).items
    assert {m.name for m in due} == {"二组"}
    rows = services.micro_grids.rows([micro.id, key.id, plain.id])  # the list's: red if due
    assert {row["name"] for row in rows.values() if row["overdue"]} == {"二组"}


def test_visits_filter_by_kind_and_micro_grid(services, micro):
    visit(services, micro, kind="patrol")
    visit(services, micro, kind="policy")
    assert services.visits.list(ListQuery(status="patrol")).total == 1
    assert services.visits.list(ListQuery(extra={"micro_grid_id": micro.id})).total == 2
