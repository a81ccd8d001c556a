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

Reading checks, in order: total size, zip structure, member names (no paths, links,
duplicates or extra members), sizes and compression ratio (no zip bombs), the manifest's
signature, each member's hash, format and schema versions, line lengths, and every
operation's own hash — before anything touches the database.
"""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from desktop_app.storage.faults import remove_leftovers, write_streaming
from desktop_app.sync.codec import canonical
from desktop_app.sync.identity import node_id_for, verify
from desktop_app.sync.merge import Operation, SyncError, check_operation
from desktop_app.sync.zipout import SEAL_PREFIX, Sink, later, write_signed_zip

FORMAT = 2  # 2: operations as arrays whose text the hash covers (1: objects, re-serialised)
SUFFIX = ".ljsync"
MEMBERS = ("manifest.json", "manifest.sig", "operations.jsonl", "epochs.json", "heads.json",
           "peers.json")
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_MEMBER_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member
MAX_LINE_BYTES = 1024 * 1024
MAX_SMALL_MEMBER = 64 * 1024 * 1024  # everything but the operations


class SyncFileError(SyncError):
    """A sync file refused before anything was written; the message names the problem."""


@dataclass
class Bundle:
    manifest: dict[str, Any]
    operations: list[Operation]
    epochs: list[tuple[str, int, dict[str, int]]]
    heads: dict[str, dict[str, Any]]  # origin -> {"seq", "hash", "signature"}
    peers: list[dict[str, Any]]

    @property
    def sender(self) -> str:
        return self.manifest["sender"]["node_id"]


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
SEAL_LENGTH = len(SEAL_PREFIX) + 64


def seal(data: bytes) -> bytes:
    blank = data[:-64] + b"0" * 64
    return data[:-64] + hashlib.sha256(blank).hexdigest().encode()


def seal_of(data: bytes) -> str | None:
    """The hash in the seal ending ``data`` (not checked here), or None if it has none."""
    comment = data[-SEAL_LENGTH:]
    if len(data) < SEAL_LENGTH or not comment.startswith(SEAL_PREFIX):
        return None
    return comment[len(SEAL_PREFIX):].decode("ascii", "replace")


def seal_at_end(path: Path) -> str | None:
    """:func:`seal_of` the file at ``path``, reading only its last bytes."""
    with open(path, "rb") as handle:
        handle.seek(0, io.SEEK_END)
        handle.seek(max(0, handle.tell() - SEAL_LENGTH))
        return seal_of(handle.read(SEAL_LENGTH))


def check_seal(data: bytes) -> None:
    comment = data[-SEAL_LENGTH:]
    if len(data) < SEAL_LENGTH or not comment.startswith(SEAL_PREFIX):
        raise SyncFileError("文件不完整或已损坏（不是有效的同步文件）")
    if seal(data[:-64] + b"0" * 64) != data:
        raise SyncFileError("文件校验不符：文件在复制中被截断或改动过")


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
def read_bundle(data: bytes, *, schema: str, known_schemas: set[str]) -> Bundle:
    """Parse and verify a sync file's bytes; raises SyncFileError naming the problem."""
    if len(data) > MAX_FILE_BYTES:
        raise SyncFileError(f"文件过大（{len(data) // 1048576} MB），"
                            f"超过 {MAX_FILE_BYTES // 1048576} MB")
    check_seal(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise SyncFileError("文件不完整或已损坏（不是有效的同步文件）") from error
    check_members(infos)
    raw = {info.filename: read_member(archive, info) for info in infos}
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
    for member, expected in (manifest.get("members") or {}).items():
        if member not in raw or not isinstance(expected, dict):
            raise SyncFileError(f"文件清单列出了不存在的内容：{member}")
        if hashlib.sha256(raw[member]).hexdigest() != expected.get("sha256"):
            raise SyncFileError(f"文件内容 {member} 与清单中的校验值不符：文件被改动或损坏")
    if set(manifest.get("members") or {}) != set(MEMBERS) - {"manifest.json", "manifest.sig"}:
        raise SyncFileError("文件清单不完整")
    operations = [op_from_line(value, line, number)
                  for number, (line, value)
                  in enumerate(_operation_lines(raw["operations.jsonl"]), 1)]
    for op in operations:
        try:
            check_operation(op)
        except SyncFileError:
            raise
        except SyncError as error:
            raise SyncFileError(str(error)) from error
    epochs = [(str(o), int(e), {str(k): int(v) for k, v in vv.items()})
              for o, e, vv in _json(raw["epochs.json"], "epochs.json")]
    return Bundle(manifest, operations, epochs, _json(raw["heads.json"], "heads.json"),
                  _json(raw["peers.json"], "peers.json"))


def check_members(infos: list[zipfile.ZipInfo], members: tuple[str, ...] = MEMBERS,
                  large: str = "operations.jsonl", limit: int = MAX_MEMBER_BYTES) -> None:
    """Exactly ``members``, flat, no links, sane sizes (``large`` may be the big one, up to
    ``limit``)."""
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
        if info.file_size > (limit if name == large else MAX_SMALL_MEMBER):
            raise SyncFileError(f"文件 {name} 解压后过大")
        if (info.compress_size and info.file_size / info.compress_size > MAX_RATIO
                and info.file_size > 1048576):
            raise SyncFileError(f"文件 {name} 的压缩比异常（疑似压缩炸弹）")
    missing = sorted(set(members) - set(names))
    if missing:
        raise SyncFileError(f"文件不完整，缺少：{'、'.join(missing)}")


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read at most the declared size (a lying header cannot make us read more)."""
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as error:
        raise SyncFileError(f"文件内容 {info.filename} 已损坏") from error
    if len(data) != info.file_size:
        raise SyncFileError(f"文件内容 {info.filename} 的长度与记录不符")
    return data


def _json(data: bytes, member: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise SyncFileError(f"文件内容 {member} 不是有效的 JSON") from error


def _operation_lines(data: bytes) -> list[tuple[bytes, Any]]:
    """Each line with its JSON value, parsed in one go; the first bad line is named."""
    lines = data.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()  # the newline that ends the last line
    for number, line in enumerate(lines, start=1):
        if len(line) > MAX_LINE_BYTES:
            raise SyncFileError(f"第 {number} 条操作过长（超过 {MAX_LINE_BYTES // 1024} KB）")
    try:
        values = json.loads(b"[" + b",".join(lines) + b"]")
        if len(values) == len(lines):
            return list(zip(lines, values, strict=True))
    except ValueError:
        pass
    # Some line is not one JSON value (joined, they did not parse, or "1,2" made two).
    for number, line in enumerate(lines, start=1):
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
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
