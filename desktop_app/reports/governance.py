"""治理联抓 at a glance: the three figures that need attention, each the length of the list
it opens (micro-grids not visited in time, disputes open past a month, requests past their
time limit); and the module's automatic indicators for 擂台比武, each with its evidence
lists."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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


# --- indicators for 擂台比武 ----------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """An automatic indicator: ``numerator / denominator`` over a period, with the lists
    behind both (service, query) as its evidence."""

    key: str
    label: str
    numerator: int
    denominator: int
    evidence: tuple[tuple[str, ListQuery], tuple[str, ListQuery]]  # (numerator, denominator)

    @property
    def rate(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None


def _count(services: Services, service: str, query: ListQuery) -> int:
    return len(getattr(services, service).ids(query))


def indicators(services: Services, cluster_id: str | None, date_from: date,
               date_to: date) -> list[Indicator]:
    """走访覆盖率, 调处率, 成功率, 代办按时办结率 and 满意率 of a cluster (None: the town) over a
    period; each count is the length of its evidence list."""

    def query(**values) -> ListQuery:
        return ListQuery(cluster_id=cluster_id, limit=None, **values)

    period = {"date_from": date_from, "date_to": date_to}
    made: list[Indicator] = []
    pairs = (
        ("visit_coverage", "走访覆盖率（期内走访过的微网格）",
         ("micro_grids", query(extra={"visited_from": date_from, "visited_to": date_to})),
         ("micro_grids", query())),
        ("dispute_handled", "矛盾纠纷调处率",
         ("disputes", query(**period, status="closed")), ("disputes", query(**period))),
        ("dispute_success", "矛盾纠纷调解成功率",
         ("disputes", query(**period, extra={"outcome": "success"})),
         ("disputes", query(**period, status="closed"))),
        ("requests_in_time", "代办按时办结率",
         ("service_requests", query(**period, status="done", extra={"in_time": True})),
         ("service_requests", query(**period, status="done"))),
        ("satisfaction", "群众满意率（满意及以上）",
         ("service_requests", query(**period, extra={"satisfied": True})),
         ("service_requests", query(**period, extra={"rated": True}))),
    )
    for key, label, top, bottom in pairs:
        made.append(Indicator(key, label, _count(services, *top), _count(services, *bottom),
                              (top, bottom)))
    return made
