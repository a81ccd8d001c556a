"""擂台比武 sources from 治理联抓 and 人才联育, on hand-made rows with hand-computed figures."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, text

from desktop_app.assessment import sources_modules as m
from desktop_app.assessment.registry import SOURCES, source_labels

Q3 = (date(2026, 7, 1), date(2026, 9, 30))

TABLES = """
CREATE TABLE micro_grid (id TEXT, cluster_id TEXT, deleted INT DEFAULT 0);
CREATE TABLE grid_visit (id TEXT, micro_grid_id TEXT, visited_on TEXT, deleted INT DEFAULT 0);
CREATE TABLE dispute (id TEXT, cluster_id TEXT, registered_on TEXT, status TEXT, outcome TEXT,
                      closed_on TEXT, deleted INT DEFAULT 0);
CREATE TABLE service_request (id TEXT, cluster_id TEXT, status TEXT, due_on TEXT, done_on TEXT,
                              rating INT, deleted INT DEFAULT 0);
CREATE TABLE training_session (id TEXT, cluster_id TEXT, held_on TEXT, hours REAL,
                               deleted INT DEFAULT 0);
INSERT INTO micro_grid (id, cluster_id) VALUES ('m1', 'A'), ('m2', 'A'), ('m3', 'A'),
                                               ('m4', 'A'), ('m5', 'B');
INSERT INTO micro_grid (id, cluster_id, deleted) VALUES ('m6', 'A', 1);
INSERT INTO grid_visit (id, micro_grid_id, visited_on) VALUES
    ('v1', 'm1', '2026-07-03'), ('v2', 'm1', '2026-08-03'), ('v3', 'm2', '2026-09-30'),
    ('v4', 'm3', '2026-06-30'), ('v5', 'm5', '2026-10-01');
INSERT INTO grid_visit (id, micro_grid_id, visited_on, deleted)
    VALUES ('v6', 'm4', '2026-08-01', 1);
INSERT INTO dispute VALUES
    ('d1', 'A', '2026-07-01', 'closed', 'success', '2026-07-10', 0),
    ('d2', 'A', '2026-07-05', 'closed', 'failed', '2026-08-10', 0),
    ('d3', 'A', '2026-08-01', 'mediating', NULL, NULL, 0),
    ('d4', 'A', '2026-06-20', 'closed', 'success', '2026-07-02', 0),
    ('d5', 'B', '2026-09-01', 'open', NULL, NULL, 0);
INSERT INTO service_request VALUES
    ('r1', 'A', 'done', '2026-07-10', '2026-07-09', 5, 0),
    ('r2', 'A', 'done', '2026-07-10', '2026-07-12', 2, 0),
    ('r3', 'A', 'done', '2026-08-10', '2026-08-10', NULL, 0),
    ('r4', 'A', 'in_progress', '2026-08-10', NULL, NULL, 0),
    ('r5', 'B', 'done', '2026-09-10', '2026-10-02', 4, 0);
INSERT INTO training_session VALUES
    ('t1', 'A', '2026-07-15', 3, 0), ('t2', 'A', '2026-09-01', 2.5, 0),
    ('t3', 'B', '2026-05-01', 4, 0), ('t4', 'A', '2026-08-01', 6, 1);
"""


@pytest.fixture
def connection():
    engine = create_engine("sqlite://")
    with engine.connect() as conn:
        for statement in TABLES.split(";"):
            if statement.strip():
                conn.execute(text(statement))
        yield conn


def figures(source, connection) -> dict[str, tuple[float | None, set[str]]]:
    return {c: (f.value, set(f.evidence)) for c, f in source(connection, *Q3).items()}


def test_visit_coverage_counts_micro_grids_visited_in_the_quarter(connection):
    # A: m1 (twice) and m2 of m1..m4 (m3's visit is June, m4's was deleted); B: none in Q3
    assert figures(m.visit_coverage, connection) == {
        "A": (50.0, {"m1", "m2", "m3", "m4"}), "B": (0.0, {"m5"})}


def test_disputes_handled_and_successful(connection):
    # registered in Q3 in A: d1, d2 closed, d3 open -> 2/3; B: d5 open -> 0
    assert figures(m.disputes_handled, connection) == {
        "A": (66.7, {"d1", "d2", "d3"}), "B": (0.0, {"d5"})}
    # closed in Q3 in A: d1 success, d2 failed, d4 success (registered in June) -> 2/3
    assert figures(m.disputes_success, connection) == {"A": (66.7, {"d1", "d2", "d4"})}


def test_requests_in_time_and_satisfaction(connection):
    # done in Q3 in A: r1 early, r2 late, r3 on its last day -> 2/3; r5 was done in October
    assert figures(m.requests_in_time, connection) == {"A": (66.7, {"r1", "r2", "r3"})}
    # rated among those: r1 (5), r2 (2) -> 1/2
    assert figures(m.service_satisfaction, connection) == {"A": (50.0, {"r1", "r2"})}


def test_training_hours_add_up_in_the_quarter(connection):
    assert figures(m.training_hours, connection) == {"A": (5.5, {"t1", "t2"})}


def test_a_scheme_may_name_them():
    labels = source_labels()
    for name in ("visit_coverage", "disputes_handled", "disputes_success", "requests_in_time",
                 "service_satisfaction", "training_hours"):
        assert name in labels and SOURCES[name].table
