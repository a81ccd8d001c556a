"""The sample town (大王镇示例数据): its size, its consistency with the rules, and its use."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from sqlalchemy import text

from db.ids import member_id
from desktop_app.demo import build_demo, builder, is_sample, names
from desktop_app.records import procedure
from desktop_app.records.errors import UserError
from desktop_app.records.vocabulary import (
    AGENDA_STATUSES,
    ATTENDANCE,
    CONCLUDED_OUTCOMES,
    MEETING_OUTCOMES,
    OPEN_TASK_STATUSES,
    TASK_STATUSES,
)
from desktop_app.search.fts import matching_ids, search
from desktop_app.services import ListQuery, Services
from desktop_app.services.volunteers import activity_hours
from desktop_app.storage.database import Database

TODAY = date.today()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """One sample town, built once and only read by the tests that share it."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    db = Database(path)
    counts = build_demo(db, today=TODAY)
    yield db, counts
    db.close()


@pytest.fixture(scope="module")
def rows(demo):
    """Query the sample database with plain SQL: ``rows("SELECT ...")`` -> list of dicts."""
    db, _ = demo
    connection = sqlite3.connect(db.path)
    connection.row_factory = sqlite3.Row

    def query(sql: str, *params) -> list[dict]:
        return [dict(row) for row in connection.execute(sql, params)]

    yield query
    connection.close()


def day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value[:10])


# --- the organisation -------------------------------------------------------------------


def test_town_has_29_clusters_and_97_villages_each_in_one_cluster(rows):
    """大王镇 of 广饶县 has 29 clusters and 97 villages; each cluster leads with its central
    village, which is one of its own villages."""
    assert rows("SELECT name, county FROM town") == [{"name": "大王镇", "county": "广饶县"}]
    clusters = {c["id"]: c for c in rows("SELECT * FROM cluster")}
    villages = rows("SELECT * FROM village")
    assert len(clusters) == 29 and len(villages) == 97
    members = defaultdict(set)
    for village in villages:
        assert village["cluster_id"] in clusters
        members[village["cluster_id"]].add(village["name"])
    expected = {name: (central, set(vs)) for name, central, vs in names.CLUSTERS}
    by_id = {v["id"]: v for v in villages}
    for cluster_id, cluster in clusters.items():
        central = by_id[cluster["central_village_id"]]
        assert central["cluster_id"] == cluster_id
        assert (central["name"], members[cluster_id]) == expected[cluster["name"]]
        assert "示例数据" in cluster["note"]
    assert len({v["name"] for v in villages}) == 97


def test_people_hold_their_roles(rows):
    """About 150 people: a 包村干部 per cluster, 党建指导员, one or two 两委干部 per village,
    volunteers, and a talent pool tagged 鸿雁 / 青雁; role and tag rows are set members."""
    people = {p["id"]: p for p in rows("SELECT * FROM person")}
    pools = {r["person_id"] for r in rows("SELECT person_id FROM talent_profile")}
    assert 140 <= len(people.keys() - pools) <= 200 and len(pools) == 400  # + 人才联育's
    roles = defaultdict(set)
    for row in rows("SELECT * FROM person_role"):
        assert row["id"] == member_id("person_role", row["person_id"], row["role"])
        roles[row["role"]].add(row["person_id"])
    liaison_clusters = Counter(people[p]["cluster_id"] for p in roles["town_liaison"])
    assert len(liaison_clusters) == 29 and set(liaison_clusters.values()) == {1}
    assert roles["party_instructor"] and roles["volunteer"]
    per_village = Counter(people[p]["village_id"] for p in roles["village_committee"])
    assert len(per_village) == 97 and set(per_village.values()) <= {1, 2}
    tags = defaultdict(set)
    for row in rows("SELECT * FROM person_tag"):
        assert row["id"] == member_id("person_tag", row["person_id"], row["tag"])
        tags[row["tag"]].add(row["person_id"])
    assert tags["鸿雁"] and tags["青雁"]
    assert all(people[p]["birth_year"] >= 1990 for p in tags["青雁"])
    villages = {v["id"]: v["cluster_id"] for v in rows("SELECT id, cluster_id FROM village")}
    for person in people.values():
        if person["village_id"]:
            assert villages[person["village_id"]] == person["cluster_id"]
        assert len(person["id_number"]) == 18 and person["id_number"][6:10] == str(
            person["birth_year"])


def test_counts_returned_are_those_in_the_database(demo, rows):
    """build_demo reports how many records of each kind the sample holds, roughly the
    sizes the issue asks for."""
    _, counts = demo
    assert counts["clusters"] == 29 and counts["villages"] == 97
    assert counts["people"] == len(rows("SELECT id FROM person"))
    assert counts["shifts"] == len(rows("SELECT id FROM duty_shift")) >= 29 * 15
    assert 110 <= counts["agenda_items"] <= 130
    assert 550 <= counts["tasks"] <= 650
    assert 35 <= counts["teams"] <= 45
    assert 180 <= counts["activities"] <= 220
    assert 55 <= counts["meetings"] <= 65


# --- the rota ---------------------------------------------------------------------------


def test_three_months_of_ended_shifts_for_every_cluster(demo, rows):
    """Each cluster has a shift every few days over the last three months, all handed over,
    with officers of that cluster, a log and a handover note."""
    db, _ = demo
    people = {p["id"]: p for p in rows("SELECT id, cluster_id FROM person")}
    shifts = rows("SELECT * FROM duty_shift ORDER BY start")
    officers = defaultdict(list)
    for row in rows("SELECT * FROM shift_officer"):
        assert row["id"] == member_id("shift_officer", row["shift_id"], row["person_id"])
        officers[row["shift_id"]].append(row["person_id"])
    by_cluster = defaultdict(list)
    for shift in shifts:
        by_cluster[shift["cluster_id"]].append(day(shift["start"]))
        assert shift["end"] is not None and shift["end"] > shift["start"]
        assert TODAY - timedelta(days=92) <= day(shift["start"]) < TODAY
        assert shift["log"] and shift["handover_note"]
        assert 1 <= len(officers[shift["id"]]) <= 2
        assert shift["recorded_by"] == officers[shift["id"]][0]
        for person_id in officers[shift["id"]]:
            assert people[person_id]["cluster_id"] in (None, shift["cluster_id"])
    assert len(by_cluster) == 29
    for days in by_cluster.values():
        assert days[0] <= TODAY - timedelta(days=85) and days[-1] >= TODAY - timedelta(days=6)
        assert all(3 <= (b - a).days <= 5 for a, b in zip(days, days[1:], strict=False))
    assert Services(db).duty.current() is None


# --- agenda items and 四议两公开 ---------------------------------------------------------


def test_agenda_items_wait_at_every_step_and_some_are_completed(demo):
    """Items are spread over the steps of 四议两公开: some wait for each of the six steps,
    some are resolved (已决议) and some done with the result published (已办结)."""
    services = Services(demo[0])
    items = services.agenda.list(ListQuery(limit=None)).items
    statuses = Counter(item.status for item in items)
    assert set(statuses) <= set(AGENDA_STATUSES)
    assert statuses["open"] and statuses["concluded"] and statuses["completed"]
    waiting = Counter(services.agenda.next_step(item.id) for item in items
                      if item.status != "withdrawn")
    assert all(waiting[step] for step in (1, 2, 3, 4, 5, 6, None)), waiting


def test_every_decision_step_obeys_the_procedure(rows):
    """Steps come in order without gaps, never after a failed one, on dates that never go
    back; counts are possible (实到 ≤ 应到, votes ≤ 实到) and every outcome is what the rules
    of 四议两公开 give; an item's status follows from its last step."""
    items = {i["id"]: i for i in rows("SELECT * FROM agenda_item")}
    steps = defaultdict(list)
    for row in rows("SELECT * FROM decision_step ORDER BY step"):
        assert row["id"] == member_id("decision_step", row["agenda_item_id"], str(row["step"]))
        steps[row["agenda_item_id"]].append(row)
    assert sum(map(len, steps.values())) > 300
    for item_id, item in items.items():
        held = steps.get(item_id, [])
        assert [s["step"] for s in held] == list(range(1, len(held) + 1))
        previous = day(item["raised_on"])
        for row in held:
            assert day(row["held_on"]) >= previous
            previous = day(row["held_on"])
            assert previous < TODAY
            if row["due"] is not None:
                assert row["present"] <= row["due"]
                cast = sum(row[k] or 0 for k in ("votes_for", "votes_against", "votes_abstain"))
                assert cast <= row["present"]
            verdict = procedure.judge(procedure.StepVote(
                step=row["step"], body=row["body"], due=row["due"], present=row["present"],
                votes_for=row["votes_for"], votes_against=row["votes_against"],
                votes_abstain=row["votes_abstain"]))
            assert row["outcome"] == verdict.outcome, (item["title"], row)
        outcomes = {s["step"]: s["outcome"] for s in held}
        assert "failed" not in [s["outcome"] for s in held[:-1]]
        if item["status"] == "withdrawn":
            continue
        if not held:
            assert item["status"] == "open"
            continue
        last = held[-1]
        expected = ("completed" if last["step"] == 6 else
                    "concluded" if last["step"] >= 4 and last["outcome"] != "failed" else "open")
        assert item["status"] == expected
        assert procedure.next_step(outcomes) == (None if last["step"] == 6 else
                                                 last["step"] + (last["outcome"] != "failed"))


# --- tasks ------------------------------------------------------------------------------


def test_tasks_in_every_status_some_overdue(demo, rows):
    """Tasks are pending, in progress, solved, reported back and cancelled; some are overdue
    (due before today and still open); dates and times follow one another."""
    db, _ = demo
    tasks = Services(db).tasks.list(ListQuery(limit=None)).items
    assert set(Counter(t.status for t in tasks)) == set(TASK_STATUSES)
    overdue = [t for t in tasks if t.due_on < TODAY and t.status in OPEN_TASK_STATUSES]
    assert 20 <= len(overdue) < len(tasks) // 3
    for task in tasks:
        assert task.found_on <= task.due_on
        assert task.found_on <= TODAY
        if task.status in ("solved", "reported"):
            assert task.found_on <= task.solved_at.date() < TODAY
        else:
            assert task.solved_at is None
        if task.status == "reported":
            assert task.reported_at >= task.solved_at
    found = {t["id"]: day(t["found_on"]) for t in rows("SELECT id, found_on FROM work_task")}
    statuses = {t.id: t.status for t in tasks}
    progress = rows("SELECT * FROM task_progress")
    assert len(progress) > 500
    for row in progress:
        assert day(row["noted_at"]) >= found[row["task_id"]]
        assert statuses[row["task_id"]] != "pending"


def test_every_claiming_village_belongs_to_the_tasks_cluster(rows):
    """逐村认领: each task is claimed by one or two villages of its own cluster."""
    claims = rows(
        "SELECT c.id, c.task_id, c.village_id, t.cluster_id AS task_cluster,"
        " v.cluster_id AS village_cluster FROM task_claim c"
        " JOIN work_task t ON t.id = c.task_id JOIN village v ON v.id = c.village_id")
    per_task = Counter(c["task_id"] for c in claims)
    assert len(per_task) == len(rows("SELECT id FROM work_task"))
    assert set(per_task.values()) <= {1, 2} and 2 in per_task.values()
    for claim in claims:
        assert claim["task_cluster"] == claim["village_cluster"]
        assert claim["id"] == member_id("task_claim", claim["task_id"], claim["village_id"])


def test_tasks_come_from_concluded_items_and_decisions(rows):
    """Tasks linked to an agenda item come from a resolved one of the same cluster; tasks made
    from a meeting decision carry its owner and come from an item the meeting agreed to."""
    items = {i["id"]: i for i in rows("SELECT * FROM agenda_item")}
    linked = rows("SELECT * FROM work_task WHERE agenda_item_id IS NOT NULL")
    assert len(linked) > 50
    for task in linked:
        item = items[task["agenda_item_id"]]
        assert item["cluster_id"] == task["cluster_id"]
        assert item["status"] in ("concluded", "completed")
    from_decisions = rows(
        "SELECT t.*, d.owner_id, d.agenda_item_id AS decided_item, d.meeting_id,"
        " m.cluster_id AS meeting_cluster, m.start FROM work_task t"
        " JOIN meeting_decision d ON d.id = t.decision_id JOIN meeting m ON m.id = d.meeting_id")
    assert len(from_decisions) >= 3
    outcomes = {(r["meeting_id"], r["agenda_item_id"]): r["outcome"]
                for r in rows("SELECT * FROM meeting_agenda_item")}
    for task in from_decisions:
        assert task["assignee_id"] == task["owner_id"]
        assert task["cluster_id"] == task["meeting_cluster"]
        assert day(task["found_on"]) == day(task["start"])
        if task["decided_item"]:
            assert outcomes[(task["meeting_id"], task["decided_item"])] in CONCLUDED_OUTCOMES


# --- meetings and volunteers ------------------------------------------------------------


def test_meetings_record_attendance_outcomes_and_decisions(rows):
    """Every meeting has its chair among those present, absentees with a reason, items of
    its own cluster with an outcome, and decisions with an owner and a deadline."""
    meetings = {m["id"]: m for m in rows("SELECT * FROM meeting")}
    attendees = defaultdict(dict)
    for row in rows("SELECT * FROM meeting_attendee"):
        assert row["attendance"] in ATTENDANCE
        assert row["attendance"] != "absent" or row["reason"]
        attendees[row["meeting_id"]][row["person_id"]] = row["attendance"]
    assert Counter(a for m in attendees.values() for a in m.values()).keys() == ATTENDANCE.keys()
    items = {i["id"]: i for i in rows("SELECT * FROM agenda_item")}
    discussed = rows("SELECT * FROM meeting_agenda_item")
    assert len({r["outcome"] for r in discussed}) >= 4
    for row in discussed:
        assert row["outcome"] in MEETING_OUTCOMES
        assert items[row["agenda_item_id"]]["cluster_id"] == meetings[row["meeting_id"]][
            "cluster_id"]
        assert day(items[row["agenda_item_id"]]["raised_on"]) <= day(
            meetings[row["meeting_id"]]["start"])
    for meeting in meetings.values():
        assert attendees[meeting["id"]][meeting["chair_id"]] == "present"
        assert meeting["recorder_id"] in attendees[meeting["id"]]
    decisions = rows("SELECT * FROM meeting_decision")
    assert len(decisions) >= 40
    for decision in decisions:
        assert decision["owner_id"] and decision["text"]
        assert day(decision["deadline"]) > day(meetings[decision["meeting_id"]]["start"])


def test_participants_hours_fit_the_activity(demo, rows):
    """Each activity has 3 to 8 participants, none credited with more hours than it lasted,
    and belongs to the cluster of its team."""
    services = Services(demo[0])
    teams = {t.id: t for t in services.teams.list(ListQuery(limit=None)).items}
    activities = services.activities.list(ListQuery(limit=None)).items
    hours = defaultdict(list)
    for row in rows("SELECT * FROM activity_participant"):
        assert row["id"] == member_id("activity_participant", row["activity_id"],
                                      row["person_id"])
        hours[row["activity_id"]].append(row["hours"])
    for activity in activities:
        length = activity_hours(activity.start_time, activity.end_time)
        assert 3 <= len(hours[activity.id]) <= 8
        assert all(0 < h <= length for h in hours[activity.id])
        assert teams[activity.team_id].cluster_id == activity.cluster_id
        assert activity.held_on < TODAY


def test_the_sample_office_has_a_certificate_register_and_trainings_of_its_own(demo, rows):
    """证明登记簿 and 人才 › 培训 at the sample's office are not empty: certificates numbered
    from 0001 for hours the volunteers served (as the certificate service works them out),
    and some of the year's trainings held in its own cluster."""
    db, counts = demo
    services = Services(db)
    office = db.node.cluster_id
    certificates = sorted(services.certificates.list(ListQuery(limit=None)).items,
                          key=lambda c: (c.year, c.serial))
    assert counts["certificates"] == len(certificates) >= 4
    assert [c.serial for c in certificates] == list(range(1, len(certificates) + 1))
    for certificate in certificates:
        assert certificate.number.startswith("黄璩联合党总支志证〔")
        assert services.people.get(certificate.person_id).cluster_id == office
        served = services.certificates.service_record(
            certificate.person_id, certificate.period_start, certificate.period_end)
        assert (certificate.hours, certificate.activities, certificate.content) == (
            served.hours, len(served.lines), served.summary())
    assert len(rows("SELECT id FROM training_session WHERE cluster_id = ?", office)) >= 3


# --- using the sample -------------------------------------------------------------------


def test_services_list_the_sample(demo):
    """The screens' lists work on the sample: overdue tasks, a cluster's tasks by status
    page by page, items waiting for a step, people by role, a person's shifts."""
    db, _ = demo
    services = Services(db)
    assert services.tasks.list(ListQuery(overdue=True)).total > 0
    huangqu = db.node.cluster_id
    page = services.tasks.list(ListQuery(cluster_id=huangqu, status="in_progress", limit=5))
    assert page.total > 0 and all(t.cluster_id == huangqu for t in page.items)
    village = services.villages.list(ListQuery(cluster_id=huangqu)).items[0]
    assert services.tasks.list(ListQuery(village_id=village.id)).total > 0
    assert services.agenda.list(ListQuery(extra={"waiting_step": 3})).total > 0
    liaisons = services.people.list(ListQuery(extra={"role": "town_liaison"}, limit=None))
    assert liaisons.total == 29
    last_shift = services.duty.list(ListQuery(cluster_id=huangqu)).items[0]
    officer = services.duty.officers(last_shift.id)[0]
    mine = services.duty.list(ListQuery(extra={"person_id": officer}, limit=None)).items
    assert last_shift.id in [s.id for s in mine]
    assert services.duty.last_handover(huangqu).id == last_shift.id
    assert services.meetings.list(ListQuery(cluster_id=huangqu)).total > 0
    assert services.activities.list(ListQuery(date_from=TODAY - timedelta(days=30))).total > 0
    meeting = services.meetings.list().items[0]
    assert services.meetings.attendees(meeting.id)


def test_search_finds_huangqu_by_pinyin_and_tasks_by_chinese(demo):
    """Typing hq finds 黄璩; a few characters of a task title find that task."""
    db, _ = demo
    with db.engine.connect() as connection:
        hits = search(connection, "hq", kinds=["cluster", "village"])
        names_found = {
            connection.execute(text(f"SELECT name FROM {hit.kind} WHERE id = :id"),
                               {"id": hit.record_id}).scalar()
            for hit in hits
        }
        assert {"黄璩联合党总支", "黄璩村"} <= names_found
        task_id, title = connection.execute(
            text("SELECT id, title FROM work_task ORDER BY rowid LIMIT 1")).one()
        assert task_id in matching_ids(connection, title[-4:], "work_task")
        assert search(connection, "排水沟", kinds=["work_task"])
    services = Services(db)
    assert services.tasks.list(ListQuery(text="路灯")).total > 0
    assert services.people.list(ListQuery(text="包村干部")).total == 0  # roles are not posts
    assert services.villages.list(ListQuery(text="hq")).total >= 1


def test_the_sample_says_it_is_a_sample(demo, tmp_path):
    """The database is marked as sample data, as the 黄璩 office, and its clock is saved so
    that later edits win over every sample record."""
    db, _ = demo
    assert is_sample(db)
    assert db.node.name == builder.SAMPLE_NODE_NAME == "大王镇示例数据（演示）"
    huangqu = Services(db).clusters.list(ListQuery(limit=None)).items
    assert db.node.cluster_id == next(c.id for c in huangqu if c.name == "黄璩联合党总支")
    with db.engine.connect() as connection:
        newest = connection.execute(text("SELECT max(version) FROM work_task")).scalar()
        saved = connection.execute(text("SELECT hlc FROM local_node")).scalar()
    assert saved >= newest and db.clock.now() > newest
    empty = Database(tmp_path / "empty.db")
    assert not is_sample(empty)
    empty.close()


def test_a_second_build_is_refused_and_changes_nothing(demo, rows):
    """Building the sample again into the same database is refused with a clear message."""
    db, counts = demo
    with pytest.raises(UserError, match="数据库中已有数据：示例数据只能在空数据库中创建"):
        build_demo(db, today=TODAY)
    assert len(rows("SELECT id FROM work_task")) == counts["tasks"]


def test_building_into_a_database_with_real_data_is_refused(services):
    """A database that already holds a town (real data) gets no sample, neither size."""
    services.towns.create(name="大王镇", county="广饶县")
    for size in ("town", "large"):
        with pytest.raises(UserError, match="示例数据只能在空数据库中创建"):
            build_demo(services.db, size)
    assert services.clusters.list().total == 0
    with pytest.raises(UserError, match="town、large 或 years"):
        build_demo(services.db, "huge")


def test_same_seed_and_day_give_the_same_sample(demo, tmp_path):
    """Two builds with the same seed and day hold the same records, ids included; only
    which PC wrote them and its clock differ. Another seed gives another town."""

    def content(path) -> dict[str, list[tuple]]:
        connection = sqlite3.connect(path)
        tables = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'search_%'"
            " AND name NOT IN ('local_node', 'alembic_version') AND name NOT LIKE 'sqlite_%'")]
        found = {}
        for table in tables:
            columns = [c[1] for c in connection.execute(f"PRAGMA table_info({table})")
                       if c[1] not in ("origin", "version")]
            found[table] = sorted(connection.execute(
                f"SELECT {', '.join(map(repr, columns))} FROM {table}"), key=repr)
        found["search_doc"] = list(connection.execute(
            "SELECT kind, record_id, cluster_id FROM search_doc ORDER BY rowid"))
        connection.close()
        return found

    db, _ = demo
    again = Database(tmp_path / "again.db")
    other = Database(tmp_path / "other.db")
    try:
        build_demo(again, today=TODAY)
        build_demo(other, seed=7, today=TODAY)
        first, second = content(db.path), content(again.path)
        assert first.keys() == second.keys()
        for table in first:
            assert first[table] == second[table], table
        titles = lambda c: sorted(row[0] for row in c)  # noqa: E731
        with sqlite3.connect(other.path) as connection:
            other_titles = titles(connection.execute("SELECT title FROM work_task"))
        with sqlite3.connect(db.path) as connection:
            assert titles(connection.execute("SELECT title FROM work_task")) != other_titles
    finally:
        again.close()
        other.close()


def test_sample_rows_are_stored_as_the_app_stores_them(services):
    """Dates, times and flags written in bulk look exactly like those the app writes, so
    lists sort and filter them alike; an officer can go on shift and work on the sample."""
    db = services.db
    build_demo(db, today=TODAY)
    huangqu = db.node.cluster_id
    officer = services.people.list(ListQuery(cluster_id=huangqu)).items[0]
    services.duty.start(huangqu, [officer.id])
    task = services.tasks.create(cluster_id=huangqu, title="核对示例数据格式",
                                 found_on=TODAY - timedelta(days=3), due_on=TODAY,
                                 status="reported")
    connection = sqlite3.connect(db.path)
    connection.row_factory = sqlite3.Row
    mine = dict(connection.execute("SELECT * FROM work_task WHERE id = ?", (task.id,)).fetchone())
    theirs = dict(connection.execute(
        "SELECT * FROM work_task WHERE status = 'reported' AND id != ? LIMIT 1",
        (task.id,)).fetchone())
    for column in ("created_at", "found_on", "due_on", "solved_at", "reported_at", "deleted"):
        assert type(mine[column]) is type(theirs[column]), column
        assert len(str(mine[column])) == len(str(theirs[column])), column
    activity = connection.execute("SELECT start_time FROM volunteer_activity").fetchone()
    assert len(activity["start_time"]) == len("09:00:00.000000")
    connection.close()
    reported = services.tasks.list(ListQuery(cluster_id=huangqu, status="reported", limit=None))
    assert task.id in [t.id for t in reported.items]


def test_large_size_adds_bulk_tasks(tmp_path, monkeypatch):
    """size="large" builds the town and then many more tasks, each claimed by villages of
    its cluster and searchable; it can add them to the sample town once, not twice."""
    monkeypatch.setattr(builder, "LARGE_TASKS", 400)
    db = Database(tmp_path / "large.db")
    try:
        counts = build_demo(db, "large", today=TODAY)
        assert counts["tasks"] == builder.TASKS + 400
        with db.engine.connect() as connection:
            bad = connection.execute(text(
                "SELECT count(*) FROM task_claim c JOIN work_task t ON t.id = c.task_id"
                " JOIN village v ON v.id = c.village_id WHERE v.cluster_id != t.cluster_id"
            )).scalar()
            unclaimed = connection.execute(text(
                "SELECT count(*) FROM work_task t WHERE NOT EXISTS"
                " (SELECT 1 FROM task_claim c WHERE c.task_id = t.id)")).scalar()
            indexed = connection.execute(text(
                "SELECT count(*) FROM search_doc WHERE source = 'work_task'")).scalar()
        assert bad == 0 and unclaimed == 0 and indexed == counts["tasks"]
        tasks = Services(db).tasks
        assert tasks.list(ListQuery(text="大数据量演示任务")).total == 400
        assert tasks.list(ListQuery(overdue=True)).total > 20
        with pytest.raises(UserError, match="已有大数据量任务"):
            build_demo(db, "large", today=TODAY)
    finally:
        db.close()


def test_large_size_adds_tasks_to_an_existing_sample(tmp_path, monkeypatch):
    """On a database that already holds the sample town, size="large" only adds the tasks."""
    monkeypatch.setattr(builder, "LARGE_TASKS", 150)
    db = Database(tmp_path / "sample.db")
    try:
        town = build_demo(db, today=TODAY)
        large = build_demo(db, "large", today=TODAY)
        assert large == {**town, "tasks": town["tasks"] + 150}
        assert is_sample(db)
    finally:
        db.close()


def test_every_cluster_has_a_rota_matching_its_shifts(demo, rows):
    """轮值排班: each cluster has a pool, a pattern and turns from three months back to four
    weeks ahead; every pooled officer who signed in to a shift was due that day; there are
    swaps, leave and a few 缺岗 days; today has officers due."""
    db, _ = demo
    services = Services(db)
    assert len(rows("SELECT DISTINCT cluster_id FROM duty_pool_member")) == 29
    assert len(rows("SELECT cluster_id FROM rota_pattern")) == 29
    turns = {(r["cluster_id"], day(r["day"]), r["person_id"])
             for r in rows("SELECT * FROM rota_turn WHERE deleted = 0")}
    pooled = {(r["cluster_id"], r["person_id"]) for r in rows("SELECT * FROM duty_pool_member")}
    for signed in rows("SELECT s.cluster_id, s.start, o.person_id FROM duty_shift s"
                       " JOIN shift_officer o ON o.shift_id = s.id"):
        if (signed["cluster_id"], signed["person_id"]) in pooled:
            assert (signed["cluster_id"], day(signed["start"]), signed["person_id"]) in turns
    assert len({(d, p) for _, d, p in turns}) == len(turns)  # one turn a day each
    assert rows("SELECT count(*) AS n FROM rota_swap")[0]["n"] >= 29
    assert rows("SELECT count(*) AS n FROM duty_leave")[0]["n"] >= 10
    last_month = TODAY.replace(day=1) - timedelta(days=1)
    report = services.rota.attendance(last_month.year, last_month.month)
    assert report["total"]["absent"] >= 5 and report["total"]["excused"] >= 3
    assert report["total"]["present"] > report["total"]["absent"] * 5
    due_today = services.rota.due(TODAY)
    kind = services.holidays.calendar(None, TODAY, TODAY).get(TODAY, ("", ""))[0]
    off = kind == "holiday" or (TODAY.isoweekday() > 5 and kind != "workday")
    assert len({r["cluster_id"] for r in due_today}) == (0 if off else 29)


def test_service_requests_are_due_by_the_sample_s_own_holidays(demo, rows):
    """Each sample request's 办结时限 is what the service counts from its 节假日 records
    (国庆 skipped, its 调休 Saturday worked), so a request saved again keeps its date."""
    from desktop_app.services.governance_rules import add_working_days

    db, _ = demo
    requests = rows("SELECT r.cluster_id, r.received_on, r.due_on, i.time_limit_days"
                    " FROM service_request r JOIN service_item i ON i.id = r.item_id")
    assert len(requests) >= 900
    with db.session() as session:
        for request in requests:
            assert day(request["due_on"]) == add_working_days(
                session, request["cluster_id"], day(request["received_on"]),
                request["time_limit_days"]), request


def test_service_fairs_are_activities_of_their_kind(rows):
    """The sample's 为民服务大集 are of the kind fair, say their services and serve hundreds."""
    activities = rows("SELECT title, kind, content, people_served FROM volunteer_activity")
    fairs = [a for a in activities if a["kind"] == "fair"]
    assert len(fairs) >= 5
    assert all(a["title"] == "为民服务大集" for a in fairs)
    assert all(a["content"].strip() and a["people_served"] >= 150 for a in fairs)
    assert not [a for a in activities if a["title"] == "为民服务大集" and a["kind"] != "fair"]
