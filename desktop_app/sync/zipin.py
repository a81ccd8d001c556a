"""Reading a sealed zip piece by piece: a sync file is never held in memory whole.

The mirror of ``zipout``. An import first copies the file into a private temporary folder
(``stage``), hashing it on the way: its SHA-256 (what ``sync_file`` remembers) and its seal
(the SHA-256 of the whole file with the seal's own 64 hex digits as zeros, as
``zipout.Sealing`` wrote it). Every later pass reads that copy, never the stick again, so
what was checked is what is used; a decrypted inner file is written there the same way
(``Staging``). Members are read by name (``opened``): the small ones whole (each at most
``MAX_SMALL_MEMBER``), the big one (the operations, the records, the ciphertext) in blocks
(``Member``), its size and SHA-256 counted on the way, its lines a block at a time.
"""

from __future__ import annotations

import hashlib
import shutil
import stat
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from desktop_app.sync.merge import SyncError
from desktop_app.sync.zipout import BLANK, SEAL_PREFIX, Tally

T = TypeVar("T")
SEAL_LENGTH = len(SEAL_PREFIX) + len(BLANK)
CHUNK = 1024 * 1024  # bytes read at a time
MAX_MEMBER_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member
MAX_LINE_BYTES = 1024 * 1024
MAX_SMALL_MEMBER = 64 * 1024 * 1024  # everything but the operations
NOT_SEALED = "文件不完整或已损坏（不是有效的同步文件）"
SEAL_BROKEN = "文件校验不符：文件在复制中被截断或改动过"


class SyncFileError(SyncError):
    """A sync file refused before anything was written; the message names the problem."""


class SealCheck:
    """Whether the bytes going by end with a valid seal: the whole file's SHA-256 computed
    with its own place as 64 zeros. Holds back only the last bytes (the seal)."""

    def __init__(self) -> None:
        self._blank = hashlib.sha256()
        self._held = b""

    def write(self, data: bytes) -> None:
        if len(data) >= SEAL_LENGTH:
            self._blank.update(self._held)
            self._blank.update(memoryview(data)[:-SEAL_LENGTH])
            self._held = bytes(data[-SEAL_LENGTH:])
            return
        held = self._held + data
        cut = max(0, len(held) - SEAL_LENGTH)
        self._blank.update(held[:cut])
        self._held = held[cut:]

    def named(self) -> str | None:
        """The hash the seal names (not checked), or None if the bytes end with none."""
        if len(self._held) < SEAL_LENGTH or not self._held.startswith(SEAL_PREFIX):
            return None
        return self._held[len(SEAL_PREFIX):].decode("ascii", "replace")

    def problem(self) -> str | None:
        """What is wrong with the seal, for a person, or None."""
        if self.named() is None:
            return NOT_SEALED
        blank = self._blank.copy()
        blank.update(self._held[:len(SEAL_PREFIX)] + BLANK)
        return None if blank.hexdigest().encode() == self._held[-len(BLANK):] else SEAL_BROKEN


@dataclass(frozen=True)
class Staged:
    """A file in the import's private folder, with what its bytes hashed to."""

    path: Path
    size: int
    sha256: str
    seal: str | None  # the hash its seal names (not checked)
    problem: str | None  # what is wrong with its seal, or None

    def check_seal(self) -> None:
        if self.problem is not None:
            raise SyncFileError(self.problem)


class Staging:
    """A file written into the import's folder piece by piece, hashed and its seal checked on
    the way; :meth:`close` says what it holds."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._handle = open(path, "wb")  # noqa: SIM115 (closed by close(), also on errors)
        self._tally = Tally()
        self._seal = SealCheck()

    def write(self, data: bytes) -> int:
        self._handle.write(data)
        self._tally.add(data)
        self._seal.write(data)
        return len(data)

    def close(self) -> Staged:
        self._handle.close()
        value = self._tally.value()
        return Staged(self._path, value["size"], value["sha256"], self._seal.named(),
                      self._seal.problem())


FOLDER_PREFIX = "lianjian-import-"
IN_USE = ".in-use"  # locked while the import that made the folder runs
ABANDONED_AFTER = 3600  # seconds: a folder without its lock file, older, is left over


@contextmanager
def private_folder() -> Iterator[Path]:
    """A temporary folder for one import (its copy of the file, the plaintext), removed
    when the block ends. An import killed half-way (its ``finally`` never ran) left one
    behind: those are removed first, told from folders in use by their lock."""
    remove_abandoned()
    with tempfile.TemporaryDirectory(prefix=FOLDER_PREFIX) as name:
        folder = Path(name)
        with open(folder / IN_USE, "wb") as lock:
            _lock(lock.fileno())
            yield folder


def remove_abandoned() -> None:
    """Remove the folders imports that were killed left in the temporary folder."""
    for folder in Path(tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*"):
        try:
            if not (folder / IN_USE).exists():
                if time.time() - folder.stat().st_mtime > ABANDONED_AFTER:
                    shutil.rmtree(folder, ignore_errors=True)
                continue
            with open(folder / IN_USE, "rb+") as lock:
                _lock(lock.fileno())  # taken: its import is gone
        except OSError:
            continue  # in use (locked), or gone meanwhile
        shutil.rmtree(folder, ignore_errors=True)


def _lock(fd: int) -> None:
    """Lock the file ``fd`` for this process, or raise OSError at once; the lock goes with
    the process, however it ends."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def stage(source: Path, folder: Path, name: str = "file.zip") -> Staged:
    """Copy ``source`` into ``folder`` in blocks (the stick is read once, front to back)."""
    staging = Staging(folder / name)
    try:
        with open(source, "rb") as handle:
            while chunk := handle.read(CHUNK):
                staging.write(chunk)
    finally:
        staged = staging.close()
    return staged


@contextmanager
def opened(staged: Staged, members: tuple[str, ...], *, large: str,
           limit: int | None = None, damaged: str = NOT_SEALED, too_large: str = "",
           ) -> Iterator[tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]]:
    """The zip at ``staged`` with its members checked (``check_members``), by name."""
    try:
        archive = zipfile.ZipFile(staged.path)
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise SyncFileError(damaged) from error
    with archive:
        check_members(infos, members, large=large, limit=limit, too_large=too_large)
        yield archive, {info.filename: info for info in infos}


def check_members(infos: list[zipfile.ZipInfo], members: tuple[str, ...], large: str,
                  limit: int | None = None, too_large: str = "") -> None:
    """Exactly ``members``, flat, no links, sane sizes (``large`` may be the big one, up to
    ``limit``, by default ``MAX_MEMBER_BYTES``; ``too_large`` ends the message if it is
    over)."""
    names = [info.filename for info in infos]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SyncFileError(f"文件中有重复的内容：{'、'.join(duplicates)}")
    for info in infos:
        name = info.filename
        if (name.startswith(("/", "\\")) or ".." in name or "/" in name or "\\" in name
                or ":" in name):
            raise SyncFileError(f"文件中有不允许的路径：{name}")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise SyncFileError(f"文件中有链接：{name}")
        if name not in members:
            raise SyncFileError(f"文件中有不认识的内容：{name}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise SyncFileError(f"文件 {name} 的压缩方式不受支持")
        if info.file_size > ((limit or MAX_MEMBER_BYTES) if name == large else MAX_SMALL_MEMBER):
            hint = too_large if name == large else ""
            raise SyncFileError(f"文件 {name} 解压后过大{hint}")
        if (info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                and info.file_size > 1048576):
            raise SyncFileError(f"文件 {name} 的压缩比异常（疑似压缩炸弹）")
    missing = sorted(set(members) - set(names))
    if missing:
        raise SyncFileError(f"文件不完整，缺少：{'、'.join(missing)}")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A small member whole, reading at most the declared size (a lying header cannot make
    us read more)."""
    return b"".join(Member(archive, info).blocks())


class Member:
    """A member read in blocks, never more than its declared size; its size and SHA-256
    counted on the way (``sha256`` once it has been read to its end)."""

    def __init__(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        self._archive = archive
        self.info = info
        self._tally = Tally()
        self.sha256: str | None = None

    def blocks(self) -> Iterator[bytes]:
        info = self.info
        try:
            with self._archive.open(info) as handle:
                while block := handle.read(min(CHUNK, info.file_size + 1 - self._tally.size)):
                    self._tally.add(block)
                    yield block
                    if self._tally.size > info.file_size:
                        break
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as error:
            raise SyncFileError(f"文件内容 {info.filename} 已损坏") from error
        if self._tally.size != info.file_size:
            raise SyncFileError(f"文件内容 {info.filename} 的长度与记录不符")
        self.sha256 = self._tally.value()["sha256"]

    def whole_sha256(self) -> str:
        """Read the member to its end (what is left of it); its SHA-256. (After a line of it
        was refused: a member that differs from its listed hash is refused for that.)"""
        for _block in self.blocks():
            pass
        assert self.sha256 is not None
        return self.sha256

    def line_blocks(self, longest: int = MAX_LINE_BYTES, what: str = "操作"
                    ) -> Iterator[tuple[int, list[bytes]]]:
        """The member's lines a block at a time, each block with the number of its first
        line; a line over ``longest`` bytes is refused by its number (the ``what``)."""
        number, rest = 1, b""
        for block in self.blocks():
            lines = (rest + block).split(b"\n") if rest else block.split(b"\n")
            rest = lines.pop()
            _check_lengths(lines, number, longest, what)
            if len(rest) > longest:
                raise _too_long(number + len(lines), longest, what)
            if lines:
                yield number, lines
                number += len(lines)
        if rest:  # the last line, without its newline
            yield number, [rest]


def member_pages(staged: Staged, name: str, parse: Callable[[int, list[bytes]], T], *,
                 sha256: str | None = None, changed: str = "", longest: int = MAX_LINE_BYTES,
                 what: str = "操作") -> Generator[T, None, None]:
    """``parse(number of the first line, lines)`` of each block of lines of the member
    ``name`` (``Member.line_blocks``). With ``sha256`` (the first reading) the member must
    match it, or ``changed`` is refused: also when a line was refused first (the damage is
    named, not its symptom)."""
    with zipfile.ZipFile(staged.path) as archive:
        info = archive.getinfo(name)
        reading = Member(archive, info)
        try:
            for number, lines in reading.line_blocks(longest, what):
                yield parse(number, lines)
        except SyncFileError as error:
            if sha256 is not None and Member(archive, info).whole_sha256() != sha256:
                raise SyncFileError(changed) from error
            raise
        if sha256 is not None and reading.sha256 != sha256:
            raise SyncFileError(changed)


def _check_lengths(lines: list[bytes], first_number: int, longest: int, what: str) -> None:
    for number, line in enumerate(lines, start=first_number):
        if len(line) > longest:
            raise _too_long(number, longest, what)


def _too_long(number: int, longest: int, what: str) -> SyncFileError:
    return SyncFileError(f"第 {number} 条{what}过长（超过 {longest // 1024} KB）")


def member_json(data: bytes, member: str, words: str = "文件内容") -> Any:
    """A small member's JSON value; ``words`` name the file's kind in the message."""
    import json

    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise SyncFileError(f"{words} {member} 不是有效的 JSON") from error
