"""流动红旗 and 红黑榜: who gets the flag each quarter, and the flag's history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

FLAG_MODES = {"first": "仅第一名", "top": "前 N 名"}


@dataclass(frozen=True)
class FlagRule:
    """The town's settings (defaults from practice.md: one flag, 90 points, first only,
    a veto excludes, 红榜 10, 黑榜 5)."""

    count: int = 1
    min_score: float = 90.0
    mode: str = "first"  # "first": only rank 1 may hold a flag; "top": the top ``count``
    veto_excludes: bool = True
    red: int = 10
    black: int = 5


@dataclass(frozen=True)
class Placed:
    key: str
    rank: int
    total: float
    vetoed: bool = False


def award_flags(placed: Sequence[Placed], rule: FlagRule) -> list[str]:
    """Who receives a flag: at most ``rule.count`` clusters, each with at least
    ``min_score``, not vetoed when a veto excludes, and (mode "first") ranked first."""
    eligible = [p for p in sorted(placed, key=lambda p: (p.rank, p.key))
                if p.total >= rule.min_score and not (rule.veto_excludes and p.vetoed)]
    if rule.mode == "first":
        eligible = [p for p in eligible if p.rank == 1]
    return [p.key for p in eligible[:max(rule.count, 0)]]


def red_and_black(placed: Sequence[Placed], rule: FlagRule) -> tuple[list[str], list[str]]:
    """The 红榜 (top ``red``, vetoed clusters left out) and the 黑榜 (bottom ``black``,
    vetoed clusters first), never the same cluster on both."""
    ordered = sorted(placed, key=lambda p: (p.rank, p.key))
    red = [p.key for p in ordered if not p.vetoed][:max(rule.red, 0)]
    bottom = [p for p in ordered if p.vetoed] + [p for p in reversed(ordered) if not p.vetoed]
    black = [p.key for p in bottom if p.key not in red][:max(rule.black, 0)]
    return red, black


@dataclass(frozen=True)
class FlagChange:
    quarter: str
    holder: str
    change: str  # "held" (first award), "kept" (保旗), "took_over" (夺旗)
    previous: tuple[str, ...]


CHANGE_LABELS = {"held": "获得", "kept": "保旗", "took_over": "夺旗"}


def flag_history(awards: Sequence[tuple[str, Sequence[str]]]) -> list[FlagChange]:
    """Each quarter's holders (quarters in order) as who held, kept or took over the flag:
    a holder that held a flag the quarter before kept it; one that did not took it over
    from the previous holders (or, with nobody before, simply received it)."""
    history: list[FlagChange] = []
    previous: tuple[str, ...] = ()
    for quarter, holders in awards:
        for holder in holders:
            if holder in previous:
                change = "kept"
            else:
                change = "took_over" if previous else "held"
            history.append(FlagChange(quarter, holder, change, previous))
        previous = tuple(holders)
    return history


def strong_and_weak(points: Mapping[str, float], full: Mapping[str, float],
                    count: int = 2) -> tuple[list[str], list[str]]:
    """A cluster's strongest and weakest indicators by share of full marks."""
    shares = sorted((points.get(k, 0.0) / full[k], k) for k in full if full[k] > 0)
    weak = [k for _, k in shares[:count]]
    strong = [k for _, k in reversed(shares[-count:]) if k not in weak]
    return strong, weak
