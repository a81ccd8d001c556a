"""A quarter computed from the records, 定稿, and the refusals: weights, ranges, a judge
scoring twice, a missing quarter, a finalised quarter, a village office."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_app.records.errors import ValidationError
from tests.app.assessment.helpers import make_scheme


def tasks(services, town):
    """黄璩: two tasks due in the quarter, one solved on its due day; 张淡: one, solved late."""
    s = services
    on_time = s.tasks.create(cluster_id=town.huangqu, title="清理排水沟",
                             found_on=date(2026, 10, 2), due_on=date(2026, 10, 20),
                             status="solved", solved_at=datetime(2026, 10, 20, 17, 0))
    s.tasks.create(cluster_id=town.huangqu, title="修路灯", found_on=date(2026, 10, 2),
                   due_on=date(2026, 11, 5))
    s.tasks.create(cluster_id=town.zhangdan, title="清淤", found_on=date(2026, 10, 3),
                   due_on=date(2026, 10, 10), status="solved",
                   solved_at=datetime(2026, 10, 12, 9, 0))
    return on_time


def test_a_quarter_from_records_and_scores(services, on_shift):
    """黄璩: on time 50% → proportional leader → 10 of 10 → 重点工作 60; judges 18, 16 →
    17 → 党建引领 40 × 17 ÷ 20 = 34; total 94, first. 张淡: 0% → 0; judge 20 → 40; total 40."""
    town = on_shift
    on_time = tasks(services, town)
    scheme = make_scheme(services)
    for judge, cluster, points in (("甲", town.huangqu, 18), ("乙", town.huangqu, 16),
                                   ("甲", town.zhangdan, 20)):
        services.assess_scores.create(scheme_id=scheme.id, indicator_id=scheme.jury,
                                      assessed_id=cluster, judge=judge, points=points)
    view = services.assessment.view("2026Q4")
    first, second = view.result.clusters
    assert (first.cluster_id, first.total, first.rank) == (town.huangqu, 94, 1)
    assert first.groups == {scheme.groups["重点工作"]: 60, scheme.groups["党建引领"]: 34}
    assert first.indicators[scheme.tasks].figure == 50.0
    assert len(first.indicators[scheme.tasks].evidence) == 2
    assert on_time.id in first.indicators[scheme.tasks].evidence
    assert (second.total, second.rank) == (40, 2)
    assert view.result.flags == [town.huangqu]
    evidence = services.assessment.evidence("2026Q4", town.huangqu, scheme.tasks)
    assert evidence.table == "work_task" and on_time.id in evidence.ids
    jury = services.assessment.evidence("2026Q4", town.huangqu, scheme.jury)
    assert jury.table == "assess_score" and len(jury.ids) == 2


def test_weights_must_total_100(services, on_shift):
    scheme = make_scheme(services)
    with pytest.raises(ValidationError, match="合计为 90 分，应为 100 分") as error:
        services.assessment.set_weights("2026Q4", {"重点工作": 50})
    assert error.value.field == "weight"
    assert {g.weight for g in services.assessment.view("2026Q4").groups} == {60, 40}
    services.assessment.set_weights("2026Q4", {"重点工作": 50, "党建引领": 50})
    assert services.assess_schemes.get(scheme.id).scheme_version == 2
    services.assess_groups.create(scheme_id=scheme.id, name="为民服务", weight=10)
    with pytest.raises(ValidationError, match="合计为 110 分"):
        services.assessment.view("2026Q4")
    with pytest.raises(ValidationError, match="没有指标类别“产业”"):
        services.assessment.set_weights("2026Q4", {"产业": 0})


def test_score_outside_range_and_judge_twice_are_refused(services, on_shift):
    scheme = make_scheme(services)
    values = dict(scheme_id=scheme.id, indicator_id=scheme.jury, assessed_id=on_shift.huangqu,
                  judge="甲")
    with pytest.raises(ValidationError, match=r"得分 21 超出.*0～20 分") as error:
        services.assess_scores.create(**values, points=21)
    assert error.value.field == "points"
    services.assess_scores.create(**values, points=15)
    with pytest.raises(ValidationError, match="评委“甲”已为该联合党组织") as error:
        services.assess_scores.create(**values, points=16)
    assert error.value.field == "judge"
    with pytest.raises(ValidationError, match="由记录自动计算"):
        services.assess_scores.create(**{**values, "indicator_id": scheme.tasks, "judge": "乙"},
                                      points=5)
    assert len(services.assessment.scores("2026Q4")) == 1


def test_a_quarter_that_does_not_exist_is_refused_by_name(services, on_shift):
    with pytest.raises(ValidationError, match="没有 2025Q1 的擂台比武") as error:
        services.assessment.view("2025q1")
    assert error.value.field == "quarter"
    with pytest.raises(ValidationError, match="格式不对"):
        services.assessment.view("2025 第一季度")


def test_a_finalised_quarter_never_changes(services, on_shift):
    town = on_shift
    tasks(services, town)
    scheme = make_scheme(services)
    score = services.assess_scores.create(scheme_id=scheme.id, indicator_id=scheme.jury,
                                          assessed_id=town.huangqu, judge="甲", points=18)
    final = services.assessment.finalise("2026Q4", "镇党委书记")
    assert final.final and final.finalised_by == "镇党委书记" and final.finalised_at
    before = final.result
    # a new task due in the quarter, solved on time: the stored figures stay
    services.tasks.create(cluster_id=town.zhangdan, title="补栽树苗", found_on=date(2026, 10, 1),
                          due_on=date(2026, 10, 9), status="solved",
                          solved_at=datetime(2026, 10, 9, 10, 0))
    after = services.assessment.view("2026Q4")
    assert after.result == before and after.late_records == 1
    refusals = [
        lambda: services.assess_scores.update(score.id, points=10),
        lambda: services.assess_scores.create(scheme_id=scheme.id, indicator_id=scheme.jury,
                                              assessed_id=town.zhangdan, judge="乙", points=9),
        lambda: services.assess_scores.delete(score.id),
        lambda: services.assess_groups.update(scheme.groups["重点工作"], weight=50),
        lambda: services.assess_adjustments.create(scheme_id=scheme.id,
                                                   assessed_id=town.huangqu, kind="veto",
                                                   reason="安全事故"),
        lambda: services.assess_schemes.update(scheme.id, title="改"),
        lambda: services.assessment.set_weights("2026Q4", {"重点工作": 60}),
        lambda: services.assessment.finalise("2026Q4", "又一次"),
    ]
    for refuse in refusals:
        with pytest.raises(ValidationError, match="2026Q4 已定稿"):
            refuse()
    assert services.assessment.view("2026Q4").result == before


def test_a_new_quarter_copies_the_last_scheme(services, on_shift):
    make_scheme(services, "2026Q3")
    services.assessment.new_quarter("2026Q4")
    view = services.assessment.view("2026Q4")
    assert [g.name for g in view.groups] == ["重点工作", "党建引领"]
    assert [i.name for i in view.indicators] == ["A1 任务按期解决率", "B1 现场比武"]
    assert view.title == "2026年第四季度联合党组织擂台比武" and not view.final
    with pytest.raises(ValidationError, match="2026Q4 已有擂台比武方案"):
        services.assessment.new_quarter("2026Q4")


def test_bad_indicator_source_and_params_are_refused(services, on_shift):
    scheme = make_scheme(services)
    base = dict(scheme_id=scheme.id, group_id=scheme.groups["重点工作"], code="A9", name="x",
                max_points=5)
    with pytest.raises(ValidationError, match="指标来源“magic”无效"):
        services.assess_indicators.create(**base, source="magic")
    with pytest.raises(ValidationError, match="不是有效的 JSON"):
        services.assess_indicators.create(**base, source="jury", params="{bands")
    with pytest.raises(ValidationError, match="区间赋分须给出区间"):
        services.assess_indicators.create(**base, source="jury", rule="bands", params="{}")


def test_a_veto_keeps_the_flag_away(services, on_shift):
    town = on_shift
    scheme = make_scheme(services)
    services.assess_scores.create(scheme_id=scheme.id, indicator_id=scheme.jury,
                                  assessed_id=town.huangqu, judge="甲", points=20)
    services.assess_adjustments.create(scheme_id=scheme.id, assessed_id=town.huangqu,
                                       kind="veto", reason="发生安全生产事故", points=3)
    with pytest.raises(ValidationError, match="请填写扣分分值"):
        services.assess_adjustments.create(scheme_id=scheme.id, assessed_id=town.huangqu,
                                           kind="penalty", reason="x")
    view = services.assessment.view("2026Q4")
    first = view.result.clusters[0]
    assert first.cluster_id == town.huangqu and first.vetoed and first.veto_reason
    assert view.result.flags == [] and town.huangqu not in view.result.red


def test_a_village_office_may_not_score_but_may_report(services, on_shift, db):
    town = on_shift
    scheme = make_scheme(services)
    db.set_node(cluster_id=town.huangqu)
    with pytest.raises(ValidationError, match="中心村值班室不能新建评委评分"):
        services.assess_scores.create(scheme_id=scheme.id, indicator_id=scheme.jury,
                                      assessed_id=town.huangqu, judge="甲", points=20)
    with pytest.raises(ValidationError, match="中心村值班室不能定稿"):
        services.assessment.finalise("2026Q4", "某人")
    with pytest.raises(ValidationError, match="中心村值班室"):
        services.assess_schemes.create(quarter="2027Q1", title="x")
    report = services.self_reports.create(scheme_id=scheme.id, summary="完成议题 5 件")
    assert report.cluster_id == town.huangqu
    with pytest.raises(ValidationError, match="不能记录其他联合党组织"):
        services.self_reports.create(scheme_id=scheme.id, cluster_id=town.zhangdan,
                                     summary="代写")
    assert services.assessment.scores("2026Q4") == []
