"""Setting up a new office: town, cluster, villages and the office's name in one step."""

from __future__ import annotations

import pytest

from desktop_app.records.errors import ValidationError
from desktop_app.services import ListQuery
from desktop_app.services.office_setup import OfficePlan, set_up_office


def plan(**changes) -> OfficePlan:
    values = dict(town="大王镇", county="广饶县", cluster="黄璩联合党总支",
                  villages=["黄璩村", "韩璩村", " 杨璩村 ", "", "黄店村"],
                  office="黄璩中心村值班室")
    values.update(changes)
    return OfficePlan(**values)


def test_new_office_gets_its_cluster_and_villages(services):
    """The first village becomes the central one; this PC serves the new cluster."""
    cluster_id = set_up_office(services, plan())
    villages = services.villages.list(ListQuery(cluster_id=cluster_id, limit=None)).items
    assert sorted(v.name for v in villages) == sorted(["黄璩村", "韩璩村", "杨璩村", "黄店村"])
    central = services.clusters.get(cluster_id).central_village_id
    assert services.villages.get(central).name == "黄璩村"
    assert services.db.node.name == "黄璩中心村值班室" and services.db.node.cluster_id == cluster_id


@pytest.mark.parametrize("changes, field", [({"town": " "}, "town"),
                                            ({"villages": ["", " "]}, "villages"),
                                            ({"villages": ["甲村", "甲村"]}, "villages"),
                                            ({"office": ""}, "office")])
def test_incomplete_plans_are_refused_and_nothing_is_written(services, changes, field):
    with pytest.raises(ValidationError) as error:
        set_up_office(services, plan(**changes))
    assert error.value.field == field
    assert services.clusters.list().total == 0 and services.towns.list().total == 0
