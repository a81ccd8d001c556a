"""组织架构: villages in the order people expect (central first, then 排序), 上移/下移, and
what may not be taken out (a central village, a cluster that still has villages)."""

from __future__ import annotations

import pytest

from desktop_app.records.errors import ValidationError
from desktop_app.services import ListQuery


def names(services, cluster_id) -> list[str]:
    return [v.name for v in services.villages.list(ListQuery(cluster_id=cluster_id)).items]


def test_the_central_village_comes_first_then_the_declared_order(services, small_town):
    huangqu = small_town.huangqu
    assert names(services, huangqu) == ["黄璩村", "韩璩村", "杨璩村", "黄店村"]
    # Another central village moves to the top; the others keep their order.
    services.clusters.update(huangqu, central_village_id=small_town.villages["杨璩村"])
    assert names(services, huangqu) == ["杨璩村", "黄璩村", "韩璩村", "黄店村"]


def test_moving_a_village_up_and_down(services, on_shift):
    huangqu, villages = on_shift.huangqu, on_shift.villages
    services.villages.move(villages["黄店村"], -1)
    assert names(services, huangqu) == ["黄璩村", "韩璩村", "黄店村", "杨璩村"]
    services.villages.move(villages["黄店村"], -5)  # past the top: stops under the central one
    assert names(services, huangqu) == ["黄璩村", "黄店村", "韩璩村", "杨璩村"]
    services.villages.move(villages["韩璩村"], 1)
    assert names(services, huangqu) == ["黄璩村", "黄店村", "杨璩村", "韩璩村"]
    # The order reaches every list that names villages: a task's claiming villages.
    task = services.tasks.create(cluster_id=huangqu, title="修路",
                                 village_ids=[villages["韩璩村"], villages["黄店村"]])
    assert services.tasks.rows([task.id])[task.id]["villages"] == "黄店村、韩璩村"


def test_the_central_village_does_not_move(services, small_town):
    with pytest.raises(ValidationError, match="中心村黄璩村总排在最前"):
        services.villages.move(small_town.villages["黄璩村"], 1)


def test_clusters_keep_their_order(services, small_town):
    clusters = lambda: [c.name for c in services.clusters.list(ListQuery()).items]  # noqa: E731
    before = clusters()
    services.clusters.move(small_town.zhangdan if before[1] == "张淡联合党总支"
                           else small_town.huangqu, -1)
    assert clusters() == list(reversed(before))


def test_a_central_village_or_a_cluster_with_villages_cannot_be_retired(services, small_town):
    with pytest.raises(ValidationError, match="黄璩村是黄璩联合党总支的中心村"):
        services.villages.delete(small_town.villages["黄璩村"])
    with pytest.raises(ValidationError, match="张淡联合党总支下还有 2 个村"):
        services.clusters.delete(small_town.zhangdan)
    services.villages.delete(small_town.villages["黄店村"])  # retired: out of the pickers …
    assert "黄店村" not in names(services, small_town.huangqu)
    with pytest.raises(ValidationError, match="村庄“黄店村”已删除"):  # no raw id in the message
        services.villages.delete(small_town.villages["黄店村"])


def test_a_village_office_cannot_reorder_the_towns_clusters(services, small_town):
    services.db.set_node(cluster_id=small_town.huangqu)
    services.villages.move(small_town.villages["黄店村"], -1)  # its own cluster's villages: yes
    with pytest.raises(ValidationError):
        services.clusters.move(small_town.zhangdan, -1)


def test_a_name_already_taken_is_refused_by_name(services, small_town):
    """Two 黄店村 in one cluster, or two clusters of one name, could not be told apart."""
    with pytest.raises(ValidationError, match="已有名为“黄店村”的村") as error:
        services.villages.create(cluster_id=small_town.huangqu, name="黄店村")
    assert error.value.field == "name"
    with pytest.raises(ValidationError, match="已有名为“韩璩村”的村"):
        services.villages.update(small_town.villages["黄店村"], name="韩璩村")
    services.villages.create(cluster_id=small_town.zhangdan, name="黄店村")  # another cluster
    services.villages.update(small_town.villages["黄店村"], name="黄店村", households=30)
    with pytest.raises(ValidationError, match="已有名为“张淡联合党总支”的联合党组织"):
        services.clusters.create(town_id=small_town.town, name="张淡联合党总支")
    assert len(names(services, small_town.huangqu)) == 4


def test_a_retired_village_whose_name_was_taken_since_is_not_restored(services, small_town):
    """黄店村 retired, a new 黄店村 added in its cluster: restoring the old one would make two;
    the refusal names the village, and the old one stays retired."""
    old = small_town.villages["黄店村"]
    services.villages.delete(old)
    services.villages.create(cluster_id=small_town.huangqu, name="黄店村")
    with pytest.raises(ValidationError, match="已有名为“黄店村”的村"):
        services.villages.restore(old)
    assert services.villages.get(old, include_deleted=True).deleted
    assert names(services, small_town.huangqu).count("黄店村") == 1
