"""The scoring rules, judges' averaging, ties, vetoes and the flag rules, with points
worked out by hand."""

from __future__ import annotations

import pytest

from desktop_app.assessment.compute import (
    Adjustment,
    GroupSpec,
    IndicatorSpec,
    QuarterResult,
    compute_quarter,
)
from desktop_app.assessment.flags import (
    FlagRule,
    Placed,
    award_flags,
    flag_history,
    red_and_black,
    strong_and_weak,
)
from desktop_app.assessment.quarters import previous_quarter, quarter_dates, quarter_label
from desktop_app.assessment.ranking import Standing, judges_average, rank
from desktop_app.assessment.registry import Figure
from desktop_app.assessment.rules import apply_rule
from desktop_app.records.errors import ValidationError


def test_rank_points_from_a_table():
    """Ranks 1-5 get 60, 57, 54, 51, 48 (syqdemo); a sixth gets nothing; a tie shares."""
    figures = {"a": 9, "b": 7, "c": 7, "d": 5, "e": 4, "f": 1}
    points = apply_rule("rank", figures, 60, {"points": [60, 57, 54, 51, 48]})
    assert points == {"a": 60, "b": 57, "c": 57, "d": 51, "e": 48, "f": 0}


def test_rank_points_by_step_and_lower_is_better():
    """Full 10, step 2: ranks 1..3 get 10, 8, 6; with lower_better the fewest days lead."""
    assert apply_rule("rank", {"a": 3, "b": 5, "c": 9}, 10, {"step": 2}) == \
        {"a": 6, "b": 8, "c": 10}
    assert apply_rule("rank", {"a": 3, "b": 5, "c": 9}, 10,
                      {"step": 2, "lower_better": True}) == {"a": 10, "b": 8, "c": 6}


def test_proportional_to_the_leader():
    """Leader 80 gets 6; 60 gets 6 × 60 ÷ 80 = 4.5; 50 gets 3.75; no figure gets 0."""
    points = apply_rule("proportional", {"a": 80, "b": 60, "c": 50, "d": None}, 6, {})
    assert points == {"a": 6, "b": 4.5, "c": 3.75, "d": 0}


def test_proportional_lower_is_better():
    """Fewest days 2 gets 10; 4 days gets 10 × 2 ÷ 4 = 5; 5 days 4."""
    points = apply_rule("proportional", {"a": 2, "b": 4, "c": 5}, 10, {"lower_better": True})
    assert points == {"a": 10, "b": 5, "c": 4}


def test_threshold_bands():
    """≥ 95 → 10, 90–94 → 8, 85–89 → 6, else 0 (巡查覆盖率)."""
    params = {"bands": [[90, 8], [95, 10], [85, 6]]}
    points = apply_rule("bands", {"a": 97, "b": 95, "c": 92.5, "d": 85, "e": 84.9, "f": None},
                        10, params)
    assert points == {"a": 10, "b": 10, "c": 8, "d": 6, "e": 0, "f": 0}


def test_deduct_per_event_down_to_zero():
    """Full 10, 2.5 off per event: 0 → 10, 1 → 7.5, 3 → 2.5, 5 → 0 (扣完为止)."""
    points = apply_rule("deduct", {"a": 0, "b": 1, "c": 3, "d": 5}, 10, {"per_event": 2.5})
    assert points == {"a": 10, "b": 7.5, "c": 2.5, "d": 0}


def test_an_unknown_rule_is_refused_by_name():
    with pytest.raises(ValidationError, match="计分规则“magic”无效") as error:
        apply_rule("magic", {}, 10, {})
    assert error.value.field == "rule"


def test_judges_average_drops_highest_and_lowest_from_five():
    """90, 85, 80, 70, 60: drop 90 and 60, (85 + 80 + 70) ÷ 3 = 78.33."""
    assert judges_average([90, 85, 80, 70, 60]) == 78.33
    # With four judges nobody is dropped: (90 + 85 + 80 + 70) ÷ 4 = 81.25.
    assert judges_average([90, 85, 80, 70]) == 81.25
    # Only one highest and one lowest go, also when repeated: (9 + 9 + 8) ÷ 3.
    assert judges_average([9, 9, 9, 8, 8]) == pytest.approx(8.67)
    assert judges_average([]) is None


def test_ties_fewer_penalty_then_jury_then_shared():
    """Equal totals: fewer penalty points first; then the higher jury points; else shared
    (1, 2, 2, 4)."""
    ranks = rank([Standing("a", 90, penalty=2), Standing("b", 90, penalty=0),
                  Standing("c", 80, 0, jury=10), Standing("d", 80, 0, jury=10),
                  Standing("e", 80, 0, jury=12), Standing("f", 70)])
    assert ranks == {"b": 1, "a": 2, "e": 3, "c": 4, "d": 4, "f": 6}


def placed(*rows):
    return [Placed(key, r, total, vetoed) for key, r, total, vetoed in rows]


def test_flag_goes_to_first_place_at_or_above_the_minimum():
    ranking = placed(("a", 1, 92, False), ("b", 2, 91, False))
    assert award_flags(ranking, FlagRule()) == ["a"]
    assert award_flags(placed(("a", 1, 89.9, False)), FlagRule()) == []  # below 90


def test_a_veto_keeps_the_flag_from_first_place():
    ranking = placed(("a", 1, 95, True), ("b", 2, 93, False))
    assert award_flags(ranking, FlagRule()) == []  # first only: nobody
    assert award_flags(ranking, FlagRule(mode="top")) == ["b"]
    assert award_flags(ranking, FlagRule(veto_excludes=False)) == ["a"]


def test_three_flags_to_the_top_three():
    ranking = placed(("a", 1, 95, False), ("b", 2, 93, False), ("c", 3, 91, False),
                     ("d", 4, 90.5, False))
    assert award_flags(ranking, FlagRule(count=3, mode="top")) == ["a", "b", "c"]
    # Two share first place: with "first only" both may hold a flag when there are two.
    tied = placed(("a", 1, 95, False), ("b", 1, 95, False), ("c", 3, 91, False))
    assert award_flags(tied, FlagRule(count=2)) == ["a", "b"]


def test_red_and_black_lists():
    """红榜 the top 2 (a vetoed cluster left out), 黑榜 the bottom 2 (vetoed first)."""
    ranking = placed(("a", 1, 95, True), ("b", 2, 93, False), ("c", 3, 91, False),
                     ("d", 4, 80, False), ("e", 5, 70, False))
    assert red_and_black(ranking, FlagRule(red=2, black=2)) == (["b", "c"], ["a", "e"])


def test_flag_history_held_kept_took_over():
    history = flag_history([("2026Q1", ["a"]), ("2026Q2", ["a"]), ("2026Q3", ["b"]),
                            ("2026Q4", [])])
    assert [(h.quarter, h.holder, h.change, h.previous) for h in history] == [
        ("2026Q1", "a", "held", ()), ("2026Q2", "a", "kept", ("a",)),
        ("2026Q3", "b", "took_over", ("a",))]


def test_strong_and_weak_points_by_share_of_full_marks():
    strong, weak = strong_and_weak({"x": 9, "y": 2, "z": 5, "w": 10},
                                   {"x": 10, "y": 10, "z": 10, "w": 20})
    assert strong == ["x", "z"] and weak == ["y", "w"]


def test_quarters():
    assert quarter_dates("2026Q4") == (__import__("datetime").date(2026, 10, 1),
                                       __import__("datetime").date(2026, 12, 31))
    assert previous_quarter("2026Q1") == "2025Q4"
    assert quarter_label("2026Q3") == "2026年第三季度"
    with pytest.raises(ValidationError, match="格式不对"):
        quarter_dates("2026-4")


def test_a_quarter_computed_from_plain_inputs():
    """Two groups (60 + 40). Group A: tasks rate by proportion (full 10) and a jury score
    (full 20). Group B: deduct 2 per event (full 5).
    x: rate 90 → 10; jury [18, 16, 17] → 17; A = 60 × 27 ÷ 30 = 54; events 1 → 3, B = 40 ×
       3 ÷ 5 = 24; bonus 2 → 80.
    y: rate 45 → 5; jury [20] → 20; A = 60 × 25 ÷ 30 = 50; events 0 → 5, B = 40; penalty 5
       → 85, vetoed.
    """
    groups = [GroupSpec("A", "党建引领", 60), GroupSpec("B", "基层治理", 40)]
    indicators = [IndicatorSpec("i1", "A", "按期率", "tasks_solved_on_time", "proportional", 10),
                  IndicatorSpec("i2", "A", "评委", "jury", "direct", 20),
                  IndicatorSpec("i3", "B", "上访", "events", "deduct", 5, {"per_event": 2})]
    figures = {"i1": {"x": Figure(90, ("t1", "t2")), "y": Figure(45, ("t3",))},
               "i3": {"x": Figure(1, ("e1",))}}
    scores = {"i2": {"x": [18, 16, 17], "y": [20]}}
    adjustments = [Adjustment("b1", "x", "bonus", 2, "经验推广"),
                   Adjustment("p1", "y", "penalty", 5, "越级上访"),
                   Adjustment("v1", "y", "veto", 0, "安全事故")]
    result = compute_quarter("2026Q4", {"x": "甲", "y": "乙"}, groups, indicators, figures,
                             scores, adjustments, FlagRule(min_score=80))
    x, y = result.by_cluster("x"), result.by_cluster("y")
    assert (x.groups, x.bonus, x.total) == ({"A": 54, "B": 24}, 2, 80)
    assert (y.groups, y.penalty, y.total, y.vetoed) == ({"A": 50, "B": 40}, 5, 85, True)
    assert x.indicators["i1"].evidence == ["t1", "t2"] and x.indicators["i2"].points == 17
    assert [c.cluster_id for c in result.clusters] == ["y", "x"] and (y.rank, x.rank) == (1, 2)
    assert result.flags == []  # first place vetoed, first only
    assert result.red == ["x"]
    again = QuarterResult.from_json(result.to_json())
    assert again == result
