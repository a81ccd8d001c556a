"""A data folder copied to a second PC: two PCs writing under one identity.

People move to a new laptop by copying the data folder (database and key file) and keep the
old one a while; both then write operations under the same id, signed with the same key, and
the two chains differ from the first operation written after the copy (the fork point).

- A PC that reads a file with a foreign origin's chain differing from the one it holds
  (both signed with that origin's key) records the fork (``sync_fork``) and refuses the file
  with a message saying what happened; its files for that origin then carry the origin's
  operations from the fork point, so the copy whose chain was not kept learns of it.
- A PC that reads its own id's operations it never wrote (a hash differing from its own, or
  a sequence number past anything it wrote or sent) is that copy: it takes a new identity
  (a new key pair, enrolled again at the town like a new PC) and re-issues its own operations
  from the fork point under it — same records, fields, times and authors — so nothing of
  either PC is lost. See docs/sync.md, "A copied data folder".
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlmodel import col

from db.ids import utcnow
from db.models import LocalNode, SyncConflict, SyncEpoch, SyncFork, SyncHead, SyncOp, SyncPeer
from desktop_app.storage.database import Database
from desktop_app.sync.codec import dumps
from desktop_app.sync.identity import (
    box_public_key,
    fingerprint,
    node_id_for,
    prepare_new_identity,
    record_renewal,
    sent_seq,
)
from desktop_app.sync.merge import SYNCED_TABLES, Operation, SyncError
from desktop_app.sync.oplog import GENESIS, last_op, op_body, op_hash

UNKNOWN_POINT = (
    "文件里本机身份下的修改与本机的不一致，但看不出从哪一条开始不同：请镇里为本机导出完整的同步文件"
    "（导出时选“全部”）再导入")


@dataclass(frozen=True)
class Renewed:
    """This PC learnt it was a copy and took a new identity."""

    old_node_id: str
    new_node_id: str
    fork_seq: int
    reissued: int
    fingerprint: str

    def message(self) -> str:
        return (f"本机的数据文件夹曾被复制到另一台电脑，两台电脑以同一身份各自录入了数据。"
                f"本机已换用新身份（新指纹 {self.fingerprint}），并以新身份重新发出了复制后"
                f"本机录入的 {self.reissued} 条修改，两台电脑的记录都不会丢失。"
                "请把本机的同步文件交给镇里，并打电话向镇里核对新指纹，镇里批准后即恢复同步；"
                "如有值班未结束，请重新开始值班。")


# --- a foreign origin written twice -----------------------------------------------------
def divergence(connection: Connection, origin: str, ops: list[Operation]) -> int | None:
    """The first seq at which ``ops`` (one origin's, ascending, linked) differ from the chain
    held here; 1 when they differ but the file starts past the point; None if they agree."""
    if not ops:
        return None
    last = last_op(connection, origin)[0]
    ops = _past_agreement(connection, origin, ops, last)
    if not ops or ops[0].seq > last + 1:
        return None
    held = _hashes(connection, origin, ops[0].seq - 1, min(ops[-1].seq, last + 1))
    for op in ops:
        if op.seq > last + 1:
            return None  # past a gap: checked when the gap fills
        if held.get(op.seq) == op.hash:
            continue
        if op.seq > last and held.get(op.seq - 1, GENESIS if op.seq == 1 else None) \
                == op.prev_hash:
            return None  # the chain simply continues
        agreed = op.seq == 1 or held.get(op.seq - 1) == op.prev_hash
        return op.seq if agreed else 1
    return None


def record_fork(db: Database, origin: str, seq: int) -> None:
    """Remember that ``origin`` forked at ``seq`` (the earliest point seen is kept)."""
    with db.begin() as connection:
        known = connection.execute(
            select(SyncFork).where(col(SyncFork.origin) == origin)).first()
        if known is None:
            connection.execute(insert(SyncFork).values(
                origin=origin, seq=seq, detected_at=utcnow()))
        elif seq < known.seq:
            connection.execute(
                update(SyncFork).where(col(SyncFork.origin) == origin).values(seq=seq))


def fork_message(db: Database, origin: str, seq: int) -> str:
    with db.engine.connect() as connection:
        peer = connection.execute(select(SyncPeer).where(col(SyncPeer.node_id) == origin)).first()
    name = (peer.name if peer is not None else "") or origin
    return (f"“{name}”的数据文件夹被复制到了另一台电脑：两台电脑以同一身份各自录入了数据"
            f"（从第 {seq} 条修改起不同）。本机保留先收到的一份，这个文件暂不合并。"
            f"请把本机写给“{name}”的同步文件导入送来此文件的电脑：它会换用新身份，"
            "重新发出复制后录入的修改，再把它的同步文件送来；两台电脑的记录都不会丢失。")


def forks(db: Database) -> dict[str, int]:
    """Origin -> fork point, for the files written for those origins."""
    with db.engine.connect() as connection:
        return {f.origin: f.seq for f in connection.execute(select(SyncFork)).all()}


def forget_fork(connection: Connection, origin: str) -> None:
    """The copy that forked ``origin`` has taken a new identity: nothing more to tell."""
    connection.execute(delete(SyncFork).where(col(SyncFork.origin) == origin))


# --- this PC's own id written elsewhere -------------------------------------------------
def own_fork(db: Database, ops: list[Operation]) -> int | None:
    """The fork point if ``ops`` hold operations under this PC's id that it never wrote,
    else None; raises when the file shows a fork but not where it starts."""
    me = db.node.node_id
    mine = sorted((op for op in ops if op.origin == me), key=lambda op: op.seq)
    if not mine:
        return None
    with db.engine.connect() as connection:
        last = last_op(connection, me)[0]
        mine = _past_agreement(connection, me, mine, last)
        if not mine:
            return None
        held = _hashes(connection, me, mine[0].seq - 1, mine[-1].seq)
    written = max(last, sent_seq(db.key_path))  # past that: never written here
    for op in mine:
        if op.seq <= last and held.get(op.seq) == op.hash:
            continue
        if last < op.seq <= written:
            return None  # restored from a backup: its own operations coming back
        before = GENESIS if op.seq == 1 else held.get(op.seq - 1)
        if op.seq > last + 1 or before != op.prev_hash:
            raise SyncError(UNKNOWN_POINT)
        return op.seq
    return None


def take_new_identity(db: Database, fork_seq: int) -> Renewed:
    """Become a new PC and re-issue this PC's operations from ``fork_seq`` under it, in one
    transaction; the new key file replaces the old one once it is committed."""
    old = db.node
    old_box = box_public_key(db.key_path)
    install_id, public, pending = prepare_new_identity(db.key_path)
    new_id = node_id_for(public)
    record_renewal(pending, old.node_id, fork_seq)
    try:
        with db.begin() as connection:
            reissued = _reissue(connection, old.node_id, new_id, fork_seq)
            connection.execute(update(LocalNode).where(col(LocalNode.id) == 1).values(
                install_id=install_id, public_key=base64.b64encode(public).decode(),
                node_id=new_id))
            if connection.execute(select(col(SyncPeer.node_id)).where(
                    col(SyncPeer.node_id) == old.node_id)).first() is None:
                connection.execute(insert(SyncPeer).values(  # the other copy, as a peer
                    node_id=old.node_id, name=old.name, public_key=old.public_key,
                    box_key=old_box, role=old.role, cluster_id=old.cluster_id,
                    status="approved"))
    except BaseException:
        pending.unlink(missing_ok=True)
        raise
    os.replace(pending, db.key_path)
    with db.session() as session:
        db.node = session.get_one(LocalNode, 1)
    db.history_gap = 0
    return Renewed(old.node_id, new_id, fork_seq, reissued,
                   fingerprint(base64.b64encode(public).decode()))


def _reissue(connection: Connection, old: str, new: str, fork_seq: int) -> int:
    """This PC's operations from ``fork_seq`` on, moved from ``old`` to ``new``: same
    records, fields, times and authors; the epochs (what each write had seen) with them."""
    rows = connection.execute(select(SyncOp).where(
        col(SyncOp.origin) == old, col(SyncOp.seq) >= fork_seq).order_by(col(SyncOp.seq))).all()
    shift = fork_seq - 1

    def moved(value: Any) -> Any:
        """A clock (or a head: a clock and a value) of a moved operation, renamed."""
        if isinstance(value, dict):
            return {k: moved(v) for k, v in value.items()}
        if not isinstance(value, list):
            return value
        if (len(value) >= 4 and value[1] == old and isinstance(value[0], int)
                and isinstance(value[2], int) and value[2] >= fork_seq):
            return [value[0], new, value[2] - shift, *value[3:]]
        return [moved(v) for v in value]

    _move_epochs(connection, old, new, fork_seq, shift)
    prev, ops = GENESIS, []
    for row in rows:
        _, seq, hlc, epoch, tbl, row_id, fields, author = json.loads(row.body)
        body = op_body(new, seq - shift, hlc, epoch, tbl, row_id, fields, author)
        prev_hash, prev = prev, op_hash(prev, body)
        ops.append({"origin": new, "seq": seq - shift, "hlc": hlc, "epoch": epoch, "tbl": tbl,
                    "row_id": row_id, "author": author, "prev_hash": prev_hash, "hash": prev,
                    "body": body})
    connection.execute(delete(SyncOp).where(col(SyncOp.origin) == old,
                                            col(SyncOp.seq) >= fork_seq))
    connection.execute(delete(SyncHead).where(col(SyncHead.origin) == old))
    if ops:
        connection.execute(insert(SyncOp), ops)
    touched: dict[str, set[str]] = {}
    for row in rows:
        touched.setdefault(row.tbl, set()).add(row.row_id)
    moved_hlcs = {row.hlc for row in rows}
    for tbl, ids in touched.items():
        table = SYNCED_TABLES[tbl]
        for record in connection.execute(select(table).where(table.c.id.in_(ids))).all():
            values: dict[str, Any] = {}
            for name in ("clocks", "heads"):
                if record._mapping[name]:
                    values[name] = dumps(moved(json.loads(record._mapping[name])))
            if record.origin == old and record.version in moved_hlcs:
                values["origin"] = new
            connection.execute(update(table).where(table.c.id == record.id).values(**values))
        for conflict in connection.execute(select(SyncConflict).where(
                col(SyncConflict.row_id).in_(ids))).all():
            connection.execute(update(SyncConflict).where(col(SyncConflict.id) == conflict.id)
                               .values(winner=dumps(moved(json.loads(conflict.winner))),
                                       loser=dumps(moved(json.loads(conflict.loser)))))
    return len(ops)


def _move_epochs(connection: Connection, old: str, new: str, fork_seq: int,
                 shift: int) -> None:
    """Each of ``old``'s epochs becomes one of ``new`` with the same number, its own entry
    split at the fork (a moved write had seen its own earlier ones: ``clocks.saw`` knew that
    from the origin, now two); the ones the other copy may have written differently (after the last
    shared operation's) are dropped: the other copy's files bring theirs."""
    shared = connection.execute(select(col(SyncOp.epoch)).where(
        col(SyncOp.origin) == old, col(SyncOp.seq) == fork_seq - 1)).scalar()
    epochs = connection.execute(select(SyncEpoch).where(col(SyncEpoch.origin) == old)).all()
    rows = []
    for epoch in epochs:
        vv = json.loads(epoch.vv)
        seen = int(vv.pop(old, 0))
        if shift:  # a moved operation came after, and so had seen, every shared one
            vv[old] = shift
        if seen > shift:
            vv[new] = seen - shift
        rows.append({"origin": new, "epoch": epoch.epoch, "vv": dumps(vv)})
    if rows:
        connection.execute(insert(SyncEpoch), rows)
    gone = delete(SyncEpoch).where(col(SyncEpoch.origin) == old)
    if shared is not None:
        gone = gone.where(col(SyncEpoch.epoch) > shared)
    connection.execute(gone)


def _past_agreement(connection: Connection, origin: str, ops: list[Operation],
                    last: int) -> list[Operation]:
    """``ops`` without those the chain held here agrees with. Hashes chain, so if the highest
    one held here too is the same, so is every one before it: one look-up instead of the
    whole overlap (a village's file for the town repeats all it holds)."""
    overlap = sum(1 for op in ops if op.seq <= last)
    if overlap and agrees(connection, origin, ops[overlap - 1]):
        return ops[overlap:]
    return ops


def agrees(connection: Connection, origin: str, op: Operation) -> bool:
    """Whether this PC holds ``op`` (of ``origin``), with its hash."""
    return _hashes(connection, origin, op.seq, op.seq).get(op.seq) == op.hash


def _hashes(connection: Connection, origin: str, low: int, high: int) -> dict[int, str]:
    return {row.seq: row.hash for row in connection.execute(
        select(col(SyncOp.seq), col(SyncOp.hash)).where(
            col(SyncOp.origin) == origin, col(SyncOp.seq) >= low, col(SyncOp.seq) <= high))}
