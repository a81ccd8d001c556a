"""Shared fixtures: a fresh database per test and a small town to work in."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.database import Database  # noqa: E402
from desktop_app.services import Services  # noqa: E402


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path, monkeypatch):
    """Every test keeps its settings and keys in its own folder, never the user's."""
    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path / "home"))


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path / "home"))
    database = Database(tmp_path / "lianjian.db")
    yield database
    database.close()


@pytest.fixture
def services(db) -> Services:
    return Services(db)


@dataclass
class SmallTown:
    town: str
    huangqu: str  # cluster 黄璩联合党总支
    zhangdan: str  # cluster 张淡联合党总支
    villages: dict[str, str]  # name -> id
    people: dict[str, str]  # name -> id


@pytest.fixture
def small_town(services) -> SmallTown:
    """大王镇 with two clusters: 黄璩 (黄璩、韩璩、杨璩、黄店) and 张淡 (北张淡、南张淡)."""
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
        people[name] = services.people.create(name=name, village_id=villages[village], roles=roles).id
    people["孙包村"] = services.people.create(
        name="孙包村", cluster_id=clusters["黄璩联合党总支"], roles=["town_liaison"]).id
    return SmallTown(town.id, clusters["黄璩联合党总支"], clusters["张淡联合党总支"], villages, people)


@pytest.fixture
def on_shift(services, small_town) -> SmallTown:
    """王建国 is on duty at the 黄璩 office."""
    services.duty.start(small_town.huangqu, [small_town.people["王建国"]])
    return small_town


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread(request):
    """As in the app: no garbage collection in worker threads (see ui/gc_guard.py)."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from ui import gc_guard

    gc_guard.install(request.getfixturevalue("qapp"))
    yield
