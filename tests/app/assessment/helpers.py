"""A small scheme for the assessment tests: two groups, an automatic and a jury indicator."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Scheme:
    id: str
    tasks: str  # indicator: tasks solved on time, proportional, full 10
    jury: str  # indicator: judges' scores, full 20
    groups: dict[str, str]


def make_scheme(services, quarter: str = "2026Q4") -> Scheme:
    s = services
    scheme = s.assess_schemes.create(quarter=quarter, title=f"{quarter} 擂台比武",
                                     flag_min_score=50)
    a = s.assess_groups.create(scheme_id=scheme.id, name="重点工作", weight=60, position=1)
    b = s.assess_groups.create(scheme_id=scheme.id, name="党建引领", weight=40, position=2)
    tasks = s.assess_indicators.create(scheme_id=scheme.id, group_id=a.id, code="A1",
                                       name="任务按期解决率", source="tasks_solved_on_time",
                                       rule="proportional", max_points=10)
    jury = s.assess_indicators.create(scheme_id=scheme.id, group_id=b.id, code="B1",
                                      name="现场比武", source="jury", rule="direct",
                                      max_points=20)
    return Scheme(scheme.id, tasks.id, jury.id, {"重点工作": a.id, "党建引领": b.id})
