"""The sample town's 擂台比武: four finalised quarters and a draft, the flag moves, the same
seed and day give the same figures."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.assessment.quarters import previous_quarter, quarter_of
from desktop_app.demo import build_demo
from desktop_app.services import Services
from desktop_app.storage.database import Database

TODAY = date(2026, 12, 2)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    db = Database(tmp_path_factory.mktemp("assess-demo") / "demo.db")
    build_demo(db, today=TODAY)
    yield Services(db)
    db.close()


def test_a_year_of_quarters_four_finalised_and_a_draft(sample):
    quarters = sample.assessment.quarters()
    current = quarter_of(TODAY)
    assert [q["quarter"] for q in quarters][0] == current and len(quarters) == 5
    assert [q["status"] for q in quarters] == ["draft", "final", "final", "final", "final"]
    draft = sample.assessment.view(current)
    assert not draft.final and len(draft.result.clusters) == 29
    last = sample.assessment.view(previous_quarter(current))
    assert last.final and last.finalised_by and last.late_records == 0
    scores = sample.assessment.scores(previous_quarter(current))
    assert len({s["judge"] for s in scores}) == 7  # five judges and two inspectors


def test_the_flag_moves(sample):
    history = sample.assessment.flag_history()
    assert len(history) == 4
    assert {h.change for h in history} == {"held", "kept", "took_over"}
    assert len({h.holder for h in history}) >= 3


def test_the_same_seed_and_day_give_the_same_figures(sample, tmp_path):
    other = Database(tmp_path / "again.db")
    try:
        build_demo(other, today=TODAY)
        again = Services(other)
        quarter = previous_quarter(quarter_of(TODAY))
        assert again.assessment.view(quarter).result == sample.assessment.view(quarter).result
    finally:
        other.close()


def test_the_scheme_scores_the_rota_industry_and_talent_from_records(sample):
    """The sample scheme weighs the rota's and 产业/人才's sources (groups still total 100):
    every cluster has a coverage and an attendance figure, and the industry figures vary."""
    view = sample.assessment.view(quarter_of(TODAY))
    assert sum(g.weight for g in view.groups) == 100
    by_source = {i.source: i.id for i in view.indicators}

    def figures(source: str) -> list[float | None]:
        return [c.indicators[by_source[source]].figure for c in view.result.clusters]

    assert all(f is not None for f in figures("duty_coverage") + figures("duty_attendance"))
    assert all(0 <= f <= 100 for f in figures("duty_attendance"))  # type: ignore[operator]
    for source in ("projects_on_schedule", "jobs_created", "collective_income_growth",
                   "talent_returned"):
        known = [f for f in figures(source) if f is not None]
        assert len(known) >= 5 and len(set(known)) >= 1, source
    assert len({f for f in figures("jobs_created") if f is not None}) > 3
