"""Who may write what: approved PCs, the town's enrolment certificates, cluster scopes.

- A PC's id is derived from its key, so a signed chain head proves who wrote a change,
  however many PCs relayed it.
- Authority is separate: a PC's changes are merged only if this PC approved it (an
  operator compared the fingerprint) or the town, approved here, enrolled it with a
  signed certificate naming its cluster.
- A village PC may write only records of its own cluster; the town may write anything.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select, update
from sqlmodel import col

from db.models import SyncPeer
from desktop_app.records.types import RECORD_TYPES
from desktop_app.sync.codec import canonical
from desktop_app.sync.identity import node_id_for, verify
from desktop_app.sync.merge import SYNCED_TABLES, Operation, SyncError

# How a row of each table reaches its cluster: a column naming the cluster, or a record it
# shares its cluster with (its parent, a certificate's volunteer); from the declarations.
CLUSTER_OF: dict[str, tuple[str, str | None]] = {
    table: scope for table, declared in RECORD_TYPES.items()
    if (scope := declared.cluster_scope) is not None
}


def certificate_body(peer: dict[str, Any]) -> dict[str, Any]:
    return {k: peer.get(k)
            for k in ("node_id", "name", "public_key", "box_key", "role", "cluster_id")}


def issue_certificate(signer, town_id: str, peer: dict[str, Any]) -> str:
    body = certificate_body(peer)
    return json.dumps({"body": body, "signer": town_id,
                       "signature": signer.sign(canonical(body))}, ensure_ascii=False)


class Authority:
    """What this PC knows of others, for one import."""

    def __init__(self, connection: Connection, self_id: str, self_key: str | None = None) -> None:
        self.connection = connection
        self.self_id = self_id
        self.self_key = self_key
        self.peers = {p.node_id: p for p in connection.execute(select(SyncPeer)).all()}
        self._incoming: IncomingScopes | None = None

    def expect(self, incoming: IncomingScopes) -> None:
        """Remember what a file writes, so scopes resolve through records it creates."""
        self._incoming = incoming

    def trusted_towns(self) -> dict[str, str]:
        return {p.node_id: p.public_key for p in self.peers.values()
                if p.role == "town" and p.status == "approved"}

    def scope(self, origin: str, offered: dict[str, dict[str, Any]]) -> tuple[bool, str | None]:
        """(may write at all, cluster it is limited to or None for anywhere)."""
        if origin == self.self_id:
            return True, None
        peer = self.peers.get(origin)
        if peer is not None and peer.status == "approved":
            return True, peer.cluster_id if peer.role != "town" else None
        certificate = (offered.get(origin) or {}).get("certificate")
        body = self.certified(certificate)
        if body is not None and body["node_id"] == origin:
            return True, body.get("cluster_id") if body.get("role") != "town" else None
        return False, None

    def certified(self, certificate: str | None) -> dict[str, Any] | None:
        """The body of a certificate signed by a town approved here, else None."""
        if not certificate:
            return None
        try:
            parsed = json.loads(certificate)
            body, signer, signature = parsed["body"], parsed["signer"], parsed["signature"]
        except (ValueError, KeyError, TypeError):
            return None
        key = self.trusted_towns().get(signer)
        if key is None or not verify(key, canonical(body), signature):
            return None
        if node_id_for(base64.b64decode(body["public_key"])) != body["node_id"]:
            return None
        return body

    def check_scope(self, op: Operation, cluster_id: str | None) -> None:
        """Refuse an operation on a record outside ``cluster_id`` (None: no limit)."""
        if cluster_id is None:
            return
        found = self.row_cluster(op.tbl, op.row_id, op.fields)
        if found != cluster_id:
            raise SyncError(f"节点 {op.origin} 写入了不属于其联合党组织的记录（{op.tbl}），"
                            "文件被拒绝")

    def row_cluster(self, tbl: str, row_id: str, fields: dict[str, Any]) -> str | None:
        if tbl not in CLUSTER_OF:
            return None  # the town record: only the town may write it
        column, parent = CLUSTER_OF[tbl]
        value: str | None
        if column == "id":
            value = row_id
        elif column in fields:
            value = fields[column]
        else:  # the last value the file writes (None: it writes none)
            value = self._incoming.get(tbl, row_id) if self._incoming is not None else None
        if value is None and column != "id":
            table = SYNCED_TABLES[tbl]
            row = self.connection.execute(
                select(table.c[column]).where(table.c.id == row_id)).first()
            value = row[0] if row else None
        if parent is None or value is None:
            return value
        return self.row_cluster(parent, value, {})


class IncomingScopes:
    """Per record a file writes, the last value it writes of the column that leads to the
    record's cluster (``CLUSTER_OF``), for the scope checks of a writer limited to a cluster.
    Kept in a SQLite file in the import's folder (a five-year file writes millions of
    records), filled a block of operations at a time (``add``), in the file's order."""

    def __init__(self, path: Path) -> None:
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=OFF")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute("CREATE TABLE scope (tbl TEXT, row_id TEXT, value TEXT,"
                         " PRIMARY KEY (tbl, row_id)) WITHOUT ROWID")

    def add(self, operations: list[Operation]) -> None:
        rows = []
        for op in operations:
            column = _SCOPE_COLUMNS.get(op.tbl)
            if column is not None and column in op.fields:
                value = op.fields[column]
                rows.append((op.tbl, op.row_id, value if isinstance(value, str) else None))
        self._db.executemany("INSERT OR REPLACE INTO scope VALUES (?, ?, ?)", rows)

    def get(self, tbl: str, row_id: str) -> str | None:
        row = self._db.execute("SELECT value FROM scope WHERE tbl = ? AND row_id = ?",
                               (tbl, row_id)).fetchone()
        return row[0] if row is not None else None

    def close(self) -> None:
        self._db.close()


_SCOPE_COLUMNS = {table: column for table, (column, _parent) in CLUSTER_OF.items()
                  if column != "id"}


def learn_peers(connection: Connection, self_id: str, offered: dict[str, dict[str, Any]]) -> int:
    """Remember the PCs a file names with a certificate from a town approved here (their
    keys and office names), so that conflicts name them and their changes relayed by any PC
    — also straight from one village to another — are checked against their own keys.
    Returns how many were new."""
    authority = Authority(connection, self_id)
    learned = []
    for node_id, offer in offered.items():
        if node_id == self_id:
            continue
        body = authority.certified(offer.get("certificate"))
        if body is None or body.get("node_id") != node_id or body.get("role") == "town":
            continue
        known = authority.peers.get(node_id)
        if known is not None:
            if not known.box_key and body.get("box_key"):  # enrolled before keys for reading
                connection.execute(update(SyncPeer).where(col(SyncPeer.node_id) == node_id)
                                   .values(box_key=body["box_key"]))
            continue
        learned.append({"node_id": node_id, "name": body.get("name") or "",
                        "public_key": body["public_key"], "box_key": body.get("box_key"),
                        "role": body.get("role") or "village",
                        "cluster_id": body.get("cluster_id"), "status": "approved",
                        "certificate": offer["certificate"]})
    if learned:
        connection.execute(insert(SyncPeer), learned)
    return len(learned)
