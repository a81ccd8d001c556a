"""Per peer: when files last went each way, and how many changes it has not seen."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import col

from db.models import SyncPeer, SyncPending
from desktop_app.storage.database import Database
from desktop_app.sync.identity import fingerprint
from desktop_app.sync.merge import current_vector


@dataclass(frozen=True)
class PeerStatus:
    node_id: str
    name: str
    role: str
    cluster_id: str | None
    status: str  # pending / approved / refused
    fingerprint: str
    last_sent_at: datetime | None
    last_received_at: datetime | None
    lacks: int  # our logged changes past the vector it last told us
    clock_skew_ms: int | None


def peer_statuses(db: Database) -> list[PeerStatus]:
    with db.engine.connect() as connection:
        ours = current_vector(connection)
        peers = connection.execute(select(SyncPeer).order_by(col(SyncPeer.name))).all()
    result = []
    for peer in peers:
        seen = json.loads(peer.vector) if peer.vector else {}
        lacks = sum(max(0, top - seen.get(origin, 0)) for origin, top in ours.items()
                    if origin != peer.node_id)
        result.append(PeerStatus(peer.node_id, peer.name, peer.role, peer.cluster_id, peer.status,
                                 fingerprint(peer.public_key), peer.last_sent_at,
                                 peer.last_received_at, lacks, peer.clock_skew_ms))
    return result


def waiting_operations(db: Database) -> int:
    """Operations received past a gap, waiting for an earlier file."""
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(SyncPending)).scalar_one()
