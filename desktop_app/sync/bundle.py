"""The sync file: a zip with fixed member names, checked completely before it is trusted.

Members (flat, nothing else allowed):
- ``manifest.json``: format and schema versions, the sender (id, name, key, role,
  cluster), its version vector, how many operations the file holds, and each other
  member's size and SHA-256;
- ``manifest.sig``: the sender's Ed25519 signature of the manifest bytes;
- ``operations.jsonl``: one operation per line, the JSON array ``[origin, seq, hlc, epoch,
  tbl, row_id, fields, author, prev_hash, hash]``: its text up to the author is exactly the
  body the origin hashed (see ``desktop_app.sync.oplog``), so the hash is checked over the
  bytes as they arrived and they are kept and sent on unchanged;
- ``epochs.json``: the version vectors the operations' epochs name;
- ``heads.json``: per origin, the signed head of its chain the operations end at;
- ``peers.json``: the PCs the sender knows (keys and enrolment certificates).

Writing streams (``write_bundle``, ``desktop_app.sync.zipout``): the operations go into their
member a page at a time as they are read, and the manifest, which needs every member's hash
and the count, is written last. Readers go by name, so the order changes nothing for them.

Reading checks, in order: total size, the seal, zip structure, member names (no paths,
links, duplicates or extra members), sizes and compression ratio (no zip bombs), the
manifest's signature, each member's hash, format and schema versions, line lengths, and every
operation's own hash — before anything touches the database. Reading streams too
(``desktop_app.sync.zipin``): the file is a copy in the import's private folder, and its
operations are read a block of lines at a time, checked once (``read_bundle``) and read again
for the merge (``Bundle.operations``).
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from desktop_app.storage.faults import remove_leftovers, write_streaming
from desktop_app.sync.codec import canonical
from desktop_app.sync.identity import node_id_for, verify
from desktop_app.sync.merge import Operation, SyncError, check_operation
from desktop_app.sync.zipin import (
    SEAL_LENGTH,
    SealCheck,
    Staged,
    SyncFileError,
    member_json,
    member_pages,
    opened,
    read_member,
)
from desktop_app.sync.zipout import SEAL_PREFIX, Sink, later, write_signed_zip

__all__ = ["SEAL_PREFIX", "Bundle", "SyncFileError", "read_bundle", "write_bundle",
           "write_file"]

FORMAT = 2  # 2: operations as arrays whose text the hash covers (1: objects, re-serialised)
SUFFIX = ".ljsync"
MEMBERS = ("manifest.json", "manifest.sig", "operations.jsonl", "epochs.json", "heads.json",
           "peers.json")
OPERATIONS = "operations.jsonl"
# A town's whole log after years of use is more than a file may hold (bench/years_report.md):
# a new PC starts from a snapshot instead, which the sync page writes for it.
TOO_MANY_OPERATIONS = ("：修改记录太多。新电脑第一次同步时，请镇里在“同步”页的“写给”中选这台"
                       "电脑，写出全部记录的快照")
MAX_FILE_BYTES = 512 * 1024 * 1024


@dataclass
class Bundle:
    """A verified sync file; its operations are read from it again as they are needed
    (``operations``), never held all at once."""

    manifest: dict[str, Any]
    epochs: list[tuple[str, int, dict[str, int]]]
    heads: dict[str, dict[str, Any]]  # origin -> {"seq", "hash", "signature"}
    peers: list[dict[str, Any]]
    file: Staged  # the plain file, in the import's folder
    checked: bool = False  # every operation was checked (``read_bundle`` read them all)

    @property
    def sender(self) -> str:
        return self.manifest["sender"]["node_id"]

    def operations(self) -> Generator[list[Operation], None, None]:
        """The operations again, a block at a time (checked when the file was read)."""
        if not self.checked:
            raise AssertionError("the operations are used only once read_bundle checked them")
        return operation_pages(self.file, OPERATIONS)

    def lines(self) -> Generator[list[bytes], None, None]:
        """The operations' lines again, a block at a time (checked when the file was read)."""
        if not self.checked:
            raise AssertionError("the operations are used only once read_bundle checked them")
        return member_pages(self.file, OPERATIONS, lambda _number, lines: lines)


# --- writing --------------------------------------------------------------------------
def write_file(target_dir: Path, name: str, write: Callable[[BinaryIO], object],
               suffix: str = SUFFIX) -> Path:
    """Write a sync file (``write(handle)`` writes it, piece by piece) under a temporary
    name, flush it to disk, then rename it; a full or pulled stick raises ``FileWriteError``
    (a UserError) and leaves no half file."""
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{name}{suffix}"
    # A write a pulled stick or a full disk cut short left a hidden ``.NAME.part``: gone now.
    remove_leftovers(target_dir, f".*{suffix}.part")
    return write_streaming(target, target_dir / f".{name}{suffix}.part", write)


def write_bundle(sink: Sink, manifest: dict[str, Any], signature_of: Callable[[bytes], str],
                 outgoing: Outgoing, heads, peers) -> None:
    """A plain (format 2) file, the inner file of an encrypted one, written to ``sink`` as
    ``outgoing`` reads its operations; its epochs, counted on the way, follow them."""
    members = [("operations.jsonl", outgoing.lines()),
               ("epochs.json", later(lambda: canonical(outgoing.epochs()))),
               ("heads.json", [canonical(heads)]),
               ("peers.json", [canonical(peers)])]
    write_signed_zip(sink, members, lambda listed: dict(
        manifest, format=FORMAT, operations=outgoing.count, members=listed), signature_of)


class Outgoing:
    """The operations of a file as it is written: read a page at a time (``pages``), as
    lines, counting them and the epochs they name; ``epochs_of(named)`` reads those."""

    def __init__(self, pages: Iterable[Sequence[Any]],
                 epochs_of: Callable[[set[tuple[str, int]]], list[Any]]) -> None:
        self._pages = pages
        self._epochs_of = epochs_of
        self.count = 0
        self.named: set[tuple[str, int]] = set()

    def lines(self) -> Iterator[bytes]:
        """Each page's lines; rows have ``origin``, ``epoch``, ``body``, ``prev_hash``,
        ``hash``."""
        for page in self._pages:
            self.count += len(page)
            self.named.update((row.origin, row.epoch) for row in page)
            yield b"".join(line_of(row.body, row.prev_hash, row.hash) + b"\n" for row in page)

    def epochs(self) -> list[Any]:
        return self._epochs_of(self.named)


# The zip comment seals the whole file: the SHA-256 of every byte, computed with the
# hash's own place filled with zeros. Members are covered by their own hashes and the
# signature; the seal also catches a change in the zip's headers.
def seal(data: bytes) -> bytes:
    blank = data[:-64] + b"0" * 64
    return data[:-64] + hashlib.sha256(blank).hexdigest().encode()


def seal_at_end(path: Path) -> str | None:
    """The hash the seal ending the file at ``path`` names (not checked), or None if it has
    none; reads only its last bytes."""
    with open(path, "rb") as handle:
        handle.seek(0, io.SEEK_END)
        handle.seek(max(0, handle.tell() - SEAL_LENGTH))
        check = SealCheck()
        check.write(handle.read(SEAL_LENGTH))
        return check.named()


def op_line(op: Operation) -> bytes:
    """The body as the origin wrote it, with the two hashes appended to the array."""
    return line_of(op.body, op.prev_hash, op.hash)


def line_of(body: str, prev_hash: str, op_hash: str) -> bytes:
    """:func:`op_line` of the operation stored as ``body`` with its two hashes."""
    return f'{body[:-1]},"{prev_hash}","{op_hash}"]'.encode()


def op_from_line(raw: Any, line: bytes, number: int) -> Operation:
    """The operation on line ``number``, given the line's bytes and its parsed value."""
    if not isinstance(raw, list) or len(raw) != 10:
        raise SyncFileError(f"第 {number} 条操作的格式不正确")
    origin, seq, hlc, epoch, tbl, row_id, fields, author, prev_hash, op_hash = raw
    if type(seq) is not int or type(hlc) is not int or type(epoch) is not int:
        raise SyncFileError(f"第 {number} 条操作的序号或时钟不是整数")
    # The hashes end the line as two plain strings; the rest is the body, byte for byte.
    # (A hash that is not 64 hex digits cannot match a computed one or link the chain.)
    tail = f',"{prev_hash}","{op_hash}"]'.encode()
    if type(prev_hash) is not str or type(op_hash) is not str or not line.endswith(tail):
        raise SyncFileError(f"第 {number} 条操作的格式不正确")
    body = line[:-len(tail)].decode("utf-8") + "]"
    return Operation(origin, seq, hlc, epoch, tbl, row_id, fields, author, prev_hash, op_hash,
                     body)


# --- reading --------------------------------------------------------------------------
def read_bundle(staged: Staged, *, schema: str, known_schemas: set[str],
                collect: Callable[[list[Operation]], object] = lambda page: None) -> Bundle:
    """Parse and verify a sync file (a plain one, in the import's folder), its operations
    read a block at a time and each block handed to ``collect`` once checked; raises
    SyncFileError naming the problem."""
    if staged.size > MAX_FILE_BYTES:
        raise SyncFileError(f"文件过大（{staged.size // 1048576} MB），"
                            f"超过 {MAX_FILE_BYTES // 1048576} MB")
    staged.check_seal()
    with opened(staged, MEMBERS, large=OPERATIONS, too_large=TOO_MANY_OPERATIONS) as (
            archive, infos):
        raw = {name: read_member(archive, info) for name, info in infos.items()
               if name != OPERATIONS}
    manifest = _json(raw["manifest.json"], "manifest.json")
    sender = manifest.get("sender") if isinstance(manifest, dict) else None
    if not isinstance(sender, dict) or not isinstance(sender.get("public_key"), str):
        raise SyncFileError("文件清单缺少发送方信息")
    if not verify(sender["public_key"], raw["manifest.json"],
                  raw["manifest.sig"].decode("ascii", "replace")):
        raise SyncFileError("文件签名无效：文件被改动过，或不是由声称的电脑导出")
    if node_id_for(_b64(sender["public_key"])) != sender.get("node_id"):
        raise SyncFileError("发送方编号与其密钥不符：文件是伪造的")
    _check_versions(manifest, schema, known_schemas)
    listed = manifest.get("members") or {}
    for member, expected in listed.items():
        if member not in infos or not isinstance(expected, dict):
            raise SyncFileError(f"文件清单列出了不存在的内容：{member}")
        if member in raw and hashlib.sha256(raw[member]).hexdigest() != expected.get("sha256"):
            raise SyncFileError(_changed(member))
    if set(listed) != set(MEMBERS) - {"manifest.json", "manifest.sig"}:
        raise SyncFileError("文件清单不完整")
    epochs = [(str(o), int(e), {str(k): int(v) for k, v in vv.items()})
              for o, e, vv in _json(raw["epochs.json"], "epochs.json")]
    parsed = Bundle(manifest, epochs, _json(raw["heads.json"], "heads.json"),
                    _json(raw["peers.json"], "peers.json"), staged)
    for page in operation_pages(staged, OPERATIONS, listed_sha256(listed, OPERATIONS,
                                                                  _changed(OPERATIONS))):
        collect(page)
    parsed.checked = True
    return parsed


def operation_pages(staged: Staged, member: str, sha256: str | None = None
                    ) -> Generator[list[Operation], None, None]:
    """The operations of ``member`` a block of lines at a time (about a megabyte), each line's
    shape checked and, when ``sha256`` is given (the first reading: the member is checked
    against it), each operation's values and hash; a bad line is named by its number, unless
    the member does not match ``sha256`` (then that is what is wrong)."""
    def parse(number: int, lines: list[bytes]) -> list[Operation]:
        return operations_of(lines, number, checked=sha256 is not None)

    return member_pages(staged, member, parse, sha256=sha256, changed=_changed(member))


def operations_of(lines: list[bytes], first_number: int = 1, *,
                  checked: bool = False) -> list[Operation]:
    """The operations on ``lines`` (the first one numbered ``first_number``), each line's
    shape checked, and with ``checked`` each operation's values and hash."""
    page = [op_from_line(value, line, n)
            for n, (line, value) in enumerate(parsed_lines(lines, first_number), first_number)]
    if checked:
        for op in page:
            _check(op)
    return page


def listed_sha256(listed: dict[str, Any], member: str, changed: str) -> str:
    """The SHA-256 the manifest lists for ``member`` (a member it lists without one does not
    match it)."""
    sha256 = listed[member].get("sha256")
    if not isinstance(sha256, str):
        raise SyncFileError(changed)
    return sha256


def _check(op: Operation) -> None:
    try:
        check_operation(op)
    except SyncFileError:
        raise
    except SyncError as error:
        raise SyncFileError(str(error)) from error


def _changed(member: str) -> str:
    return f"文件内容 {member} 与清单中的校验值不符：文件被改动或损坏"


def _json(data: bytes, member: str) -> Any:
    return member_json(data, member)


def parsed_lines(lines: list[bytes], first_number: int = 1) -> list[tuple[bytes, Any]]:
    """Each line with its JSON value, parsed in one go; the first bad line is named."""
    try:
        values = json.loads(b"[" + b",".join(lines) + b"]")
        if len(values) == len(lines):
            return list(zip(lines, values, strict=True))
    except ValueError:
        pass
    # Some line is not one JSON value (joined, they did not parse, or "1,2" made two).
    for number, line in enumerate(lines, start=first_number):
        _json(line, f"operations.jsonl 第 {number} 行")
    raise SyncFileError("文件内容 operations.jsonl 不是有效的 JSON")


def _check_versions(manifest: dict[str, Any], schema: str, known_schemas: set[str]) -> None:
    version = manifest.get("format")
    if isinstance(version, int) and version < FORMAT:
        raise SyncFileError(f"文件来自旧版本的联建台账（同步文件格式 {version}）："
                            "请先在导出它的电脑上升级程序")
    if version != FORMAT:
        raise SyncFileError(f"同步文件格式版本 {version} 不受支持，请升级程序")
    if manifest.get("schema") not in known_schemas:
        raise SyncFileError(
            f"文件来自更新版本的联建台账（数据结构 {manifest.get('schema')}），"
            f"本机为 {schema}；请先升级程序")


def _b64(text: str) -> bytes:
    import base64

    try:
        return base64.b64decode(text, validate=True)
    except ValueError as error:
        raise SyncFileError("发送方密钥格式不正确") from error


def operation_count(path: Path) -> int:
    """How many operations a file this PC just wrote holds (from its manifest; to say what
    was written, not a check of the file)."""
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    return int(manifest.get("operations", 0))


def file_sha256(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
