"""修改方案 as a whole: groups and indicators added, changed and removed with the weights and
the flag rule in one transaction; every refusal named and nothing changed."""

from __future__ import annotations

import pytest

from desktop_app.records.errors import ValidationError
from desktop_app.services.assessment_scheme import GroupDraft, IndicatorDraft
from tests.app.assessment.helpers import make_scheme


def drafts(services):
    return services.assessment.scheme_drafts("2026Q4")


def names(services) -> list[tuple[str, float, list[str]]]:
    view = services.assessment.view("2026Q4")
    return [(g.name, g.weight, [i.name for i in view.indicators if i.group_id == g.id])
            for g in view.groups]


def test_groups_and_indicators_added_changed_and_removed_together(services, small_town):
    make_scheme(services)
    groups, indicators = drafts(services)
    assert [(g.name, g.weight) for g in groups] == [("重点工作", 60), ("党建引领", 40)]
    assert [(i.code, i.source, i.scores) for i in indicators] == [
        ("A1", "tasks_solved_on_time", 0), ("B1", "jury", 0)]
    tasks, jury = indicators
    groups[0].weight = 50
    groups[1].name = "党建引领（含值班）"
    groups.append(GroupDraft("new", "产业发展", 10))
    tasks.rule, tasks.params = "bands", {"bands": [[90, 10], [80, 8]]}
    indicators += [
        IndicatorDraft(groups[1].key, "B2", "值班覆盖率", "duty_coverage", "proportional", 5),
        IndicatorDraft("new", "C1", "人才回流", "talent_returned", "rank", 10, {"step": 1})]
    version = services.assessment.save_scheme("2026Q4", groups, indicators,
                                              {"flag_count": 2, "red_count": 5})
    assert version == 2
    assert names(services) == [("重点工作", 50, ["A1 任务按期解决率"]),
                               ("党建引领（含值班）", 40, ["B1 现场比武", "B2 值班覆盖率"]),
                               ("产业发展", 10, ["C1 人才回流"])]
    view = services.assessment.view("2026Q4")
    assert (view.flag_rule.count, view.flag_rule.red) == (2, 5)
    a1 = next(i for i in view.indicators if i.name.startswith("A1"))
    assert (a1.rule, a1.params) == ("bands", {"bands": [[90, 10], [80, 8]]})

    groups, indicators = drafts(services)  # the new group out, its indicator with it
    groups = [g for g in groups if g.name != "产业发展"]
    groups[0].weight = 60
    indicators = [i for i in indicators if i.code != "C1"]
    services.assessment.save_scheme("2026Q4", groups, indicators)
    assert [n for n, _w, _i in names(services)] == ["重点工作", "党建引领（含值班）"]
    assert services.assessment.view("2026Q4").scheme_version == 3


@pytest.mark.parametrize(("change", "words"), [
    (lambda g, i: setattr(g[0], "weight", 70), "权重合计为 110 分，应为 100 分"),
    (lambda g, i: setattr(g[1], "name", "重点工作"), "指标类别“重点工作”重复"),
    (lambda g, i: setattr(g[1], "name", " "), "指标类别名称不能为空"),
    (lambda g, i: setattr(i[1], "code", "A1"), "指标编号“A1”重复"),
    (lambda g, i: setattr(i[0], "source", "weather"), "指标来源“weather”无效"),
    (lambda g, i: setattr(i[0], "rule", "bands"), "区间赋分须给出区间"),
    (lambda g, i: setattr(i[0], "max_points", 0), "满分应大于 0"),
    (lambda g, i: g.pop(1), "权重合计为 60 分"),
])
def test_bad_drafts_are_refused_by_name_and_nothing_changes(services, small_town, change,
                                                            words):
    make_scheme(services)
    before = names(services)
    groups, indicators = drafts(services)
    change(groups, indicators)
    with pytest.raises(ValidationError, match=words):
        services.assessment.save_scheme("2026Q4", groups, indicators)
    assert names(services) == before
    assert services.assessment.view("2026Q4").scheme_version == 1


def test_a_group_removed_with_an_indicator_still_in_it_is_refused(services, small_town):
    make_scheme(services)
    groups, indicators = drafts(services)
    groups[0].weight = 100
    with pytest.raises(ValidationError, match="所属的指标类别已删除"):
        services.assessment.save_scheme("2026Q4", groups[:1], indicators)


def test_a_scored_indicator_is_not_removed_and_a_final_quarter_not_changed(
        services, small_town, db):
    scheme = make_scheme(services)
    services.assess_scores.create(scheme_id=scheme.id, indicator_id=scheme.jury,
                                  assessed_id=small_town.huangqu, judge="甲", points=18)
    groups, indicators = drafts(services)
    assert indicators[1].scores == 1
    with pytest.raises(ValidationError, match="指标“B1 现场比武”已有评委评分 1 项，不能删除"):
        services.assessment.save_scheme("2026Q4", groups, indicators[:1])
    db.set_node(cluster_id=small_town.huangqu)
    with pytest.raises(ValidationError, match="中心村值班室不能修改擂台比武方案"):
        services.assessment.save_scheme("2026Q4", groups, indicators)
    db.set_node(cluster_id=None)
    services.assessment.finalise("2026Q4", "镇党委书记")
    with pytest.raises(ValidationError, match="2026Q4 已定稿"):
        services.assessment.save_scheme("2026Q4", groups, indicators)
