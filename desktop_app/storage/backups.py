"""Backups that restore: copies of the database through SQLite's online backup API.

Each backup is written to ``NAME.backups/NAME-YYYYMMDD-HHMMSS.db`` beside the database (first
as ``.part``), checked with ``PRAGMA integrity_check`` and only then given its name; a copy that
fails the check is removed and reported. Kept: the newest of each of the last 7 days, 4 weeks
and 12 months that have one (:func:`keep`). Restoring checks the backup, keeps the current file
first (``NAME.before-restore-TIME.db.bak``) and copies the backup in through the same API.
The window backs up at close and at most daily while open; ``lianjian-cli backup``
lists, creates and restores. See docs/privacy.md.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from db.migrate import copy_database
from desktop_app.records.errors import UserError

DAILY, WEEKLY, MONTHLY = 7, 4, 12
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"-(\d{8}-\d{6})\.db$")


@dataclass(frozen=True)
class Backup:
    path: Path
    at: datetime  # local time, from the name
    size: int


def folder(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".backups")


def backups(db_path: Path) -> list[Backup]:
    """The backups of ``db_path``, newest first."""
    found = []
    where = folder(db_path)
    if where.is_dir():
        for path in where.glob(f"{db_path.stem}-*.db"):
            match = _NAME.search(path.name)
            if match:
                at = datetime.strptime(match.group(1), _STAMP)
                found.append(Backup(path, at, path.stat().st_size))
    return sorted(found, key=lambda b: b.at, reverse=True)


def integrity_problem(path: Path) -> str | None:
    """What ``PRAGMA integrity_check`` says is wrong with ``path``; None if it is sound."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return str(error)
    result = "; ".join(str(row[0]) for row in rows)
    return None if result == "ok" else result


def create(db_path: Path, now: datetime | None = None) -> Backup:
    """Back up ``db_path`` now, check the copy, then thin out the old ones."""
    now = now or datetime.now()
    where = folder(db_path)
    where.mkdir(parents=True, exist_ok=True)
    target = where / f"{db_path.stem}-{now.strftime(_STAMP)}.db"
    part = target.with_name(target.name + ".part")
    part.unlink(missing_ok=True)
    try:
        copy_database(db_path, part)
    except (sqlite3.Error, OSError) as error:
        part.unlink(missing_ok=True)
        raise UserError(f"备份没有完成：{error}。请检查磁盘空间后重试。") from error
    problem = integrity_problem(part)
    if problem is not None:
        part.unlink(missing_ok=True)
        raise UserError(f"备份写好后检查未通过（{problem}），已删除这份备份，请重试。")
    part.replace(target)
    prune(db_path, now)
    return Backup(target, now.replace(microsecond=0), target.stat().st_size)


def copy_to(db_path: Path, target_dir: Path, now: datetime | None = None) -> Backup:
    """A checked copy of ``db_path`` in a folder a person chose (a USB stick): written as
    ``.part``, checked with ``PRAGMA integrity_check``, then named ``NAME-TIME.db``. Not
    counted among the automatic backups, and never thinned out."""
    now = now or datetime.now()
    if not target_dir.is_dir():
        raise UserError(f"找不到文件夹：{target_dir}（U 盘是否已拔出？）")
    target = target_dir / f"{db_path.stem}-{now.strftime(_STAMP)}.db"
    part = target.with_name(target.name + ".part")
    try:
        part.unlink(missing_ok=True)
        copy_database(db_path, part)
    except (sqlite3.Error, OSError) as error:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        raise UserError(f"备份没有写完：{error}。请检查 U 盘或磁盘的空间后重试。") from error
    problem = integrity_problem(part)
    if problem is not None:
        part.unlink(missing_ok=True)
        raise UserError(f"写到 {target_dir} 的备份检查未通过（{problem}），已删除，"
                        "请换个位置重试。")
    part.replace(target)
    return Backup(target, now.replace(microsecond=0), target.stat().st_size)


def describe(path: Path) -> Backup:
    """A backup file a person chose (any name): its time from the name if it has one, else
    from the file."""
    match = _NAME.search(path.name)
    stat = path.stat()
    at = (datetime.strptime(match.group(1), _STAMP) if match
          else datetime.fromtimestamp(stat.st_mtime).replace(microsecond=0))
    return Backup(path, at, stat.st_size)


def due(db_path: Path, now: datetime | None = None) -> bool:
    """True if the newest backup is a day old or more (or there is none)."""
    now = now or datetime.now()
    found = backups(db_path)
    return not found or now - found[0].at >= timedelta(days=1)


def keep(times: Iterable[datetime]) -> set[datetime]:
    """Of backups made at ``times``, those kept: the newest of each of the 7 most recent days,
    4 most recent ISO weeks and 12 most recent months that have one."""
    newest_first = sorted(times, reverse=True)
    kept: set[datetime] = set()
    for period, count in ((lambda t: t.date(), DAILY),
                          (lambda t: t.isocalendar()[:2], WEEKLY),
                          (lambda t: (t.year, t.month), MONTHLY)):
        seen: list[object] = []
        for at in newest_first:
            key = period(at)
            if key not in seen:
                seen.append(key)
                if len(seen) > count:
                    break
                kept.add(at)
    return kept


def prune(db_path: Path, now: datetime | None = None) -> list[Path]:
    """Remove the backups :func:`keep` does not keep; returns those removed."""
    found = backups(db_path)
    kept = keep(b.at for b in found)
    removed = []
    for backup in found:
        if backup.at not in kept:
            with contextlib.suppress(OSError):
                backup.path.unlink()
                removed.append(backup.path)
    return removed


def restore(db_path: Path, backup_path: Path, now: datetime | None = None) -> Path:
    """Put the backup ``backup_path`` in place of ``db_path``; the current file is first kept
    as ``NAME.before-restore-TIME.db.bak`` (returned). Nothing may have the file open."""
    now = now or datetime.now()
    if not backup_path.is_file():
        raise UserError(f"找不到备份文件：{backup_path}")
    problem = integrity_problem(backup_path)
    if problem is not None:
        raise UserError(f"这份备份检查未通过（{problem}），不能用来恢复。请换一份备份。")
    kept = db_path.with_name(
        f"{db_path.stem}.before-restore-{now.strftime(_STAMP)}{db_path.suffix}.bak")
    if db_path.exists():
        try:
            copy_database(db_path, kept)
        except sqlite3.DatabaseError:  # a damaged file (why one restores): kept byte for byte
            shutil.copy2(db_path, kept)
        except (sqlite3.Error, OSError) as error:
            raise UserError(f"当前文件没能先保留（{error}），恢复已取消，当前数据未改动。"
                            ) from error
    copy_database(backup_path, db_path)
    return kept
