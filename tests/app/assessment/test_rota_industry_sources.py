"""擂台比武 sources from the 轮值排班 (coverage, attendance) and from 产业联营 and 人才联育
(projects on schedule, jobs, collective income, talent returned), on hand-made rows with
hand-computed figures; a cluster with nothing to count has no figure."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, text

from desktop_app.assessment import sources_industry as industry
from desktop_app.assessment import sources_rota as rota
from desktop_app.assessment.registry import SOURCES, source_labels

WEEK = (date(2026, 6, 1), date(2026, 6, 7))  # Monday to Sunday
Q3 = (date(2026, 7, 1), date(2026, 9, 30))

# 06-03 (Wed) is a town holiday, 06-06 (Sat) A's own 调休 working day. A staffs Mon-Fri, two
# a day; B Saturdays, one; C has no rota at all (the default: Mon-Fri, two); E staffs no day.
ROTA = """
CREATE TABLE cluster (id TEXT, deleted INT DEFAULT 0);
CREATE TABLE rota_pattern (cluster_id TEXT, weekdays TEXT, officers_per_day INT,
                           required_role TEXT, created_at TEXT, deleted INT DEFAULT 0);
CREATE TABLE holiday (cluster_id TEXT, day TEXT, kind TEXT, deleted INT DEFAULT 0);
CREATE TABLE rota_turn (id TEXT, cluster_id TEXT, day TEXT, person_id TEXT,
                        deleted INT DEFAULT 0);
CREATE TABLE duty_shift (id TEXT, cluster_id TEXT, start TEXT, deleted INT DEFAULT 0);
CREATE TABLE shift_officer (shift_id TEXT, person_id TEXT, deleted INT DEFAULT 0);
CREATE TABLE duty_leave (cluster_id TEXT, person_id TEXT, start_on TEXT, end_on TEXT,
                         deleted INT DEFAULT 0);
INSERT INTO cluster (id) VALUES ('A'), ('B'), ('C'), ('E');
INSERT INTO cluster (id, deleted) VALUES ('D', 1);
INSERT INTO rota_pattern VALUES ('A', '12345', 2, NULL, '2026-01-01', 0),
    ('A', '1234567', 5, NULL, '2026-02-01', 0), ('B', '6', 1, NULL, '2026-01-01', 0),
    ('E', '', 2, NULL, '2026-01-01', 0), ('C', '7', 1, NULL, '2026-01-01', 1);
INSERT INTO holiday VALUES (NULL, '2026-06-03', 'holiday', 0), ('A', '2026-06-06', 'workday', 0),
    (NULL, '2026-06-05', 'holiday', 1);
INSERT INTO rota_turn (id, cluster_id, day, person_id) VALUES
    ('t1', 'A', '2026-06-01', 'p1'), ('t2', 'A', '2026-06-01', 'p2'),
    ('t3', 'A', '2026-06-02', 'p1'), ('t4', 'A', '2026-06-03', 'p1'),
    ('t5', 'A', '2026-06-04', 'p1'), ('t6', 'A', '2026-06-04', 'p2'),
    ('t7', 'A', '2026-06-05', 'p1'), ('t8', 'A', '2026-06-05', 'p2'),
    ('t9', 'B', '2026-06-06', 'q1'), ('t0', 'A', '2026-05-29', 'p1');
INSERT INTO rota_turn VALUES ('tx', 'A', '2026-06-06', 'p1', 1), ('ty', 'A', '2026-06-06', 'p2', 1);
INSERT INTO duty_shift VALUES ('s1', 'A', '2026-06-01 08:30:00', 0),
    ('s2', 'A', '2026-06-03 09:00:00', 0), ('s3', 'A', '2026-06-04 08:00:00.000000', 0),
    ('s4', 'B', '2026-06-04 08:00:00', 0), ('s5', 'A', '2026-06-02 08:00:00', 1);
INSERT INTO shift_officer VALUES ('s1', 'p1', 0), ('s2', 'p1', 0), ('s3', 'p1', 0),
    ('s4', 'p2', 0), ('s5', 'p1', 0), ('s3', 'p2', 1);
INSERT INTO duty_leave VALUES ('A', 'p2', '2026-05-30', '2026-06-01', 0),
    ('A', 'p1', '2026-06-02', '2026-06-02', 1);
"""

INDUSTRY = """
CREATE TABLE aid_project (id TEXT, cluster_id TEXT, status TEXT, start_on TEXT, end_on TEXT,
                          jobs INT, village_income INT, deleted INT DEFAULT 0);
CREATE TABLE project_share (project_id TEXT, deleted INT DEFAULT 0);
CREATE TABLE talent_profile (id TEXT, cluster_id TEXT, person_id TEXT, whereabouts TEXT,
                             returned_on TEXT, deleted INT DEFAULT 0);
INSERT INTO aid_project VALUES
    ('p1', 'A', 'running', '2025-03-01', '2026-01-01', 100, 50000, 0),
    ('p2', 'A', 'building', '2026-02-01', '2026-12-31', 20, 0, 0),
    ('p3', 'A', 'building', '2025-01-01', '2026-08-31', 10, 0, 0),
    ('p4', 'A', 'planned', '2026-09-15', '2027-03-01', 0, 0, 0),
    ('p5', 'A', 'stopped', '2025-06-01', '2026-06-01', 30, 20000, 0),
    ('p6', 'A', 'finished', '2024-01-01', '2025-01-01', 40, 40000, 0),
    ('p7', 'A', 'running', '2026-10-05', '2027-10-05', 50, 90000, 0),
    ('p8', 'A', 'running', '2025-01-01', '2026-12-31', 70, 90000, 1),
    ('p9', 'B', 'planned', '2027-01-01', '2027-12-31', 0, 0, 0);
INSERT INTO project_share VALUES ('p1', 0), ('p1', 0), ('p1', 1);
INSERT INTO talent_profile VALUES
    ('r1', 'A', 'x', 'in_village', '2026-07-10', 0),
    ('r2', 'A', 'x', 'in_village', '2026-07-10', 0),
    ('r3', 'A', 'y', 'in_village', '2026-09-30', 0), ('r4', 'A', 'z', 'away', NULL, 0),
    ('r5', 'A', 'w', 'in_village', '2026-06-30', 0),
    ('r6', 'A', 'v', 'in_village', '2026-08-01', 1),
    ('r7', 'B', 'u', 'in_village', NULL, 0);
"""


def _connect(script: str):
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        for statement in script.split(";"):
            if statement.strip():
                conn.execute(text(statement))
        yield conn


@pytest.fixture
def rota_rows():
    yield from _connect(ROTA)


@pytest.fixture
def industry_rows():
    yield from _connect(INDUSTRY)


def figures(found) -> dict[str, tuple[float | None, set[str]]]:
    return {c: (f.value, set(f.evidence)) for c, f in found.items()}


def test_coverage_counts_staffed_days_with_enough_officers(rota_rows):
    # A staffs 06-01, 02, 04, 05 and its 调休 Saturday 06-06 (06-03 is a holiday; its first
    # pattern counts): full on 01, 04, 05 -> 3 of 5. B: its Saturday has its one -> all.
    # C has no rota yet: its default weekdays are all uncovered. E staffs no day; D is deleted.
    found = figures(rota.coverage_figures(rota_rows, *WEEK))
    assert found == {
        "A": (60.0, {"t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8"}),
        "B": (100.0, {"t9"}), "C": (0.0, set())}


def test_attendance_counts_past_turns_not_excused(rota_rows):
    # before 06-05: t1 signed in, t2 on leave, t3 absent (the sign-in was deleted), t4 signed
    # in on the holiday, t5 signed in, t6 absent (signed in at B, and A's row was deleted);
    # t7, t8 are today's -> 3 of 5. B's Saturday is still to come: no figure.
    found = figures(rota.attendance_figures(rota_rows, *WEEK, today=date(2026, 6, 5)))
    assert found == {"A": (60.0, {"t1", "t3", "t4", "t5", "t6"})}
    later = figures(rota.attendance_figures(rota_rows, *WEEK, today=date(2026, 6, 8)))
    assert later == {"A": (42.9, {"t1", "t3", "t4", "t5", "t6", "t7", "t8"}),
                     "B": (0.0, {"t9"})}


def test_a_cluster_with_no_rows_has_no_figure(rota_rows, industry_rows):
    empty = (date(2030, 1, 1), date(2030, 3, 31))
    assert rota.attendance_figures(rota_rows, *empty, today=date(2031, 1, 1)) == {}
    assert set(rota.coverage_figures(rota_rows, *empty)) == {"A", "B", "C"}  # all uncovered
    assert all(f.value == 0 and not f.evidence
               for f in rota.coverage_figures(rota_rows, *empty).values())
    for source in (industry.projects_on_schedule, industry.jobs_created,
                   industry.collective_income_growth, industry.talent_returned):
        assert "B" not in source(industry_rows, *Q3)  # B's only project starts next year


def test_projects_on_schedule(industry_rows):
    # begun by 09-30 in A: p1..p6; on schedule p1 (running), p2 (building, due in December),
    # p6 (finished); behind: p3 (past its planned end), p4 (still planned), p5 (stopped)
    assert figures(industry.projects_on_schedule(industry_rows, *Q3)) == {
        "A": (50.0, {"p1", "p2", "p3", "p4", "p5", "p6"})}


def test_jobs_created_by_projects_under_way(industry_rows):
    # p1 100 + p2 20 + p3 10 + p6 40; p4 is only planned, p5 stopped, p7 starts in October
    assert figures(industry.jobs_created(industry_rows, *Q3)) == {
        "A": (170.0, {"p1", "p2", "p3", "p6"})}


def test_collective_income_of_earning_projects_per_quarter(industry_rows):
    # p1: 50,000 a village × 2 villages ÷ 4 = 25,000; p6: 40,000 × 1 (no shares) ÷ 4 = 10,000
    assert figures(industry.collective_income_growth(industry_rows, *Q3)) == {
        "A": (3.5, {"p1", "p6"})}


def test_talent_returned_counts_people_back_in_the_quarter(industry_rows):
    # x (in two pools) and y came back in Q3; w came back in June; r6 was deleted
    assert figures(industry.talent_returned(industry_rows, *Q3)) == {
        "A": (2.0, {"r1", "r2", "r3"})}


def test_the_new_sources_are_registered_with_chinese_names():
    labels = source_labels()
    for name, label, table in (
            ("duty_coverage", "值班覆盖率", "rota_turn"),
            ("duty_attendance", "值班到岗率", "rota_turn"),
            ("projects_on_schedule", "产业项目按期推进率", "aid_project"),
            ("jobs_created", "产业项目带动就业", "aid_project"),
            ("collective_income_growth", "村集体增收", "aid_project"),
            ("talent_returned", "人才回流", "talent_profile")):
        assert labels[name] == label
        assert SOURCES[name].table == table and SOURCES[name].hint


def test_attendance_is_given_today_coverage_is_not(rota_rows):
    source = SOURCES["duty_attendance"]
    assert source.as_of and set(source.figures(rota_rows, *WEEK, date(2026, 6, 8))) == {"A", "B"}
    assert set(SOURCES["duty_coverage"].figures(rota_rows, *WEEK, date(2026, 6, 8))) == {
        "A", "B", "C"}
