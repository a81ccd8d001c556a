"""The small town most tests work in, built through the services."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.services import Services


@dataclass
class SmallTown:
    town: str
    huangqu: str  # cluster 黄璩联合党总支
    zhangdan: str  # cluster 张淡联合党总支
    villages: dict[str, str]  # name -> id
    people: dict[str, str]  # name -> id


def build_small_town(services: Services) -> SmallTown:
    """大王镇 with two clusters: 黄璩 (黄璩、韩璩、杨璩、黄店) and 张淡 (北张淡、南张淡), five
    village people and 孙包村, the 黄璩 town liaison."""
    town = services.towns.create(name="大王镇", county="广饶县")
    clusters, villages = {}, {}
    for cluster_name, names in (("黄璩联合党总支", ["黄璩村", "韩璩村", "杨璩村", "黄店村"]),
                                ("张淡联合党总支", ["北张淡村", "南张淡村"])):
        cluster = services.clusters.create(town_id=town.id, name=cluster_name)
        clusters[cluster_name] = cluster.id
        for name in names:
            villages[name] = services.villages.create(cluster_id=cluster.id, name=name).id
        services.clusters.update(cluster.id, central_village_id=villages[names[0]])
    people = {}
    for name, village, roles in (("王建国", "黄璩村", ["village_committee", "party_member"]),
                                 ("李秀英", "韩璩村", ["village_committee"]),
                                 ("张志强", "杨璩村", ["volunteer"]),
                                 ("刘芳", "黄店村", ["volunteer"]),
                                 ("赵磊", "北张淡村", ["village_committee"])):
        people[name] = services.people.create(name=name, village_id=villages[village],
                                              roles=roles).id
    people["孙包村"] = services.people.create(
        name="孙包村", cluster_id=clusters["黄璩联合党总支"], roles=["town_liaison"]).id
    return SmallTown(town.id, clusters["黄璩联合党总支"], clusters["张淡联合党总支"], villages,
                     people)
