"""The sample town's 产业联营 and 人才联育 at the seed's scale, every record passing the
services' own rules (read back through the services)."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from desktop_app.demo import build_demo
from desktop_app.records.credit_codes import credit_code_problem
from desktop_app.services import ListQuery, Services
from desktop_app.services.talent import birth_year
from desktop_app.storage.database import Database

TODAY = date.today()
ALL = ListQuery(limit=None)


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    db = Database(tmp_path_factory.mktemp("demo") / "demo.db")
    build_demo(db, today=TODAY)
    yield Services(db)
    db.close()


def test_projects_pool_money_that_adds_up(services):
    projects = services.projects.list(ALL).items
    assert len(projects) == 40
    for project in projects:
        funds, shares = services.projects.funds(project.id), services.projects.shares(project.id)
        assert sum(shares.values()) == sum(funds.values()) > 0, project.name
        assert project.end_on is None or project.start_on is None or \
            project.end_on >= project.start_on
    seed = next(p for p in projects if p.name == "怡丰农业高端育苗设施示范项目")
    assert services.projects.funds(seed.id) == {"帮扶资金": 2_000_000}
    assert len(services.projects.shares(seed.id)) == 4 and seed.jobs == 300


def test_39_cooperatives_with_21_cadres_and_their_visits(services):
    coops = services.coops.list(ALL).items
    assert len(coops) == 39 and len({c.cadre_id for c in coops}) == 21
    assert all(credit_code_problem(c.credit_code) is None for c in coops)
    assert {"千乘大王红", "杨庄西红柿"} <= {c.brands for c in coops}
    rows = services.coops.rows([c.id for c in coops])
    assert Counter(r["standing_label"] for r in rows.values()) == {"规范": 22, "一般": 14,
                                                                   "空壳": 3}
    measures = sum(1 for c in coops for v in services.coops.visits(c.id) if v.measures)
    assert 60 <= measures <= 90  # the seed's 76 measures


def test_three_workshops_with_a_year_of_months(services):
    shops = {w.name: w for w in services.workshops.list(ALL).items}
    assert set(shops) == {"大王红·共富工坊", "古韵张淡·共富工坊", "怡丰育苗·共富工坊"}
    for shop in shops.values():
        assert len(services.workshops.months(shop.id)) == 12


def test_talent_pools_rotations_and_trainings(services):
    talents = services.talents.list(ALL).items
    assert Counter(t.pool for t in talents) == {"talent": 200, "hongyan": 100, "qingyan": 100}
    people = {p.id: p for p in services.people.list(ALL).items}
    assert all(birth_year(people[t.person_id]) >= 1985 for t in talents if t.pool == "qingyan")
    rotations = services.rotations.list(ALL).items
    qingyan = {t.id for t in talents if t.pool == "qingyan"}
    assert {r.talent_id for r in rotations} == qingyan
    assert all(r.end_on > r.start_on for r in rotations)
    assert services.rotations.ending_soon()  # some end within the month
    trainings = services.trainings.list(ALL).items
    assert len(trainings) == 30
    assert all(TODAY - timedelta(days=366) <= t.held_on <= TODAY for t in trainings)
    years = {t.held_on.year for t in trainings}
    assert all(services.trainings.hours_by_person(year) for year in years)
