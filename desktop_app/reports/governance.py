"""治理联抓 at a glance: the three figures that need attention, each the length of the list
it opens (micro-grids not visited in time, disputes open past a month, requests past their
time limit)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.services import ListQuery, Services


@dataclass(frozen=True)
class Attention:
    tab: str  # the 治理 page's tab whose 仅… filter shows the records
    label: str
    count: int


# (tab, label, service)
FIGURES = (("微网格", "未按时走访的微网格", "micro_grids"),
           ("矛盾纠纷", "超过一个月未结的纠纷", "disputes"),
           ("代办登记", "超时未办结的代办", "service_requests"))


def attention(services: Services, cluster_id: str | None) -> list[Attention]:
    """Each figure is ``len(service.ids(ListQuery(cluster_id, overdue=True)))``."""
    return [Attention(tab, label, len(getattr(services, service).ids(
        ListQuery(cluster_id=cluster_id, overdue=True, limit=None))))
        for tab, label, service in FIGURES]
