"""The rules of 四议两公开: quorum, majority and the order of the six steps.

Pure functions over numbers, so the forms can show the verdict while a person types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from desktop_app.records.vocabulary import DECISION_STEPS, STEP_SHORT, VILLAGERS_MEETING

TWO_THIRDS = Fraction(2, 3)
HALF = Fraction(1, 2)
PUBLICATION_STEPS = (5, 6)


@dataclass(frozen=True)
class StepVote:
    """What a step records about attendance and the vote (``None`` = not recorded)."""

    step: int
    body: str = ""
    due: int | None = None
    present: int | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None


@dataclass(frozen=True)
class Verdict:
    """Whether the step stands: quorum and majority, with the reasons in Chinese.

    ``None`` for quorum or majority means the step has no such rule.
    """

    quorum_met: bool | None
    majority_met: bool | None
    problems: list[str] = field(default_factory=list)
    publication: bool = False

    @property
    def passed(self) -> bool:
        return self.quorum_met is not False and self.majority_met is not False

    @property
    def outcome(self) -> str:
        if self.publication:
            return "published"
        return "passed" if self.passed else "failed"


def ratio(present: int | None, due: int | None) -> Fraction | None:
    if not due or present is None:
        return None
    return Fraction(present, due)


def percent(present: int | None, due: int | None) -> str:
    """Attendance as shown on the register, e.g. "86.7%"; "—" when unknown."""
    value = ratio(present, due)
    return "—" if value is None else f"{float(value) * 100:.1f}%"


def judge(vote: StepVote) -> Verdict:
    """Quorum and majority of one step per domain.md's table."""
    if vote.step in PUBLICATION_STEPS:
        return Verdict(None, None, publication=True)
    if vote.step == 1:
        return Verdict(None, None)
    problems: list[str] = []
    quorum: bool | None = None
    if vote.step in (3, 4):
        quorum = _quorum(vote, problems)
    majority = _majority(vote, problems)
    return Verdict(quorum, majority, problems)


def _quorum(vote: StepVote, problems: list[str]) -> bool | None:
    value = ratio(vote.present, vote.due)
    if value is None:
        problems.append("未填写应到、实到人数，无法判断是否达到法定人数")
        return False
    villagers = vote.step == 4 and vote.body == VILLAGERS_MEETING
    needed, words = (HALF, "过半数") if villagers else (TWO_THIRDS, "三分之二以上")
    met = value > needed if villagers else value >= needed
    if not met:
        problems.append(f"实到 {vote.present} 人，未达到应到 {vote.due} 人的{words}")
    return met


def _majority(vote: StepVote, problems: list[str]) -> bool | None:
    if vote.votes_for is None:
        problems.append("未填写赞成票数")
        return False
    # Step 3: more than half of the members due to attend; steps 2 and 4: of those present.
    base, words = (vote.due, "应到") if vote.step == 3 else (vote.present, "实到")
    if not base:
        problems.append(f"未填写{words}人数，无法判断是否过半数")
        return False
    met = Fraction(vote.votes_for, base) > HALF
    if not met:
        problems.append(f"赞成 {vote.votes_for} 票，未超过{words} {base} 人的半数")
    return met


def next_step(recorded: dict[int, str]) -> int | None:
    """The step an agenda item waits for, given ``{step: outcome}`` of the steps held.

    A failed step waits to be held again; after step 6 nothing is left (None).
    """
    for step in DECISION_STEPS:
        outcome = recorded.get(step)
        if outcome is None or outcome == "failed":
            return step
    return None


def order_problem(step: int, recorded: dict[int, str]) -> str | None:
    """Why ``step`` cannot be recorded now, or None when it may."""
    if step not in DECISION_STEPS:
        return f"步骤应为 1～6，收到 {step}"
    for earlier in range(1, step):
        outcome = recorded.get(earlier)
        if outcome is None:
            return f"不能跳过步骤：请先完成第{earlier}步“{STEP_SHORT[earlier]}”"
        if outcome == "failed":
            return f"第{earlier}步“{STEP_SHORT[earlier]}”未通过，不能进入第{step}步"
    return None
