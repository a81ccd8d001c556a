"""Writing a sync file for a peer, and importing files: the steps a person starts.

Import order: already seen? → parse and verify the file (bundle) → who sent it and may
they write (trust) → every operation inside its writer's scope → merge everything in one
transaction and remember the file. A refused file changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, insert, select, text, update
from sqlmodel import col

from db.ids import utcnow
from db.migrate import HEAD_REVISION, MIGRATIONS_DIR
from db.models import SyncFile, SyncHead, SyncOp, SyncPeer, SyncQuarantine, table_of
from desktop_app.progress import Progress
from desktop_app.storage.bulk import gc_paused
from desktop_app.storage.database import Database
from desktop_app.sync import bundle, clock_order, envelope, exchange, snapshot, zipin
from desktop_app.sync.chains import Chain, Chains
from desktop_app.sync.codec import dumps
from desktop_app.sync.exchange import Changes, apply, epochs_named, operation_pages, reading
from desktop_app.sync.fork import (
    Renewed,
    agrees,
    divergence,
    forget_fork,
    fork_message,
    forks,
    own_fork,
    record_fork,
    take_new_identity,
)
from desktop_app.sync.identity import (
    Signer,
    box_public_key,
    fingerprint,
    record_sent,
    renewed_from,
    sent_seq,
    verify,
)
from desktop_app.sync.merge import MergeReport, Operation, SyncError, current_vector, wall_time
from desktop_app.sync.oplog import last_op
from desktop_app.sync.trust import (
    Authority,
    IncomingScopes,
    certificate_body,
    issue_certificate,
    learn_peers,
)
from desktop_app.sync.zipin import Staged
from desktop_app.sync.zipout import Sink

SKEW_WARNING_MS = 24 * 3600 * 1000


@dataclass
class ImportReport:
    file: str
    sender: str = ""
    sender_name: str = ""
    status: str = "merged"  # merged / known / quarantined / refused
    message: str = ""
    applied: dict[str, int] = field(default_factory=dict)  # origin name -> operations
    waiting: int = 0
    conflicts: int = 0
    skipped_origins: list[str] = field(default_factory=list)
    clock_skew_ms: int | None = None


def known_schemas() -> set[str]:
    return {p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("[0-9]*_*.py")}


def signature_head(origin: str, seq: int | None, op_hash: str | None) -> bytes:
    """What a head's signature covers; ``None`` for what a file left out (whose signature
    then fails to verify)."""
    return f"{origin}|{seq}|{op_hash}".encode()


# --- export -----------------------------------------------------------------------------
def export_file(db: Database, target_dir: Path, *, for_peer: str | None = None,
                full: bool = False) -> Path:
    """Write what ``for_peer`` lacks (from the vector it last sent), or everything."""
    return export(db, target_dir, for_peer=for_peer, full=full)[0]


def export(db: Database, target_dir: Path, *, for_peer: str | None = None,
           full: bool = False) -> tuple[Path, int]:
    """Write what ``for_peer`` lacks (or everything), encrypted for the PCs that may read it
    (see ``recipients``); returns the file and how many changes it holds. A PC that knows no
    reader's encryption key yet (first contact: a new PC's enrolment file, the town's first
    file for new offices) writes a plain file, as before encryption (docs/sync.md)."""
    known = _known_by(db, for_peer, full)
    readers = recipients(db, for_peer)
    signer = Signer(db.key_path)
    node = db.node
    sender = sender_of(db)
    peers = _peers(db)
    manifest: dict[str, Any] = {
        "schema": HEAD_REVISION,
        "created_at": utcnow().isoformat(),
        "sender": sender,
        "for": for_peer,
    }
    if db.history_gap:  # restored from a backup: the receiver should forget what it thought
        manifest["restored"] = True  # this PC held, and send again what it lacks now
    before = renewed_from(db.key_path)
    if before:  # this PC was a copy of another's data folder: the town may stop telling it
        manifest["renewed_from"] = before
    name = f"lianjian-{node.node_id}-{for_peer or 'all'}-{datetime.now():%Y%m%d-%H%M%S-%f}"
    with reading(db) as connection:  # the operations go to the file as they are read
        vector = manifest["vector"] = current_vector(connection)
        heads = _signed_heads(connection, node.node_id, vector, known, signer)
        outgoing = bundle.Outgoing(
            operation_pages(connection, {o: (known.get(o, 0), h["seq"]) for o, h in heads.items()}),
            lambda named: epochs_named(connection, named))

        def inner(sink: Sink) -> None:
            bundle.write_bundle(sink, manifest, signer.sign, outgoing, heads, peers)

        path = bundle.write_file(target_dir, name,
                                 envelope.file_writer(inner, sender, readers, signer.sign))
    if for_peer:
        with db.begin() as connection:
            connection.execute(update(SyncPeer).where(col(SyncPeer.node_id) == for_peer)
                               .values(last_sent_at=utcnow()))
    own = vector.get(node.node_id, 0)
    if own > sent_seq(db.key_path):  # outside the database: a restore keeps it
        record_sent(db.key_path, own)
    return path, outgoing.count


def _known_by(db: Database, for_peer: str | None, full: bool) -> dict[str, int]:
    """What ``for_peer`` holds, from the vector it last sent (empty: everything is sent)."""
    if not for_peer:
        return {}
    with db.engine.connect() as connection:
        peer = connection.execute(
            select(SyncPeer).where(col(SyncPeer.node_id) == for_peer)).first()
    if peer is None:
        raise SyncError(f"不认识的节点：{for_peer}")
    known = {} if full or not peer.vector else json.loads(peer.vector)
    forked_at = forks(db).get(for_peer)
    if known and forked_at is not None:  # its copy must see the fork
        known[for_peer] = min(int(known.get(for_peer) or 0), forked_at - 1)
    return known


def sender_of(db: Database) -> dict[str, Any]:
    """Who writes a file, as its manifest (and an encrypted file's header) names it."""
    node = db.node
    return {"node_id": node.node_id, "name": node.name, "public_key": node.public_key,
            "box_key": box_public_key(db.key_path), "role": node.role,
            "cluster_id": node.cluster_id}


def recipients(db: Database, for_peer: str | None) -> dict[str, str]:
    """Node id -> encryption key of the PCs a file may be read by: the town, the offices of
    the records' cluster (this village's, or the named PC's), and the named PC; at the town a
    file for no one in particular is for every PC it knows."""
    with db.engine.connect() as connection:
        peers = {p.node_id: p for p in connection.execute(select(SyncPeer)).all()}
    approved = {i: p for i, p in peers.items() if p.status == "approved" and p.box_key}
    chosen = {i: p.box_key for i, p in approved.items() if p.role == "town"}
    if db.node.role == "town" and for_peer is None:
        chosen = {i: p.box_key for i, p in approved.items()}
    named = peers.get(for_peer) if for_peer else None
    cluster = db.node.cluster_id or (named.cluster_id if named is not None else None)
    chosen.update({i: p.box_key for i, p in approved.items()
                   if cluster and p.cluster_id == cluster})
    if named is not None:
        if not named.box_key:
            raise SyncError(f"还没有收到“{named.name or named.node_id}”的加密密钥：请先导入"
                            "它写的同步文件（或它的报到文件），再为它导出")
        chosen[named.node_id] = named.box_key
    return chosen


def _signed_heads(connection: Connection, self_id: str, vector: dict[str, int],
                  known: dict[str, int], signer: Signer) -> dict[str, dict[str, Any]]:
    """One signed head per origin the peer lacks operations of: this PC's own, signed now;
    a relayed origin's as its origin signed it (the file stops there; an origin with no
    signed head here is left out)."""
    stored = {h.origin: h for h in connection.execute(select(SyncHead)).all()}
    heads: dict[str, dict[str, Any]] = {}
    for origin, last in sorted(vector.items()):
        if last <= known.get(origin, 0):
            continue
        if origin == self_id:
            op_hash = connection.execute(select(col(SyncOp.hash)).where(
                col(SyncOp.origin) == origin, col(SyncOp.seq) == last)).scalar_one()
            heads[origin] = {"seq": last, "hash": op_hash,
                             "signature": signer.sign(signature_head(origin, last, op_hash))}
        elif origin in stored:
            head = stored[origin]
            heads[origin] = {"seq": head.seq, "hash": head.hash, "signature": head.signature}
    return heads


def _peers(db: Database) -> list[dict]:
    with db.engine.connect() as connection:
        return [{"node_id": p.node_id, "name": p.name, "public_key": p.public_key,
                 "box_key": p.box_key, "role": p.role, "cluster_id": p.cluster_id,
                 "certificate": p.certificate}
                for p in connection.execute(select(SyncPeer)).all() if p.status == "approved"]


# --- import -----------------------------------------------------------------------------
def import_file(db: Database, path: Path,
                progress: Progress | None = None) -> ImportReport:
    """Import one sync file; a refused file raises SyncError and changes nothing.
    ``progress(done, total)`` is told how a town's snapshot is being taken.

    The file is copied into a private temporary folder (and decrypted there), read from
    there a block at a time, and the folder is removed whatever happens: memory does not
    grow with the file."""
    path = Path(path)
    report = ImportReport(file=path.name)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise SyncError(f"无法读取文件 {path.name}：{error.strerror}") from error
    if size > bundle.MAX_FILE_BYTES:
        raise bundle.SyncFileError(f"文件 {path.name} 过大")
    seen = _known_by_seal(db, path)  # a file imported before: its end alone says so
    if seen is not None:
        return _known(report, seen)
    with zipin.private_folder() as folder:
        staged = zipin.stage(path, folder)
        with db.engine.connect() as connection:
            seen = connection.execute(
                select(SyncFile).where(col(SyncFile.sha256) == staged.sha256)).first()
        if seen is not None:
            return _known(report, seen)
        with gc_paused():
            return _import_new(db, staged, folder, report, progress)


def _known(report: ImportReport, seen) -> ImportReport:
    report.status, report.sender = "known", seen.sender
    report.message = "这个文件已经导入过，没有新内容"
    return report


def _known_by_seal(db: Database, path: Path):
    """The record of a file imported before with the seal ``path`` ends with, or None.

    The seal is the SHA-256 of the whole file, so a second copy of a file is recognised in
    milliseconds without reading it all. A file whose seal does not fit its content (damaged
    or forged) but copies a known file's seal is taken as that file, already imported:
    nothing of it is merged."""
    try:
        seal = bundle.seal_at_end(path)
    except OSError:
        return None
    if seal is None:
        return None
    with db.engine.connect() as connection:
        return connection.execute(select(SyncFile).where(col(SyncFile.seal) == seal)).first()


def _import_new(db: Database, staged: Staged, folder: Path, report: ImportReport,
                progress: Progress | None = None) -> ImportReport:
    """A file not imported before: verify it, then quarantine it or merge it."""
    with db.engine.connect() as connection:
        chains = Chains(current_vector(connection))
    parsed = _read(db, staged, folder, chains.add)
    sender = parsed.manifest["sender"]
    report.sender, report.sender_name = sender["node_id"], sender.get("name") or ""
    copy_of = _renewed_copy_of(db, parsed)
    offered = {p["node_id"]: p for p in parsed.peers if isinstance(p, dict) and "node_id" in p}
    with db.engine.connect() as connection:
        authority = Authority(connection, db.node.node_id, db.node.public_key)
        allowed, limited_to = authority.scope(report.sender, offered)
        if not allowed:
            _quarantine(db, staged, sender)
            report.status = "quarantined"
            report.message = (f"来自未批准的电脑“{report.sender_name}”（指纹 "
                              f"{fingerprint(sender['public_key'])}）：已暂存，批准后合并")
            if copy_of:
                report.message += (f"。它是“{copy_of}”的数据文件夹复制出的另一台电脑，"
                                   "已换用新身份：请电话核对指纹后批准，它复制后录入的记录"
                                   "随后合并")
            return report
        if isinstance(parsed, snapshot.Snapshot) and (
                limited_to is not None or sender.get("role") != "town"):
            raise bundle.SyncFileError(snapshot.NOT_TOWN)
        _authorise(authority, parsed, chains, offered, report, folder)
    if isinstance(parsed, snapshot.Snapshot):
        return _take_snapshot(db, parsed, staged, report, offered, progress)
    renewed = _check_forks(db, parsed, chains)
    if renewed is not None:  # this PC is the copy: verify again as the PC it now is
        report.message = renewed.message()
        report.skipped_origins.clear()
        with db.engine.connect() as connection:
            authority = Authority(connection, db.node.node_id, db.node.public_key)
            _authorise(authority, parsed, chains, offered, report, folder)
    skipped = set(report.skipped_origins)
    page = exchange.PAGE
    pages = (clock_order.pages(parsed, folder, page)
             if len(chains.by_origin) > 1 and chains.count > page else parsed.operations())
    accepted = (op for page in pages for op in page if op.origin not in skipped)
    changes = Changes(accepted, parsed.epochs, parsed.manifest.get("vector") or {},
                      growth={"sync_op": chains.count, **chains.created})
    report.clock_skew_ms = _skew(parsed, chains.newest)

    def remember(connection: Connection, merged: MergeReport) -> None:
        report.applied = {origin: count for origin, count in merged.applied.items()}
        report.waiting, report.conflicts = merged.waiting, merged.new_conflicts
        _remember(connection, db.node.node_id, staged, parsed, report)
        learn_peers(connection, db.node.node_id, offered)
        if db.node.role == "town":
            _refresh_certificate(connection, db, report.sender)

    # The merge and "this file was imported": one transaction. (The file is closed also if
    # the merge fails half-way.)
    with closing(accepted):
        apply(db, changes, then=remember)
    if db.history_gap:
        _after_restore(db, parsed, report)
    return report


def _check_forks(db: Database, parsed: bundle.Bundle, chains: Chains) -> Renewed | None:
    """A copied data folder (``desktop_app.sync.fork``): operations under this PC's id that
    it never wrote make it take a new identity; another origin's chain written twice is
    recorded and the file refused, saying what to do."""
    me = db.node.node_id
    with db.engine.connect() as connection:
        samples = {origin: _fork_sample(connection, parsed, origin, chain)
                   for origin, chain in chains.by_origin.items()}
    fork_at = own_fork(db, samples.get(me, []))
    if fork_at is not None:
        return take_new_identity(db, fork_at)
    with db.engine.connect() as connection:
        for origin, ops in samples.items():
            seq = divergence(connection, origin, ops) if origin != me else None
            if seq is not None:
                break
        else:
            return None
    record_fork(db, origin, seq)
    raise SyncError(fork_message(db, origin, seq))


def _fork_sample(connection: Connection, parsed: bundle.Bundle, origin: str,
                 chain: Chain) -> list[Operation]:
    """What the fork checks need of ``origin``'s operations: a few, when this PC holds the
    last one of them it should hold with the same hash (as it almost always does); else all
    of them up to the one after it, read again from the file (a fork: rare)."""
    top, sample = chain.fork_sample()
    if top is None or agrees(connection, origin, top):
        return sample
    return [op for page in parsed.operations() for op in page
            if op.origin == origin and op.seq <= chain.held + 1]


def _renewed_copy_of(db: Database, parsed: bundle.Bundle | snapshot.Snapshot) -> str:
    """The sender was a copy of another PC and took a new identity: that PC's fork needs no
    more telling. Returns that PC's name (or id), or ""."""
    before = parsed.manifest.get("renewed_from")
    if not isinstance(before, dict) or not isinstance(before.get("node_id"), str):
        return ""
    if before["node_id"] in forks(db):
        with db.begin() as connection:
            forget_fork(connection, before["node_id"])
    with db.engine.connect() as connection:
        peer = connection.execute(
            select(SyncPeer).where(col(SyncPeer.node_id) == before["node_id"])).first()
    return (peer.name if peer is not None else "") or before["node_id"]


def _after_restore(db: Database, parsed: bundle.Bundle, report: ImportReport) -> None:
    """A PC restored from a backup gets its own operations back from the town's file; if the
    town holds none it lacks, what went out never arrived, and the PC writes on after the
    highest one the town knows."""
    db.history_gap = db.missing_own_operations()
    if not db.history_gap:
        return
    with db.engine.connect() as connection:
        last = last_op(connection, db.node.node_id)[0]
    town_knows = int((parsed.manifest.get("vector") or {}).get(db.node.node_id) or 0)
    if parsed.manifest["sender"].get("role") == "town" and town_knows <= last:
        record_sent(db.key_path, last)
        db.history_gap = 0
    else:
        report.message = (f"本机从备份恢复后还缺本机发出过的 {db.history_gap} 条修改："
                          "请把本机的同步文件交给镇里，再导入镇里写给本机的文件")


def _read(db: Database, staged: Staged, folder: Path,
          collect: Callable[[list[Operation]], object]) -> bundle.Bundle | snapshot.Snapshot:
    """The verified content of a file (its operations handed to ``collect`` a block at a
    time as they are checked): an encrypted one is opened with this PC's key first (a file
    not written for this PC is refused), then checked as a plain one (a sync file, or a
    town's snapshot for a new PC)."""
    if not envelope.is_envelope(staged.path):
        return _read_plain(staged, collect)
    opened = envelope.open_envelope(staged, folder, db.node.node_id, db.key_path)
    parsed = _read_plain(opened.inner, collect)
    outer, inner = opened.header["sender"], parsed.manifest["sender"]
    if (outer["node_id"], outer["public_key"]) != (inner["node_id"], inner["public_key"]):
        raise bundle.SyncFileError("加密文件头与内容的发送方不符：文件是伪造的")
    return parsed


def _read_plain(staged: Staged, collect: Callable[[list[Operation]], object],
                ) -> bundle.Bundle | snapshot.Snapshot:
    if snapshot.is_snapshot(staged.path):
        parsed = snapshot.read_snapshot(staged, known_schemas=known_schemas())
        collect(parsed.head_operations)
        return parsed
    return bundle.read_bundle(staged, schema=HEAD_REVISION, known_schemas=known_schemas(),
                              collect=collect)


def _take_snapshot(db: Database, parsed: snapshot.Snapshot, staged: Staged,
                   report: ImportReport, offered,
                   progress: Progress | None) -> ImportReport:
    """A town's snapshot, on a PC that holds nothing yet: its records in whole, its heads'
    operations as the start of each chain here, and the file remembered, in one transaction."""
    def remember(connection: Connection) -> None:
        _remember(connection, db.node.node_id, staged, parsed, report)
        learn_peers(connection, db.node.node_id, offered)

    count = snapshot.take(db, parsed, remember, progress)
    report.message = f"已从镇里的快照建立本机数据：{count:,} 条记录"
    return report


def _authorise(authority: Authority, parsed: bundle.Bundle | snapshot.Snapshot,
               chains: Chains, offered, report: ImportReport, folder: Path) -> None:
    """Refuses the file unless each origin's operations are whole, linked and end at its
    signed head, and a writer limited to a cluster writes only there; the origins whose
    writers may not write here are skipped (``report.skipped_origins``)."""
    limited: dict[str, str] = {}
    for origin in sorted(chains.by_origin):
        chain = chains.by_origin[origin]
        head = parsed.heads.get(origin) if isinstance(parsed.heads, dict) else None
        key = _key_of(origin, authority, offered, parsed)
        if key is None and head is not None:
            raise bundle.SyncFileError(
                f"该文件来自尚未认识的值班室，请先与镇同步（该值班室编号 {origin}）")
        if head is None or key is None or not verify(
                key, signature_head(origin, head.get("seq"), head.get("hash")),
                head.get("signature", "")):
            raise bundle.SyncFileError(f"节点 {origin} 的操作缺少有效签名：文件可能被伪造")
        if (chain.last.seq, chain.last.hash) != (head["seq"], head["hash"]):
            raise bundle.SyncFileError(f"节点 {origin} 的操作与其签名的链头不符")
        if not chain.linked:
            raise bundle.SyncFileError(f"节点 {origin} 的操作不连续或链接断开")
        allowed, cluster = authority.scope(origin, offered)
        if not allowed:
            report.skipped_origins.append(origin)
        elif cluster is not None:
            limited[origin] = cluster
    if limited:
        _check_scopes(authority, parsed, limited, folder)


def _check_scopes(authority: Authority, parsed: bundle.Bundle | snapshot.Snapshot,
                  limited: dict[str, str], folder: Path) -> None:
    """Every operation of a writer limited to a cluster (``limited``: origin -> cluster)
    writes a record of that cluster, resolved through what the file writes (gathered in a
    first reading of its operations) or what this PC holds."""
    incoming = IncomingScopes(folder / "scopes.db")
    try:
        with closing(parsed.operations()) as pages:
            for page in pages:
                incoming.add(page)
        authority.expect(incoming)
        with closing(parsed.operations()) as pages:  # closed also when an operation is refused
            for page in pages:
                for op in page:
                    if op.origin in limited:
                        authority.check_scope(op, limited[op.origin])
    finally:
        incoming.close()


def _key_of(origin: str, authority: Authority, offered,
            parsed: bundle.Bundle | snapshot.Snapshot) -> str | None:
    import base64

    from desktop_app.sync.identity import node_id_for

    candidates = [parsed.manifest["sender"].get("public_key") if origin == parsed.sender else None,
                  authority.self_key if origin == authority.self_id else None,
                  getattr(authority.peers.get(origin), "public_key", None),
                  (offered.get(origin) or {}).get("public_key")]
    for key in candidates:
        if key and node_id_for(base64.b64decode(key)) == origin:
            return key
    return None


def _skew(parsed: bundle.Bundle, newest: int) -> int | None:
    """How far the sender's clock was from ours when it wrote the file (ms); ``newest``: the
    largest clock of its operations."""
    try:
        created = datetime.fromisoformat(parsed.manifest["created_at"])
    except (KeyError, TypeError, ValueError):
        return None
    skew = int((created - utcnow()).total_seconds() * 1000)
    if newest:
        skew = max(skew, int((wall_time(newest) - utcnow()).total_seconds() * 1000), key=abs)
    return skew if abs(skew) > SKEW_WARNING_MS else None


def _remember(connection: Connection, self_id: str, staged: Staged,
              parsed: bundle.Bundle | snapshot.Snapshot, report: ImportReport) -> None:
    sender = parsed.manifest["sender"]
    connection.execute(insert(SyncFile).values(
        sha256=staged.sha256, seal=staged.seal, sender=report.sender, imported_at=utcnow(),
        summary=dumps({"applied": report.applied, "waiting": report.waiting})))
    for origin, head in (parsed.heads or {}).items():
        applied = connection.execute(select(col(SyncOp.seq)).where(
            col(SyncOp.origin) == origin, col(SyncOp.seq) == head["seq"])).first()
        stored = connection.execute(
            select(SyncHead).where(col(SyncHead.origin) == origin)).first()
        if applied and (stored is None or stored.seq < head["seq"]):
            values = {"seq": head["seq"], "hash": head["hash"], "signature": head["signature"]}
            if stored is None:
                connection.execute(insert(SyncHead).values(origin=origin, **values))
            else:
                connection.execute(
                    update(SyncHead).where(col(SyncHead.origin) == origin).values(**values))
    peer = connection.execute(
        select(SyncPeer).where(col(SyncPeer.node_id) == report.sender)).first()
    vector = {str(k): int(v) for k, v in (parsed.manifest.get("vector") or {}).items()}
    if peer is not None and peer.vector and not parsed.manifest.get("restored"):
        # A late file must not set back what it has seen (unless it was restored from a
        # backup: then it lacks what it had, and the next file for it brings that again).
        for origin, seq in json.loads(peer.vector).items():
            vector[origin] = max(seq, vector.get(origin, 0))
    values = {"vector": dumps(vector),
              "last_received_at": utcnow(), "clock_skew_ms": report.clock_skew_ms,
              "name": sender.get("name") or ""}
    if isinstance(sender.get("box_key"), str):
        values["box_key"] = sender["box_key"]
    if peer is None and report.sender != self_id:
        connection.execute(insert(SyncPeer).values(
            node_id=report.sender, public_key=sender["public_key"],
            role=sender.get("role") or "village", cluster_id=sender.get("cluster_id"),
            status="approved", **values))
    elif peer is not None:
        connection.execute(
            update(SyncPeer).where(col(SyncPeer.node_id) == report.sender).values(**values))


def _refresh_certificate(connection: Connection, db: Database, node_id: str) -> None:
    """At the town: a PC enrolled before encryption gets a certificate naming its encryption
    key, once its files show one, so the key reaches the other PCs with the town's files."""
    peer = connection.execute(select(SyncPeer).where(col(SyncPeer.node_id) == node_id)).first()
    if peer is None or not peer.certificate or not peer.box_key or peer.status != "approved":
        return
    try:
        body = json.loads(peer.certificate)["body"]
    except (ValueError, KeyError, TypeError):
        return
    if body.get("box_key") == peer.box_key:
        return
    renewed = {**certificate_body(body), "box_key": peer.box_key}
    connection.execute(update(SyncPeer).where(col(SyncPeer.node_id) == node_id).values(
        certificate=issue_certificate(Signer(db.key_path), db.node.node_id, renewed)))


def _quarantine(db: Database, staged: Staged, sender: dict) -> None:
    """Keep the file (as it came) until its sender is approved; written into the database a
    block at a time."""
    with db.begin() as connection:
        if connection.execute(select(col(SyncQuarantine.sha256)).where(
                col(SyncQuarantine.sha256) == staged.sha256)).first() is None:
            connection.execute(insert(SyncQuarantine).values(
                sha256=staged.sha256, sender=sender["node_id"], received_at=utcnow(),
                content=func.zeroblob(staged.size)))
            rowid = connection.execute(text(
                "SELECT rowid FROM sync_quarantine WHERE sha256 = :sha256"),
                {"sha256": staged.sha256}).scalar_one()
            with _blob(connection, rowid, readonly=False) as blob, \
                    open(staged.path, "rb") as handle:
                while chunk := handle.read(zipin.CHUNK):
                    blob.write(chunk)
        if connection.execute(select(col(SyncPeer.node_id)).where(
                col(SyncPeer.node_id) == sender["node_id"])).first() is None:
            connection.execute(insert(SyncPeer).values(
                node_id=sender["node_id"], name=sender.get("name") or "",
                public_key=sender["public_key"], role=sender.get("role") or "village",
                box_key=sender.get("box_key") if isinstance(sender.get("box_key"), str) else None,
                cluster_id=sender.get("cluster_id"), status="pending"))


def _blob(connection: Connection, rowid: int, *, readonly: bool):
    """A quarantined file's content, read or written a block at a time (SQLite's blob
    I/O: never the whole file in memory)."""
    driver = connection.connection.driver_connection
    assert driver is not None
    return driver.blobopen("sync_quarantine", "content", rowid, readonly=readonly)


# --- approval ---------------------------------------------------------------------------
def approve(db: Database, node_id: str, *, cluster_id: str | None = None,
            progress: Progress | None = None) -> list[ImportReport]:
    """Approve a PC waiting in quarantine (after comparing its fingerprint), enrol it with
    a certificate signed by this PC if this is the town, and merge its quarantined files
    (``progress``: as ``import_file``'s)."""
    with db.begin() as connection:
        peer = connection.execute(select(SyncPeer).where(col(SyncPeer.node_id) == node_id)).first()
        if peer is None:
            raise SyncError(f"不认识的节点：{node_id}")
        values = {"status": "approved"}
        if cluster_id is not None:
            values["cluster_id"] = cluster_id
        if db.node.role == "town" and peer.role != "town":
            body = {"node_id": peer.node_id, "name": peer.name, "public_key": peer.public_key,
                    "box_key": peer.box_key, "role": peer.role,
                    "cluster_id": values.get("cluster_id", peer.cluster_id)}
            values["certificate"] = issue_certificate(Signer(db.key_path), db.node.node_id, body)
        connection.execute(
            update(SyncPeer).where(col(SyncPeer.node_id) == node_id).values(**values))
        waiting = connection.execute(text(
            "SELECT rowid, sha256 FROM sync_quarantine WHERE sender = :sender"
            " ORDER BY received_at"), {"sender": node_id}).all()
    reports = []
    try:
        for rowid, sha256 in waiting:
            reports.append(_import_quarantined(db, rowid, sha256, progress))
    except SyncError:
        # A refused file: the PC is not approved after all (its files stay in quarantine).
        with db.begin() as connection:
            connection.execute(update(SyncPeer).where(col(SyncPeer.node_id) == node_id).values(
                status=peer.status, certificate=peer.certificate, cluster_id=peer.cluster_id))
        raise
    return reports


def _import_quarantined(db: Database, rowid: int, sha256: str,
                        progress: Progress | None) -> ImportReport:
    with zipin.private_folder() as folder:
        path = folder / f"{sha256[:12]}{bundle.SUFFIX}"
        with db.engine.connect() as connection, _blob(connection, rowid, readonly=True) as blob, \
                open(path, "wb") as handle:
            while chunk := blob.read(zipin.CHUNK):
                handle.write(chunk)
        report = import_file(db, path, progress)
    with db.begin() as connection:
        connection.execute(table_of(SyncQuarantine).delete().where(
            col(SyncQuarantine.sha256) == sha256))
    return report
