"""Setting up a new office PC: its town, its cluster with the villages, and its name."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.records.errors import ValidationError
from desktop_app.services import Services


@dataclass(frozen=True)
class OfficePlan:
    town: str
    county: str
    cluster: str
    villages: list[str]  # the central village first
    office: str


def check_plan(plan: OfficePlan) -> OfficePlan:
    """Tidy the plan, or raise a ValidationError naming the field."""
    names = [v.strip() for v in plan.villages if v.strip()]
    for field, value, label in (("town", plan.town, "镇名称"),
                                ("cluster", plan.cluster, "联合党组织名称"),
                                ("office", plan.office, "值班室名称")):
        if not value.strip():
            raise ValidationError(field, f"{label}不能为空")
    if not names:
        raise ValidationError("villages", "请至少填写一个村（第一个为中心村）")
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValidationError("villages", f"村名重复：{'、'.join(repeated)}")
    return OfficePlan(plan.town.strip(), plan.county.strip(), plan.cluster.strip(), names,
                      plan.office.strip())


def set_up_office(services: Services, plan: OfficePlan) -> str:
    """Create the town (or reuse it), the cluster and its villages; returns the cluster id."""
    plan = check_plan(plan)
    town = services.towns.the_town() or services.towns.create(name=plan.town, county=plan.county)
    cluster = services.clusters.create(town_id=town.id, name=plan.cluster)
    village_ids = [services.villages.create(cluster_id=cluster.id, name=name, position=number).id
                   for number, name in enumerate(plan.villages, start=1)]  # in the order typed
    services.clusters.update(cluster.id, central_village_id=village_ids[0])
    services.db.set_node(name=plan.office, cluster_id=cluster.id)
    return cluster.id
