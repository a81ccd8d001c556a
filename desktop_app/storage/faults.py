"""The office PC's faults as messages a person can act on (docs/faults.md).

SQLite reports a file another program holds, a full disk, a pulled stick or a read-only
folder as an ``OperationalError`` with a short English text. ``translated(path)`` turns each
into a ``DatabaseUnavailable`` (a ``UserError``: the window shows it as it shows a bad value,
keeping the form and what was typed; the CLI prints one ``错误：…`` line). A transaction that
fails this way is rolled back by SQLite: nothing of it is written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from desktop_app.records.errors import UserError

NOT_WRITTEN = "本次操作没有写入，数据库完好。"


class DatabaseUnavailable(UserError):
    """The database file cannot be written (or read) just now; ``kind`` says why."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def _sqlite_error(error: BaseException) -> BaseException:
    return getattr(error, "orig", None) or error


def classify(error: BaseException) -> str | None:
    """``locked``, ``full``, ``io``, ``readonly`` or None for an error that is none of them."""
    error = _sqlite_error(error)
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            return "full"
        if error.errno in (errno.EIO, errno.ENODEV, errno.ENXIO, errno.ENOENT):
            return "io"
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return "readonly"
        return None
    if not isinstance(error, sqlite3.OperationalError | sqlite3.DatabaseError):
        return None
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return "locked"
    if "disk is full" in text or "database or disk is full" in text:
        return "full"
    if "disk i/o error" in text or "unable to open database file" in text:
        return "io"
    if "readonly" in text or "read-only" in text:
        return "readonly"
    return None


def message(kind: str, path: Path, busy_timeout_s: float) -> str:
    if kind == "locked":
        return (f"数据库 {path} 正被其他程序占用，等了 {busy_timeout_s:g} 秒仍未释放。"
                "请关闭其他正在使用这个文件的程序（例如数据库查看工具、正在复制或备份它的程序），"
                "稍后再试一次。" + NOT_WRITTEN)
    if kind == "full":
        return (f"磁盘已满，无法写入 {path}。请删除不需要的文件、腾出空间后再试一次。"
                + NOT_WRITTEN)
    if kind == "io":
        return (f"读写 {path} 时出错：存放它的磁盘或U盘可能已拔出或损坏。"
                "请插好后再试一次。" + NOT_WRITTEN)
    return (f"无法写入 {path}：文件或文件夹是只读的。请检查它的属性或换一个文件夹。"
            + NOT_WRITTEN)


@contextmanager
def translated(path: Path, busy_timeout_s: float) -> Iterator[None]:
    """Re-raise the database faults a person can act on as ``DatabaseUnavailable``."""
    try:
        yield
    except DatabaseUnavailable:
        raise
    except Exception as error:
        kind = classify(error) if not isinstance(_sqlite_error(error), OSError) else None
        if kind is None:  # not SQLite's: a file of our own has its own message
            raise
        raise DatabaseUnavailable(message(kind, path, busy_timeout_s), kind) from error


# --- files of our own: sync files, documents, on a disk or a stick --------------------
def os_error_reason(error: OSError) -> str:
    """Why writing or reading a file failed, in words a person can act on."""
    kind = classify(error)
    if kind == "full":
        return "磁盘或U盘已满，请腾出空间后重试"
    if kind == "io":
        return "磁盘或U盘读写出错，可能已被拔出，请插好后重试"
    if kind == "readonly":
        return "没有写入权限（文件夹或U盘可能是只读的）"
    return str(error.strerror or error)


def remove_leftovers(folder: Path, pattern: str) -> list[Path]:
    """Delete temporary files an interrupted write left in ``folder`` (``pattern`` matches
    only our own temporary names); returns what was removed."""
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(pattern))
    except OSError:
        return removed
    for path in candidates:
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            continue
    return removed


def write_atomically(target: Path, temporary: Path, data: bytes) -> Path:
    """Write ``data`` under ``temporary``, sync it, rename it to ``target``. On any failure
    (a full disk, a pulled stick) the temporary file is removed if it still can be and a
    ``FileWriteError`` says why; ``target`` is then untouched (or absent)."""
    return write_streaming(target, temporary, lambda handle: handle.write(data))


def write_streaming(target: Path, temporary: Path, write: Callable[[BinaryIO], object]) -> Path:
    """:func:`write_atomically` for a file ``write(handle)`` writes piece by piece (a big
    file is never held in memory whole). Whatever ``write`` raises also removes the
    temporary file; an ``OSError`` becomes a ``FileWriteError``."""
    try:
        with open(temporary, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        if isinstance(error, OSError):
            raise FileWriteError(f"无法写入 {target}：{os_error_reason(error)}。"
                                 "没有留下写了一半的文件。") from error
        raise
    return target


class FileWriteError(UserError):
    """A file of ours could not be written; nothing half written is left under its name."""
