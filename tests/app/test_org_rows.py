"""What the organisation lists show: a cluster's central village and villages, a team's leader."""

from __future__ import annotations

from desktop_app.services import ListQuery


def test_cluster_rows_name_the_central_village_and_count_villages(services, small_town):
    """黄璩联合党总支 shows 黄璩村 as its central village and its 4 villages."""
    services.villages.delete(small_town.villages["黄店村"])
    rows = services.clusters.rows(services.clusters.ids(ListQuery()))
    huangqu = rows[small_town.huangqu]
    assert huangqu["central_village"] == "黄璩村"
    assert huangqu["village_count"] == 3
    assert huangqu["villages"] == ["黄璩村", "韩璩村", "杨璩村"]  # central first, then 排序
    assert rows[small_town.zhangdan]["village_count"] == 2


def test_team_rows_name_the_leader_and_cluster(services, small_town):
    """A team's row carries its leader's and its cluster's names; no leader shows nothing."""
    led = services.teams.create(cluster_id=small_town.huangqu, name="黄璩党员志愿服务队",
                                kind="党员", leader_id=small_town.people["王建国"])
    unled = services.teams.create(cluster_id=small_town.zhangdan, name="张淡巾帼志愿服务队")
    rows = services.teams.rows([led.id, unled.id])
    assert (rows[led.id]["leader"], rows[led.id]["cluster"]) == ("王建国", "黄璩联合党总支")
    assert (rows[unled.id]["leader"], rows[unled.id]["cluster"]) == ("", "张淡联合党总支")
