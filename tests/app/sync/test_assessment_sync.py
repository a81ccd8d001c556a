"""擂台比武 across PCs: a finalised quarter keeps its figures when a late sync file brings
older records; the town's scores reach the villages; a village PC cannot write them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from db.models import AssessScore
from desktop_app.sync.merge import SyncError
from desktop_app.sync.transfer import export_file, import_file
from tests.app.assessment.helpers import make_scheme


def test_a_late_file_does_not_change_a_finalised_quarter(town):
    v1 = town.villages["v1"]
    scheme = make_scheme(town.services)
    town.services.assess_scores.create(scheme_id=scheme.id, indicator_id=scheme.jury,
                                       assessed_id=town.ids["c1"], judge="甲", points=18)
    # written at the village in October, carried to the town only after 定稿
    late = v1.services.tasks.create(cluster_id=town.ids["c1"], title="清理排水沟",
                                    found_on=date(2026, 10, 2), due_on=date(2026, 10, 20),
                                    status="solved", solved_at=datetime(2026, 10, 19, 9, 0))
    late_file = export_file(v1.db, town.stick / "late")
    final = town.services.assessment.finalise("2026Q4", "镇党委书记")
    assert final.result.by_cluster(town.ids["c1"]).indicators[scheme.tasks].figure is None

    report = import_file(town.db, late_file)
    assert report.status == "merged"
    assert town.services.tasks.get(late.id).title == "清理排水沟"  # the file is taken in
    after = town.services.assessment.view("2026Q4")
    assert after.result == final.result and after.late_records == 1
    draft_would_be = after.result.by_cluster(town.ids["c1"]).indicators[scheme.tasks]
    assert draft_would_be.evidence == []

    # the finalised quarter reaches the village with its stored figures
    import_file(v1.db, export_file(town.db, town.stick / "down", for_peer=v1.db.node.node_id))
    at_village = v1.services.assessment.view("2026Q4")
    assert at_village.final and at_village.result == final.result


def test_the_town_refuses_a_village_file_that_writes_scores(town):
    """A village PC that wrote a judge's score (around its service) has its file refused."""
    v1 = town.villages["v1"]
    scheme = make_scheme(town.services)
    import_file(v1.db, export_file(town.db, town.stick / "down", for_peer=v1.db.node.node_id))
    with v1.db.transaction() as session:
        session.add(AssessScore(scheme_id=scheme.id, indicator_id=scheme.jury,
                                assessed_id=town.ids["c1"], judge="自己", points=20))
    with pytest.raises(SyncError, match="不属于其联合党组织"):
        import_file(town.db, export_file(v1.db, town.stick / "up"))
    assert town.services.assessment.scores("2026Q4") == []
