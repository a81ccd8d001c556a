"""Several PCs, each with its own database, exchanging operations."""

from __future__ import annotations

import itertools
import tempfile

import pytest

from desktop_app.services import Services
from desktop_app.storage.database import Database
from desktop_app.sync.exchange import apply, collect
from desktop_app.sync.merge import current_vector
from desktop_app.sync.transfer import approve, export_file, import_file
from tests.factories import Templates


class PC:
    def __init__(self, path, name: str) -> None:
        self.db = Database(path)
        self.db.set_node(name=name)
        self.services = Services(self.db)
        self.name = name

    def send_to(self, other: PC, *, full: bool = True):
        """Carry everything this PC holds (or what ``other`` lacks) to ``other``."""
        with other.db.engine.connect() as connection:
            known = None if full else current_vector(connection)
        return apply(other.db, collect(self.db, known))


class PCs:
    """Makes PCs in a temporary folder; ``reset()`` closes them (between hypothesis examples).

    Each PC's database starts as a copy of the session's migrated empty file: it makes its
    own node and key pair when opened, as a new file would.
    """

    def __init__(self, folder, templates: Templates) -> None:
        self.folder = folder
        self.templates = templates
        self.made: list[PC] = []
        self.counter = itertools.count()

    def __call__(self, name: str) -> PC:
        path = self.folder / f"{name}-{next(self.counter)}.db"
        pc = PC(self.templates.copy(self.templates.empty, path), name)
        self.made.append(pc)
        return pc

    def reset(self) -> None:
        for pc in self.made:
            pc.db.close()
        self.made.clear()


@pytest.fixture
def pcs(tmp_path, database_templates):
    factory = PCs(tmp_path, database_templates)
    yield factory
    factory.reset()


@pytest.fixture
def private_temp(tmp_path, monkeypatch):
    """The folder imports make their temporary folders in (checked empty afterwards: an
    import leaves no copy of the file, nor its plaintext, behind)."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def town(pcs, tmp_path):
    """The town hub with two clusters; villages 1 and 2 enrolled, each with its cluster."""
    hub = pcs("town")
    s = hub.services
    town = s.towns.create(name="大王镇", county="广饶县")
    c1 = s.clusters.create(town_id=town.id, name="黄璩联合党总支")
    c2 = s.clusters.create(town_id=town.id, name="张淡联合党总支")
    v1 = s.villages.create(cluster_id=c1.id, name="黄璩村")
    v2 = s.villages.create(cluster_id=c2.id, name="北张淡村")
    p1 = s.people.create(name="王建国", village_id=v1.id)
    p2 = s.people.create(name="赵磊", village_id=v2.id)
    hub.ids = {"c1": c1.id, "c2": c2.id, "v1": v1.id, "v2": v2.id, "p1": p1.id, "p2": p2.id}
    stick = tmp_path / "stick"
    villages = {}
    for name, cluster, person in (("v1", c1.id, p1.id), ("v2", c2.id, p2.id)):
        pc = pcs(name)
        pc.db.set_node(name=f"{name}值班室", cluster_id=cluster)
        first = export_file(pc.db, stick / name)  # the village's first file: its key
        assert import_file(hub.db, first).status == "quarantined"
        approve(hub.db, pc.db.node.node_id, cluster_id=cluster)
        from_town = export_file(hub.db, stick / f"town-for-{name}", for_peer=pc.db.node.node_id)
        assert import_file(pc.db, from_town).status == "quarantined"  # the town is new here
        approve(pc.db, hub.db.node.node_id)
        pc.services.duty.start(cluster, [person])
        villages[name] = pc
    hub.villages, hub.stick = villages, stick
    return hub
