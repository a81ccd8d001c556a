"""Field clocks and what one write had seen of another.

A clock is ``[hlc, origin, seq, epoch]``: the write's hybrid-logical-clock value, the node
that wrote it, its place in that node's log, and the writer's epoch — which names the
version vector (``{origin: highest seq seen}``) the writer had when it wrote.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

Clock = list  # [hlc, origin, seq, epoch]
VersionVectors = Callable[[str, int], Mapping[str, int]]


def record_clocks(clocks_json: str | None, version: int, origin: str) -> dict[str, Clock]:
    """A record's field clocks; records never synced share one clock of seq 0 (seen by all)."""
    if clocks_json:
        return json.loads(clocks_json)
    return {"*": [version, origin, 0, 0]}


def clock_of(clocks: Mapping[str, Clock], field: str) -> Clock:
    return clocks.get(field, clocks["*"])


def saw(writer: Clock, other: Clock, vectors: VersionVectors) -> bool:
    """Had the ``writer`` seen ``other`` when it wrote? (Its own earlier writes, or any
    write its version vector covers.)"""
    _, origin, seq, epoch = writer
    _, other_origin, other_seq, _ = other
    if other_seq == 0:
        return True
    if other_origin == origin:
        return other_seq <= seq
    return vectors(origin, epoch).get(other_origin, 0) >= other_seq


def order_key(clock: Clock) -> tuple[int, str]:
    """Last writer wins: the larger hybrid-logical-clock value, then the larger node id."""
    return clock[0], clock[1]
