"""lianjian-cli, end to end: each test types commands as a duty officer would.

Every command goes through ``python -m desktop_app``'s entry point with its real argv. Each
Python start costs about 1.5 s of CPU (SQLAlchemy and the table classes), so most commands
run in this process (stdout and stderr captured, the exit code returned); the tests marked
"real process" spawn ``python -m desktop_app --db PATH ...`` to pin exit codes, stderr and
the output encoding as a shell sees them. ``LIANJIAN_CLI_SUBPROCESS=1`` runs every command
in its own process.

One module-scoped database (大王镇 with two clusters, an officer on shift) is built through
the services; tests that change it only look at the records they made.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import types
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from docx import Document

import desktop_app.__main__ as entry
from desktop_app.services import Services
from desktop_app.storage.database import Database
from tests.factories import build_small_town

ALWAYS_SPAWN = os.environ.get("LIANJIAN_CLI_SUBPROCESS") == "1"
# A year still to come, within the dates a record may carry (up to ten years ahead).
FUTURE = date.today().year + 5


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        assert self.code == 0, self.err
        return json.loads(self.out)


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, LIANJIAN_HOME=str(home), PYTHONIOENCODING="utf-8")
    env.pop("LIANJIAN_DB", None)
    return env


def _argv(db: Path, args) -> list[str]:
    return ["--db", str(db), *map(str, args)]


def _in_process(db: Path, args) -> Result:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = entry.main(_argv(db, args))
        except SystemExit as stop:  # argparse: --help, usage errors
            code = stop.code if isinstance(stop.code, int) else 1
    return Result(code, out.getvalue(), err.getvalue())


def spawn(db: Path, *commands) -> list[Result]:
    """Real processes, side by side: ``python -m desktop_app --db PATH ...`` per command."""
    running = [subprocess.Popen([sys.executable, "-m", "desktop_app", *_argv(db, args)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                encoding="utf-8", env=_env(db.parent / "home"))
               for args in commands]
    results = []
    for process in running:
        out, err = process.communicate(timeout=300)
        results.append(Result(process.returncode, out, err))
    return results


def cli(db: Path, *args) -> Result:
    """One command, as typed after ``lianjian-cli --db PATH``."""
    return spawn(db, args)[0] if ALWAYS_SPAWN else _in_process(db, args)


def cli_many(db: Path, *commands) -> list[Result]:
    """Independent commands (they only read, or touch separate records)."""
    if ALWAYS_SPAWN:
        return spawn(db, *commands)
    return [_in_process(db, args) for args in commands]


def assert_user_error(result: Result, *words: str) -> None:
    """Exit code 1, one line ``错误：...`` on stderr, no traceback, nothing on stdout."""
    assert result.code == 1, (result.out, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误："), result.err
    assert "Traceback" not in result.err
    assert result.out == ""
    for word in words:
        assert word in lines[0]


@dataclass
class Town:
    path: Path
    huangqu: str
    zhangdan: str
    villages: dict[str, str]
    people: dict[str, str]
    agenda_id: str
    tasks: dict[str, str]


@pytest.fixture(scope="module")
def town(tmp_path_factory) -> Town:
    """大王镇: 黄璩 (4 villages) and 张淡 (2 villages); 王建国 on duty at 黄璩; three 张淡 tasks."""
    folder = tmp_path_factory.mktemp("cli")
    db = Database(folder / "town.db")
    services = Services(db)
    built = build_small_town(services)
    villages, people = built.villages, built.people
    huangqu, zhangdan = built.huangqu, built.zhangdan
    services.duty.start(huangqu, [people["王建国"]])
    agenda_id = services.agenda.create(cluster_id=huangqu, title="修缮村东道路排水沟",
                                       village_ids=[villages["黄璩村"]]).id
    tasks = {
        "路灯": services.tasks.create(
            cluster_id=zhangdan, title="北张淡村路灯维修", village_ids=[villages["北张淡村"]],
            found_on=date(2020, 1, 1), due_on=date(2020, 1, 10)).id,
        "垃圾": services.tasks.create(
            cluster_id=zhangdan, title="南张淡村垃圾清运", village_ids=[villages["南张淡村"]],
            due_on=date(FUTURE, 6, 30), status="solved").id,
        "修路": services.tasks.create(
            cluster_id=zhangdan, title="两村联合修路", status="in_progress",
            due_on=date(FUTURE, 3, 1),
            village_ids=[villages["北张淡村"], villages["南张淡村"]]).id,
    }
    db.close()
    return Town(folder / "town.db", huangqu, zhangdan, villages, people, agenda_id, tasks)


@pytest.fixture
def quiet_town(tmp_path) -> Town:
    """A small town where nobody is on duty yet."""
    db = Database(tmp_path / "quiet.db")
    services = Services(db)
    town_id = services.towns.create(name="大王镇").id
    cluster = services.clusters.create(town_id=town_id, name="黄璩联合党总支").id
    villages = {name: services.villages.create(cluster_id=cluster, name=name).id
                for name in ("黄璩村", "韩璩村")}
    services.clusters.update(cluster, central_village_id=villages["黄璩村"])
    people = {name: services.people.create(name=name, village_id=villages[village]).id
              for name, village in (("王建国", "黄璩村"), ("李秀英", "韩璩村"))}
    db.close()
    return Town(tmp_path / "quiet.db", cluster, "", villages, people, "", {})


# --- setting up ------------------------------------------------------------------------


@pytest.mark.slow  # two real processes, one after the other
def test_init_creates_the_database_and_names_the_office(tmp_path):
    """(real process) On a new PC, init creates the database, records the town and names this
    office; check then finds the file sound."""
    path = tmp_path / "office" / "lianjian.db"
    [result] = spawn(path, ["init", "--town", "大王镇", "--county", "广饶县",
                            "--office", "黄璩中心村值班室"])
    assert result.code == 0, result.err
    assert "大王镇" in result.out and "黄璩中心村值班室" in result.out
    [check] = spawn(path, ["check"])
    assert check.code == 0, check.err
    assert "检查通过" in check.out
    db = Database(path)
    try:
        assert db.node.name == "黄璩中心村值班室"
        assert Services(db).towns.the_town().county == "广饶县"
    finally:
        db.close()


# --- people and duty -------------------------------------------------------------------


def test_person_add_and_list_by_village_and_role(town):
    """A new committee member of 韩璩村 appears in the village's list with the role in Chinese."""
    added = cli(town.path, "--json", "person", "add", "--name", "韩立新", "--village",
                town.villages["韩璩村"], "--role", "两委干部", "--role", "party_member",
                "--tag", "鸿雁", "--phone", "13900000000").json()
    assert added["cluster_id"] == town.huangqu
    assert set(added["roles"]) == {"village_committee", "party_member"}
    listed = cli(town.path, "person", "list", "--village", town.villages["韩璩村"],
                 "--role", "两委干部")
    assert listed.code == 0, listed.err
    assert "韩立新" in listed.out and "李秀英" in listed.out and "王建国" not in listed.out
    assert "两委干部、党员" in listed.out and "韩璩村" in listed.out
    assert listed.out.strip().splitlines()[-1] == "共 2 条"


def test_duty_start_and_end_with_a_handover_note(quiet_town):
    """Two officers take over the 黄璩 office; at the end of the shift the handover note is kept,
    and ending a shift twice is refused."""
    started = cli(quiet_town.path, "duty", "start", "--cluster", quiet_town.huangqu,
                  "--person", quiet_town.people["王建国"], "--person", quiet_town.people["李秀英"])
    assert started.code == 0, started.err
    assert "王建国、李秀英" in started.out and "黄璩村" in started.out
    ended = cli(quiet_town.path, "duty", "end", "--note", "雨天注意巡查排水沟",
                "--log", "接待群众 3 人")
    assert ended.code == 0, ended.err
    listed, again = cli_many(quiet_town.path, ["--json", "duty", "list"], ["duty", "end"])
    shifts = listed.json()
    assert shifts["total"] == 1
    assert shifts["items"][0]["handover_note"] == "雨天注意巡查排水沟"
    assert shifts["items"][0]["end"] is not None
    assert_user_error(again, "没有进行中的值班")


# --- agenda: 四议两公开 ----------------------------------------------------------------


def test_agenda_item_goes_through_proposal_and_consultation(town):
    """A villagers' suggestion is proposed by the branch (step 1); the committees' first vote
    fails for want of a majority, the second passes; the item then waits for step 3."""
    item = cli(town.path, "--json", "agenda", "add", "--cluster", town.huangqu,
               "--title", "硬化杨璩村南街", "--source", "群众建议",
               "--village", town.villages["杨璩村"], "--date", "2026-04-28",
               "--analysis", "雨后泥泞，群众出行难").json()
    assert item["source"] == "villagers" and item["next_step"] == 1
    proposed = cli(town.path, "agenda", "step", item["id"], "1", "--date", "2026-05-01",
                   "--text", "支部提议硬化南街")
    assert proposed.code == 0, proposed.err
    assert "第1步" in proposed.out and "通过" in proposed.out
    failed = cli(town.path, "agenda", "step", item["id"], "2", "--date", "2026-05-03",
                 "--due", "9", "--present", "8", "--for", "4", "--against", "4")
    assert failed.code == 0, failed.err
    assert "未通过" in failed.out and "未超过实到 8 人的半数" in failed.out
    passed = cli(town.path, "agenda", "step", item["id"], "2", "--date", "2026-05-03",
                 "--due", "9", "--present", "8", "--for", "7", "--against", "1")
    assert "：通过" in passed.out and "第3步" in passed.out
    shown = cli(town.path, "agenda", "show", item["id"])
    assert shown.code == 0, shown.err
    assert "硬化杨璩村南街" in shown.out and "杨璩村" in shown.out
    assert "下一步" in shown.out and "第3步 审议" in shown.out
    assert "两委会商议" in shown.out and "88.9%" in shown.out


# --- tasks -----------------------------------------------------------------------------


def test_task_add_progress_delete_and_restore(town):
    """An officer records a task claimed by 黄店村, notes progress, deletes it by mistake and
    restores it; the progress is still there."""
    task = cli(town.path, "--json", "task", "add", "--cluster", town.huangqu,
               "--title", "黄店村文化广场照明", "--village", town.villages["黄店村"],
               "--assignee", town.people["刘芳"], "--due", f"{FUTURE}-09-30",
               "--priority", "高").json()
    assert task["villages"] == "黄店村" and task["priority"] == 1 and task["status"] == "pending"
    updated = cli(town.path, "task", "update", task["id"], "--progress", "已采购灯具",
                  "--percent", "40")
    assert updated.code == 0, updated.err
    assert "已采购灯具" in updated.out and "办理中" in updated.out and "40" in updated.out
    deleted = cli(town.path, "task", "delete", task["id"])
    assert deleted.code == 0 and "已删除" in deleted.out
    gone = cli(town.path, "--json", "task", "list", "--deleted").json()
    assert task["id"] in [t["id"] for t in gone["items"]]
    restored = cli(town.path, "task", "restore", task["id"])
    assert restored.code == 0 and "已恢复" in restored.out
    shown = cli(town.path, "--json", "task", "show", task["id"]).json()
    assert shown["deleted"] is False and shown["status"] == "in_progress"
    assert [p["text"] for p in shown["progress"]] == ["已采购灯具"]
    assert shown["progress"][0]["percent"] == 40


def test_task_list_filters(town):
    """The 张淡 task list narrows by village, status, overdue, due dates and words, and pages."""
    zd, south = town.zhangdan, town.villages["南张淡村"]
    results = cli_many(
        town.path,
        ["--json", "task", "list", "--village", south],
        ["--json", "task", "list", "--cluster", zd, "--status", "已解决"],
        ["--json", "task", "list", "--cluster", zd, "--overdue"],
        ["--json", "task", "list", "--cluster", zd,
         "--from", f"{FUTURE}-01-01", "--to", f"{FUTURE}-04-01"],
        ["--json", "task", "list", "--search", "路灯"],
        ["task", "list", "--cluster", zd, "--limit", "1", "--offset", "1"],
    )
    titles = [sorted(t["title"] for t in r.json()["items"]) for r in results[:-1]]
    assert titles == [
        ["两村联合修路", "南张淡村垃圾清运"],
        ["南张淡村垃圾清运"],
        ["北张淡村路灯维修"],
        ["两村联合修路"],
        ["北张淡村路灯维修"],
    ]
    paged = results[-1]
    assert paged.code == 0, paged.err
    assert "截止日期" in paged.out and "认领村" in paged.out
    assert paged.out.strip().splitlines()[-1].startswith("共 3 条（显示第 2～2 条")


# --- meetings and volunteers -----------------------------------------------------------


def test_meeting_decision_becomes_a_task_once(town):
    """The joint meeting approves the drainage item (同意) with one member absent; its decision
    becomes a task claimed by 黄璩村, and cannot become a second task."""
    meeting = cli(town.path, "--json", "meeting", "add", "--cluster", town.huangqu,
                  "--title", "黄璩联合党总支联席会议", "--start", "2026-05-08 09:00",
                  "--chair", town.people["王建国"], "--recorder", town.people["李秀英"],
                  "--present", town.people["王建国"], "--present", town.people["李秀英"],
                  "--absent", f"{town.people['张志强']}:外出务工",
                  "--item", f"{town.agenda_id}:同意",
                  "--decision", "由黄璩村负责清淤，六月底前完成").json()
    assert meeting["present_names"] == ["王建国", "李秀英"]
    assert meeting["absent_names"] == ["张志强（外出务工）"]
    assert meeting["agenda"][0]["outcome"] == "approved"
    decision_id = meeting["decisions"][0]["id"]
    task = cli(town.path, "--json", "meeting", "decision-to-task", decision_id,
               "--village", town.villages["黄璩村"], "--due", "2026-06-30").json()
    assert task["decision_id"] == decision_id and task["agenda_item_id"] is None
    assert task["villages"] == "黄璩村" and task["due_on"] == "2026-06-30"
    assert task["found_on"] == "2026-05-08"
    assert_user_error(cli(town.path, "meeting", "decision-to-task", decision_id), "已生成任务")


def test_meeting_decisions_take_an_owner_and_a_deadline(town, tmp_path):
    """``--decision-owner`` and ``--decision-deadline`` belong to the ``--decision`` before
    them; the 会议纪要 then prints them instead of 未指定 / 未定."""
    meeting = cli(town.path, "--json", "meeting", "add", "--cluster", town.huangqu,
                  "--title", "黄璩联合党总支联席会议", "--start", "2026-05-08 09:00",
                  "--present", town.people["王建国"],
                  "--decision", "清理排水沟", "--decision-owner", town.people["李秀英"],
                  "--decision-deadline", "2026-06-30",
                  "--decision", "张贴公示",
                  "--decision", "修补路灯", "--decision-deadline", "2026-07-15").json()
    decisions = {d["text"]: d for d in meeting["decisions"]}
    assert decisions["清理排水沟"]["owner"] == "李秀英"
    assert decisions["清理排水沟"]["deadline"] == "2026-06-30"
    assert decisions["张贴公示"]["owner_id"] is None and decisions["张贴公示"]["deadline"] is None
    assert decisions["修补路灯"]["deadline"] == "2026-07-15"
    out = tmp_path / "纪要.docx"
    assert cli(town.path, "export", "summary", meeting["id"], "--out", str(out)).code == 0
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "清理排水沟（责任人：李秀英；完成时限：2026年6月30日）" in text
    assert "修补路灯（责任人：未指定；完成时限：2026年7月15日）" in text
    bad = cli(town.path, "meeting", "add", "--cluster", town.huangqu, "--title", "会",
              "--start", "2026-05-08 09:00", "--decision-owner", town.people["李秀英"])
    assert bad.code == 2 and "应写在它所属的 --decision 之后" in bad.err
    assert_user_error(cli(town.path, "meeting", "add", "--cluster", town.huangqu, "--title", "会",
                          "--start", "2026-05-08 09:00", "--decision", "清淤",
                          "--decision-deadline", "六月底"), "截止日期")


def test_activity_hours_per_participant(town):
    """A two-and-a-half-hour clean-up records each volunteer's hours; three hours for one
    volunteer is more than the activity lasted and is refused."""
    added, too_long = cli_many(
        town.path,
        ["--json", "activity", "add", "--cluster", town.huangqu, "--title", "村庄环境清扫",
         "--date", "2026-05-02", "--start", "08:00", "--end", "10:30", "--served", "40",
         "--participant", f"{town.people['张志强']}:2", "--participant", town.people["刘芳"]],
        ["activity", "add", "--cluster", town.huangqu, "--title", "村庄环境清扫",
         "--date", "2026-05-02", "--start", "08:00", "--end", "10:30",
         "--participant", f"{town.people['张志强']}:3"],
    )
    activity = added.json()
    hours = {p["name"]: p["hours"] for p in activity["participant_hours"]}
    assert hours == {"张志强": 2.0, "刘芳": 2.5}
    assert activity["hours"] == 4.5
    assert_user_error(too_long, "张志强", "超过活动时长")

    # a later correction: the list of volunteers is replaced, hours default to the length
    # the record keeps; deleted and restored like every record
    updated, deleted, listed, restored = (cli(town.path, *command) for command in (
        ["--json", "activity", "update", activity["id"], "--participant", town.people["王建国"]],
        ["activity", "delete", activity["id"]],
        ["--json", "activity", "list", "--cluster", town.huangqu],
        ["activity", "restore", activity["id"]],
    ))
    assert {p["name"]: p["hours"] for p in updated.json()["participant_hours"]} == {"王建国": 2.5}
    assert "activity restore" in deleted.out
    assert activity["id"] not in {row["id"] for row in listed.json()["items"]}
    assert restored.code == 0, restored.err


def test_a_service_fair_is_an_activity_of_its_kind(town):
    """``--kind 为民服务大集`` with the services offered as ``--content``; ``list --kind fair``
    lists fairs only; a fair without its services is refused by name."""
    common = ["--cluster", town.huangqu, "--date", "2026-05-02", "--start", "08:00",
              "--end", "11:30"]
    added, bare, other, fairs, wrong = cli_many(
        town.path,
        ["--json", "activity", "add", *common, "--title", "为民服务大集", "--kind", "为民服务大集",
         "--content", "医保参保登记、义诊、法律咨询", "--served", "260"],
        ["activity", "add", *common, "--title", "为民服务大集", "--kind", "fair"],
        ["activity", "add", *common, "--title", "村庄环境清扫"],
        ["--json", "activity", "list", "--kind", "fair"],
        ["activity", "list", "--kind", "集市"],
    )
    fair = added.json()
    assert (fair["kind"], fair["people_served"]) == ("fair", 260)
    assert_user_error(bare, "为民服务大集须在服务内容中写明提供的服务项目")
    assert other.code == 0
    assert [a["id"] for a in fairs.json()["items"]] == [fair["id"]]
    assert_user_error(wrong, "活动类别“集市”无效", "为民服务大集")


# --- search ----------------------------------------------------------------------------


def test_search_by_characters_and_pinyin_initials_and_check(town):
    """排水 finds the agenda item; hq (pinyin initials) finds 黄璩村 and 韩璩村 among villages;
    check finds the database in use sound."""
    words, initials, check = cli_many(town.path, ["search", "排水"],
                                      ["--json", "search", "hq", "--kind", "村庄"], ["check"])
    assert check.code == 0, check.err
    assert "完整性检查（integrity_check）：正常" in check.out
    assert "外键检查（foreign_key_check）：正常" in check.out
    assert words.code == 0, words.err
    assert "修缮村东道路排水沟" in words.out and "议题" in words.out
    names = sorted(hit["title"] for hit in initials.json()["items"])
    assert names == ["韩璩村", "黄璩村"]


# --- mistakes --------------------------------------------------------------------------


@pytest.mark.slow  # five real processes
def test_bad_values_and_unknown_ids_give_one_line_errors(town, tmp_path):
    """(real process) A typo in a date, a choice or an id ends with exit code 1 and one line
    错误：..., never a traceback; with --json nothing but the error is printed."""
    missing = tmp_path / "missing.db"
    bad_date, bad_choice, unknown, unknown_json, no_file = spawn(
        town.path,
        ["task", "add", "--cluster", town.huangqu, "--title", "清淤", "--due", "2026-13-01"],
        ["task", "list", "--status", "差不多"],
        ["task", "show", "no-such-task"],
        ["--json", "agenda", "show", "no-such-item"],
        ["task", "list", "--db", missing],  # --db after the command wins
    )
    assert_user_error(bad_date, "截止日期", "2026-13-01")
    assert_user_error(bad_choice, "任务状态", "待办理")
    assert_user_error(unknown, "找不到工作任务", "no-such-task")
    assert_user_error(unknown_json, "找不到议题")
    assert_user_error(no_file, "数据库文件不存在")
    assert not missing.exists()


def test_bad_usage_exits_2_and_json_reaches_the_shell(town):
    """(real process) A missing required option or an unknown command is a usage error (exit
    code 2); a good command with --json prints JSON a program can read, in UTF-8."""
    missing, unknown, listing = spawn(town.path, ["task", "add", "--cluster", town.huangqu],
                                      ["frobnicate"], ["--json", "task", "list", "--open"])
    assert missing.code == 2 and "--title" in missing.err and "用法" in missing.err
    assert unknown.code == 2
    assert "Traceback" not in missing.err + unknown.err
    assert missing.out == unknown.out == ""
    tasks = listing.json()
    assert "北张淡村路灯维修" in [t["title"] for t in tasks["items"]]
    assert tasks["total"] >= 2 and listing.err == ""


# --- JSON of every list and record ------------------------------------------------------


def test_every_list_and_show_prints_valid_json(town):
    """Each list prints {"items", "total"} and each record an object with its id, dates in ISO."""

    def run(*args):
        return cli(town.path, *args, "--json").json()

    for command in (["cluster", "list"], ["village", "list"], ["person", "list"],
                    ["duty", "list"], ["agenda", "list"], ["task", "list"],
                    ["meeting", "list"], ["activity", "list"], ["team", "list"],
                    ["search", "张淡"]):
        listing = run(*command)
        assert set(listing) == {"items", "total"}, command
        assert listing["total"] >= len(listing["items"]), command
        assert all("id" in item for item in listing["items"]), command
        if command[0] not in ("meeting", "activity", "team"):  # the fixture made no such records
            assert listing["items"], command
    task = run("task", "show", town.tasks["路灯"])
    assert task["id"] == town.tasks["路灯"] and task["due_on"] == "2020-01-10"
    assert task["overdue"] is True and task["status_label"] == "待办理"
    item = run("agenda", "show", town.agenda_id)
    assert item["id"] == town.agenda_id and isinstance(item["steps"], list)
    person = run("person", "show", town.people["王建国"])
    assert person["village"] == "黄璩村"
    clusters = run("cluster", "list")["items"]
    counts = {c["name"]: c["village_count"] for c in clusters}
    assert counts == {"张淡联合党总支": 2, "黄璩联合党总支": 4}


# --- entry points ----------------------------------------------------------------------


def test_cli_starts_without_qt_or_heavy_libraries():
    """Loading the CLI (and ``python -m desktop_app``) pulls in neither Qt nor pinyin, charts,
    Word or even the database layer, so help and usage errors answer at once."""
    code = ("import sys, desktop_app.__main__, desktop_app.cli.main as m; m.build_parser(); "
            "print([n for n in ('PySide6', 'pypinyin', 'matplotlib', 'docx', 'sqlalchemy') "
            "if n in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def _modules_after(argv: list[str], names: tuple[str, ...]) -> tuple[list[str], str]:
    """(which of ``names`` are imported, stdout) after ``lianjian-cli ARGV`` in a new
    process."""
    code = ("import sys\nfrom desktop_app.cli.main import main\n"
            f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
            f"print('LOADED', [n for n in {names!r} if n in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    out, _, loaded = done.stdout.rpartition("LOADED ")
    return json.loads(loaded.replace("'", '"')), out


ORM = ("sqlalchemy", "sqlmodel", "pydantic", "db.models")
HEAVY = ("pypinyin", "cryptography", "docx", "matplotlib", "python_calamine", "xlsxwriter",
         "openpyxl", "alembic", "PySide6")


@pytest.mark.parametrize("argv", [["--help"], ["--version"], ["task", "--help"],
                                  ["task", "lst"], []])
def test_help_version_and_usage_errors_import_no_orm(argv):
    """(real process) Help, the version and usage errors answer without the database layer."""
    loaded, out = _modules_after(argv, ORM + HEAVY)
    assert loaded == []
    if argv == ["--help"]:
        assert "task" in out and "sync" in out  # every group listed
    if argv == ["--version"]:
        assert "联建台账" in out


def test_listing_tasks_loads_no_pinyin_crypto_word_charts_excel_or_alembic(town):
    """(real process) ``task list`` imports the ORM and its own code, nothing of the commands
    that search by pinyin, sign files, write Word or Excel, draw charts or migrate."""
    loaded, out = _modules_after(["--db", str(town.path), "task", "list", "--limit", "1"],
                                 ("sqlmodel",) + HEAVY)
    assert loaded == ["sqlmodel"]
    assert re.search(r"共 \d+ 条（显示第 1～1 条", out), out


def test_the_parser_built_for_one_command_reads_it_as_the_whole_parser_does():
    """Only the command a run uses is built in full; the result of parsing is the same, and
    so is the top-level help (every command with its help)."""
    from desktop_app.cli.main import build_parser, command_in

    assert build_parser(only="").format_help() == build_parser().format_help()
    for argv in (["--db", "x.db", "task", "list", "--overdue", "--limit", "5"],
                 ["task", "add", "--title", "修路", "--json"],
                 ["--json", "--today", "2026-12-02", "sync", "export", "--out", "d"],
                 ["init", "--town", "大王镇"], ["--db=y.db", "search", "黄璩"]):
        command = command_in(argv)
        assert command == argv[[n for n, word in enumerate(argv)
                                if not word.startswith("-") and argv[n - 1] not in
                                ("--db", "--today")][0]]
        whole = vars(build_parser().parse_args(argv))
        one = vars(build_parser(only=command).parse_args(argv))
        for parsed in (whole, one):
            parsed.pop("parser")
        assert one == whole


def test_no_command_opens_the_window(monkeypatch, tmp_path):
    """``python -m desktop_app --db PATH`` opens the window on that file; with a command it is
    the CLI."""
    opened = []
    fake = types.ModuleType("ui.app")
    fake.run_gui = lambda path: opened.append(path) or 0
    monkeypatch.setitem(sys.modules, "ui.app", fake)
    assert entry.main(["--db", str(tmp_path / "x.db")]) == 0
    assert entry.main([f"--db={tmp_path / 'y.db'}"]) == 0
    monkeypatch.setenv("LIANJIAN_DB", str(tmp_path / "env.db"))
    assert entry.main([]) == 0
    assert opened == [tmp_path / "x.db", tmp_path / "y.db", tmp_path / "env.db"]
    assert entry._gui_db_argument(["--db", "x.db", "task", "list"]) == (False, None)


def test_a_village_office_is_set_up_before_its_clusters_records_arrive(tmp_path):
    """(real process) init --cluster on a new village PC works without the cluster's record,
    and writes no town record of its own."""
    import sqlite3

    path = tmp_path / "village.db"
    [result] = spawn(path, ["init", "--cluster", "c-not-yet-here", "--office", "黄璩中心村值班室"])
    assert result.code == 0, result.stderr
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("SELECT count(*) FROM town").fetchone()[0] == 0
        assert connection.execute("SELECT cluster_id, name FROM local_node").fetchone() == (
            "c-not-yet-here", "黄璩中心村值班室")
    finally:
        connection.close()


def test_sync_export_says_how_many_changes_the_file_holds(town, tmp_path):
    """A full file of the small town holds every change made through the services."""
    result = cli(town.path, "sync", "export", "--out", str(tmp_path), "--full")
    assert result.code == 0, result.err
    count = int(result.out.split("（")[-1].split(" 条记录更新")[0])
    assert count > 20 and Path(result.out.split("：", 1)[1].split("（")[0]).is_file()
    data = json.loads(cli(town.path, "--json", "sync", "export", "--out", str(tmp_path)).out)
    assert data["operations"] == count


def test_a_file_from_the_sample_town_says_sample_data_is_not_synced(tmp_path):
    """The sample town is written outside the operation log: its file carries no records,
    and the export says why instead of leaving an empty file unexplained."""
    db = tmp_path / "sample.db"
    assert cli(db, "demo").code == 0
    (tmp_path / "out").mkdir()
    result = cli(db, "sync", "export", "--out", str(tmp_path / "out"), "--full")
    assert result.code == 0, result.err
    assert "（0 条记录更新）" in result.out and "示例数据不参与同步" in result.out


# --- options and output read from the record types' declarations -----------------------

# Record types with CLI add (and update) commands: (record type, command group, has update).
DECLARED_COMMANDS = [("volunteer_team", "team", True), ("agenda_item", "agenda", True),
                     ("work_task", "task", True), ("meeting", "meeting", True),
                     ("volunteer_activity", "activity", True), ("cluster", "cluster", True),
                     ("village", "village", False), ("person", "person", True),
                     ("grid", "grid", True), ("micro_grid", "microgrid", True),
                     ("grid_visit", "visit", True)]
DECLARED_COMMANDS.insert(0, ("duty_pool_member", "pool", True))  # 轮值排班 (cli/crud.py)


@pytest.fixture
def duty_town(tmp_path) -> Town:
    """大王镇 of build_small_town, 王建国 on duty at 黄璩, one 黄璩 agenda item; its own file."""
    db = Database(tmp_path / "declared.db")
    services = Services(db)
    built = build_small_town(services)
    services.duty.start(built.huangqu, [built.people["王建国"]])
    agenda_id = services.agenda.create(cluster_id=built.huangqu, title="修缮村东道路排水沟").id
    db.close()
    return Town(tmp_path / "declared.db", built.huangqu, built.zhangdan, built.villages,
                built.people, agenda_id, {})


def _options_in_help(town: Town, *command) -> set[str]:
    result = cli(town.path, *command, "--help")
    assert result.code == 0, result.err
    return set(re.findall(r"--[a-z][a-z-]*", result.out))


def _shown_lines(out: str) -> dict[str, str]:
    """``label -> value`` of the ``label  value`` lines a show prints (not its sections)."""
    lines = [line.split(None, 1) for line in out.splitlines() if line and line[0] != " "]
    return {parts[0]: parts[1] for parts in lines if len(parts) == 2}


def _typed(field, variant: int, refs: dict, times) -> tuple[list[str], list[str]]:
    """What a person types for ``field`` (one value per repeat of the option) and what show
    prints for it; ``variant`` 1 gives other values than 0 (for an update)."""
    from desktop_app.records.fields import Kind
    from desktop_app.records.id_numbers import check_digit

    day = (date.today() - timedelta(days=variant)).isoformat()
    kind = field.kind
    if field.name == "phone":  # sensitive: show prints it masked (docs/privacy.md)
        value = f"1390000000{variant}"
        return [value], [f"139****000{variant}"]
    if field.name == "id_number":
        body = f"3705231970010112{variant}"
        return [body + check_digit(body)], [f"370523********12{variant}{check_digit(body)}"]
    if kind in (Kind.TEXT, Kind.LONG_TEXT):
        value = (("测试", "改后")[variant] + field.label)[:field.longest]
        return [value], [value]
    if kind is Kind.DATE:
        return [day], [day]
    if kind is Kind.DATETIME:
        return [f"{day} 09:00"], [f"{day} 09:00"]
    if kind is Kind.TIME:
        value = next(times)
        return [value], [value]
    if kind is Kind.NUMBER:
        value = str((1970 if (field.minimum or 0) >= 1900 else 7) + variant)
        return [value], [value]
    if kind is Kind.CHOICE:
        labels = list(field.choices.values())
        label = labels[(variant + 1) % len(labels)]  # another value on update
        return [label], [label]
    if kind is Kind.CHOICES:
        labels = list(field.choices.values())[variant:variant + 2]
        return labels, labels
    if kind is Kind.TAGS:
        return [("鸿雁", "青雁")[variant]], [("鸿雁", "青雁")[variant]]
    record_id, name = refs[field.target or kind.value.removesuffix("s")][variant]
    return [record_id], [name]


def test_every_declared_field_is_an_option_and_shows_under_its_label(duty_town):
    """Whatever a record type declares, an officer can type at the command line and read
    back: each field of a task, an agenda item, a meeting, a team, an activity, a cluster, a
    village or a person that can be filled in is an option of its add or update command, and
    the value given shows in what the command prints, under the field's one Chinese label."""
    from desktop_app.cli.declared import has_option
    from desktop_app.records.types import record_type

    town = duty_town
    refs = {
        "cluster": [(town.huangqu, "黄璩联合党总支")] * 2,
        "village": [(town.villages["黄璩村"], "黄璩村"), (town.villages["韩璩村"], "韩璩村")],
        "person": [(town.people["王建国"], "王建国"), (town.people["李秀英"], "李秀英")],
        "agenda_item": [(town.agenda_id, "修缮村东道路排水沟")],
    }
    for table, group, has_update in DECLARED_COMMANDS:
        declared = record_type(table)
        fields = [f for f in declared.editable if has_option(f)]
        on_add = _options_in_help(town, group, "add")
        on_update = _options_in_help(town, group, "update") if has_update else set()
        for field in fields:
            option = f"--{field.cli_option}"
            # a new cluster has no villages yet, so its central village is set by update
            assert option in on_add or (table, field.name) == ("cluster", "central_village_id")
            assert option in on_update or field.on_create_only or not has_update, field.name

        record_id = None
        for variant, command, offered in ((0, "add", on_add), (1, "update", on_update)):
            given = [f for f in fields if f"--{f.cli_option}" in offered]
            if not given:
                continue
            if table == "cluster" and command == "update":  # its central village is its own
                village = cli(town.path, "--json", "village", "add", "--cluster", record_id,
                              "--name", "新中心村").json()
                refs["village"][1] = (village["id"], "新中心村")
            times = iter(("08:00", "10:30"))
            argv, expected = [], {}
            for field in given:
                typed, shown = _typed(field, variant, refs, times)
                for value in typed:
                    argv += [f"--{field.cli_option}", value]
                expected[field.name] = (field.label, shown)
            ids = [record_id] if command == "update" else []
            result = cli(town.path, group, command, *ids, *argv)
            assert result.code == 0, (table, command, result.err)
            lines = _shown_lines(result.out)
            record_id = lines["ID"]
            for name, (label, shown) in expected.items():
                assert label in lines, (table, command, name, result.out)
                for value in shown:
                    assert value in lines[label], (table, command, name, lines[label])
        if table == "cluster":  # the records after it are in the town's clusters again
            refs["village"][1] = (town.villages["韩璩村"], "韩璩村")
        if table == "agenda_item":
            refs["agenda_item"].append((record_id, "改后议题标题"))
        if table == "volunteer_team":
            refs["volunteer_team"] = [(record_id, "改后服务队名称")] * 2
        if table == "grid":
            refs["grid"] = [(record_id, "改后网格名称")] * 2
        if table == "micro_grid":
            refs["micro_grid"] = [(record_id, "改后微网格名称")] * 2


def test_sync_files_on_a_missing_stick_or_path_are_refused_in_chinese(town, tmp_path):
    """An unplugged stick is not made into a folder; a mistyped file says 错误：… in Chinese."""
    stick = tmp_path / "media" / "U盘"
    assert_user_error(cli(town.path, "sync", "export", "--out", str(stick)), "文件夹不存在")
    assert not stick.exists()
    assert_user_error(cli(town.path, "node", "enrol-file", "--out", str(stick)), "文件夹不存在")
    assert_user_error(cli(town.path, "sync", "import", str(tmp_path / "nothing.ljsync")),
                      "找不到同步文件", "nothing.ljsync")


def test_enrol_file_prints_the_fingerprint_to_read_over_the_phone(tmp_path):
    """The enrolment file's message carries the fingerprint the town checks by phone."""
    db = tmp_path / "village.db"
    assert cli(db, "init", "--town", "大王镇", "--office", "黄璩中心村值班室").code == 0
    fingerprint = json.loads(cli(db, "--json", "node", "show").out)["fingerprint"]
    result = cli(db, "node", "enrol-file", "--out", str(tmp_path))
    assert result.code == 0, result.err
    assert fingerprint and fingerprint in result.out
