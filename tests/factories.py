"""The small town most tests work in, built through the services, and the database files
that tests copy instead of building their own."""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest

from db.migrate import upgrade
from desktop_app.services import Services
from desktop_app.storage.database import Database
from desktop_app.sync.identity import key_path


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
        for number, name in enumerate(names, start=1):
            villages[name] = services.villages.create(cluster_id=cluster.id, name=name,
                                                      position=number).id
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


class Templates:
    """Database files built once per test session; each test gets its own copy.

    Building a database means running the migrations (about 0.2 s) and, for the small
    town, some forty writes; copying a file takes a few milliseconds.

    - ``empty`` is the migrated schema and nothing else: no node row, no key. Opening a copy
      with ``Database`` makes the node and its key pair there and then, exactly as opening a
      new file does, so every copy gets an identity of its own.
    - ``small_town`` is ``build_small_town`` on a copy of ``empty``, copied together with
      its key file: a copy opens as the PC that built the town (the records name that node
      as their origin), not as a database carried over from another PC.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @cached_property
    def empty(self) -> Path:
        path = self.folder / "empty" / "lianjian.db"
        path.parent.mkdir(parents=True)
        upgrade(path)
        return path

    @cached_property
    def _small_town(self) -> tuple[Path, SmallTown]:
        path = self.folder / "small_town" / "lianjian.db"
        self.copy(self.empty, path)
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("LIANJIAN_HOME", str(self.folder / "small_town" / "home"))
            database = Database(path)
            town = build_small_town(Services(database))
            database.close()
        return path, town

    @property
    def small_town_file(self) -> Path:
        return self._small_town[0]

    def small_town(self) -> SmallTown:
        """The ids of the records in ``small_town_file`` (a copy: a test may change it)."""
        return copy.deepcopy(self._small_town[1])

    @staticmethod
    def copy(source: Path, target: Path) -> Path:
        """Copy a closed database file, and its key file if it has one, to ``target``."""
        for leftover in ("-wal", "-journal"):
            if source.with_name(source.name + leftover).exists():
                raise RuntimeError(f"{source} is still open ({leftover} beside it)")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        if key_path(source).exists():
            shutil.copyfile(key_path(source), key_path(target))
        return target

    def open_empty(self, path: Path) -> Database:
        """A new database at ``path``, as ``Database(path)`` would make it, only faster."""
        return Database(self.copy(self.empty, path))
