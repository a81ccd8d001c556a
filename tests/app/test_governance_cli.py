"""治理联抓 at the command line: each group's add, list, show, update, delete and restore, with
--json, and bad input refused in Chinese."""

from __future__ import annotations

import pytest

from desktop_app.services import Services
from desktop_app.storage.database import Database
from tests.app.test_cli import assert_user_error, cli
from tests.factories import build_small_town


@pytest.fixture
def town(tmp_path):
    db = Database(tmp_path / "gov.db")
    built = build_small_town(Services(db))
    db.close()
    built.path = tmp_path / "gov.db"  # type: ignore[attr-defined]
    return built


def test_grid_and_microgrid_round_trip(town):
    path = town.path
    grid = cli(path, "--json", "grid", "add", "--village", town.villages["黄璩村"],
               "--code", "370523100001001", "--name", "黄璩村第一网格",
               "--head", town.people["王建国"]).json()
    assert grid["cluster"] == "黄璩联合党总支" and grid["head"] == "王建国"
    micro = cli(path, "--json", "microgrid", "add", "--grid", grid["id"], "--name", "一组",
                "--leader", town.people["王建国"], "--households", "40").json()
    assert micro["grid"] == "黄璩村第一网格" and micro["village"] == "黄璩村"
    moved = cli(path, "--json", "microgrid", "update", micro["id"],
                "--leader", town.people["李秀英"]).json()
    assert moved["id"] == micro["id"] and moved["leader"] == "李秀英"
    listing = cli(path, "--json", "microgrid", "list", "--grid", grid["id"]).json()
    assert listing["total"] == 1 and listing["items"][0]["households"] == 40
    assert cli(path, "microgrid", "delete", micro["id"]).code == 0
    assert cli(path, "--json", "microgrid", "list").json()["total"] == 0
    assert cli(path, "--json", "microgrid", "list", "--deleted").json()["total"] == 1
    assert cli(path, "microgrid", "restore", micro["id"]).code == 0
    shown = cli(path, "microgrid", "show", micro["id"]).out
    assert "微网格长" in shown and "李秀英" in shown


def test_a_leader_from_another_cluster_is_refused_at_the_command_line(town):
    grid = cli(town.path, "--json", "grid", "add", "--village", town.villages["黄璩村"],
               "--code", "G1", "--name", "一网格").json()
    result = cli(town.path, "microgrid", "add", "--grid", grid["id"], "--name", "一组",
                 "--leader", town.people["赵磊"])
    assert_user_error(result, "赵磊", "张淡联合党总支")
    assert cli(town.path, "--json", "microgrid", "list").json()["total"] == 0
