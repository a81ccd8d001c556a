"""Opening a database: migrate, connect, and stamp every write.

``Database`` is what services receive. Every flush goes through ``_stamp_writes``: each
new or changed record gets the hybrid-logical-clock ``version``, this node as ``origin``,
the officer on shift as ``recorded_by`` and a fresh ``updated_at``; the search index is
brought up to date in the same transaction.

Threads: reads (``session()``, ``engine.connect()``) may run on any number of threads at once.
Writes are serialised by one lock the ``Database`` owns (``writing()``; ``transaction()`` and
``begin()`` take it): one writer at a time, whichever thread it runs on, so SQLite never
has to refuse a second writer and the clock hands out versions in commit order. The state the
threads share (``officer_id``, ``node``, the clock) changes only while that lock is held, so a
write's stamps never mix an old officer with a new node.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Final, Literal

from sqlalchemy import Connection, bindparam, event, select, update
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col

from db import engine as db_engine
from db.engine import make_engine
from db.ids import HybridLogicalClock
from db.migrate import upgrade
from db.models import DutyShift, LocalNode, ShiftOfficer, SyncedRecord
from desktop_app.records.errors import UserError
from desktop_app.search.indexing import reindex
from desktop_app.search.sort_keys import fill_record as fill_sort_keys
from desktop_app.storage import wall_clock
from desktop_app.storage.faults import translated
from desktop_app.storage.statistics import keep_statistics
from desktop_app.storage.wall_clock import ClockError, ClockProblem, WallClock
from desktop_app.sync.identity import ensure_identity, key_path, sent_seq
from desktop_app.sync.oplog import BATCH_HEADS, last_op, record_local_ops


class _Keep(Enum):
    """The type of ``_KEEP``: "leave as it is" where None is a value."""

    KEEP = 0


_KEEP: Final = _Keep.KEEP


class Database:
    """One open database file, with this node's identity and clock."""

    def __init__(self, path: Path | str, *, wall: WallClock | None = None) -> None:
        """``wall`` is the PC's clock (tests pass one they set)."""
        self.path = Path(path)
        self.wall = wall or WallClock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = threading.RLock()
        self._batch = threading.local()  # the session of a batch() open on this thread
        self._officer_id: str | None = None
        self._node: LocalNode | None = None
        self.writes = 0  # committed write transactions since opening (readers' caches check it)
        self.busy_timeout_s = db_engine.BUSY_TIMEOUT_MS / 1000
        self.backup_made = upgrade(self.path)
        self.key_path = key_path(self.path)
        self.engine = make_engine(self.path)
        keep_statistics(self.engine)  # PRAGMA optimize as connections close
        self._sessions = sessionmaker(self.engine, class_=Session, expire_on_commit=False)
        event.listen(self._sessions, "before_flush", _stamp_writes)
        event.listen(self._sessions, "after_flush", _update_search_index)
        self.node = self._load_node()
        with self.begin() as connection:
            # A copied database gets its own identity (see desktop_app.sync.identity).
            self.identity_renewed = ensure_identity(connection, self.key_path)
        if self.identity_renewed or not self.node.public_key:
            self.node = self._load_node()
        self.history_gap = self.missing_own_operations()
        self.clock = HybridLogicalClock(self.node.hlc, wall_ms=self.wall.ms)
        self.officer_id: str | None = self._officer_on_shift()

    def close(self) -> None:
        """Close every connection; each runs ``PRAGMA optimize`` first (storage/statistics)."""
        self.engine.dispose()

    # --- state the threads share: changed only under the writer lock --------------------
    @property
    def officer_id(self) -> str | None:
        return self._officer_id

    @officer_id.setter
    def officer_id(self, value: str | None) -> None:
        with self._writer:
            self._officer_id = value

    @property
    def node(self) -> LocalNode:
        assert self._node is not None, "read at opening, before anything else"
        return self._node

    @node.setter
    def node(self, value: LocalNode) -> None:
        with self._writer:
            self._node = value

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the one writer lock (re-entrant: a write inside a write is the same write)."""
        with self._writer:
            try:
                yield
            finally:
                self.writes += 1

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (nothing it does is committed)."""
        with self.faults(), self._sessions(info={"db": self}) as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: everything inside commits together or not at all.

        A locked file, a full disk or a pulled stick raises ``DatabaseUnavailable`` (a
        ``UserError`` saying what to do), and nothing of the action is written. Inside
        :meth:`batch` on the same thread, it is the batch's transaction.
        """
        ambient = getattr(self._batch, "session", None)
        if ambient is not None:
            yield ambient
            return
        with (self.faults(), self.writing(), self._sessions(info={"db": self}) as session,
              session.begin()):
            yield session

    @contextmanager
    def batch(self) -> Iterator[Session]:
        """Many service writes as one transaction (an Excel import: all rows or none): every
        ``transaction()`` this thread opens inside is this one. An exception rolls all back.
        A record created inside is flushed (stamped, logged, indexed) when the caller flushes
        the session, when a query needs it, or at the end."""
        with self.transaction() as session:
            self._batch.session = session
            connection = session.connection()
            connection.info[BATCH_HEADS] = {}  # the op log's head, kept while the batch runs
            try:
                yield session
            finally:
                self._batch.session = None
                connection.info.pop(BATCH_HEADS, None)

    def in_batch(self) -> bool:
        """Whether a :meth:`batch` is open on this thread: its records are then flushed
        together, some rows at a time (one statement per table instead of one per record),
        by whoever runs the batch."""
        return getattr(self._batch, "session", None) is not None

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A Core connection in one write transaction (bulk paths: the demo, sync)."""
        with self.faults(), self.writing(), self.engine.begin() as connection:
            yield connection

    def faults(self):
        """Database faults a person can act on, re-raised as ``DatabaseUnavailable``."""
        return translated(self.path, self.busy_timeout_s)

    def _load_node(self) -> LocalNode:
        with self.transaction() as session:
            node = session.get(LocalNode, 1)
            if node is None:
                node = LocalNode()
                session.add(node)
            return node

    def _officer_on_shift(self) -> str | None:
        with self.session() as session:
            return session.scalar(
                select(col(ShiftOfficer.person_id))
                .join(DutyShift, col(DutyShift.id) == ShiftOfficer.shift_id)
                .where(col(DutyShift.end).is_(None), col(DutyShift.deleted).is_(False))
                .where(col(DutyShift.origin) == self.node.node_id,
                       col(ShiftOfficer.deleted).is_(False))
                .order_by(col(DutyShift.start).desc(), col(ShiftOfficer.created_at))
                .limit(1)
            )

    # --- the PC's clock (desktop_app/storage/wall_clock.py) ----------------------------
    def clock_problem(self) -> ClockProblem | None:
        """Why the PC's clock looks wrong (behind the newest record seen, or before the
        program was made), or None. Checked at start and before every write."""
        return wall_clock.check(self.wall, HybridLogicalClock.wall_ms(self.clock.last))

    # --- restored from a backup (see docs/sync.md, "Restoring a backup") ---------------
    def missing_own_operations(self) -> int:
        """How many of this PC's own operations went out in sync files but are not in this
        database (restored from an older backup); they come back with the town's next file."""
        sent = sent_seq(self.key_path)
        if not sent:
            return 0
        with self.engine.connect() as connection:
            last = last_op(connection, self.node.node_id)[0]
        return max(0, sent - last)

    def check_history(self) -> None:
        """Refuse a write while own operations that went out are missing here: written now,
        it would take a sequence number the town already holds (a fork)."""
        if self.history_gap:
            raise UserError(
                f"本机数据是从备份恢复的：本机在备份之后发出的 {self.history_gap} 条修改还在镇里。"
                "请先把本机的同步文件交给镇里，再导入镇里写给本机的同步文件，之后即可继续录入。")

    def check_clock(self) -> None:
        """Raise ``ClockError`` (a UserError with both dates) while the clock looks wrong."""
        problem = self.clock_problem()
        if problem is not None:
            raise ClockError(problem)

    def confirm_date(self, day: date) -> None:
        """A person confirmed today's date by hand: stamp with it this session (recorded)."""
        with self._writer:
            wall_clock.confirm(self.wall, day, self.path, officer_id=self.officer_id,
                               problem=self.clock_problem())

    def set_node(self, *, name: str | None = None,
                 cluster_id: str | None | Literal[_Keep.KEEP] = _KEEP) -> None:
        """Name this office and set the cluster it serves (None: the town hub)."""
        with self.transaction() as session:
            node = session.get_one(LocalNode, 1)
            if name is not None:
                node.name = name
            if cluster_id is not _KEEP:
                node.cluster_id = cluster_id or None
        self.node = node


# Built once: every save runs it (building the statement each time cost a tenth of a save).
_SET_CLOCK = update(LocalNode).where(col(LocalNode.id) == 1).values(hlc=bindparam("hlc"))


def _stamp_writes(session: Session, _context, _instances) -> None:
    """Stamp every new or changed record and log it as an operation of this node."""
    db: Database = session.info["db"]
    new, dirty = session.new, session.dirty  # each a new set, made once (a batch has hundreds)
    if any(isinstance(r, SyncedRecord) for r in (*new, *dirty)):
        db.check_clock()  # before the clock hands out a version
        db.check_history()
    now = db.wall.utcnow()
    writes = []
    for record in [*new, *dirty]:
        if not isinstance(record, SyncedRecord):
            continue
        is_new = record in new
        if not is_new and not session.is_modified(record):
            continue
        if is_new and record.created_at is None:
            record.created_at = now
        fill_sort_keys(record)
        record.updated_at = now
        record.version = db.clock.now()
        record.origin = db.node.node_id
        record.recorded_by = db.officer_id
        writes.append((record, is_new))
    if writes:
        connection = session.connection()
        record_local_ops(connection, db.node.node_id, db.node.epoch, writes)
        connection.execute(_SET_CLOCK, {"hlc": db.clock.last})


def _update_search_index(session: Session, _context) -> None:
    created = [r for r in session.new if isinstance(r, SyncedRecord)]
    changed = [r for r in session.dirty if isinstance(r, SyncedRecord)]
    if created:  # not indexed yet: no earlier version to look up and remove
        reindex(session.connection(), created, fresh=True)
    if changed:
        reindex(session.connection(), changed)
