"""Judges' averages and the ranking with its stated tie rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Drop the highest and the lowest score only with at least this many judges (practice.md).
TRIM_FROM_JUDGES = 5

TIE_RULE = ("总分相同的，扣分少者在前；扣分也相同的，评委评分高者在前；仍相同的，名次并列"
            "（下一名次顺延）。")


def judges_average(scores: Sequence[float], trim_from: int = TRIM_FROM_JUDGES) -> float | None:
    """The average of the judges' scores, dropping one highest and one lowest when there are
    at least ``trim_from`` judges; None when nobody scored."""
    if not scores:
        return None
    kept = sorted(scores)
    if len(kept) >= trim_from:
        kept = kept[1:-1]
    return round(sum(kept) / len(kept), 2)


@dataclass(frozen=True)
class Standing:
    """What decides a cluster's place: total, then penalty (fewer first), then jury points."""

    key: str
    total: float
    penalty: float = 0.0
    jury: float = 0.0

    @property
    def order(self) -> tuple[float, float, float]:
        return (-round(self.total, 2), round(self.penalty, 2), -round(self.jury, 2))


def rank(standings: Sequence[Standing]) -> dict[str, int]:
    """``{key: rank}`` by :data:`TIE_RULE`: equal standings share a rank, the next skips
    (1, 2, 2, 4)."""
    ordered = sorted(standings, key=lambda s: s.order)
    ranks: dict[str, int] = {}
    for place, standing in enumerate(ordered, start=1):
        before = ordered[place - 2] if place > 1 else None
        ranks[standing.key] = (ranks[before.key] if before is not None
                               and before.order == standing.order else place)
    return ranks
