"""Backups that restore: written through SQLite's backup API, checked, thinned, restored."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest

from desktop_app.records.errors import UserError
from desktop_app.storage import backups
from tests.app.test_cli import cli


def _names(db_path):
    connection = sqlite3.connect(db_path)
    try:
        return {row[0] for row in connection.execute("SELECT name FROM person")}
    finally:
        connection.close()


def test_a_backup_is_checked_and_restores_what_was_there(services, small_town):
    """备份写完就做完整性检查；恢复后数据回到备份时的样子，恢复前的文件先保留下来。"""
    path = services.db.path
    made = backups.create(path, datetime(2026, 12, 1, 18, 0))
    assert backups.integrity_problem(made.path) is None
    services.people.create(cluster_id=small_town.huangqu, name="备份后新增")
    services.db.close()
    kept = backups.restore(path, made.path, datetime(2026, 12, 2, 9, 0))
    assert "备份后新增" not in _names(path)
    assert "备份后新增" in _names(kept)  # the current file was kept first
    assert kept.name.endswith(".before-restore-20261202-090000.db.bak")


def test_a_damaged_backup_is_refused_and_nothing_changes(services, tmp_path):
    """坏了的备份不能用来恢复，当前数据不动。"""
    path = services.db.path
    services.db.close()
    broken = tmp_path / "坏的.db"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = path.read_bytes()
    with pytest.raises(UserError, match="检查未通过"):
        backups.restore(path, broken)
    assert path.read_bytes() == before


def test_due_after_a_day(services):
    """上次备份不到一天就不再备份，满一天才备份。"""
    path = services.db.path
    assert backups.due(path)
    backups.create(path, datetime(2026, 12, 1, 8, 0))
    assert not backups.due(path, datetime(2026, 12, 1, 20, 0))
    assert backups.due(path, datetime(2026, 12, 2, 8, 0))


def test_seven_daily_four_weekly_twelve_monthly_are_kept():
    """每天都备份两年：留下最近 7 天、4 周、12 个月各一份（最新的那份）。"""
    start = datetime(2025, 1, 1, 18, 0)
    times = [start + timedelta(days=n) for n in range(730)]
    kept = backups.keep(times)
    newest = times[-1]
    assert {newest - timedelta(days=n) for n in range(7)} <= kept
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 12
    assert len(kept) <= 7 + 4 + 12
    assert min(kept) > newest - timedelta(days=366)


def test_prune_removes_what_is_not_kept(services):
    """旧备份按规则自动清理，文件夹里不会越积越多。"""
    path = services.db.path
    start = datetime(2026, 1, 1, 18, 0)
    for n in range(0, 60, 3):
        backups.create(path, start + timedelta(days=n))
    found = backups.backups(path)
    assert {b.at for b in found} == backups.keep(b.at for b in found)
    assert len(found) < 20


def test_the_command_line_lists_creates_and_restores(services, small_town):
    """命令行：backup create 备份，backup list 列出，backup restore 1 恢复最新一份。"""
    path = services.db.path
    services.db.close()
    made = cli(path, "backup", "create")
    assert made.code == 0 and "完整性检查通过" in made.out
    listed = cli(path, "--json", "backup", "list").json()
    assert listed["total"] == 1 and listed["items"][0]["number"] == 1
    restored = cli(path, "backup", "restore", "1")
    assert restored.code == 0 and "恢复前的文件已保留为" in restored.out
    missing = cli(path, "backup", "restore", "9")
    assert missing.code == 1 and "没有序号为 9 的备份" in missing.err
