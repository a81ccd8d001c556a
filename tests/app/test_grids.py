"""网格 and 微网格: a grid takes its cluster from its village, a micro-grid from its grid; their
leaders are of that cluster; a micro-grid moved to another leader is the same record."""

from __future__ import annotations

import pytest

from desktop_app.records.errors import ValidationError


@pytest.fixture
def grid(services, small_town):
    return services.grids.create(village_id=small_town.villages["黄璩村"], code="370523100001001",
                                 name="黄璩村第一网格", head_id=small_town.people["王建国"],
                                 worker_id=small_town.people["李秀英"])


def micro(services, town, grid, **extra):
    values = dict(grid_id=grid.id, name="黄璩村一组", leader_id=town.people["王建国"],
                  households=46, key_households=2, party_household="王树林")
    values.update(extra)
    return services.micro_grids.create(**values)


def test_a_grid_takes_its_cluster_from_its_village(services, small_town, grid):
    assert grid.cluster_id == small_town.huangqu
    row = services.grids.rows([grid.id])[grid.id]
    assert (row["village"], row["head"], row["worker"], row["micro_grids"]) == (
        "黄璩村", "王建国", "李秀英", 0)


def test_a_grid_code_is_used_once(services, small_town, grid):
    with pytest.raises(ValidationError, match="已被“黄璩村第一网格”使用") as error:
        services.grids.create(village_id=small_town.villages["韩璩村"], code=grid.code,
                              name="韩璩村第一网格")
    assert error.value.field == "code"


def test_a_grid_code_of_more_than_20_characters_is_refused(services, small_town):
    with pytest.raises(ValidationError, match="20 字以内") as error:
        services.grids.create(village_id=small_town.villages["韩璩村"], code="1" * 21, name="x")
    assert error.value.field == "code"
    assert services.grids.list().total == 0


def test_a_grid_head_of_another_cluster_is_refused(services, small_town):
    with pytest.raises(ValidationError, match="网格长赵磊属于张淡联合党总支") as error:
        services.grids.create(village_id=small_town.villages["黄璩村"], code="G1", name="一网格",
                              head_id=small_town.people["赵磊"])
    assert error.value.field == "head_id"


def test_a_micro_grid_takes_its_place_from_its_grid(services, small_town, grid):
    created = micro(services, small_town, grid)
    assert (created.cluster_id, created.village_id) == (small_town.huangqu, grid.village_id)
    row = services.micro_grids.rows([created.id])[created.id]
    assert (row["grid"], row["leader"], row["households"]) == ("黄璩村第一网格", "王建国", 46)
    assert services.grids.rows([grid.id])[grid.id]["micro_grids"] == 1


def test_a_micro_grid_without_a_grid_is_refused(services, small_town):
    with pytest.raises(ValidationError, match="请指定所属网格") as error:
        services.micro_grids.create(name="一组", leader_id=small_town.people["王建国"])
    assert error.value.field == "grid_id"
    assert services.micro_grids.list().total == 0


def test_a_leader_from_another_cluster_is_refused_by_name(services, small_town, grid):
    with pytest.raises(ValidationError, match="微网格长赵磊属于张淡联合党总支") as error:
        micro(services, small_town, grid, leader_id=small_town.people["赵磊"])
    assert error.value.field == "leader_id"
    assert services.micro_grids.list().total == 0


def test_moving_a_micro_grid_to_another_leader_keeps_it_and_its_history(services, small_town,
                                                                        grid):
    created = micro(services, small_town, grid)
    moved = services.micro_grids.update(created.id, leader_id=small_town.people["李秀英"])
    assert moved.id == created.id and services.micro_grids.list().total == 1
    changes = [c for c in services.history.history(created.id) if c.field == "leader_id"]
    assert [(c.action, c.new) for c in changes] == [("新建", "王建国"), ("修改", "李秀英")]
    assert changes[-1].old == "王建国"


def test_a_micro_grid_moves_only_between_grids_of_its_village(services, small_town, grid):
    created = micro(services, small_town, grid)
    other = services.grids.create(village_id=small_town.villages["韩璩村"], code="G2",
                                  name="韩璩村第一网格")
    with pytest.raises(ValidationError, match="只能调整到本村的网格") as error:
        services.micro_grids.update(created.id, grid_id=other.id)
    assert error.value.field == "grid_id"


def test_an_office_writes_only_its_own_cluster_s_grids(services, small_town, grid):
    """黄璩's office: a grid of 北张淡村 (张淡) is refused, so is moving or visiting there."""
    other = services.grids.create(village_id=small_town.villages["北张淡村"], code="Z1",
                                  name="北张淡村第一网格")
    services.db.set_node(cluster_id=small_town.huangqu)
    with pytest.raises(ValidationError, match="不能记录其他联合党组织的事项") as error:
        services.grids.create(village_id=small_town.villages["南张淡村"], code="Z2",
                              name="南张淡村第一网格")
    assert error.value.field == "cluster_id"
    with pytest.raises(ValidationError, match="其他联合党组织"):
        services.micro_grids.create(grid_id=other.id, name="一组")
    with pytest.raises(ValidationError, match="其他联合党组织"):
        services.grids.update(other.id, name="改名")
    own = services.micro_grids.create(grid_id=grid.id, name="一组")
    with pytest.raises(ValidationError, match="只能调整到本村的网格"):
        services.micro_grids.update(own.id, grid_id=other.id)
    assert services.grids.get(other.id).name == "北张淡村第一网格"
