"""Operations out of and into a database: what a peer lacks, and one transaction to apply.

This layer knows nothing of files: ``desktop_app.sync.bundle`` packs what
``operation_pages`` reads (a page at a time: a file never holds the log in memory) or what
``collect`` returns, and hands what it unpacks (already verified) to ``apply``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import Connection, Row, and_, func, or_, select, update
from sqlmodel import col

from db.models import LocalNode, SyncEpoch, SyncOp, table_of
from desktop_app.search.indexing import INDEXED, index_rows
from desktop_app.storage.bulk import indexes_deferred
from desktop_app.storage.database import Database
from desktop_app.sync.codec import dumps
from desktop_app.sync.merge import Merger, MergeReport, Operation, current_vector

BULK_CACHE_SIZE = -64 * 1024  # SQLite: negative means KiB
PAGE = 2000  # rows read at a time for a file


@dataclass
class Changes:
    operations: Iterable[Operation]  # merged ``PAGE`` at a time, as they come
    epochs: list[tuple[str, int, dict[str, int]]]  # (origin, epoch, version vector)
    vector: dict[str, int]  # the sender's version vector
    # How many rows each table may grow by ("sync_op": the operations; a table: the
    # operations creating its records), for deferring its indexes; None: counted here from
    # ``operations`` (then a list).
    growth: dict[str, int] | None = None


def growth_of(operations: Iterable[Operation]) -> dict[str, int]:
    """:attr:`Changes.growth` of ``operations``."""
    counts: Counter[str] = Counter()
    for op in operations:
        counts["sync_op"] += 1
        if "created_at" in op.fields:
            counts[op.tbl] += 1
    return dict(counts)


def collect(db: Database, known: dict[str, int] | None = None) -> Changes:
    """Every logged operation past ``known`` (a peer's version vector; None: everything)."""
    known = known or {}
    query = select(SyncOp).order_by(col(SyncOp.origin), col(SyncOp.seq))
    if known:  # past each origin's known seq, in SQL: a five-year log is millions of rows
        query = query.where(or_(col(SyncOp.origin).not_in(list(known)), *(
            and_(col(SyncOp.origin) == origin, col(SyncOp.seq) > seq)
            for origin, seq in known.items())))
    with db.engine.connect() as connection:
        operations = [Operation.from_row(r) for r in connection.execute(query).all()]
        epochs = epochs_named(connection, {(op.origin, op.epoch) for op in operations})
        return Changes(operations, epochs, current_vector(connection))


@contextmanager
def reading(db: Database) -> Iterator[Connection]:
    """One consistent reading of the database (a read transaction, ended with the block), for
    a file written from it piece by piece while others may write."""
    with db.engine.connect() as connection:
        connection.exec_driver_sql("BEGIN")
        yield connection


def operation_pages(connection: Connection,
                    ranges: dict[str, tuple[int, int]]) -> Iterator[Sequence[Row]]:
    """Per origin (``origin -> (after, upto)``), its logged operations with ``after < seq <=
    upto`` in order: ``origin, seq, epoch, body, prev_hash, hash``, ``PAGE`` rows at a time
    (a five-year log is millions of operations: never all at once)."""
    columns = (col(SyncOp.origin), col(SyncOp.seq), col(SyncOp.epoch), col(SyncOp.body),
               col(SyncOp.prev_hash), col(SyncOp.hash))
    for origin, (after, upto) in sorted(ranges.items()):
        result = connection.execute(select(*columns).where(
            col(SyncOp.origin) == origin, col(SyncOp.seq) > after, col(SyncOp.seq) <= upto,
        ).order_by(col(SyncOp.seq)))
        while page := result.fetchmany(PAGE):
            yield page


def epochs_named(connection: Connection,
                 named: set[tuple[str, int]]) -> list[tuple[str, int, dict[str, int]]]:
    """The version vectors of the ``(origin, epoch)`` pairs operations name."""
    return [(r.origin, r.epoch, json.loads(r.vv))
            for r in connection.execute(select(SyncEpoch)).all() if (r.origin, r.epoch) in named]


def apply(db: Database, changes: Changes,
          then: Callable[[Connection, MergeReport], None] | None = None) -> MergeReport:
    """Merge verified operations in one transaction, ``PAGE`` at a time as they come (a big
    file's are read from it as they are merged, never all at once); nothing is written if
    anything fails, in any page.

    A table that grows by more rows than it holds (``growth``) has its indexes built after
    the merge (``storage.bulk.indexes_deferred``). ``then`` runs inside the same transaction
    after the merge (an import remembers its file there: a kill cannot leave a file merged
    but unrecorded).
    """
    operations = changes.operations
    growth = changes.growth
    if growth is None:
        operations = list(operations)
        growth = growth_of(operations)
    with one_transaction(db) as connection:
        merger = Merger(connection)
        merger.add_epochs(changes.epochs)
        with ExitStack() as deferred:
            for table, adding in sorted(growth.items()):
                deferred.enter_context(indexes_deferred(connection, table, adding))
            report = merger.merge([])  # what waited past a gap and is ready now
            for page in _pages(operations, PAGE):
                report = merger.merge(page)
                _reindex(connection, report)
                report.touched.clear()
                report.created.clear()
            _reindex(connection, report)
        after_merge(connection, db, report.max_hlc)
        if then is not None:
            then(connection, report)
    return report


def _pages(items: Iterable[Operation], size: int) -> Iterator[list[Operation]]:
    iterator = iter(items)
    while page := list(islice(iterator, size)):
        yield page


@contextmanager
def one_transaction(db: Database) -> Iterator[Connection]:
    """The one ``BEGIN IMMEDIATE`` transaction of an import (a merge, or a snapshot taken
    in whole): committed if the block ends, rolled back whole if it raises.

    Foreign keys are not enforced during it: a record may arrive before the one it refers
    to (through another PC); the reference is complete once both have arrived.
    """
    with db.faults(), db.writing(), db.engine.connect() as connection:  # full disk → message
        connection = connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        cache_size = connection.exec_driver_sql("PRAGMA cache_size").scalar_one()
        # One big transaction: a page cache of 64 MB keeps the indexes it grows in memory.
        connection.exec_driver_sql(f"PRAGMA cache_size={BULK_CACHE_SIZE}")
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                # SQLite may have rolled back already (a full disk does): then there is
                # nothing to roll back, and saying so would hide the real error.
                driver = connection.connection.driver_connection
                if driver is not None and driver.in_transaction:
                    connection.exec_driver_sql("ROLLBACK")
                raise
            connection.exec_driver_sql("COMMIT")
        finally:
            connection.exec_driver_sql(f"PRAGMA cache_size={int(cache_size)}")
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")
    db.node = _reload_node(db)


def after_merge(connection: Connection, db: Database, max_hlc: int) -> None:
    """This node has seen more: a new epoch for its later writes, and its clock past the
    newest value received."""
    _next_epoch(connection, db)
    db.clock.observe(max_hlc)
    connection.execute(update(LocalNode).where(col(LocalNode.id) == 1)
                       .values(hlc=db.clock.last))


def _next_epoch(connection: Connection, db: Database) -> None:
    """After an import this node has seen more: later local writes carry a new epoch."""
    node = connection.execute(select(LocalNode).where(col(LocalNode.id) == 1)).one()
    vector = current_vector(connection)
    latest = connection.execute(select(col(SyncEpoch.vv)).where(
        col(SyncEpoch.origin) == node.node_id, col(SyncEpoch.epoch) == node.epoch)).first()
    if latest is not None and json.loads(latest.vv) == vector:
        return
    # After a restore, epochs this PC wrote after the backup came back with its operations.
    newest = connection.execute(select(func.max(SyncEpoch.epoch)).where(
        col(SyncEpoch.origin) == node.node_id)).scalar()
    epoch = max(node.epoch, newest or 0) + 1
    connection.execute(table_of(SyncEpoch).insert().values(
        origin=node.node_id, epoch=epoch, vv=dumps(vector)))
    connection.execute(update(LocalNode).where(col(LocalNode.id) == 1).values(epoch=epoch))


def _reload_node(db: Database) -> LocalNode:
    with db.session() as session:
        return session.get_one(LocalNode, 1)


def _reindex(connection: Connection, report: MergeReport) -> None:
    """Bring the search index up to date for the records the merge wrote (records new to
    this PC cannot be in the index yet: no look-up of an earlier version for them)."""
    new: dict[str, list[dict]] = {}
    changed: dict[str, list[dict]] = {}
    for key, row in report.touched.items():
        tbl, _row_id = key
        if tbl in INDEXED:
            (new if key in report.created else changed).setdefault(tbl, []).append(row)
    index_rows(connection, changed)
    index_rows(connection, new, fresh=True)
