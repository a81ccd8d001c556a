"""``lianjian-cli assess …``: a quarter built, scored, computed and finalised from the
command line, with --json, and the refusals named."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import desktop_app.__main__ as entry


def run(db, *args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = entry.main(["--db", str(db.path), *args])
    return code, out.getvalue(), err.getvalue()


def ok(db, *args) -> str:
    code, out, err = run(db, *args)
    assert code == 0, err
    return out


def test_a_quarter_from_the_command_line(services, on_shift, db):
    q = ("--quarter", "2026Q4")
    ok(db, "assess", "scheme", "new", *q)
    ok(db, "assess", "group", "add", *q, "--name", "党建引领", "--weight", "40")
    ok(db, "assess", "group", "add", *q, "--name", "重点工作", "--weight", "60")
    ok(db, "assess", "indicator", "add", *q, "--group", "党建引领", "--code", "A1",
       "--name", "现场比武", "--source", "jury", "--max", "20")
    ok(db, "assess", "indicator", "add", *q, "--group", "重点工作", "--code", "B1",
       "--name", "联席会议", "--source", "joint_meetings", "--rule", "deduct",
       "--params", '{"per_event": 2}', "--max", "10")
    for judge, points in (("甲", "18"), ("乙", "16")):
        ok(db, "assess", "score", *q, "--judge", judge, "--cluster", "黄璩联合党总支",
           "--indicator", "A1", "--points", points)
    ok(db, "assess", "bonus", *q, "--cluster", "张淡联合党总支", "--points", "3",
       "--reason", "经验在全县推广")
    ok(db, "assess", "veto", *q, "--cluster", "张淡联合党总支", "--reason", "安全事故")
    data = json.loads(ok(db, "--json", "assess", "compute", *q))
    first, second = data["clusters"]
    # 黄璩: jury 17 → 40 × 17 ÷ 20 = 34; meetings 0 → deduct: 10 → 60; total 94
    assert (first["cluster"], first["total"], first["rank"], first["flag"]) == \
        ("黄璩联合党总支", 94, 1, True)
    assert (second["total"], second["vetoed"], second["bonus"]) == (63, True, 3)
    assert "流动红旗：黄璩联合党总支" in ok(db, "assess", "compute", *q)
    ok(db, "assess", "finalise", *q, "--by", "镇党委书记")
    flags = json.loads(ok(db, "--json", "assess", "flags"))
    assert flags["items"][0]["holder"] == "黄璩联合党总支"
    shown = json.loads(ok(db, "--json", "assess", "scheme", "show", *q))
    assert shown["status"] == "final" and [g["weight"] for g in shown["groups"]] == [40, 60]


def test_refusals_are_named(services, on_shift, db):
    q = ("--quarter", "2026Q4")
    code, _, err = run(db, "assess", "compute", "--quarter", "2030Q1")
    assert code == 1 and "没有 2030Q1 的擂台比武" in err
    ok(db, "assess", "scheme", "new", *q)
    ok(db, "assess", "group", "add", *q, "--name", "党建引领", "--weight", "100")
    code, _, err = run(db, "assess", "scheme", "edit", *q, "--weight", "党建引领=90")
    assert code == 1 and "合计为 90 分，应为 100 分" in err
    code, _, err = run(db, "assess", "score", *q, "--judge", "甲", "--cluster", "x",
                       "--indicator", "A1", "--points", "1")
    assert code == 1 and "没有指标“A1”" in err


def test_a_village_office_is_refused_before_anything_is_looked_up(services, on_shift, db):
    db.set_node(cluster_id=on_shift.huangqu)
    for args in (("score", "--judge", "甲", "--cluster", "x", "--indicator", "A1",
                  "--points", "1"),
                 ("penalty", "--cluster", "x", "--points", "1", "--reason", "x"),
                 ("scheme", "edit", "--title", "x")):
        code, _, err = run(db, "assess", *args, "--quarter", "2026Q4")
        assert code == 1 and "中心村值班室不能" in err, args


def test_a_village_office_files_a_self_report_the_town_sees(services, on_shift, db):
    from tests.app.assessment.helpers import make_scheme

    make_scheme(services)
    task = services.tasks.create(cluster_id=on_shift.huangqu, title="清理排水沟")
    db.set_node(cluster_id=on_shift.huangqu)
    q = ("--quarter", "2026Q4")
    code, _, err = run(db, "assess", "report", "add", *q, "--summary", "完成议题 5 件",
                       "--evidence", "no-such-id")
    assert code == 1 and "找不到佐证记录：no-such-id" in err
    ok(db, "assess", "report", "add", *q, "--summary", "完成议题 5 件", "--points", "92",
       "--evidence", task.id)
    db.set_node(cluster_id=None)
    listed = json.loads(ok(db, "--json", "assess", "report", "list", *q))["items"]
    assert [(r["cluster"], r["claimed_points"], r["evidence"]) for r in listed] == [
        ("黄璩联合党总支", 92, [task.id])]


def test_each_record_kind_through_its_declared_commands(services, on_shift, db):
    from tests.app.assessment.helpers import make_scheme

    scheme = make_scheme(services)
    added = json.loads(ok(db, "--json", "assess", "record", "score", "add", "--scheme",
                          scheme.id, "--indicator", scheme.jury, "--cluster", on_shift.huangqu,
                          "--judge", "甲", "--points", "15"))
    assert added["points"] == 15 and added["assessed"] == "黄璩联合党总支"
    ok(db, "assess", "record", "score", "update", added["id"], "--points", "16")
    listed = json.loads(ok(db, "--json", "assess", "record", "score", "list", "--quarter",
                           "2026Q4"))
    assert [r["points"] for r in listed["items"]] == [16]
    ok(db, "assess", "record", "score", "delete", added["id"])
    assert services.assessment.scores("2026Q4") == []
    ok(db, "assess", "record", "score", "restore", added["id"])
    shown = ok(db, "assess", "record", "scheme", "show", scheme.id)
    assert "季度" in shown and "2026Q4" in shown and "定稿结果" not in shown
    services.assessment.finalise("2026Q4", "镇党委书记")
    code, _, err = run(db, "assess", "record", "score", "delete", added["id"])
    assert code == 1 and "2026Q4 已定稿" in err
