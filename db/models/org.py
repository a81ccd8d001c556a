"""The organisation: town, clusters (联合党组织), villages and people."""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from db.ids import new_id
from db.models.base import SyncedRecord


class Town(SyncedRecord, table=True):
    """镇: one per deployment, e.g. 大王镇."""

    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    county: str = ""


class Cluster(SyncedRecord, table=True):
    """联合党组织 / 联合党总支, led by its central village (中心村)."""

    town_id: str = Field(foreign_key="town.id", index=True)
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    central_village_id: str | None = Field(default=None, max_length=36)
    note: str = ""
    position: int = 0  # 排序 among the town's clusters (then by name)


class Village(SyncedRecord, table=True):
    """村: a member of exactly one cluster."""

    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    households: int = 0
    population: int = 0
    position: int = 0  # 排序 in its cluster, after the central village (then by name)


class Person(SyncedRecord, table=True):
    """人员: cadres, villagers, volunteers and talent-pool members."""

    name: str = Field(index=True)
    name_sort: str | None = Field(default=None, index=True)  # pinyin, for lists
    cluster_id: str | None = Field(default=None, foreign_key="cluster.id", index=True)
    village_id: str | None = Field(default=None, foreign_key="village.id", index=True)
    post: str = ""  # 职务, e.g. 党支部书记
    gender: str = ""
    phone: str = ""
    id_number: str = ""  # 身份证号, printed on volunteer-hours certificates
    birth_year: int | None = None
    note: str = ""


class PersonRole(SyncedRecord, table=True):
    """One role of a person (a set member: its id is derived from person and role)."""

    __tablename__ = "person_role"
    person_id: str = Field(foreign_key="person.id", index=True)
    role: str  # see desktop_app vocabulary: town_liaison, party_instructor, ...


class PersonTag(SyncedRecord, table=True):
    """A talent-pool tag (人才库: 鸿雁, 青雁, 致富带头人, 退役军人 ...)."""

    __tablename__ = "person_tag"
    person_id: str = Field(foreign_key="person.id", index=True)
    tag: str


class LocalNode(SQLModel, table=True):
    """This installation (never synced): its node id, office name and clock."""

    __tablename__ = "local_node"
    id: int = Field(default=1, primary_key=True)
    node_id: str = Field(default_factory=new_id)
    name: str = ""
    cluster_id: str | None = None  # the cluster this office serves; None at the town hub
    hlc: int = 0
    epoch: int = 0  # bumped after each import: names what this node has seen (SyncEpoch)
    install_id: str | None = None  # names this PC's private key in its key store
    public_key: str | None = None  # Ed25519, base64

    @property
    def role(self) -> str:
        """A central village office serves a cluster; the town hub serves none."""
        return "village" if self.cluster_id else "town"
