"""Sync bookkeeping: the operation log, out-of-order arrivals, conflicts (never synced as
records themselves; they describe how records travel)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, LargeBinary
from sqlmodel import Field, SQLModel


class OperationColumns(SQLModel):
    """One change to one record, as written by its origin; per origin ``seq`` has no gaps.

    ``body`` is the exact text the hash covers, the canonical JSON of ``[origin, seq, hlc,
    epoch, tbl, row_id, fields, author]`` as the origin wrote it; it is stored and sent on
    byte for byte, never re-serialised. ``hash`` chains each origin's operations:
    sha256(prev_hash + body). The other columns repeat what the body says, for queries.
    ``epoch`` names the origin's version vector at the time of writing (``SyncEpoch``),
    which tells what the writer had seen.
    """

    origin: str = Field(primary_key=True)
    seq: int = Field(primary_key=True)
    hlc: int
    epoch: int
    tbl: str
    row_id: str
    author: str | None = None
    prev_hash: str
    hash: str
    body: str


class SyncOp(OperationColumns, table=True):
    """The operation log: every change applied here, this PC's own and received ones."""

    __tablename__ = "sync_op"
    row_id: str = Field(index=True)


class SyncPending(OperationColumns, table=True):
    """An operation received past a gap in its origin's sequence, kept until the gap fills."""

    __tablename__ = "sync_pending"


class SyncEpoch(SQLModel, table=True):
    """What an origin had seen (``vv``: JSON ``{origin: highest seq}``) from ``epoch`` on."""

    __tablename__ = "sync_epoch"
    origin: str = Field(primary_key=True)
    epoch: int = Field(primary_key=True)
    vv: str


class SyncConflict(SQLModel, table=True):
    """A value that lost to a concurrent write of the same field, waiting for review."""

    __tablename__ = "sync_conflict"
    id: str = Field(primary_key=True)
    tbl: str
    row_id: str = Field(index=True)
    field: str
    winner: str  # JSON [hlc, origin, seq, epoch, value]
    loser: str  # JSON [hlc, origin, seq, epoch, value]


class SyncGhost(SQLModel, table=True):
    """Field values written to a record this PC has not received yet (e.g. a relayed
    deletion); they are merged in when the record itself arrives."""

    __tablename__ = "sync_ghost"
    row_id: str = Field(primary_key=True)
    tbl: str
    fields: str  # JSON {field: [value, clock]}


class SyncHead(SQLModel, table=True):
    """The newest signed head of an origin's operation chain that this PC holds."""

    __tablename__ = "sync_head"
    origin: str = Field(primary_key=True)
    seq: int
    hash: str
    signature: str  # base64 Ed25519 signature by the origin of "origin|seq|hash"


class SyncPeer(SQLModel, table=True):
    """Another PC this one has heard of: its key, its enrolment, and what it has seen."""

    __tablename__ = "sync_peer"
    node_id: str = Field(primary_key=True)
    name: str
    public_key: str
    box_key: str | None = None  # X25519 encryption key, base64 (sync files are sealed for it)
    role: str  # village / town
    cluster_id: str | None = None
    status: str  # pending (in quarantine) / approved / refused
    certificate: str | None = None  # JSON enrolment signed by the town
    vector: str | None = None  # JSON: the version vector it last told us
    last_sent_at: datetime | None = Field(default=None, sa_type=DateTime)
    last_received_at: datetime | None = Field(default=None, sa_type=DateTime)
    clock_skew_ms: int | None = None


class SyncFile(SQLModel, table=True):
    """A sync file already imported (by its SHA-256): the same file twice is a no-op."""

    __tablename__ = "sync_file"
    sha256: str = Field(primary_key=True)
    sender: str
    imported_at: datetime = Field(sa_type=DateTime)
    summary: str
    # The hash in the file's seal (its last 64 bytes): finds a known file without reading
    # and hashing all of it. None for files imported before it was kept.
    seal: str | None = Field(default=None, index=True)


class SyncQuarantine(SQLModel, table=True):
    """A verified file from a PC the town has not approved yet: kept, not merged."""

    __tablename__ = "sync_quarantine"
    sha256: str = Field(primary_key=True)
    sender: str
    received_at: datetime = Field(sa_type=DateTime)
    content: bytes = Field(sa_type=LargeBinary)


class SyncFork(SQLModel, table=True):
    """An origin whose data folder was copied to a second PC: a file showed its operations
    from ``seq`` on written twice, differently (both signed with its key). The files for it
    carry its operations from there, so the copy that wrote the other ones learns of it and
    takes a new identity (docs/sync.md, "A copied data folder")."""

    __tablename__ = "sync_fork"
    origin: str = Field(primary_key=True)
    seq: int
    detected_at: datetime = Field(sa_type=DateTime)
