"""修改历史: each change of a record from the operation log, with labels from the declarations."""

from __future__ import annotations

from tests.app.test_cli import cli

ID = "37052319850315002X"


def test_history_lists_each_change_with_old_and_new_values(services, on_shift):
    """改过的每个字段都列出来：字段名、原值、新值、谁改的、在哪台电脑；号码是遮挡的。"""
    person = services.people.create(cluster_id=on_shift.huangqu, name="李娜", post="网格员",
                                     phone="13905461234")
    services.people.update(person.id, post="妇联主席", id_number=ID)
    changes = services.history.history(person.id)
    post = [c for c in changes if c.field == "post"]
    assert [(c.action, c.label, c.old, c.new) for c in post] == [
        ("新建", "职务", "", "网格员"), ("修改", "职务", "网格员", "妇联主席")]
    assert {c.who for c in changes} == {"王建国"}
    assert all(c.pc for c in changes)
    [number] = [c for c in changes if c.field == "id_number"]
    assert (number.label, number.new) == ("身份证号", "370523********002X")
    assert ID not in str(changes) and "13905461234" not in str(changes)


def test_reveals_appear_in_the_history(services, on_shift):
    """谁点了“显示”查看身份证号、为什么，也出现在修改历史里。"""
    person = services.people.create(cluster_id=on_shift.huangqu, name="李娜", id_number=ID)
    services.privacy.reveal("person", person.id, "id_number", "核对证明")
    [seen] = [c for c in services.history.history(person.id) if c.action == "查看"]
    assert (seen.label, seen.new, seen.who) == ("身份证号", "原因：核对证明", "王建国")


def test_the_command_line_prints_the_history(services, on_shift):
    """命令行 lianjian-cli history ID 按时间列出修改历史；不存在的 ID 说清楚。"""
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟",
                                 village_ids=[on_shift.villages["黄璩村"]])
    services.tasks.update(task.id, title="清理排水沟和边沟")
    path = services.db.path
    services.db.close()
    result = cli(path, "--json", "history", task.id).json()
    titles = [(r["label"], r["old"], r["new"]) for r in result["items"]
              if r["field"] == "title"]
    assert titles == [("任务标题", "", "清理排水沟"),
                      ("任务标题", "清理排水沟", "清理排水沟和边沟")]
    text = cli(path, "history", task.id)
    assert text.code == 0 and "清理排水沟和边沟" in text.out and "王建国" in text.out
    missing = cli(path, "history", "没有这个")
    assert missing.code == 1 and "没有找到这条记录的修改历史" in missing.err
