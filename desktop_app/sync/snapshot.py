"""A new office PC starts from a signed snapshot of the town's state, not from its whole log.

After five years a town holds millions of operations; a new PC replaying them all waits many
minutes and keeps a log it will never send. Instead the town writes (``sync snapshot
--cluster X``) every record as it stands, with its fields' clocks and conflict heads, and for
each origin the one operation its signed chain head names. The new PC takes it in whole, in
one transaction, and from then on its log of each origin starts at that head: the town's next
files continue each chain from there (``merge._check_duplicates`` knows older operations of
a chain that starts at a snapshot are in the records).

The file is a sync file of its own kind, read through the same steps (``transfer``): sealed
zip with fixed flat members, signed manifest with member hashes, format and schema versions,
encrypted for its readers (the town's PCs and the offices of the named cluster, as any file
for that cluster), quarantined until this PC approves the town, and only a town's snapshot is
taken, only by a PC that holds nothing yet. Members:

- ``manifest.json`` / ``manifest.sig``: as a sync file's, with ``kind: "snapshot"``, the
  cluster it was written for and how many records it holds;
- ``columns.json``: per table, its columns in the order of the rows;
- ``records.jsonl``: one row per line, ``[table, [values as SQLite stores them]]``, every
  synced table and the conflict and ghost lists;
- ``operations.jsonl``: each origin's head operation (a sync file's line, hashes checked);
- ``epochs.json``, ``heads.json``, ``peers.json``: as a sync file's.

The search index is not in the file: the new PC builds it from the records (derived data
is never taken on trust).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections import Counter
from collections.abc import Generator, Iterator
from contextlib import ExitStack, closing
from dataclasses import dataclass
from datetime import datetime
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, select
from sqlmodel import col

from db.ids import utcnow
from db.migrate import HEAD_REVISION
from db.models import SyncConflict, SyncEpoch, SyncGhost, SyncHead, SyncOp, SyncPeer, table_of
from desktop_app.progress import Progress
from desktop_app.search.indexing import INDEXED, rebuild
from desktop_app.storage.bulk import indexes_deferred
from desktop_app.storage.database import Database
from desktop_app.sync import bundle, envelope
from desktop_app.sync.bundle import SyncFileError
from desktop_app.sync.codec import canonical, dumps
from desktop_app.sync.exchange import PAGE, after_merge, one_transaction, reading
from desktop_app.sync.identity import Signer, node_id_for, verify
from desktop_app.sync.merge import SYNCED_TABLES, Merger, Operation, SyncError
from desktop_app.sync.zipin import (
    MAX_SMALL_MEMBER,
    Staged,
    member_json,
    member_pages,
    opened,
    read_member,
)
from desktop_app.sync.zipout import Sink, write_signed_zip

KIND = "snapshot"
FORMAT = 1
SUFFIX = ".ljsnapshot"  # not a .ljsync: a stick's snapshot is read only by a PC holding nothing
MEMBERS = ("manifest.json", "manifest.sig", "columns.json", "records.jsonl",
           "operations.jsonl", "epochs.json", "heads.json", "peers.json")
RECORDS = "records.jsonl"
STREAMED = (RECORDS, "operations.jsonl")  # read a block at a time, not whole
# Besides the records: the conflicts waiting for review and edits of records still on
# their way, so the new PC lists and merges exactly what the town does.
LISTS: dict[str, Table] = {t.name: t for t in (table_of(SyncConflict), table_of(SyncGhost))}
TABLES: dict[str, Table] = {**SYNCED_TABLES, **LISTS}
# The records of a five-year town are 1.1 GB of text (bench/years_report.md): more than a sync
# file's operations may be. The compressed file's limit and the ratio check still hold.
MAX_RECORDS_BYTES = 4 * 1024 * 1024 * 1024
STORED_TYPES = {type(None), str, int, float}  # a value as SQLite stores it (no bool: JSON's)
NOT_EMPTY = "本机已有数据：快照只用于新电脑的第一次同步，请改用普通同步文件"
NOT_TOWN = "快照只能由镇里的电脑写出：这个快照不是镇里的电脑写的"


@dataclass
class Snapshot:
    """A verified snapshot; its records are read from it again as they are taken
    (``records``), never held all at once."""

    manifest: dict[str, Any]
    columns: dict[str, list[str]]
    tables: Counter[str]  # records per table
    head_operations: list[Operation]  # each origin's head operation
    epochs: list[tuple[str, int, dict[str, int]]]
    heads: dict[str, dict[str, Any]]
    peers: list[dict[str, Any]]
    file: Staged  # the plain file, in the import's folder

    @property
    def count(self) -> int:
        """How many records it holds."""
        return self.tables.total()

    @property
    def sender(self) -> str:
        return self.manifest["sender"]["node_id"]

    def operations(self) -> Generator[list[Operation], None, None]:
        """Its operations as a sync file's are read (``bundle.Bundle.operations``)."""
        yield self.head_operations

    def records(self) -> Generator[list[tuple[str, list[Any]]], None, None]:
        """The records again, a block of lines at a time (checked by ``read_snapshot``)."""
        return _record_pages(self.file, self.columns)


def is_snapshot(file: Path) -> bool:
    """True if the (plain, inner) file's members are a snapshot's (its records)."""
    try:
        with zipfile.ZipFile(file) as archive:
            return RECORDS in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


# --- writing, at the town -------------------------------------------------------------------
def write_snapshot(db: Database, target_dir: Path, cluster_id: str) -> tuple[Path, int]:
    """Write the snapshot for a new office of ``cluster_id`` (readable by the town and that
    cluster's offices; it holds every cluster's records, as every PC holds the whole town);
    returns the file and how many records it holds. The records go to the file as they are
    read (never all in memory)."""
    from desktop_app.sync.transfer import _peers, sender_of

    if db.node.role != "town":
        raise SyncError("只有镇里的电脑可以写快照")
    signer = Signer(db.key_path)
    sender = sender_of(db)
    readers = readers_of(db, cluster_id)
    peers = _peers(db)
    name = f"lianjian-{db.node.node_id}-snapshot-{cluster_id}-{datetime.now():%Y%m%d-%H%M%S}"
    with reading(db) as connection:  # one consistent reading
        if connection.exec_driver_sql("SELECT 1 FROM cluster WHERE id = ? AND deleted = 0",
                                      (cluster_id,)).first() is None:
            raise SyncError(f"没有这个联合党组织：{cluster_id}")
        heads, operations = _heads(connection, db.node.node_id, signer)
        epochs = [[r.origin, r.epoch, json.loads(r.vv)]
                  for r in connection.execute(select(SyncEpoch)).all()]
        manifest = {"kind": KIND, "format": FORMAT, "schema": HEAD_REVISION,
                    "created_at": utcnow().isoformat(), "sender": sender,
                    "cluster_id": cluster_id,
                    "vector": {origin: head["seq"] for origin, head in heads.items()}}
        records = _Records(connection)
        members = [("columns.json", [canonical(records.columns)]),
                   ("records.jsonl", records.lines()),
                   ("operations.jsonl", [b"".join(bundle.op_line(op) + b"\n"
                                                  for op in operations)]),
                   ("epochs.json", [canonical(epochs)]), ("heads.json", [canonical(heads)]),
                   ("peers.json", [canonical(peers)])]

        def inner(sink: Sink) -> None:
            write_signed_zip(sink, members, lambda listed: dict(
                manifest, records=records.count, members=listed), signer.sign)

        path = bundle.write_file(target_dir, name,
                                 envelope.file_writer(inner, sender, readers, signer.sign),
                                 suffix=SUFFIX)
    return path, records.count


def new_office_cluster(db: Database, peer_id: str) -> str | None:
    """At the town: the cluster of ``peer_id`` if it is an approved office PC that holds
    nothing yet (its files told of no change at all, its own included, and the town never
    wrote it a sync file), so that its first file is better a snapshot; else None. Until its
    first file comes back, every file for it is a snapshot of the state then (a second one
    is skipped on the PC: ``holds_anything``)."""
    if db.node.role != "town":
        return None
    with db.engine.connect() as connection:
        peer = connection.execute(
            select(SyncPeer).where(col(SyncPeer.node_id) == peer_id)).first()
    if (peer is None or peer.status != "approved" or peer.role == "town"
            or not peer.cluster_id or peer.last_sent_at is not None):
        return None
    told = json.loads(peer.vector) if peer.vector else {}
    return None if any(int(seq or 0) for seq in told.values()) else peer.cluster_id


def readers_of(db: Database, cluster_id: str) -> dict[str, str]:
    """The town's PCs and the approved offices of ``cluster_id`` whose keys are known."""
    with db.engine.connect() as connection:
        peers = connection.execute(select(SyncPeer).where(
            col(SyncPeer.status) == "approved")).all()
    return {p.node_id: p.box_key for p in peers
            if p.box_key and (p.role == "town" or p.cluster_id == cluster_id)}


class _Records:
    """Every row of the synced tables and the lists, as ``records.jsonl``'s lines, read a
    page at a time and counted."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.columns = {name: [c.name for c in table.columns] for name, table in TABLES.items()}
        self.count = 0

    def lines(self) -> Iterator[bytes]:
        for name, names in self.columns.items():
            quoted = ", ".join(f'"{n}"' for n in names)
            result = self._connection.exec_driver_sql(
                f'SELECT {quoted} FROM "{name}" ORDER BY rowid')
            while rows := result.fetchmany(PAGE):
                self.count += len(rows)
                yield b"".join(dumps([name, list(row)]).encode() + b"\n" for row in rows)


def _heads(connection: Connection, self_id: str, signer: Signer):
    """Each origin's signed head and the operation it names (this node's signed now)."""
    from desktop_app.sync.transfer import signature_head

    heads: dict[str, dict[str, Any]] = {
        h.origin: {"seq": h.seq, "hash": h.hash, "signature": h.signature}
        for h in connection.execute(select(SyncHead)).all()}
    own = connection.execute(select(col(SyncOp.seq), col(SyncOp.hash)).where(
        col(SyncOp.origin) == self_id).order_by(col(SyncOp.seq).desc()).limit(1)).first()
    if own is not None:
        heads[self_id] = {"seq": own.seq, "hash": own.hash,
                          "signature": signer.sign(signature_head(self_id, own.seq, own.hash))}
    operations = []
    for origin, head in sorted(heads.items()):
        row = connection.execute(select(SyncOp).where(
            col(SyncOp.origin) == origin, col(SyncOp.seq) == head["seq"])).first()
        if row is None or row.hash != head["hash"]:
            raise SyncError(f"节点 {origin} 的链头操作不在本机：请先导入它的同步文件再写快照")
        operations.append(Operation.from_row(row))
    return {origin: heads[origin] for origin, _ in sorted(heads.items())}, operations


# --- reading, at the new PC -----------------------------------------------------------------
def read_snapshot(staged: Staged, *, known_schemas: set[str]) -> Snapshot:
    """Parse and verify a snapshot (a plain one, in the import's folder), its records read a
    block at a time; raises SyncFileError naming the problem."""
    if staged.size > bundle.MAX_FILE_BYTES:
        raise SyncFileError(f"快照文件过大（{staged.size // 1048576} MB）")
    staged.check_seal()
    with opened(staged, MEMBERS, large=RECORDS, limit=MAX_RECORDS_BYTES,
                damaged="快照文件不完整或已损坏") as (archive, infos):
        raw = {name: read_member(archive, info) for name, info in infos.items()
               if name not in STREAMED}
    manifest = _json(raw["manifest.json"], "manifest.json")
    sender = manifest.get("sender") if isinstance(manifest, dict) else None
    if not isinstance(sender, dict) or not isinstance(sender.get("public_key"), str):
        raise SyncFileError("快照清单缺少发送方信息")
    if not verify(sender["public_key"], raw["manifest.json"],
                  raw["manifest.sig"].decode("ascii", "replace")):
        raise SyncFileError("快照签名无效：文件被改动过，或不是由声称的电脑写出")
    if node_id_for(bundle._b64(sender["public_key"])) != sender.get("node_id"):  # noqa: SLF001
        raise SyncFileError("发送方编号与其密钥不符：快照是伪造的")
    if manifest.get("kind") != KIND or manifest.get("format") != FORMAT:
        raise SyncFileError(f"快照格式版本 {manifest.get('format')} 不受支持，请升级程序")
    if manifest.get("schema") not in known_schemas:
        raise SyncFileError(f"快照来自更新版本的联建台账（数据结构 {manifest.get('schema')}），"
                            "请先升级程序")
    listed = manifest.get("members") or {}
    if set(listed) != set(MEMBERS) - {"manifest.json", "manifest.sig"}:
        raise SyncFileError("快照清单不完整")
    for member, expected in listed.items():
        if not isinstance(expected, dict) or (member in raw and (
                hashlib.sha256(raw[member]).hexdigest() != expected.get("sha256"))):
            raise SyncFileError(_changed(member))
    columns = _columns(_json(raw["columns.json"], "columns.json"))
    tables: Counter[str] = Counter()
    for page in _record_pages(staged, columns,
                              bundle.listed_sha256(listed, RECORDS, _changed(RECORDS))):
        tables.update(name for name, _values in page)
    if tables.total() != manifest.get("records"):
        raise SyncFileError("快照的记录数与清单不符")
    heads_sha256 = bundle.listed_sha256(listed, bundle.OPERATIONS, _changed(bundle.OPERATIONS))
    operations = [op for page in bundle.operation_pages(staged, bundle.OPERATIONS, heads_sha256)
                  for op in page]
    epochs = [(str(o), int(e), {str(k): int(v) for k, v in vv.items()})
              for o, e, vv in _json(raw["epochs.json"], "epochs.json")]
    return Snapshot(manifest, columns, tables, operations, epochs,
                    _json(raw["heads.json"], "heads.json"), _json(raw["peers.json"], "peers.json"),
                    staged)


def _changed(member: str) -> str:
    return f"快照内容 {member} 与清单中的校验值不符：文件被改动或损坏"


def _json(data: bytes, member: str) -> Any:
    return member_json(data, member, "快照内容")


def _columns(value: Any) -> dict[str, list[str]]:
    """Each table's columns: known tables, known columns, the id among them."""
    if not isinstance(value, dict):
        raise SyncFileError("快照的表结构格式不正确")
    for name, names in value.items():
        table = TABLES.get(name)
        if table is None or not isinstance(names, list) or not set(names) <= set(
                c.name for c in table.columns) or len(set(names)) != len(names):
            raise SyncFileError(f"快照中的数据表 {name} 与本机的不符")
        if table.primary_key.columns.keys()[0] not in names:
            raise SyncFileError(f"快照中的数据表 {name} 缺少主键")
    return value


def _record_pages(staged: Staged, columns: dict[str, list[str]], sha256: str | None = None,
                  ) -> Generator[list[tuple[str, list[Any]]], None, None]:
    """The rows of ``records.jsonl`` a block of lines at a time, each one's shape checked
    (the first reading, with ``sha256``, also checks the member against it)."""
    def parse(first_number: int, lines: list[bytes]) -> list[tuple[str, list[Any]]]:
        try:
            values = json.loads(b"[" + b",".join(lines) + b"]")
        except ValueError as error:
            raise SyncFileError("快照内容 records.jsonl 不是有效的 JSON") from error
        if len(values) != len(lines):
            raise SyncFileError("快照内容 records.jsonl 的行数不符")
        for number, value in enumerate(values, first_number):
            if (not isinstance(value, list) or len(value) != 2 or value[0] not in columns
                    or not isinstance(value[1], list)
                    or len(value[1]) != len(columns[value[0]])
                    or not set(map(type, value[1])) <= STORED_TYPES):
                raise SyncFileError(f"快照第 {number} 条记录的格式不正确")
        return [(value[0], value[1]) for value in values]

    return member_pages(staged, RECORDS, parse, sha256=sha256, changed=_changed(RECORDS),
                        longest=MAX_SMALL_MEMBER, what="记录")


def take(db: Database, snap: Snapshot, then,
         progress: Progress | None = None) -> int:
    """Write the snapshot into this empty PC in one transaction, its records a block at a
    time as they are read; ``then(connection)`` runs inside it (the file is remembered
    there). ``progress(done, total)`` counts the records written, then those indexed for
    search (a five-year town's take lasts minutes). Returns the records written."""
    total = snap.count + sum(n for name, n in snap.tables.items() if name in INDEXED)
    done = 0

    def step(records: int) -> None:
        nonlocal done
        done = min(total, done + records)
        if progress is not None:
            progress(done, total)

    with one_transaction(db) as connection:
        if holds_anything(connection):
            raise SyncError(NOT_EMPTY)
        written: set[str] = set()
        with ExitStack() as deferred, closing(snap.records()) as pages:  # closed on errors too
            for table, adding in sorted(snap.tables.items()):  # built after the insert
                deferred.enter_context(indexes_deferred(connection, table, adding))
            for page in pages:
                for name, rows in groupby(page, key=itemgetter(0)):
                    names = snap.columns[name]
                    quoted = ", ".join(f'"{n}"' for n in names)
                    connection.exec_driver_sql(
                        f'INSERT INTO "{name}" ({quoted}) VALUES '
                        f'({", ".join("?" * len(names))})',
                        [tuple(values) for _name, values in rows])
                    written.add(name)
                step(len(page))
        Merger(connection).add_epochs(snap.epochs)
        if snap.head_operations:
            connection.execute(table_of(SyncOp).insert(),
                               [op.row() for op in snap.head_operations])
        rebuild(connection, step)  # the search index, from the records
        newest = max((op.hlc for op in snap.head_operations), default=0)
        for name in SYNCED_TABLES:
            if name in written:
                newest = max(newest, connection.exec_driver_sql(
                    f'SELECT coalesce(max(version), 0) FROM "{name}"').scalar_one())
        after_merge(connection, db, newest)
        then(connection)
    return snap.count


def holds_anything(connection: Connection) -> bool:
    """Any operation or record here: a snapshot is only for a PC's first sync."""
    if connection.execute(select(func.count()).select_from(SyncOp)).scalar_one():
        return True
    return any(connection.exec_driver_sql(f'SELECT 1 FROM "{name}" LIMIT 1').first()
               for name in SYNCED_TABLES)

