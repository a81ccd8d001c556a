"""轮值排班 through the services: the pool, generating a month, the rules a rota keeps
(refused by name, nothing changed), swaps, leave and 缺岗 against the sign-ins."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest

from desktop_app.records.errors import UserError, ValidationError
from desktop_app.services import ListQuery
from desktop_app.services.rota_reports import duty_attendance, duty_coverage, duty_indicators

DEC = (date(2026, 12, 1), date(2026, 12, 31))


@pytest.fixture
def pooled(services, small_town):
    """黄璩's pool: 孙包村 (包村干部) and three 两委 of three villages; two a day, Mon-Fri."""
    people = small_town.people
    services.pool.create(cluster_id=small_town.huangqu, person_id=people["孙包村"],
                         role="town_liaison")
    for name in ("王建国", "李秀英", "张志强"):
        services.pool.create(cluster_id=small_town.huangqu, person_id=people[name],
                             role="village_committee")
    services.patterns.create(cluster_id=small_town.huangqu, weekdays="12345",
                             officers_per_day=2, required_role="town_liaison")
    services.holidays.load_official(2026)
    return small_town


def turn_counts(services, cluster_id, first=DEC[0], last=DEC[1]) -> Counter:
    return Counter(t.person_id for t in services.turns.turns(cluster_id, first, last))


def test_a_pool_member_takes_their_village_and_is_listed_once(services, pooled):
    members = services.pool.list().items
    assert len(members) == 4
    wang = next(m for m in members if m.person_id == pooled.people["王建国"])
    assert wang.village_id == pooled.villages["黄璩村"]
    with pytest.raises(ValidationError, match="王建国已在黄璩联合党总支的轮值人员中") as error:
        services.pool.create(cluster_id=pooled.huangqu, person_id=pooled.people["王建国"])
    assert error.value.field == "person_id"
    with pytest.raises(ValidationError, match="赵磊不属于黄璩联合党总支"):
        services.pool.create(cluster_id=pooled.huangqu, person_id=pooled.people["赵磊"])
    assert services.pool.list().total == 4


def test_generating_december_spreads_turns_with_a_liaison_every_day(services, pooled):
    result = services.turns.generate(pooled.huangqu, *DEC)
    assert result["days"] == 23  # December 2026 has 23 weekdays and no holiday
    assert result["turns"] == 46
    counts = turn_counts(services, pooled.huangqu)
    assert counts[pooled.people["孙包村"]] == 23  # the only 包村干部: every day
    others = [counts[pooled.people[n]] for n in ("王建国", "李秀英", "张志强")]
    assert max(others) - min(others) <= 1 and sum(others) == 23


def test_generating_again_is_refused_unless_replacing(services, pooled):
    services.turns.generate(pooled.huangqu, *DEC)
    with pytest.raises(ValidationError, match="已有 46 条值班安排"):
        services.turns.generate(pooled.huangqu, *DEC)
    result = services.turns.generate(pooled.huangqu, *DEC, replace=True)
    assert result["replaced"] == 46
    assert sum(turn_counts(services, pooled.huangqu).values()) == 46


def test_october_skips_the_national_holiday_and_works_the_tiaoxiu_saturday(services, pooled):
    services.turns.generate(pooled.huangqu, date(2026, 10, 1), date(2026, 10, 31))
    days = {t.day for t in services.turns.turns(pooled.huangqu, date(2026, 10, 1),
                                                 date(2026, 10, 31))}
    assert not any(date(2026, 10, d) in days for d in range(1, 8))
    assert date(2026, 10, 10) in days


def test_a_month_without_the_required_role_is_refused_with_its_dates(services, pooled):
    """Without a 党建指导员 in the pool, every staffed day lacks one: refused, naming the days,
    nothing written."""
    pattern = services.patterns.list().items[0]
    services.patterns.update(pattern.id, required_role="party_instructor")
    with pytest.raises(ValidationError, match="没有党建指导员.*12月1日、12月2日") as error:
        services.turns.generate(pooled.huangqu, *DEC)
    assert error.value.field == "required_role"
    assert services.turns.list().total == 0


@pytest.mark.parametrize(("person", "day", "extra", "field", "words"), [
    ("刘芳", date(2026, 12, 2), {}, "person_id", "刘芳不在黄璩联合党总支的轮值人员名单中"),
    ("王建国", date(2026, 12, 1), {}, "person_id", "王建国在12月1日已有值班安排"),
    ("王建国", date(2026, 10, 1), {}, "on_holiday", "10月1日是国庆节（放假）"),
])
def test_a_bad_turn_is_refused_by_name(services, pooled, person, day, extra, field, words):
    services.turns.create(cluster_id=pooled.huangqu, day=date(2026, 12, 1),
                          person_id=pooled.people["王建国"])
    with pytest.raises(ValidationError, match=words) as error:
        services.turns.create(cluster_id=pooled.huangqu, day=day,
                              person_id=pooled.people[person], **extra)
    assert error.value.field == field
    assert services.turns.list().total == 1


def test_a_holiday_turn_said_so_is_kept(services, pooled):
    turn = services.turns.create(cluster_id=pooled.huangqu, day=date(2026, 10, 1),
                                 person_id=pooled.people["王建国"], on_holiday=True)
    assert turn.on_holiday


def _turn_of(services, cluster_id, name_id, day):
    return next(t for t in services.turns.turns(cluster_id, day, day) if t.person_id == name_id)


def test_a_substitution_moves_the_turn_and_shows_who_had_it(services, pooled):
    services.turns.generate(pooled.huangqu, *DEC)
    people = pooled.people
    day = date(2026, 12, 1)
    giver = next(t.person_id for t in services.turns.turns(pooled.huangqu, day, day)
                 if t.person_id != people["孙包村"])
    taker = next(people[n] for n in ("王建国", "李秀英", "张志强") if people[n] != giver)
    services.swaps.create(cluster_id=pooled.huangqu, kind="substitute", from_person_id=giver,
                          to_person_id=taker, day=day, reason="外出开会",
                          from_agreed=True, to_agreed=True)
    turn = _turn_of(services, pooled.huangqu, taker, day)
    assert turn.swapped_from_id == giver
    due = services.rota.due(day, pooled.huangqu)
    assert {r["person_id"] for r in due} == {people["孙包村"], taker}


def test_an_exchange_swaps_two_days(services, pooled):
    services.turns.generate(pooled.huangqu, *DEC)
    wang, li = pooled.people["王建国"], pooled.people["李秀英"]
    on = {p: [t.day for t in services.turns.turns(pooled.huangqu, *DEC) if t.person_id == p]
          for p in (wang, li)}
    day = next(d for d in on[wang] if d not in on[li])
    other = next(d for d in on[li] if d not in on[wang])
    services.swaps.create(cluster_id=pooled.huangqu, kind="exchange", from_person_id=wang,
                          to_person_id=li, day=day, other_day=other, reason="家中有事",
                          from_agreed=True, to_agreed=True)
    assert _turn_of(services, pooled.huangqu, li, day).swapped_from_id == wang
    assert _turn_of(services, pooled.huangqu, wang, other).swapped_from_id == li


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"to_person_id": "王建国"}, "to_person_id", "不能与自己调班"),
    ({"to_agreed": False}, "to_agreed", "须经双方同意"),
    ({"day": date(2026, 12, 5)}, "day", "王建国在12月5日没有值班安排"),
])
def test_a_bad_swap_is_refused_and_nothing_changes(services, pooled, changes, field, words):
    wang = pooled.people["王建国"]
    services.turns.create(cluster_id=pooled.huangqu, day=date(2026, 12, 1), person_id=wang)
    values = {"cluster_id": pooled.huangqu, "kind": "substitute", "from_person_id": wang,
              "to_person_id": pooled.people["李秀英"], "day": date(2026, 12, 1),
              "reason": "外出", "from_agreed": True, "to_agreed": True}
    values.update({k: pooled.people.get(v, v) if isinstance(v, str) else v
                   for k, v in changes.items()})
    with pytest.raises(ValidationError, match=words) as error:
        services.swaps.create(**values)
    assert error.value.field == field
    assert services.swaps.list().total == 0
    assert _turn_of(services, pooled.huangqu, wang, date(2026, 12, 1)).swapped_from_id is None


def test_a_swap_cannot_be_undone_by_deleting_it(services, pooled):
    wang = pooled.people["王建国"]
    services.turns.create(cluster_id=pooled.huangqu, day=date(2026, 12, 1), person_id=wang)
    swap = services.swaps.create(cluster_id=pooled.huangqu, from_person_id=wang,
                                 to_person_id=pooled.people["李秀英"], day=date(2026, 12, 1),
                                 reason="外出", from_agreed=True, to_agreed=True)
    with pytest.raises(UserError, match="反向的调班"):
        services.swaps.delete(swap.id)


def test_missing_sign_in_is_absence_unless_on_leave(services, pooled):
    """A past turn with a sign-in is 到岗, with leave 请假, with neither 缺岗; today's and
    later ones wait (待到岗)."""
    people, cluster = pooled.people, pooled.huangqu
    wang, li, zhang = people["王建国"], people["李秀英"], people["张志强"]
    for day in (date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4)):
        services.turns.create(cluster_id=cluster, day=day, person_id=wang)
    services.turns.create(cluster_id=cluster, day=date(2026, 11, 2), person_id=li)
    services.turns.create(cluster_id=cluster, day=date(2026, 11, 5), person_id=zhang)
    services.duty.start(cluster, [wang], start=datetime(2026, 11, 2, 8, 0))
    services.duty.end("无", end=datetime(2026, 11, 2, 17, 0))
    services.leave.create(cluster_id=cluster, person_id=wang, start_on=date(2026, 11, 3),
                          reason="住院")
    report = services.rota.attendance(2026, 11, cluster, today=date(2026, 11, 5))
    by_person = {r["person"]: r for r in report["people"]}
    assert by_person["王建国"]["present"] == 1
    assert by_person["王建国"]["excused"] == 1
    assert by_person["王建国"]["absent"] == 1
    assert by_person["李秀英"]["absent"] == 1
    assert {(r["person"], r["day"]) for r in report["absences"]} == {
        ("王建国", date(2026, 11, 4)), ("李秀英", date(2026, 11, 2))}
    assert by_person["张志强"]["upcoming"] == 1
    villages = {r["village"]: r for r in report["villages"]}
    assert villages["黄璩村"]["rate"] == 0.5
    assert report["total"]["due"] == 5
    assert report["total"]["absent"] == 2


def test_leave_is_for_pool_members_and_ends_after_it_starts(services, pooled):
    with pytest.raises(ValidationError, match="请假止日不能早于请假起日"):
        services.leave.create(cluster_id=pooled.huangqu, person_id=pooled.people["王建国"],
                              start_on=date(2026, 12, 3), end_on=date(2026, 12, 2), reason="病")
    with pytest.raises(ValidationError, match="刘芳不在"):
        services.leave.create(cluster_id=pooled.huangqu, person_id=pooled.people["刘芳"],
                              start_on=date(2026, 12, 3), reason="病")
    assert services.leave.list().total == 0
    leave = services.leave.create(cluster_id=pooled.huangqu, person_id=pooled.people["王建国"],
                                  start_on=date(2026, 12, 3), reason="病")
    assert leave.end_on == date(2026, 12, 3)
    changed = services.leave.update(leave.id, start_on=date(2026, 12, 4), end_on=None)
    assert changed.end_on == date(2026, 12, 4)


def test_assessment_figures_per_cluster_and_quarter(services, pooled, db):
    services.turns.generate(pooled.huangqu, date(2026, 10, 1), date(2026, 12, 31))
    assert duty_coverage(db, pooled.huangqu, 2026, 4) == 1.0
    assert duty_coverage(db, pooled.zhangdan, 2026, 4) == 0.0
    assert duty_attendance(db, pooled.huangqu, 2026, 4, today=date(2027, 1, 1)) == 0.0
    assert duty_attendance(db, pooled.huangqu, 2026, 4, today=date(2026, 10, 1)) is None
    figures = {row["cluster_id"]: row for row in duty_indicators(db, 2026, 4)}
    assert figures[pooled.huangqu]["coverage"] == 1.0


def test_the_town_holidays_are_the_towns_to_write(services, pooled, db):
    assert services.holidays.load_official(2026) == 0  # loaded once already
    with pytest.raises(UserError, match="还没有2030年"):
        services.holidays.load_official(2030)
    with pytest.raises(ValidationError, match="已登记为春节"):
        services.holidays.create(day=date(2026, 2, 15), name="春节", kind="holiday")


def test_a_clusters_holiday_list_has_the_towns_holidays_and_its_own(services, pooled):
    """黄璩's list of 节假日 holds the town's (they apply to every cluster) and 黄璩's own
    庙会, not 张淡's 集市; the list of every cluster holds them all."""
    town = services.holidays.list(ListQuery(limit=None)).items
    assert len(town) > 20 and all(h.cluster_id is None for h in town)
    own = services.holidays.create(cluster_id=pooled.huangqu, day=date(2026, 12, 24),
                                   name="庙会")
    services.holidays.create(cluster_id=pooled.zhangdan, day=date(2026, 12, 24), name="集市")
    listed = services.holidays.list(ListQuery(cluster_id=pooled.huangqu, limit=None))
    assert listed.total == len(town) + 1
    assert {h.name for h in listed.items} == {h.name for h in town} | {"庙会"}
    assert services.holidays.ids(ListQuery(cluster_id=pooled.huangqu, text="庙会")) == [own.id]
    assert services.holidays.list(ListQuery(limit=None)).total == len(town) + 2
    # a record type whose records all have a cluster lists only that cluster's
    assert services.pool.list(ListQuery(cluster_id=pooled.zhangdan)).total == 0


def test_an_office_writes_only_its_own_clusters_rota(services, pooled):
    """At 黄璩's office: 张淡's rota and the town's holidays are refused, nothing written;
    a holiday typed here is 黄璩's own. Sync carries each by its cluster."""
    from desktop_app.sync.trust import CLUSTER_OF

    services.db.set_node(cluster_id=pooled.huangqu)
    services.pool.create(cluster_id=pooled.huangqu, person_id=pooled.people["刘芳"])
    with pytest.raises(ValidationError, match="不能记录其他联合党组织的事项"):
        services.turns.generate(pooled.zhangdan, *DEC)
    with pytest.raises(ValidationError, match="不能记录不属于联合党组织的节假日"):
        services.holidays.create(cluster_id=None, day=date(2026, 12, 24), name="平安夜")
    with pytest.raises(ValidationError, match="全镇的节假日由镇里统一维护"):
        services.holidays.load_official(2026)
    own = services.holidays.create(day=date(2026, 12, 24), name="庙会")
    assert own.cluster_id == pooled.huangqu
    assert services.turns.list().total == 0
    for table in ("duty_pool_member", "rota_pattern", "holiday", "rota_turn", "rota_swap",
                  "duty_leave"):
        assert CLUSTER_OF[table] == ("cluster_id", None)


def test_a_pattern_takes_its_weekdays_as_digits_or_words_and_lists_them_as_words(
        services, small_town):
    pattern = services.patterns.create(cluster_id=small_town.zhangdan, weekdays="周一、三、五")
    assert services.patterns.get(pattern.id).weekdays == "135"
    assert services.patterns.rows([pattern.id])[pattern.id]["weekdays_text"] == "周一、三、五"
    services.patterns.update(pattern.id, weekdays="1234567")
    assert services.patterns.rows([pattern.id])[pattern.id]["weekdays_text"] == "每天"


@pytest.mark.parametrize(("weekdays", "words"), [("", "请至少选择一个值班日"),
                                                  ("周八", "值班日“周八”无效")])
def test_a_pattern_without_a_weekday_is_refused_by_name(services, small_town, weekdays, words):
    with pytest.raises(ValidationError, match=words) as error:
        services.patterns.create(cluster_id=small_town.zhangdan, weekdays=weekdays)
    assert error.value.field == "weekdays"
    assert services.patterns.list().total == 0
