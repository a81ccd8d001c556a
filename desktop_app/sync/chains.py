"""Each origin's chain in a sync file, followed as its operations go by.

A file's operations are read a block at a time, never all at once (``bundle.read_bundle``);
what the checks after the reading need of them is gathered on the way, in memory that does
not grow with the file: per origin its first and last operation, whether each operation
follows the one before it (``seq`` + 1 and its hash), and the operations the fork checks look
at (``fork_sample``); for the whole file the newest clock and how many records of each table
it creates (``exchange.apply`` defers those tables' indexes for a large import).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from desktop_app.sync.merge import Operation


@dataclass
class Chain:
    """One origin's operations in a file, in the order they came."""

    first: Operation
    last: Operation
    held: int  # the origin's last operation on this PC before the import
    count: int = 1
    linked: bool = True  # each operation follows the one before it
    probes: dict[int, Operation] = field(default_factory=dict)  # at ``held`` and ``held + 1``

    def fork_sample(self) -> tuple[Operation | None, list[Operation]]:
        """The last operation of the file that this PC holds too (None: none), and the
        operations the fork checks (``fork.divergence``, ``fork.own_fork``) need when this PC
        holds that one with the same hash: it, and the one after it or else the first."""
        top = None
        if self.first.seq <= self.held:
            top = self.last if self.last.seq <= self.held else self.probes.get(self.held)
        after = self.probes.get(self.held + 1) or (
            self.first if self.first.seq > self.held else None)
        return top, [op for op in (top, after) if op is not None]


class Chains:
    """The chains of a file's operations, fed a block at a time (``add``)."""

    def __init__(self, held: dict[str, int]) -> None:
        self._held = held
        self.by_origin: dict[str, Chain] = {}
        self.created: Counter[str] = Counter()  # table -> operations creating a record
        self.count = 0
        self.newest = 0  # the largest clock

    def add(self, page: list[Operation]) -> None:
        chains, created = self.by_origin, self.created
        for op in page:
            chain = chains.get(op.origin)
            if chain is None:
                chain = chains[op.origin] = Chain(op, op, self._held.get(op.origin, 0))
            else:
                last = chain.last
                if op.seq != last.seq + 1 or op.prev_hash != last.hash:
                    chain.linked = False
                chain.last = op
                chain.count += 1
            if 0 <= op.seq - chain.held <= 1:
                chain.probes[op.seq] = op
            if "created_at" in op.fields:
                created[op.tbl] += 1
            if op.hlc > self.newest:
                self.newest = op.hlc
        self.count += len(page)
