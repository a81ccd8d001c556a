"""Choices for combo boxes and check lists, read through the services."""

from __future__ import annotations

from desktop_app.services import ListQuery, Services


def cluster_choices(services: Services) -> list[tuple[str, str]]:
    return [(c.id, c.name) for c in services.clusters.list(ListQuery(limit=None)).items]


def village_choices(services: Services, cluster_id: str | None) -> list[tuple[str, str]]:
    if not cluster_id:
        return []
    page = services.villages.list(ListQuery(cluster_id=cluster_id, limit=None))
    return [(v.id, v.name) for v in page.items]


def people_choices(services: Services, cluster_id: str | None, role: str | None = None
                   ) -> list[tuple[str, str]]:
    """People of the cluster (and town cadres without a cluster), "name（post）"."""
    extra = {"role": role} if role else {}
    people = services.people.list(ListQuery(cluster_id=cluster_id, limit=None, extra=extra)).items
    return [(p.id, f"{p.name}（{p.post}）" if p.post else p.name) for p in people]


def agenda_choices(services: Services, cluster_id: str | None) -> list[tuple[str, str]]:
    if not cluster_id:
        return []
    items = services.agenda.list(ListQuery(cluster_id=cluster_id, limit=None)).items
    return [(i.id, i.title) for i in items]


def default_cluster(services: Services) -> str | None:
    """This office's cluster, or the first one."""
    office = services.sync.office()
    if office.cluster_id:
        return office.cluster_id
    choices = cluster_choices(services)
    return choices[0][0] if choices else None
