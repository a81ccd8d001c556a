"""The organisation: town, clusters, villages and people with their roles and tags."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, exists, func, select
from sqlmodel import Session, col

from db.models import Cluster, Person, PersonRole, PersonTag, Town, Village
from desktop_app.records.errors import ValidationError
from desktop_app.records.id_numbers import id_number_problem, phone_problem
from desktop_app.records.vocabulary import ROLES
from desktop_app.services.base import (
    RecordService,
    require_record,
)
from desktop_app.services.describe import members_by_parent
from desktop_app.services.members import live_members, set_members
from desktop_app.services.ordering import (
    cluster_order,
    is_central,
    renumbered,
    village_cluster_order,
    village_order,
)


class TownService(RecordService[Town]):
    model = Town
    status_column = None

    def the_town(self) -> Town | None:
        items = self.list().items
        return items[0] if items else None


class _Ordered:
    """上移/下移 among the records ``siblings`` lists, through ``position``."""

    def siblings(self, session: Session, record) -> list:
        raise NotImplementedError

    def move(self, record_id: str, step: int) -> None:
        """Move the record ``step`` places (-1 up, +1 down) in the order people see."""
        service: RecordService = self  # type: ignore[assignment]
        service._accepted({})
        with service.db.transaction() as session:
            record = service._get(session, record_id)
            siblings = self.siblings(session, record)
            if record.id not in {s.id for s in siblings}:
                raise ValidationError("position", f"中心村{record.name}总排在最前，不能移动")
            by_id = {s.id: s for s in siblings}
            for sibling_id, position in renumbered(siblings, record.id, step).items():
                service.check_office_scope({"position": position}, by_id[sibling_id])
                by_id[sibling_id].position = position
            session.flush()


def refuse_taken_name(session: Session, model, label: str, values: dict[str, Any], existing,
                      *scope) -> None:
    """A second live record of the same name (in the same ``scope`` conditions) is refused:
    two 黄璩村 in one cluster could never be told apart in a picker or a ledger."""
    name = values.get("name")
    if name is None or (existing is not None and name == existing.name):
        return
    stmt = select(col(model.id)).where(col(model.name) == name, col(model.deleted).is_(False),
                                       *scope)
    if existing is not None:
        stmt = stmt.where(col(model.id) != existing.id)
    if session.scalar(stmt.limit(1)) is not None:
        raise ValidationError("name", f"已有名为“{name}”的{label}")


class ClusterService(_Ordered, RecordService[Cluster]):
    model = Cluster
    status_column = None
    order_by = ("position", "name")

    def siblings(self, session: Session, record: Cluster) -> list[Cluster]:
        return list(session.scalars(select(Cluster).where(col(Cluster.deleted).is_(False))
                                    .order_by(*cluster_order(), col(Cluster.id))))

    def check_restore(self, session: Session, record: Cluster) -> None:
        refuse_taken_name(session, Cluster, self.label, {"name": record.name}, None)

    def check_delete(self, session: Session, record: Cluster) -> None:
        live = session.scalar(select(func.count()).where(col(Village.cluster_id) == record.id,
                                                        col(Village.deleted).is_(False)))
        if live:
            raise ValidationError("deleted", f"{record.name}下还有 {live} 个村：请先撤并这些村")

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        if existing is None and not values.get("position"):
            last = session.scalar(select(func.max(col(Cluster.position))))
            values["position"] = (last or 0) + 1  # a new cluster goes last
        refuse_taken_name(session, Cluster, self.label, values, existing)
        central = values.get("central_village_id")
        if central:
            village = require_record(session, Village, central, "central_village_id", "村庄")
            cluster_id = existing.id if existing else None
            if village.cluster_id != cluster_id:
                raise ValidationError("central_village_id",
                                      f"中心村{village.name}不属于本联合党组织")

    def describe(self, session: Session, records: list[Cluster]) -> dict[str, dict[str, Any]]:
        """Adds the cluster's villages (names and count)."""
        rows = session.execute(
            select(col(Village.cluster_id), col(Village.id), col(Village.name))
            .where(col(Village.cluster_id).in_([c.id for c in records]),
                   col(Village.deleted).is_(False))
            .order_by(*village_order()))
        villages: dict[str, list[tuple[str, str]]] = {}
        for cluster_id, village_id, name in rows:
            villages.setdefault(cluster_id, []).append((village_id, name))
        described = super().describe(session, records)
        for cluster in records:
            own = villages.get(cluster.id, [])
            described[cluster.id].update(village_count=len(own),
                                         villages=[name for _id, name in own])
        return described


class VillageService(_Ordered, RecordService[Village]):
    model = Village
    status_column = None
    order_by = ("cluster_id", "position", "name")

    def _ordering(self, first: str | None = None) -> list:
        """Central village first, then 排序, then name; clusters in their own order."""
        if first:
            return super()._ordering(first)
        return [*village_cluster_order(), col(Village.id)]

    def siblings(self, session: Session, record: Village) -> list[Village]:
        """The cluster's other villages that 上移/下移 orders (the central one stays first)."""
        return list(session.scalars(
            select(Village).where(col(Village.cluster_id) == record.cluster_id,
                                  col(Village.deleted).is_(False), ~is_central())
            .order_by(*village_order(), col(Village.id))))

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        if existing is None and not values.get("position") and values.get("cluster_id"):
            last = session.scalar(select(func.max(col(Village.position)))
                                  .where(col(Village.cluster_id) == values["cluster_id"]))
            values["position"] = (last or 0) + 1  # a new village goes last
        cluster_id = values.get("cluster_id") or (existing.cluster_id if existing else None)
        refuse_taken_name(session, Village, "村（同一联合党组织内）", values, existing,
                          col(Village.cluster_id) == cluster_id)

    def check_restore(self, session: Session, record: Village) -> None:
        refuse_taken_name(session, Village, "村（同一联合党组织内）", {"name": record.name}, None,
                          col(Village.cluster_id) == record.cluster_id)

    def check_delete(self, session: Session, record: Village) -> None:
        cluster = session.get(Cluster, record.cluster_id)
        if cluster is not None and cluster.central_village_id == record.id:
            raise ValidationError("deleted", f"{record.name}是{cluster.name}的中心村："
                                             "请先把另一个村设为中心村")

    def describe(self, session: Session, records: list[Village]) -> dict[str, dict[str, Any]]:
        """Adds whether the village is its cluster's central village."""
        rows = super().describe(session, records)
        central = set(session.scalars(select(col(Cluster.central_village_id))))
        for village in records:
            rows[village.id]["is_central"] = village.id in central
        return rows

    def filter_village(self, stmt: Select, village_id: str) -> Select:
        return stmt.where(col(Village.id) == village_id)


class PersonService(RecordService[Person]):
    model = Person
    status_column = None
    order_by = ("name",)

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        for name, problem in (("id_number", id_number_problem), ("phone", phone_problem)):
            text = str(values.get(name) or "").strip()
            if name in values:
                values[name] = text
            if text and (message := problem(text)):
                raise ValidationError(name, message)
        village = require_record(session, Village, values.get("village_id"), "village_id", "村庄")
        if village is not None:
            cluster_id = values.get("cluster_id") or (existing.cluster_id if existing else None)
            if cluster_id and village.cluster_id != cluster_id:
                raise ValidationError("village_id", f"{village.name}不属于所选联合党组织")
            if not values.get("cluster_id"):
                values["cluster_id"] = village.cluster_id  # the village decides the cluster


    def write_children(self, session: Session, record: Person, children: dict[str, Any]) -> None:
        self._set_roles_and_tags(session, record.id, children.get("roles"), children.get("tags"))

    @staticmethod
    def _set_roles_and_tags(session: Session, person_id: str, roles, tags) -> None:
        if roles is not None:
            set_members(session, PersonRole, "person_id", person_id, "role",
                        {role: {} for role in roles})
        if tags is not None:
            set_members(session, PersonTag, "person_id", person_id, "tag",
                        {str(tag).strip(): {} for tag in tags})

    def roles(self, person_id: str) -> list[str]:
        with self.db.session() as session:
            return [r.role for r in live_members(session, PersonRole, "person_id", person_id)]

    def tags(self, person_id: str) -> list[str]:
        with self.db.session() as session:
            return [t.tag for t in live_members(session, PersonTag, "person_id", person_id)]

    def describe(self, session: Session, records: list[Person]) -> dict[str, dict[str, Any]]:
        """Adds the roles (keys and labels) and the talent-pool tags."""
        rows = super().describe(session, records)
        ids = [p.id for p in records]
        roles = members_by_parent(session, PersonRole, "person_id", "role", ids)
        tags = members_by_parent(session, PersonTag, "person_id", "tag", ids)
        for person in records:
            own = roles.get(person.id, [])
            rows[person.id].update(roles=own, tags=tags.get(person.id, []),
                                   roles_label="、".join(ROLES[r] for r in own if r in ROLES))
        return rows

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        role = extra.get("role")
        if role:
            stmt = stmt.where(
                exists(
                    select(col(PersonRole.id)).where(
                        col(PersonRole.person_id) == Person.id,
                        PersonRole.role == role,
                        col(PersonRole.deleted).is_(False),
                    )
                )
            )
        return stmt
