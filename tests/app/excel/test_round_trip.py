"""Export then import into an empty office gives the same records (issue 14)."""

from __future__ import annotations

from desktop_app.excel import export_xlsx, import_sheet
from desktop_app.services import ListQuery, Services
from desktop_app.storage.database import Database
from tests.app.excel.sheets import id_number

KEPT = ("name", "cluster", "village", "post", "roles", "tags", "gender", "phone", "id_number",
        "birth_year", "note")


def snapshot(services: Services, kind: str, keys) -> list[tuple]:
    service = services.by_kind(kind)
    rows = service.rows(service.ids(ListQuery(limit=None)), unmasked=True).values()
    return sorted(tuple(str(row.get(k)) for k in keys) for row in rows)


def test_people_and_villages_come_back_the_same(services, small_town, tmp_path):
    services.people.create(name="周明", village_id=small_town.villages["韩璩村"],
                           post="村委委员", roles=["party_member", "volunteer"],
                           tags=["鸿雁", "致富带头人"], gender="男", phone="0546-6441234",
                           id_number=id_number(), birth_year=1980, note="第一行\n第二行")
    for kind in ("village", "person"):
        export_xlsx(services, kind, None, tmp_path / f"{kind}.xlsx", whole=True)

    empty = Services(Database(tmp_path / "new" / "lianjian.db"))
    town = empty.towns.create(name="大王镇")
    for name in ("黄璩联合党总支", "张淡联合党总支"):
        empty.clusters.create(town_id=town.id, name=name)
    for kind in ("village", "person"):
        report = import_sheet(empty, kind, tmp_path / f"{kind}.xlsx")
        assert report.written, report.problems

    village_keys = ("name", "cluster", "households", "population")
    assert snapshot(empty, "village", village_keys) == snapshot(services, "village",
                                                                  village_keys)
    assert snapshot(empty, "person", KEPT) == snapshot(services, "person", KEPT)
    empty.db.close()


TASK_KEYS = ("title", "cluster", "villages", "assignee", "priority_label", "status_label",
             "found_on", "due_on", "solved_at", "description")


def test_tasks_come_back_the_same(services, on_shift, tmp_path):
    from datetime import date

    from tests.factories import build_small_town

    v, p = on_shift.villages, on_shift.people
    services.tasks.create(cluster_id=on_shift.huangqu, title="清理东沟", priority=1,
                          village_ids=[v["黄璩村"], v["韩璩村"]], assignee_id=p["李秀英"],
                          found_on=date(2026, 11, 2), due_on=date(2026, 12, 2),
                          description="东沟淤泥\n两处")
    done = services.tasks.create(cluster_id=on_shift.huangqu, title="修路灯",
                                 village_ids=[v["杨璩村"]])
    services.tasks.update(done.id, status="solved")
    export_xlsx(services, "work_task", None, tmp_path / "tasks.xlsx", whole=True)

    other = Services(Database(tmp_path / "new" / "lianjian.db"))
    town = build_small_town(other)
    other.duty.start(town.huangqu, [town.people["王建国"]])
    report = import_sheet(other, "work_task", tmp_path / "tasks.xlsx")
    assert report.written, report.problems
    assert snapshot(other, "work_task", TASK_KEYS) == snapshot(services, "work_task",
                                                                 TASK_KEYS)
    other.db.close()


def test_rota_patterns_come_back_with_their_weekdays(services, small_town, tmp_path):
    """排班规则's sheet shows 值班日 in words (周一、三、五, 每天); importing it gives the days."""
    from tests.factories import build_small_town

    services.patterns.create(cluster_id=small_town.huangqu, weekdays="135", officers_per_day=2)
    services.patterns.create(cluster_id=small_town.zhangdan, weekdays="1234567")
    export_xlsx(services, "rota_pattern", None, tmp_path / "patterns.xlsx", whole=True)

    other = Services(Database(tmp_path / "new" / "lianjian.db"))
    build_small_town(other)
    report = import_sheet(other, "rota_pattern", tmp_path / "patterns.xlsx")
    assert report.written, report.problems
    keys = ("cluster", "weekdays", "weekdays_text", "officers_per_day")
    assert snapshot(other, "rota_pattern", keys) == snapshot(services, "rota_pattern", keys)
    assert {row[2] for row in snapshot(other, "rota_pattern", keys)} == {"周一、三、五", "每天"}
    other.db.close()
