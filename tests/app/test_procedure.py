"""四议两公开: quorum, majority and the order of steps, as the service enforces them."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.records import procedure
from desktop_app.records.errors import ValidationError
from desktop_app.records.procedure import StepVote, judge


def test_party_members_meeting_needs_two_thirds_present_and_half_of_due():
    """审议: 30 members due, 20 present (2/3) and 16 for (> 15) passes; 15 for fails."""
    assert judge(StepVote(3, due=30, present=20, votes_for=16)).passed
    verdict = judge(StepVote(3, due=30, present=20, votes_for=15))
    assert not verdict.passed and "未超过应到 30 人的半数" in verdict.problems[0]
    verdict = judge(StepVote(3, due=30, present=19, votes_for=19))
    assert verdict.quorum_met is False


def test_representatives_and_villagers_meetings():
    """决议: representatives need 2/3 present; the villagers' meeting more than half."""
    assert judge(StepVote(4, due=45, present=30, votes_for=16)).passed
    assert not judge(StepVote(4, due=45, present=29, votes_for=29)).passed
    assert judge(StepVote(4, body="村民会议", due=400, present=201, votes_for=101)).passed
    assert not judge(StepVote(4, body="村民会议", due=400, present=200, votes_for=200)).passed


def test_consult_takes_majority_of_present_and_propose_has_no_vote():
    assert judge(StepVote(2, present=7, votes_for=4)).passed
    assert not judge(StepVote(2, present=8, votes_for=4)).passed
    assert judge(StepVote(1)).outcome == "passed"
    assert judge(StepVote(5)).outcome == "published"


def test_next_step_and_order():
    assert procedure.next_step({}) == 1
    assert procedure.next_step({1: "passed", 2: "passed", 3: "failed"}) == 3
    assert procedure.next_step({s: "passed" for s in range(1, 7)}) is None
    assert "不能跳过" in procedure.order_problem(3, {1: "passed"})
    assert procedure.percent(26, 30) == "86.7%"


@pytest.fixture
def item(services, on_shift):
    return services.agenda.create(cluster_id=on_shift.huangqu, title="村东道路硬化",
                                  village_ids=[on_shift.villages["黄璩村"]],
                                  raised_on=date(2026, 2, 25))


def test_an_item_walks_through_all_six_steps(services, item):
    """An item passes step by step, is concluded after 决议 and completed after 公开."""
    s = services.agenda
    s.record_step(item.id, 1, held_on=date(2026, 3, 1), text="提议硬化村东道路")
    s.record_step(item.id, 2, held_on=date(2026, 3, 3), present=7, votes_for=7)
    assert s.next_step(item.id) == 3
    row = s.rows([item.id])[item.id]
    assert (row["next_step_label"], row["steps_done"], row["villages"]) == ("审议", 2, "黄璩村")
    step, verdict = s.record_step(item.id, 3, held_on=date(2026, 3, 8), due=30, present=25,
                                  votes_for=24, votes_against=1)
    assert verdict.passed and step.outcome == "passed"
    s.record_step(item.id, 4, held_on=date(2026, 3, 10), due=45, present=40, votes_for=38,
                  votes_abstain=2, town_attendees="孙包村（包村干部）")
    assert s.get(item.id).status == "concluded"
    s.record_step(item.id, 5, held_on=date(2026, 3, 11), form="村务公开栏张贴")
    s.record_step(item.id, 6, held_on=date(2026, 6, 1), supervision="群众满意")
    assert s.get(item.id).status == "completed"
    assert s.next_step(item.id) is None
    assert [st.step for st in s.steps(item.id)] == [1, 2, 3, 4, 5, 6]


def test_a_step_cannot_be_skipped(services, item):
    """Recording 审议 before 商议 is refused; nothing is written."""
    services.agenda.record_step(item.id, 1)
    with pytest.raises(ValidationError, match="不能跳过步骤：请先完成第2步") as error:
        services.agenda.record_step(item.id, 3, due=30, present=25, votes_for=20)
    assert error.value.field == "step"
    assert [st.step for st in services.agenda.steps(item.id)] == [1]


def test_a_failed_step_blocks_the_next_until_held_again(services, item):
    s = services.agenda
    s.record_step(item.id, 1)
    _, verdict = s.record_step(item.id, 2, present=8, votes_for=3)
    assert verdict.outcome == "failed"
    with pytest.raises(ValidationError, match="未通过"):
        s.record_step(item.id, 3, due=30, present=25, votes_for=20)
    s.record_step(item.id, 2, present=8, votes_for=6)
    s.record_step(item.id, 3, due=30, present=25, votes_for=20)
    assert s.next_step(item.id) == 4


def test_bad_counts_are_refused(services, item):
    """Present more than due, or votes more than present, name the field."""
    services.agenda.record_step(item.id, 1)
    services.agenda.record_step(item.id, 2, present=7, votes_for=7)
    with pytest.raises(ValidationError) as error:
        services.agenda.record_step(item.id, 3, due=20, present=25, votes_for=20)
    assert error.value.field == "present"
    with pytest.raises(ValidationError, match="超过实到人数") as error:
        services.agenda.record_step(item.id, 3, due=30, present=20, votes_for=15, votes_against=6)
    assert error.value.field == "votes_for"
    assert services.agenda.next_step(item.id) == 3


def test_step_dates_follow_each_other(services, item):
    services.agenda.record_step(item.id, 1, held_on=date(2026, 3, 5))
    with pytest.raises(ValidationError) as error:
        services.agenda.record_step(item.id, 2, held_on=date(2026, 3, 1), present=5, votes_for=5)
    assert error.value.field == "held_on"


def test_waiting_step_filter(services, item, on_shift):
    """The dashboard's "waiting for step n" list finds items by their next step."""
    other = services.agenda.create(cluster_id=on_shift.huangqu, title="路灯安装")
    services.agenda.record_step(item.id, 1)
    from desktop_app.services import ListQuery

    waiting_2 = services.agenda.list(ListQuery(extra={"waiting_step": 2})).items
    waiting_1 = services.agenda.list(ListQuery(extra={"waiting_step": 1})).items
    assert [i.id for i in waiting_2] == [item.id]
    assert [i.id for i in waiting_1] == [other.id]


def test_a_concluded_item_still_waits_for_publication(services, item):
    """After 决议 passes the item is 已决议 but still waits for 决议公开."""
    from desktop_app.services import ListQuery

    s = services.agenda
    s.record_step(item.id, 1)
    s.record_step(item.id, 2, present=7, votes_for=7)
    s.record_step(item.id, 3, due=30, present=25, votes_for=24)
    s.record_step(item.id, 4, due=45, present=40, votes_for=38)
    row = s.rows([item.id])[item.id]
    assert (row["status_label"], row["next_step_label"]) == ("已决议", "决议公开")
    assert [i.id for i in s.list(ListQuery(extra={"waiting_step": 5})).items] == [item.id]
    assert s.list(ListQuery(extra={"unfinished": True})).total == 1
