"""Search finds what people write in a record's rows (progress notes, decisions, 四议两公开
steps, meeting discussions), handover notes and certificates, and opens the right record."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from desktop_app.search.fts import Filters
from desktop_app.services.search import mask, plain_snippet


def _only(services, query, **filters):
    found = services.search.search(query, Filters(**filters) if filters else None)
    assert len(found) == 1, [(f.kind, f.title, f.snippet) for f in found]
    return found[0]


def test_a_word_only_in_a_progress_note_finds_its_task(services, on_shift):
    """A duty officer searches 蓖麻 and sees the task whose progress note says it."""
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="种植结构调整",
                                 found_on=date(2026, 11, 2), due_on=date(2026, 12, 31))
    services.tasks.add_progress(task.id, "已联系蓖麻籽收购商樊家庄")
    hit = _only(services, "蓖麻")
    assert (hit.kind, hit.record_id, hit.title) == ("work_task", task.id, "种植结构调整")
    assert hit.where == "任务进展"
    assert plain_snippet(hit.snippet) == "已联系【蓖麻】籽收购商樊家庄"
    assert (hit.cluster, hit.day) == ("黄璩联合党总支", "2026-11-02")
    assert services.search.counts("蓖麻") == {"work_task": 1}
    # the task list's own search box finds it too
    assert services.tasks.ids(_list_query("蓖麻")) == [task.id]


def _list_query(text):
    from desktop_app.services import ListQuery

    return ListQuery(text=text)


def test_a_decision_and_a_discussion_find_their_meeting(services, on_shift):
    p = on_shift.people
    item = services.agenda.create(cluster_id=on_shift.huangqu, title="村东道路硬化",
                                  village_ids=[on_shift.villages["黄璩村"]])
    meeting = services.meetings.create(
        cluster_id=on_shift.huangqu, title="十一月联席会议", start=datetime(2026, 11, 20, 9),
        chair_id=p["王建国"],
        agenda=[{"agenda_item_id": item.id, "outcome": "heard", "discussion": "群众提出加装路灯"}])
    services.meetings.add_decision(meeting.id, "请黄店村牵头采购沥青")
    hit = _only(services, "沥青")
    assert (hit.kind, hit.record_id, hit.where) == ("meeting", meeting.id, "会议决定")
    assert hit.day == "2026-11-20"
    hit = _only(services, "路灯")
    assert (hit.record_id, hit.where) == (meeting.id, "会议议题")


def test_a_steps_note_finds_the_agenda_item(services, on_shift):
    item = services.agenda.create(cluster_id=on_shift.huangqu, title="文化广场建设",
                                  raised_on=date(2026, 2, 1),
                                  village_ids=[on_shift.villages["黄璩村"]])
    services.agenda.record_step(item.id, 1, held_on=date(2026, 3, 1), text="提议在祠堂旧址建设")
    hit = _only(services, "祠堂")
    assert (hit.kind, hit.record_id, hit.where) == ("agenda_item", item.id, "四议两公开步骤")
    assert services.search.counts("祠堂") == {"agenda_item": 1}


def test_a_handover_note_finds_the_shift(services, on_shift):
    services.duty.end("明早八点抽水泵送修")
    hit = _only(services, "抽水泵")
    assert hit.kind == "duty_shift" and hit.where == ""
    assert "值班" in hit.title and "王建国" in hit.title
    assert "【抽水泵】" in plain_snippet(hit.snippet)


def test_a_certificate_is_found_by_its_register_entries(services, on_shift):
    p = on_shift.people
    team = services.teams.create(cluster_id=on_shift.huangqu, name="黄璩党员志愿服务队")
    services.activities.create(
        cluster_id=on_shift.huangqu, team_id=team.id, title="为民服务大集",
        held_on=date(2026, 11, 8), start_time=time(8, 30), end_time=time(11, 30),
        participants={p["刘芳"]: 3})
    record = services.certificates.issue(p["刘芳"], date(2026, 1, 1), date(2026, 12, 31),
                                         issued_on=date(2026, 12, 1), clerk="葛朗台")
    hit = _only(services, "葛朗台")
    assert (hit.kind, hit.record_id, hit.title) == ("certificate_record", record.id,
                                                    record.number)
    assert (hit.cluster, hit.day) == ("黄璩联合党总支", "2026-12-01")


def test_counts_are_records_not_rows(services, on_shift):
    """Three notes of one task that all say 排水 count the task once; the list shows it once."""
    one = services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
    for text in ("排水沟已清一半", "排水沟清完", "排水通畅"):
        services.tasks.add_progress(one.id, text)
    other = services.tasks.create(cluster_id=on_shift.huangqu, title="修路", description="含排水")
    results = services.search.grouped("排水")
    assert results.counts == {"work_task": 2}
    assert [f.record_id for f in results.hits["work_task"]] == [other.id, one.id]
    assert len(services.search.grouped("排水", per_kind=1).hits["work_task"]) == 1
    assert services.search.grouped("排水", per_kind=1).counts == {"work_task": 2}


def test_the_search_box_counts_each_kind_up_to_a_cap(services, on_shift):
    """Past the cap a kind's count says "N+" (counting every hit of 已 in five years of
    progress notes took seconds); a kind with few hits beside it keeps its true count."""
    for number in range(5):
        task = services.tasks.create(cluster_id=on_shift.huangqu, title=f"第{number}号任务")
        services.tasks.add_progress(task.id, "已到现场查看路灯")
    person = services.people.create(name="路灯管理员", cluster_id=on_shift.huangqu)
    results = services.search.grouped("路灯", per_kind=2, cap=3)
    assert results.counts == {"work_task": 3, "person": 1}
    assert results.more == {"work_task"}
    assert (results.count_text("work_task"), results.count_text("person")) == ("3+", "1")
    assert results.total_text == "4+"
    assert len(results.hits["work_task"]) == 2
    assert [f.record_id for f in results.hits["person"]] == [person.id]
    exact = services.search.grouped("路灯", cap=5)
    assert (exact.counts, exact.more, exact.total_text) == ({"work_task": 5, "person": 1},
                                                           frozenset(), "6")
    assert services.search.counts("路灯") == {"work_task": 5, "person": 1}  # the CLI's


def test_a_kind_filter_keeps_that_kind_only(services, on_shift):
    """The kind of a hit is a word in the index: a search of one kind finds no other."""
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="修缮祠堂")
    services.people.create(name="祠堂管理员", cluster_id=on_shift.huangqu)
    found = services.search.search("祠堂", Filters(kinds=("work_task",)))
    assert [(f.kind, f.record_id) for f in found] == [("work_task", task.id)]
    both = services.search.grouped("祠堂", Filters(kinds=("work_task", "person")))
    assert set(both.counts) == {"work_task", "person"}
    assert services.tasks.ids(_list_query("祠堂")) == [task.id]  # the list's own filter


def test_deleted_records_and_their_rows_only_when_asked(services, on_shift):
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="拆除危房")
    services.tasks.add_progress(task.id, "已通知蓖麻户主")
    services.tasks.delete(task.id)
    assert services.search.search("蓖麻") == []
    assert services.search.search("危房") == []
    assert services.search.counts("危房") == {}
    hit = _only(services, "蓖麻", deleted=True)
    assert hit.deleted and hit.record_id == task.id
    services.tasks.restore(task.id)
    assert _only(services, "蓖麻").record_id == task.id


def test_filters_kind_cluster_and_dates(services, on_shift):
    a = services.tasks.create(cluster_id=on_shift.huangqu, title="修桥", found_on=date(2026, 5, 1))
    services.tasks.create(cluster_id=on_shift.huangqu, title="修桥二期",
                           found_on=date(2026, 9, 1))
    assert _only(services, "修桥", date_to="2026-06-30").record_id == a.id
    assert len(services.search.search("修桥", Filters(date_from="2026-05-01"))) == 2
    assert services.search.search("修桥", Filters(cluster_id=on_shift.zhangdan)) == []
    assert services.search.search("修桥", Filters(kinds=("meeting",))) == []


def test_sensitive_values_never_in_snippets(services, on_shift):
    """A whole ID number finds the person, shown masked; a part of it finds nothing; a number
    typed into a note is masked in the snippet."""
    number = "370523199001011234"
    from desktop_app.records.id_numbers import check_digit

    number = number[:17] + check_digit(number[:17])
    person = services.people.create(name="樊小梅", village_id=on_shift.villages["黄璩村"],
                                    id_number=number, phone="13812345678")
    hit = _only(services, number)
    assert hit.record_id == person.id
    assert number not in hit.snippet and mask(number) in hit.snippet
    assert plain_snippet(hit.snippet) == f"身份证号：【{mask(number)}】"
    assert services.search.search(number[:10]) == []
    hit = _only(services, "13812345678")
    assert "138****5678" in hit.snippet
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="走访",
                                 description="联系人电话13812345678，樊小梅")
    found = services.search.search("走访")
    assert [f.record_id for f in found] == [task.id]
    assert "13812345678" not in found[0].snippet and "138****5678" in found[0].snippet


@pytest.mark.parametrize("typed", ["fxm", "fanxiaomei"])
def test_pinyin_of_names_still_works(services, on_shift, typed):
    services.people.create(name="樊小梅", village_id=on_shift.villages["黄璩村"])
    assert _only(services, typed).title == "樊小梅"


def test_pinyin_initials_of_a_title(services, on_shift):
    """qlps finds 清理排水沟 by the initials its title starts with."""
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
    assert _only(services, "qlps").record_id == task.id


def test_the_lists_search_finds_deleted_tasks_in_the_deleted_view(services, on_shift):
    from desktop_app.services import ListQuery

    task = services.tasks.create(cluster_id=on_shift.huangqu, title="拆除危房")
    services.tasks.delete(task.id)
    assert services.tasks.ids(ListQuery(text="危房")) == []
    assert services.tasks.ids(ListQuery(text="危房", only_deleted=True)) == [task.id]
