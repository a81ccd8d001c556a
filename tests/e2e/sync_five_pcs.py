#!/usr/bin/env python3
"""五台电脑的 U 盘同步，全程只用命令行 / USB sync between five PCs, driven only through the CLI.

The "done when" scenario of the sync issue, end to end: the town hub and four central village
offices in two clusters, each with its own database, exchanging sync files through the town
(village → town → villages) in a scrambled order, with duplicates, a renamed copy, a late file,
forged and truncated files, concurrent edits (a same-field conflict, different fields, a delete
against an edit). At the end all five databases must hold the same records and the same conflict
list, and the town must see the four villages approved with nothing lacking.

Every action is a ``python -m desktop_app --db X ...`` subprocess, or with ``--cli`` one of a
built ``lianjian-cli`` (make build's passed all 182 checks on 2026-11-29, in 234 s). The script
itself only carries files between folders (the USB sticks), plays the attacker (forging and
truncating files) and reads the databases with ``sqlite3`` to compare them.

    python tests/e2e/sync_five_pcs.py [--keep DIR] [--seed N] [--cli PROGRAM]

Exit 0 when every check passed; 1 (with the failed check) otherwise.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOWN_NAME, COUNTY = "大王镇", "广饶县"
CLUSTERS = {"A": "黄璩联合党总支", "B": "张淡联合党总支"}
# key: (village name, cluster key, central?, officer, officer's post)
VILLAGES = {
    "v1": ("黄璩村", "A", True, "王建国", "党支部书记"),
    "v2": ("韩璩村", "A", False, "李秀英", "村委会主任"),
    "v3": ("北张淡村", "B", True, "赵磊", "党支部书记"),
    "v4": ("南张淡村", "B", False, "孙丽", "村务监督委员会主任"),
}
# Columns that say when/where a record was last stamped on this PC, not what it holds.
VOLATILE = {"clocks", "heads", "updated_at", "recorded_by", "origin", "version"}
# Keys of the CLI's JSON rows that are derived from the above or from this PC's peers.
VOLATILE_JSON = VOLATILE | {"winner_node", "loser_node"}
REFUSAL_WORDS = ("校验", "签名", "伪造", "截断", "不完整", "损坏", "改动", "不属于")


class CheckFailed(Exception):
    pass


# --- logging and checks ----------------------------------------------------------------------
class Log:
    def __init__(self) -> None:
        self.started = time.monotonic()
        self.checks: list[tuple[str, bool]] = []
        self.notes: list[str] = []
        self.calls = 0

    def phase(self, title: str) -> None:
        print(f"\n{'=' * 78}\n{title}\n{'=' * 78}", flush=True)

    def step(self, text: str) -> None:
        print(f"\n--- {text}", flush=True)

    def info(self, text: str) -> None:
        print(f"    {text}", flush=True)

    def note(self, text: str) -> None:
        """A gap or a bug found on the way (reported at the end; not a failure)."""
        self.notes.append(text)
        print(f"    ⚠ 注意 / NOTE: {text}", flush=True)

    def check(self, ok: bool, text: str, detail: str = "") -> None:
        self.checks.append((text, bool(ok)))
        print(f"    {'✓' if ok else '✗'} {text}" + (f" — {detail}" if detail and not ok else ""),
              flush=True)
        if not ok:
            raise CheckFailed(f"{text}" + (f": {detail}" if detail else ""))


LOG = Log()


# --- the PCs ---------------------------------------------------------------------------------
@dataclass
class PC:
    key: str  # town / v1 .. v4
    label: str  # what the log calls it
    db: Path
    office: str
    cluster_key: str | None = None
    village_name: str | None = None
    node_id: str = ""
    fingerprint: str = ""
    exported: int = 0
    imported: int = 0
    known: int = 0
    refused: int = 0
    files: list[Path] = field(default_factory=list)


@dataclass
class Result:
    code: int
    out: str
    err: str

    @property
    def data(self):
        return json.loads(self.out) if self.out.strip() else None


class World:
    def __init__(self, folder: Path, seed: int, cli: Path | None = None) -> None:
        self.folder = folder
        # The command line: this checkout's, or a built one (make build's lianjian-cli).
        self.program = [str(cli)] if cli else [sys.executable, "-m", "desktop_app"]
        self.rng = random.Random(seed)
        self.stick = folder / "U盘"
        self.env = dict(os.environ, LIANJIAN_HOME=str(folder / "home"), PYTHONIOENCODING="utf-8")
        self.env["PYTHONPATH"] = os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
        self.env.pop("LIANJIAN_DB", None)
        self.town = PC("town", "镇 town", folder / "town.db", f"{TOWN_NAME}办公室")
        self.villages = {
            key: PC(key, f"{key} {name}", folder / f"{key}.db", f"{name}值班室",
                    cluster_key=cluster, village_name=name)
            for key, (name, cluster, *_rest) in VILLAGES.items()}
        self.clusters: dict[str, str] = {}  # A/B -> id
        self.village_ids: dict[str, str] = {}  # v1.. -> village id
        self.people: dict[str, str] = {}
        self.tasks: dict[str, str] = {}  # label -> task id
        self.agenda: dict[str, str] = {}
        self.industry: dict[str, str] = {}  # project, coop, talent ... -> id
        self.governance: dict[str, str] = {}  # 治理联抓: label -> id
        self.round = 0
        self.rota_turns: dict[str, str] = {}  # what rota_edits changed -> turn id
        self.regressed: dict[str, tuple[int, int]] = {}

    def name_of(self, node_id: str) -> str:
        return next((pc.key for pc in self.pcs if pc.node_id == node_id), node_id)

    @property
    def pcs(self) -> list[PC]:
        return [self.town, *self.villages.values()]

    def cluster_of(self, pc: PC) -> str:
        return self.clusters[pc.cluster_key]

    # --- running the CLI -----------------------------------------------------------------
    def cli(self, pc: PC, *args: str, expect: int | None = 0, quiet: bool = False) -> Result:
        command = [*self.program, "--db", str(pc.db), "--json", *args]
        shown = "lianjian-cli --db " + pc.db.name + " --json " + " ".join(
            shlex.quote(str(a)) if not str(a).startswith(str(self.folder)) else
            shlex.quote(str(Path(a).relative_to(self.folder))) for a in args)
        completed = subprocess.run(command, cwd=self.folder, env=self.env, capture_output=True,
                                   text=True, encoding="utf-8", errors="replace", timeout=300)
        LOG.calls += 1
        result = Result(completed.returncode, completed.stdout, completed.stderr.strip())
        if not quiet or (expect is not None and result.code != expect):
            print(f"    [{pc.label}] $ {shown}  → exit {result.code}", flush=True)
            if result.err:
                print("        stderr: " + result.err.replace("\n", "\n        "), flush=True)
        if expect is not None and result.code != expect:
            raise CheckFailed(f"[{pc.label}] {shown}: exit {result.code}, expected {expect}\n"
                              f"stdout: {result.out[-2000:]}\nstderr: {result.err[-2000:]}")
        return result

    def read_all(self, calls: list[tuple[PC, tuple[str, ...]]]) -> list:
        """Read-only commands on several databases at once (each PC is its own file)."""
        with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
            futures = [pool.submit(self.cli, pc, *args, quiet=True) for pc, args in calls]
            return [future.result().data for future in futures]

    # --- files ---------------------------------------------------------------------------
    def export(self, pc: PC, folder: str, *, for_pc: PC | None = None, full: bool = False) -> Path:
        # A folder on the stick, made as a person would (the CLI refuses a folder that is not
        # there: an unplugged stick's path must not become a folder on the PC).
        target = self.stick / folder
        (target if target.is_absolute() else self.folder / target).mkdir(parents=True,
                                                                         exist_ok=True)
        args = ["sync", "export", "--out", str(self.stick / folder)]
        if for_pc is not None:
            args += ["--for", for_pc.node_id]
        if full:
            args.append("--full")
        path = Path(self.cli(pc, *args).data["file"])
        path = path if path.is_absolute() else self.folder / path
        LOG.check(path.is_file(), f"{pc.label} 写出同步文件 / wrote {path.name} "
                  f"({path.stat().st_size if path.exists() else 0} B)")
        pc.exported += 1
        pc.files.append(path)
        return path

    def export_enrol(self, pc: PC) -> Path:
        folder = self.stick / f"0-{pc.key}-申请"
        (folder if folder.is_absolute() else self.folder / folder).mkdir(parents=True,
                                                                         exist_ok=True)
        data = self.cli(pc, "node", "enrol-file", "--out", str(folder)).data
        path = Path(data["file"])
        path = path if path.is_absolute() else self.folder / path
        pc.exported += 1
        LOG.check(path.is_file(), f"{pc.label} 写出首个文件（带公钥）/ enrolment file {path.name}")
        return path

    def import_(self, pc: PC, path: Path, expected: str) -> dict:
        """Import one file; ``expected``: merged / known / quarantined / refused."""
        before = digest(pc.db)
        result = self.cli(pc, "sync", "import", str(path), expect=None)
        rows = (result.data or {}).get("files", [])
        row = rows[0] if rows else {"status": "?", "message": result.err}
        status = row.get("status")
        summary = {"merged": f"合并 merged, applied={row.get('applied')}, "
                             f"waiting={row.get('waiting')}, conflicts={row.get('conflicts')}",
                   "known": "已导入过 already imported: " + (row.get("message") or ""),
                   "quarantined": "暂存待批准 quarantined: " + (row.get("message") or ""),
                   "refused": "拒绝 refused: " + (row.get("message") or "")}.get(status, str(row))
        LOG.info(f"{path.name} → {summary}")
        if row.get("skipped_origins"):
            LOG.info(f"  未批准电脑的记录更新未导入 / skipped origins: {row['skipped_origins']}")
        expected_code = 1 if expected == "refused" else 0
        LOG.check(status == expected and result.code == expected_code,
                  f"{pc.label} 导入 {path.name}: {expected} (exit {expected_code})",
                  f"got status={status} exit={result.code} {row.get('message') or ''}")
        if expected in ("known", "refused"):
            LOG.check(digest(pc.db) == before,
                      f"{pc.label} 数据库逐字节未变 / database unchanged (iterdump digest)")
        if expected == "refused":
            message = row.get("message") or ""
            LOG.check(any(word in message for word in REFUSAL_WORDS),
                      f"{pc.label} 拒绝原因清楚 / clear message: {message}")
            pc.refused += 1
        elif expected == "known":
            pc.known += 1
        else:
            pc.imported += 1
        return row

    def import_many(self, pc: PC, paths: list[Path]) -> list[dict]:
        """Import several files in one command (as the sync page does with a whole stick)."""
        result = self.cli(pc, "sync", "import", *map(str, paths))
        rows = result.data["files"]
        for row in rows:
            status = row["status"]
            LOG.info(f"{Path(row['file']).name} → {status}"
                     + (f", applied={row['applied']}, waiting={row['waiting']}, "
                        f"conflicts={row['conflicts']}" if status == "merged" else "")
                     + (f", skipped origins={row['skipped_origins']}"
                        if row.get("skipped_origins") else ""))
            if status == "merged":
                pc.imported += 1
            elif status == "known":
                pc.known += 1
        LOG.check(all(r["status"] in ("merged", "known") for r in rows),
                  f"{pc.label} 导入 {len(rows)} 个文件 / imported {len(rows)} files")
        return rows


# --- the attacker and the stick ----------------------------------------------------------------
def flip_byte(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x20]) + data[middle + 1:]


def _reseal(data: bytes) -> bytes:
    """Recompute the zip comment's SHA-256 seal (anyone can: it is not a signature)."""
    blank = data[:-64] + b"0" * 64
    return data[:-64] + hashlib.sha256(blank).hexdigest().encode()


def rewrite_operations(data: bytes, old: str, new: str, *, fix_manifest: bool,
                       reader: PC | None = None) -> bytes:
    """Change text inside operations.jsonl, rebuild the zip and reseal it; with
    ``fix_manifest`` also put the new member hash into the (signed) manifest. An encrypted
    file is opened with ``reader``'s key file (the worst case: a forger who holds a reader's
    key), changed inside and encrypted again under the same file key."""
    source = zipfile.ZipFile(io.BytesIO(data))
    if "envelope.json" in source.namelist():
        assert reader is not None
        return _rewrite_sealed(source, reader, old, new, fix_manifest=fix_manifest)
    members = {info.filename: source.read(info) for info in source.infolist()}
    operations = members["operations.jsonl"]
    assert old.encode() in operations, f"{old!r} not in operations.jsonl"
    members["operations.jsonl"] = operations.replace(old.encode(), new.encode())
    if fix_manifest:
        manifest = json.loads(members["manifest.json"])
        manifest["members"]["operations.jsonl"] = {
            "size": len(members["operations.jsonl"]),
            "sha256": hashlib.sha256(members["operations.jsonl"]).hexdigest()}
        members["manifest.json"] = json.dumps(manifest, ensure_ascii=False, sort_keys=True,
                                              separators=(",", ":")).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, members[info.filename])
        archive.comment = source.comment[:-64] + b"0" * 64
    return _reseal(buffer.getvalue())


def digest(db: Path) -> str:
    """Every row of every table: what "the database did not change" means."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return hashlib.sha256("\n".join(connection.iterdump()).encode()).hexdigest()
    finally:
        connection.close()


def data_tables(db: Path) -> dict[str, list[tuple]]:
    """Every synced table (those whose rows carry field clocks), without local stamps."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        result = {}
        for name in names:
            columns = [r[1] for r in connection.execute(f'PRAGMA table_info("{name}")')]
            if "clocks" not in columns:
                continue
            kept = [c for c in columns if c not in VOLATILE]
            rows = connection.execute(f'SELECT {", ".join(kept)} FROM "{name}"').fetchall()
            result[name] = sorted(tuple(str(v) for v in row) for row in rows)
        return result
    finally:
        connection.close()


def conflict_rows(db: Path) -> list[tuple]:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return sorted(connection.execute(
            "SELECT tbl, row_id, field, winner, loser FROM sync_conflict").fetchall())
    finally:
        connection.close()


def strip(value):
    if isinstance(value, dict):
        return {k: strip(v) for k, v in sorted(value.items()) if k not in VOLATILE_JSON}
    if isinstance(value, list):
        return [strip(v) for v in value]
    return value


# --- the scenario --------------------------------------------------------------------------------
def set_up_town(w: World) -> Path:
    LOG.phase("第一步：镇里建库，录入本镇、两个联合党组织和四个村 / "
              "Town: database, clusters, villages")
    town = w.town
    data = w.cli(town, "init", "--town", TOWN_NAME, "--county", COUNTY).data
    town.node_id = data["node_id"]
    LOG.check(data["cluster_id"] is None,
              f"镇办公室不属于联合党组织（role town），节点 {town.node_id}")
    for key, name in CLUSTERS.items():
        w.clusters[key] = w.cli(town, "cluster", "add", "--name", name).data["id"]
    for key, (name, cluster, central, *_rest) in VILLAGES.items():
        args = ["village", "add", "--cluster", w.clusters[cluster], "--name", name]
        w.village_ids[key] = w.cli(town, *args, *(["--central"] if central else [])).data["id"]
    shown = w.cli(town, "node", "show").data
    town.fingerprint = shown["fingerprint"]
    LOG.info(f"镇节点 {town.node_id}，指纹 fingerprint {town.fingerprint}")
    villages = w.cli(town, "village", "list").data
    LOG.check(villages["total"] == 4, "镇里有 4 个村 / the town holds 4 villages")
    w.governance["item"] = w.cli(town, "service-item", "add", "--department", "医保", "--name",
                                 "异地就医备案", "--limit", "3").data["id"]
    LOG.step("镇写出全部记录的同步文件，交各村 / the town writes a full file for the new villages")
    return w.export(town, "0-镇-首个文件", full=True)


def set_up_village(w: World, pc: PC, town_file: Path) -> Path:
    LOG.step(f"{pc.label}：建库、导入镇的文件、批准镇、设置本机 / village office setup")
    cluster = w.cluster_of(pc)
    init = ["init", "--town", TOWN_NAME, "--cluster", cluster, "--office", pc.office]
    first = w.cli(pc, *init, expect=None)
    needs_second_init = first.code != 0
    if needs_second_init:
        LOG.info(f"init 失败（本机还没有镇的记录）：{first.err}")
        if pc.key == "v1":
            LOG.note("GAP: `init --cluster ID` on a fresh village database fails "
                     "(找不到联合党组织): "
                     "the cluster only arrives with the town's file, which cannot be imported "
                     "before a database exists. Running `init` without --cluster instead would "
                     "create a local town record (and role=town), and the town then refuses all "
                     "of that village's files (写入了不属于其联合党组织的记录 town). Workaround "
                     "used: the failed init has already created the empty database, so import "
                     "the town's file into it, approve the town, then run init --cluster again.")
        LOG.check(pc.db.exists(), f"{pc.label} 失败的 init 仍留下了空数据库 / the failed init "
                  "left an empty database to import into")
    else:
        pc.node_id = first.data["node_id"]
    row = w.import_(pc, town_file, "quarantined")
    LOG.check(row["sender"] == w.town.office, f"文件来自 / the file is from {row['sender']}")
    LOG.check(w.town.fingerprint in (row.get("message") or ""),
              f"电话核对指纹一致 / fingerprint read over the phone matches: {w.town.fingerprint}")
    status = w.cli(pc, "sync", "status").data
    pending = [p for p in status["peers"] if p["fingerprint"] == w.town.fingerprint]
    LOG.check(len(pending) == 1 and pending[0]["status"] == "pending"
              and pending[0]["node_id"] == w.town.node_id,
              f"镇在本机状态为“待批准”，节点 {w.town.node_id} / the town is pending here")
    approved = w.cli(pc, "node", "approve", w.town.node_id).data
    LOG.check(approved["applied"] > 0, f"批准镇并合并 {approved['applied']} 条记录更新 / "
              "approved the town, its records merged")
    if needs_second_init:
        data = w.cli(pc, *init).data
        pc.node_id = data["node_id"]
    shown = w.cli(pc, "node", "show").data
    pc.node_id, pc.fingerprint = shown["node_id"], shown["fingerprint"]
    LOG.check(shown["role"] == "village" and shown["cluster_id"] == cluster and
              shown["name"] == pc.office,
              f"本机：{shown['name']}，{CLUSTERS[pc.cluster_key]}，节点 {pc.node_id}，"
              f"指纹 {pc.fingerprint}")
    villages = w.cli(pc, "village", "list", quiet=True).data
    LOG.check(villages["total"] == 4, "本机已有镇录入的 4 个村 / the town's villages arrived")
    return w.export_enrol(pc)


def enrol(w: World) -> None:
    town_file = set_up_town(w)
    LOG.phase("第二步：四个村办公室建库并申请加入；镇核对指纹后批准 / Enrolment through files")
    enrol_files = {pc.key: set_up_village(w, pc, town_file) for pc in w.villages.values()}
    LOG.step("镇导入四个村的申请文件（打乱顺序）/ the town imports the four enrolment files")
    order = list(w.villages.values())
    w.rng.shuffle(order)
    for pc in order:
        row = w.import_(w.town, enrol_files[pc.key], "quarantined")
        LOG.check(pc.fingerprint in row["message"], f"{pc.label} 指纹一致 {pc.fingerprint}")
    peers = w.cli(w.town, "sync", "status").data["peers"]
    LOG.check(sorted(p["status"] for p in peers) == ["pending"] * 4,
              "镇：四台电脑待批准 / four PCs pending at the town")
    for pc in order:
        data = w.cli(w.town, "node", "approve", pc.node_id, "--cluster", w.cluster_of(pc)).data
        LOG.check(data["files"] == 1,
                  f"镇批准 {pc.label}（{CLUSTERS[pc.cluster_key]}）并合并其暂存文件")
    LOG.step("镇给每个村写文件（带入网证书），各村导入 / "
             "the town sends each village its certificates")
    files = {pc.key: w.export(w.town, f"0-镇-给{pc.key}", for_pc=pc) for pc in w.villages.values()}
    for pc in w.villages.values():
        w.import_(pc, files[pc.key], "merged")


def daily_work(w: World) -> None:
    LOG.phase("第三步：各村值班、录入任务和议题 / Each office: on duty, tasks, agenda items")
    for pc in w.villages.values():
        name, _cluster, _central, officer, post = VILLAGES[pc.key]
        LOG.step(f"{pc.label}：{officer} 接班 / {officer} goes on duty")
        person = w.cli(pc, "person", "add", "--name", officer, "--village", w.village_ids[pc.key],
                       "--post", post, "--phone", "1380000000" + pc.key[1]).data
        w.people[pc.key] = person["id"]
        w.cli(pc, "duty", "start", "--cluster", w.cluster_of(pc), "--person", person["id"])
        item = w.cli(pc, "agenda", "add", "--title", f"{name}村内道路修缮", "--village",
                     w.village_ids[pc.key], "--source", "villagers", "--category", "公益事业")
        w.agenda[pc.key] = item.data["id"]
    governance_work(w)
    v1, v3 = w.villages["v1"], w.villages["v3"]
    LOG.step("v1 录入三项任务，v3 录入两项 / v1 records three tasks, v3 two")
    for label, title, pc in (("T1", "路灯维修", v1), ("T2", "清理排水沟", v1),
                             ("T3", "走访低保户", v1), ("T4", "道路硬化", v3),
                             ("T5", "垃圾清运", v3)):
        data = w.cli(pc, "task", "add", "--title", title, "--village", w.village_ids[pc.key],
                     "--priority", "2", "--due", "2031-06-30").data
        w.tasks[label] = data["id"]
        LOG.info(f"{label} = {title} ({data['id']})")


ROTA_DAYS = ("2026-12-07", "2026-12-11")  # a week of December, no holiday in it


def rota_setup(w: World) -> None:
    LOG.phase("第三步（续）：轮值排班 / The duty rota: holidays, pools, a generated week")
    LOG.step("镇写入2026年节假日；各村把本村值班人员加入轮值名单 / town holidays, village pools")
    added = w.cli(w.town, "rota", "holidays", "--year", "2026").data["added"]
    LOG.check(added == 39, f"镇写入节假日 {added} 天（放假33、调休上班6）/ 39 holiday rows")
    for pc in w.villages.values():
        w.cli(pc, "pool", "add", "--person", w.people[pc.key])
    for pc in (w.villages["v1"], w.villages["v3"]):
        w.cli(pc, "rota-pattern", "add", "--per-day", "1")
        made = w.cli(pc, "rota", "generate", "--cluster", w.cluster_of(pc), "--from",
                     ROTA_DAYS[0], "--to", ROTA_DAYS[1]).data
        LOG.check(made["turns"] == 5, f"{pc.label} 生成一周值班表 5 人次 / a generated week")


def rota_edits(w: World) -> None:
    LOG.step("同一天的值班安排：v1 改备注，v2 勾“节假日值班”并登记替班 → 都保留 / "
             "two offices edit the same day's turn, different fields")
    v1, v2, v4 = w.villages["v1"], w.villages["v2"], w.villages["v4"]
    turns = w.cli(v2, "rota-turn", "list", "--cluster", w.clusters["A"]).data["items"]
    first, second = sorted(turns, key=lambda t: t["day"])[:2]
    w.rota_turns = {"note": first["id"], "swap": second["id"]}
    w.cli(v1, "rota-turn", "update", first["id"], "--note", "上午镇里来人检查")
    w.cli(v2, "rota-turn", "update", first["id"], "--holiday")
    w.cli(v2, "rota", "swap", "--from", w.people["v1"], "--to", w.people["v2"], "--day",
          second["day"], "--reason", "王建国参加县里培训", "--from-agreed", "--to-agreed")
    w.cli(v4, "rota", "leave", "--person", w.people["v4"], "--from", ROTA_DAYS[0],
          "--reason", "因病")


def check_rota(w: World) -> None:
    town = w.town
    note = w.cli(town, "rota-turn", "show", w.rota_turns["note"], quiet=True).data
    LOG.check(note["note"] == "上午镇里来人检查" and note["on_holiday"] is True,
              "同一值班安排：v1 的备注与 v2 的勾选都保留 / both fields of the turn survive")
    swapped = w.cli(town, "rota-turn", "show", w.rota_turns["swap"], quiet=True).data
    LOG.check(swapped["person_id"] == w.people["v2"]
              and swapped["swapped_from_id"] == w.people["v1"],
              "替班经镇到了各处：李秀英替王建国 / the swap arrived everywhere")
    counts = {group: w.cli(town, group, "list", "--limit", "0", quiet=True).data["total"]
              for group in ("pool", "rota-turn", "swap", "leave", "holiday")}
    LOG.check(counts == {"pool": 4, "rota-turn": 10, "swap": 1, "leave": 1, "holiday": 39},
              f"镇：轮值人员、值班安排、调班、请假、节假日 / rota records at the town {counts}")
QUARTER = f"{time.localtime().tm_year}Q{(time.localtime().tm_mon - 1) // 3 + 1}"


def town_scores(w: World) -> None:
    """The town writes the quarter's 擂台比武 (scheme, a judge's scores, a penalty); a village
    office trying to score is refused locally; the records reach every office by sync."""
    LOG.phase("第三步（续）：镇里录入擂台比武方案和评分 / The town's 擂台比武")
    town, q = w.town, ("--quarter", QUARTER)
    w.cli(town, "assess", "scheme", "new", *q)
    w.cli(town, "assess", "group", "add", *q, "--name", "党建引领", "--weight", "100")
    w.cli(town, "assess", "indicator", "add", *q, "--group", "党建引领", "--code", "A1",
          "--name", "现场比武", "--source", "jury", "--max", "100")
    for judge, points in (("镇党委书记", "92"), ("镇长", "88")):
        w.cli(town, "assess", "score", *q, "--judge", judge, "--cluster", w.clusters["A"],
              "--indicator", "A1", "--points", points)
    w.cli(town, "assess", "penalty", *q, "--cluster", w.clusters["B"], "--points", "2",
          "--reason", "矛盾纠纷上交")
    total = w.cli(town, "assess", "compute", *q).data["clusters"][0]["total"]
    LOG.check(total == 90, f"镇：{CLUSTERS['A']} 总分 {total}（92、88 平均）/ the town's total")
    refused = w.cli(w.villages["v1"], "assess", "score", *q, "--judge", "自己",
                    "--cluster", w.clusters["A"], "--indicator", "A1", "--points", "100",
                    expect=1)
    LOG.check("中心村值班室不能" in refused.err,
              f"村电脑录入评分被拒绝 / a village PC may not score: {refused.err.strip()}")


def industry_and_talent_work(w: World) -> None:
    """产业联营 and 人才联育 records written on the village PCs (each in its own cluster)."""
    LOG.step("v1 录入产业项目（两村出资），v3 录入合作社、青雁、轮岗、培训，v4 录入共富工坊 / "
             "industry and talent records")
    v1, v3, v4 = (w.villages[k] for k in ("v1", "v3", "v4"))
    ids = w.village_ids
    w.industry["project"] = w.cli(
        v1, "project", "add", "--name", "怡丰农业育苗项目", "--fund", "帮扶资金:150万",
        "--fund", "村集体:50万", "--share", f"{ids['v1']}:100万", "--share", f"{ids['v2']}:100万",
        "--start", "2025-03-01", "--end", "2026-06-30", "--jobs", "300").data["id"]
    w.industry["coop"] = w.cli(
        v3, "coop", "add", "--name", "北张淡齐笔专业合作社", "--village", ids["v3"],
        "--code", "91350100M000100Y43", "--standing", "fair").data["id"]
    talent = w.cli(v3, "talent", "add", "--new-name", "张青", "--new-village", ids["v3"],
                   "--new-id-number", "370523199603150013", "--pool", "qingyan",
                   "--category", "大学毕业生").data
    w.industry["talent"] = talent["id"]
    w.industry["rotation"] = w.cli(v3, "rotation", "add", "--talent", talent["id"], "--post",
                                   "grid", "--start", "2026-10-01",
                                   "--mentor", w.people["v3"]).data["id"]
    w.industry["training"] = w.cli(
        v3, "training", "add", "--title", "齐笔制作技艺", "--date", "2026-11-20", "--hours", "3",
        "--attendee", talent["person_id"], "--attendee", f"{w.people['v3']}:2").data["id"]
    w.industry["workshop"] = w.cli(
        v4, "workshop", "add", "--name", "古韵张淡·共富工坊", "--village", ids["v4"],
        "--groups", "脱贫户3人", "--month", "2026-10", "--month-employed", "40").data["id"]


def industry_after_first_round(w: World) -> None:
    """The town records a liaison visit; v2 notes the project's progress; v4 adds a month."""
    LOG.step("镇记录合作社走访，v2 记项目进展，v4 补录工坊月度 / the town's visit and more")
    w.cli(w.town, "coop", "visit", w.industry["coop"], "--date", "2026-11-25",
          "--checklist", "章程齐全、三会正常", "--measures", "指导建立成员账户",
          "--standing", "sound")
    w.cli(w.villages["v2"], "project", "update", w.industry["project"],
          "--progress", "大棚主体完工")
    w.cli(w.villages["v4"], "workshop", "update", w.industry["workshop"], "--month", "2026-11",
          "--month-employed", "45")


def check_industry(w: World) -> None:
    LOG.phase("产业与人才记录五台一致 / Industry and talent records on all five")
    calls = [(pc, (group, "show", w.industry[group])) for pc in w.pcs
             for group in ("project", "coop", "rotation", "training", "workshop")]
    answers = iter(w.read_all(calls))
    for pc in w.pcs:
        project, coop, rotation, training, workshop = (next(answers) for _ in range(5))
        LOG.check(project["total_wan"] == 200 and len(project["share_rows"]) == 2
                  and [p["text"] for p in project["progress"]] == ["大棚主体完工"]
                  and coop["standing_label"] == "规范" and len(coop["visit_rows"]) == 1
                  and rotation["talent_name"] == "张青" and rotation["end_on"] == "2027-01-01"
                  and len(training["attendee_rows"]) == 2
                  and [m["month"] for m in workshop["month_rows"]] == ["2026-10", "2026-11"],
                  f"{pc.label}：项目两村出资与进展、镇的走访、轮岗、培训签到、工坊两个月 / "
                  "project, the town's visit, rotation, sign-in, two months")

def days_ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


def governance_work(w: World) -> None:
    """治理联抓: each office a grid, a micro-grid and a visit; v1 and v3 a dispute (with a
    session) and a service request."""
    LOG.step("各村录入网格、微网格、民情日志；v1、v3 录入矛盾纠纷和代办 / grids, visits, "
             "disputes, service requests")
    g = w.governance
    for pc in w.villages.values():
        name = VILLAGES[pc.key][0]
        grid = w.cli(pc, "grid", "add", "--village", w.village_ids[pc.key], "--code",
                     f"G-{pc.key}", "--name", f"{name}第一网格").data
        micro = w.cli(pc, "microgrid", "add", "--grid", grid["id"], "--name", f"{name}一组",
                      "--leader", w.people[pc.key], "--households", "40").data
        g[f"micro-{pc.key}"] = micro["id"]
        w.cli(pc, "visit", "add", "--micro-grid", micro["id"], "--date", days_ago(2),
              "--households", "8", "--heard", "群众希望增设路灯")
    for key in ("v1", "v3"):
        pc = w.villages[key]
        dispute = w.cli(pc, "dispute", "add", "--village", w.village_ids[key], "--date",
                        days_ago(4), "--category", "邻里", "--parties", "张三丰、李四光",
                        "--summary", "排水沟走向争执").data
        g[f"dispute-{key}"] = dispute["id"]
        w.cli(pc, "dispute", "session", dispute["id"], "--date", days_ago(3),
              "--notes", "双方陈述")
        g[f"request-{key}"] = w.cli(
            pc, "service", "add", "--village", w.village_ids[key], "--applicant", "张桂兰",
            "--phone", "13905461234", "--item", g["item"], "--date", days_ago(2)).data["id"]


def village_round(w: World, *, scrambled: bool = True) -> None:
    """Every village writes for the town; the town reads them all; the town writes for each
    village; each village reads its file."""
    w.round += 1
    LOG.step(f"第 {w.round} 轮：各村 → 镇 / round {w.round}: villages → town")
    files = [w.export(pc, f"{w.round}-{pc.key}-给镇", for_pc=w.town) for pc in w.villages.values()]
    if scrambled:
        w.rng.shuffle(files)
    w.import_many(w.town, files)
    LOG.step(f"第 {w.round} 轮：镇 → 各村 / round {w.round}: town → villages")
    order = list(w.villages.values())
    if scrambled:
        w.rng.shuffle(order)
    downs = {pc.key: w.export(w.town, f"{w.round}-镇-给{pc.key}", for_pc=pc) for pc in order}
    for pc in order:
        w.import_many(pc, [downs[pc.key]])


def concurrent_edits(w: World) -> dict[str, Path]:
    LOG.phase("第五步：互不知情的并发修改 / Concurrent edits, no sync in between")
    v1, v2, v3, v4 = (w.villages[k] for k in ("v1", "v2", "v3", "v4"))
    t = w.tasks
    LOG.step("同一任务同一字段：v1 与 v2 同时改 T1 标题 → 冲突 / same field → a conflict")
    w.cli(v1, "task", "update", t["T1"], "--title", "路灯维修（东街）")
    w.cli(v2, "task", "update", t["T1"], "--title", "路灯维修（西街）")
    LOG.step("同一任务不同字段：v1 改 T2 内容，v2 改 T2 优先级 → 都保留 / different fields")
    w.cli(v1, "task", "update", t["T2"], "--description", "已联系施工队")
    w.cli(v2, "task", "update", t["T2"], "--priority", "1")
    LOG.step("删除对修改：v1 删除 T3，v2 同时把 T3 改为办理中 / delete against an edit")
    w.cli(v1, "task", "delete", t["T3"])
    w.cli(v2, "task", "update", t["T3"], "--status", "in_progress")
    LOG.step("v1 改微网格户数，v2 同时把它交给李秀英包联 → 都保留 / a micro-grid: two fields")
    micro = w.governance["micro-v1"]
    w.cli(v1, "microgrid", "update", micro, "--households", "52")
    w.cli(v2, "microgrid", "update", micro, "--leader", w.people["v2"])
    LOG.step("v3 给本村纠纷结案（调解成功，签协议）/ v3 closes its dispute with an agreement")
    w.cli(v3, "dispute", "update", w.governance["dispute-v3"], "--outcome", "调解成功",
          "--agreement", "三日内疏通", "--agreement-date", days_ago(2))
    LOG.step("v4 给 v3 的任务 T5 记进展；v2 录一项新议题 / more work elsewhere")
    w.cli(v4, "task", "update", t["T5"], "--progress", "已清运两车", "--percent", "40")
    w.cli(v2, "agenda", "add", "--title", "韩璩村文化广场照明", "--village", w.village_ids["v2"])
    LOG.step("v3 先写一个文件（旧），再改 T4 标题后写第二个（新）/ an older and a newer file")
    w.cli(v3, "task", "update", t["T4"], "--title", "道路硬化（一期）")
    old = w.export(v3, "2-v3-旧", for_pc=w.town)
    w.cli(v3, "task", "update", t["T4"], "--title", "道路硬化（二期）")
    new = w.export(v3, "2-v3-新", for_pc=w.town)
    files = {"v3-old": old, "v3-new": new}
    for pc in (v1, v2, v4):
        files[pc.key] = w.export(pc, f"2-{pc.key}-给镇", for_pc=w.town)
    return files


def _rewrite_sealed(source: zipfile.ZipFile, reader: PC, old: str, new: str, *,
                    fix_manifest: bool) -> bytes:
    """The encrypted file's content rewritten: the forger unwraps the file key with the
    reader's private key, changes the plain file inside, encrypts it again; with
    ``fix_manifest`` it also puts the new hashes into the (signed) header."""
    import base64

    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    members = {info.filename: source.read(info) for info in source.infolist()}
    header = json.loads(members["envelope.json"])
    file_key, aad, inner = _unsealed(members, reader)
    nonce = base64.b64decode(header["nonce"])
    changed = rewrite_operations(inner, old, new, fix_manifest=fix_manifest)
    members["payload.bin"] = ChaCha20Poly1305(file_key).encrypt(nonce, changed, aad)
    if fix_manifest:
        header["payload"] = {"size": len(members["payload.bin"]),
                             "sha256": hashlib.sha256(members["payload.bin"]).hexdigest()}
        header["plaintext"] = {"size": len(changed),
                               "sha256": hashlib.sha256(changed).hexdigest()}
        members["envelope.json"] = json.dumps(header, ensure_ascii=False, sort_keys=True,
                                              separators=(",", ":")).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, members[info.filename])
        archive.comment = source.comment[:-64] + b"0" * 64
    return _reseal(buffer.getvalue())


def _unsealed(members: dict[str, bytes], reader: PC) -> tuple[bytes, bytes, bytes]:
    """(file key, associated data, the plain file inside) of an encrypted file, opened with
    ``reader``'s key file."""
    import base64

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    header = json.loads(members["envelope.json"])
    keys = json.loads(Path(f"{reader.db}.key").read_text(encoding="utf-8"))
    own = X25519PrivateKey.from_private_bytes(base64.b64decode(keys["box_private_key"]))
    own_public = own.public_key().public_bytes(serialization.Encoding.Raw,
                                               serialization.PublicFormat.Raw)
    one_time = base64.b64decode(header["one_time_key"])
    shared = own.exchange(X25519PublicKey.from_public_bytes(one_time))
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=one_time + own_public,
               info=b"lianjian sync file key v3|" + reader.node_id.encode()).derive(shared)
    file_key = ChaCha20Poly1305(kek).decrypt(b"\0" * 12, base64.b64decode(
        header["recipients"][reader.node_id]), reader.node_id.encode())
    nonce = base64.b64decode(header["nonce"])
    aad = b"lianjian sync payload v3|" + header["sender"]["node_id"].encode()
    return file_key, aad, ChaCha20Poly1305(file_key).decrypt(nonce, members["payload.bin"], aad)


def hostile_files(w: World, files: dict[str, Path]) -> dict[str, Path]:
    """Duplicates, a renamed copy, forged and truncated copies of real files."""
    bad = w.stick / "2-来路不明"
    bad.mkdir(parents=True, exist_ok=True)
    v1_bytes, v4_bytes = files["v1"].read_bytes(), files["v4"].read_bytes()
    made = {
        "copy-renamed": ("韩璩村-备份(1).ljsync", files["v2"].read_bytes()),
        "forged-flip": ("黄璩村-翻转一字节.ljsync", flip_byte(v1_bytes)),
        "forged-ops": ("黄璩村-改了操作.ljsync",
                       rewrite_operations(v1_bytes, "东街", "南街", fix_manifest=False,
                                          reader=w.town)),
        "forged-manifest": ("黄璩村-改了操作和清单.ljsync",
                            rewrite_operations(v1_bytes, "东街", "南街", fix_manifest=True,
                                               reader=w.town)),
        "truncated": ("南张淡村-拔早了.ljsync", v4_bytes[: len(v4_bytes) * 3 // 5]),
    }
    paths = {}
    for key, (name, data) in made.items():
        paths[key] = bad / name
        paths[key].write_bytes(data)
    LOG.info("伪造 / forged: 中间翻转一个字节；改 operations.jsonl 后重封；"
             "再改清单中的校验值后重封（签名不变）。截断 / truncated: 前 60%。")
    return paths


def town_reads_the_stick(w: World, files: dict[str, Path], bad: dict[str, Path]) -> None:
    LOG.phase("第六步：镇按打乱的顺序读入一堆文件 / The town reads a scrambled pile of files")
    pile = [("v1", files["v1"], "merged"), ("v2", files["v2"], "merged"),
            ("v2-again", files["v2"], "known"), ("copy-renamed", bad["copy-renamed"], "known"),
            ("v3-new", files["v3-new"], "merged"), ("v4", files["v4"], "merged"),
            ("forged-flip", bad["forged-flip"], "refused"),
            ("forged-ops", bad["forged-ops"], "refused"),
            ("forged-manifest", bad["forged-manifest"], "refused"),
            ("truncated", bad["truncated"], "refused")]
    w.rng.shuffle(pile)
    # A duplicate is "known" only after its first copy; keep the original v2 first.
    firsts = [i for i, (k, *_r) in enumerate(pile) if k in ("v2", "v2-again", "copy-renamed")]
    originals = [p for p in pile if p[0] == "v2"] + [p for p in pile if p[0] != "v2"
                                                     and p[0] in ("v2-again", "copy-renamed")]
    for index, entry in zip(firsts, originals, strict=True):
        pile[index] = entry
    pile.append(("v3-old", files["v3-old"], "merged"))  # the late file, after the newer one
    LOG.info("顺序 / order: " + ", ".join(k for k, *_r in pile))
    for key, path, expected in pile:
        LOG.step(f"镇导入 {key}（预期 {expected}）/ town imports {key}")
        if key == "v3-old":
            before = w.cli(w.town, "task", "show", w.tasks["T4"], quiet=True).data["title"]
            vector_before = peer_vector(w.town.db, w.villages["v3"].node_id)
        row = w.import_(w.town, path, expected)
        if key == "v3-old":
            after = w.cli(w.town, "task", "show", w.tasks["T4"], quiet=True).data["title"]
            LOG.check(before == after == "道路硬化（二期）",
                      f"迟到的旧文件没有让 T4 标题倒退 / the late file regressed nothing: {after}")
            LOG.check(sum((row.get("applied") or {}).values()) == 0,
                      "旧文件里的变更都已经有了 / nothing new in the late file")
            vector_after = peer_vector(w.town.db, w.villages["v3"].node_id)
            regressed = {w.name_of(o): (s, vector_after.get(o, 0))
                         for o, s in vector_before.items() if vector_after.get(o, 0) < s}
            LOG.info(f"镇记下的 v3 版本向量 / v3's vector at the town: 导入前 {vector_before} → "
                     f"导入后 {vector_after}")
            w.regressed = regressed
    t1 = w.cli(w.town, "task", "show", w.tasks["T1"], quiet=True).data["title"]
    LOG.check("南街" not in t1, f"伪造的“南街”没有进入镇的数据库 / forged title absent: {t1}")


def operations(path, reader: PC | None = None) -> list[list]:
    """The operations inside a sync file (to see what it carries): each is the array
    [origin, seq, hlc, epoch, tbl, row_id, fields, author, prev_hash, hash]."""
    with zipfile.ZipFile(path) as archive:
        if "envelope.json" in archive.namelist():  # encrypted: opened with its reader's key
            members = {name: archive.read(name) for name in archive.namelist()}
            inner = _unsealed(members, reader)[2] if reader else b""
            return operations(io.BytesIO(inner))
        lines = archive.read("operations.jsonl").decode("utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def peer_vector(db: Path, node_id: str) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        row = connection.execute("SELECT vector FROM sync_peer WHERE node_id = ?",
                                 (node_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else {}
    finally:
        connection.close()


def villages_read_the_town(w: World) -> None:
    LOG.phase("第七步：镇给各村写文件；各村乱序读入，含重复、伪造和截断 / Town → villages")
    order = list(w.villages.values())
    w.rng.shuffle(order)
    downs = {pc.key: w.export(w.town, f"2-镇-给{pc.key}", for_pc=pc) for pc in order}
    v1, v2, v3, v4 = (w.villages[k] for k in ("v1", "v2", "v3", "v4"))
    bad = w.stick / "2-来路不明"
    forged = bad / "镇-给v3-翻转一字节.ljsync"
    forged.write_bytes(flip_byte(downs["v3"].read_bytes()))
    truncated = bad / "镇-给v4-拔早了.ljsync"
    truncated.write_bytes(downs["v4"].read_bytes()[:-100])
    renamed = bad / "镇-给v1-副本.ljsync"
    renamed.write_bytes(downs["v1"].read_bytes())
    steps = [(v3, forged, "refused"), (v4, truncated, "refused")]
    steps += [(pc, downs[pc.key], "merged") for pc in order]
    steps += [(v1, renamed, "known"), (v2, downs["v2"], "known")]
    own = [op for op in operations(downs["v3"], v3) if op[0] == v3.node_id]
    if w.regressed:
        LOG.note("BUG (minor, guarantee 3/7): importing an older file from a PC after a newer "
                 "one sets the town's record of that PC's version vector back to the older "
                 "file's (transfer._remember writes sync_peer.vector = the manifest's vector "
                 f"instead of the element-wise max): {w.regressed} (seq before → after). The "
                 f"town's next file for v3 then carries {len(own)} of v3's own operations back "
                 "to it (skipped there as known); other origins would be re-sent the same way "
                 "and `sync status` would overstate 对方未收到.")
    for pc, path, expected in steps:
        LOG.step(f"{pc.label} 导入 {path.name}（预期 {expected}）")
        row = w.import_(pc, path, expected)
        if pc is v2 and expected == "merged":
            LOG.check(row.get("conflicts", 0) >= 1,
                      "v2 收到 v1 对 T1 标题的并发修改：记下冲突 / v2 records the conflict")


def converge(w: World, max_rounds: int = 4) -> None:
    LOG.phase("第八步：再同步几轮，直到五台电脑一致 / More rounds until all five agree")
    for _ in range(max_rounds):
        village_round(w)
        same = len({json.dumps(data_tables(pc.db), ensure_ascii=False) for pc in w.pcs}) == 1
        peers = w.cli(w.town, "sync", "status", quiet=True).data["peers"]
        lacking = sum(p["lacks"] for p in peers)
        LOG.info(f"第 {w.round} 轮后：数据{'一致' if same else '不一致'}，"
                 f"镇状态“对方未收到”合计 {lacking}")
        if same and lacking == 0:
            return
    LOG.info("最多轮数已到 / round limit reached; the checks below say what differs")


def compare(w: World) -> dict[str, dict]:
    LOG.phase("第九步：比较五个数据库 / Compare the five databases")
    listings = {
        "task list": ["task", "list", "--limit", "0"],
        "task list --deleted": ["task", "list", "--deleted", "--limit", "0"],
        "cluster list": ["cluster", "list"],
        "village list": ["village", "list"],
        "person list": ["person", "list", "--limit", "0"],
        "agenda list": ["agenda", "list", "--limit", "0"],
        "duty list": ["duty", "list", "--limit", "0"],
        "sync conflicts": ["sync", "conflicts"],
        "assess compute": ["assess", "compute", "--quarter", QUARTER],
    }
    seen: dict[str, dict] = {pc.key: {} for pc in w.pcs}
    calls = [(pc, tuple(args)) for args in listings.values() for pc in w.pcs]
    LOG.info(f"{len(calls)} 条只读命令（{len(listings)} 种 × 5 台）/ read-only commands: "
             + "、".join(listings))
    answers = iter(w.read_all(calls))
    for name in listings:
        outputs = {pc.key: next(answers) for pc in w.pcs}
        for key, data in outputs.items():
            seen[key][name] = data
        stripped = {k: json.dumps(strip(v), ensure_ascii=False, sort_keys=True)
                    for k, v in outputs.items()}
        differing = sorted(k for k in stripped if stripped[k] != stripped["town"])
        why = (first_difference(strip(outputs["town"]), strip(outputs[differing[0]]))
               if differing else "")
        LOG.check(not differing, f"`{name} --json` 五台相同 / identical on all five "
                  f"({outputs['town'].get('total', len(outputs['town'].get('items', [])))} 条)",
                  f"differs on {differing}: {why}")
        if name == "sync conflicts":
            ids = {k: sorted((c["winner_node_id"], c["loser_node_id"]) for c in v["items"])
                   for k, v in outputs.items()}
            LOG.check(len({json.dumps(v) for v in ids.values()}) == 1,
                      "冲突双方的电脑编号五台相同（电脑名称是各台自己的称呼）/ "
                      "the conflict sides' node ids agree on all five (names are local labels)",
                      f"differ: {ids}")
    tables = {pc.key: data_tables(pc.db) for pc in w.pcs}
    for table in sorted(tables["town"]):
        differing = [k for k in tables if tables[k].get(table) != tables["town"][table]]
        LOG.check(not differing, f"表 {table}：{len(tables['town'][table])} 行，五台相同",
                  f"differs on {differing}")
    conflicts = {pc.key: conflict_rows(pc.db) for pc in w.pcs}
    LOG.check(len({json.dumps(c) for c in conflicts.values()}) == 1,
              "sync_conflict 表五台相同（含双方的值、时钟与来源）/ identical conflict rows")
    for pc in w.pcs:
        seen[pc.key]["digest"] = hashlib.sha256(
            json.dumps([tables[pc.key], conflicts[pc.key]], ensure_ascii=False).encode()
        ).hexdigest()[:12]
    return seen


def first_difference(a, b, path="") -> str:
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key) != b.get(key):
                return first_difference(a.get(key), b.get(key), f"{path}.{key}")
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path}: {a!r} != {b!r}"


def check_outcome(w: World, seen: dict[str, dict]) -> None:
    LOG.phase("第十步：结果是否符合约定 / The outcome the guarantees promise")
    town = seen["town"]
    live = {t["id"]: t for t in town["task list"]["items"]}
    deleted = {t["id"]: t for t in town["task list --deleted"]["items"]}
    t = w.tasks
    conflicts = town["sync conflicts"]["items"]
    LOG.info("冲突 / conflicts: " + "; ".join(
        f"{c['record']}.{c['field']}: 胜出 {c['winner']!r}（{c['winner_node']}）"
        f" / 另一方 {c['loser']!r}（{c['loser_node']}）" for c in conflicts))
    titles = {"路灯维修（东街）", "路灯维修（西街）"}
    LOG.check(len(conflicts) == 1 and conflicts[0]["row_id"] == t["T1"]
              and conflicts[0]["field"] == "title"
              and {conflicts[0]["winner"], conflicts[0]["loser"]} == titles,
              "恰有一处冲突：T1 标题，东街/西街各为一方 / exactly the T1 title conflict")
    LOG.check(t["T1"] in live and live[t["T1"]]["title"] == conflicts[0]["winner"],
              f"T1 显示胜出的标题 / shows the winner: {live.get(t['T1'], {}).get('title')}")
    answers = w.read_all([(pc, ("task", "show", t[label])) for label in ("T2", "T3")
                          for pc in w.pcs])
    shows = dict(zip([pc.key for pc in w.pcs], answers[:5], strict=True))
    LOG.check(all(s["description"] == "已联系施工队" and s["priority"] == 1
                  for s in shows.values()),
              "T2：v1 的内容和 v2 的优先级都保留 / both different-field edits survive")
    LOG.check(t["T3"] in deleted and t["T3"] not in live,
              "T3：删除成立，五台都在“已删除”中 / the deletion stands everywhere")
    t3 = dict(zip([pc.key for pc in w.pcs], answers[5:], strict=True))
    LOG.check(all(s["status"] == "in_progress" and s["deleted"] for s in t3.values()),
              "T3：并发的修改也保留（已删除且为办理中）/ the concurrent edit is kept with it")
    LOG.check(live[t["T4"]]["title"] == "道路硬化（二期）", "T4：新文件的标题 / the newer title")
    t5 = w.cli(w.villages["v3"], "task", "show", t["T5"], quiet=True).data
    LOG.check([p["text"] for p in t5["progress"]] == ["已清运两车"],
              "T5：v4 记的进展经镇到了 v3 / v4's progress reached v3 through the town")
    LOG.check(town["agenda list"]["total"] == 5, "5 个议题 / five agenda items")
    LOG.check(town["person list"]["total"] == 5,
              "4 位值班人员和 v3 新增的青雁 / four officers and v3's 青雁")
    micro = w.read_all([(pc, ("microgrid", "show", w.governance["micro-v1"])) for pc in w.pcs])
    LOG.check(all(m["households"] == 52 and m["leader"] == "李秀英" for m in micro),
              "微网格：v1 的户数和 v2 换的微网格长都保留 / both micro-grid edits survive")
    dispute = w.read_all([(pc, ("dispute", "show", w.governance["dispute-v3"]))
                          for pc in w.pcs])
    LOG.check(all(d["status"] == "closed" and d["confirm_by"] == days_ago(2 - 30)
                  and len(d["session_rows"]) == 1 for d in dispute),
              "纠纷：结案、司法确认截止日和调解记录五台一致 / the dispute arrived everywhere")
    requests = w.read_all([(pc, ("service", "list")) for pc in w.pcs])
    LOG.check(all(r["total"] == 2 and {i["phone"] for i in r["items"]} == {"139****1234"}
                  for r in requests), "代办登记：五台都有 2 条，电话号码遮盖 / two requests")
    LOG.check(town["duty list"]["total"] == 4, "4 个值班记录 / four shifts")
    status = w.cli(w.town, "sync", "status").data
    peers = {p["node_id"]: p for p in status["peers"]}
    for pc in w.villages.values():
        p = peers.get(pc.node_id, {})
        LOG.check(p.get("status") == "approved" and p.get("role") == "village"
                  and p.get("cluster_id") == w.cluster_of(pc) and p.get("lacks") == 0,
                  f"镇状态：{pc.office} 已批准、{CLUSTERS[pc.cluster_key]}、对方未收到 0",
                  json.dumps(p, ensure_ascii=False))
    LOG.check(len(peers) == 4 and status["waiting"] == 0,
              "镇：正好四台电脑，没有等待更早文件的变更 / four peers, nothing waiting")
    for pc in w.villages.values():
        status = w.cli(pc, "sync", "status", quiet=True).data
        town_peer = [p for p in status["peers"] if p["node_id"] == w.town.node_id]
        LOG.check(bool(town_peer) and town_peer[0]["status"] == "approved"
                  and status["waiting"] == 0, f"{pc.label}：镇已批准，没有等待的变更")


def scope_breach(w: World) -> str:
    LOG.phase("第十一步（收尾）：村电脑写另一个联合党组织的记录 / "
              "A village writes another cluster's record")
    v1, v3 = w.villages["v1"], w.villages["v3"]
    other = w.clusters["B"]
    result = w.cli(v1, "task", "add", "--cluster", other, "--title", "越权任务", expect=None)
    if result.code != 0:
        LOG.info(f"本机命令行直接拒绝 / the CLI refuses it locally: {result.err}")
        return "CLI 本机拒绝"
    LOG.note("GAP: the CLI lets a village PC create a record in another cluster (`task add "
             "--cluster OTHER`) without a word; the town then refuses every later file of that "
             "PC whole (the record stays in its signed chain), and nothing in the CLI undoes it.")
    path = w.export(v1, "9-v1-越权", for_pc=w.town)
    row = w.import_(w.town, path, "refused")
    LOG.check("不属于" in (row.get("message") or ""), "镇拒绝整份文件：越权写入 / out of scope")
    down = w.export(w.town, "9-镇-给v3", for_pc=v3)
    w.import_(v3, down, "merged")
    listed = w.cli(v3, "task", "list", "--limit", "0", quiet=True).data["items"]
    titles = [x["title"] for x in listed]
    LOG.check("越权任务" not in titles, "越权任务没有经镇传到 v3 / it never reached v3")
    LOG.check(data_tables(v3.db) == data_tables(w.town.db),
              "镇与 v3 的数据仍一致 / the town and v3 still agree")
    return "镇拒绝（exit 1）"


def copied_folder(w: World) -> None:
    LOG.phase("第十二步：v2 的数据文件夹被复制到一台新电脑，两台都继续录入 / "
              "v2's data folder copied to a second PC; both write on")
    v2 = w.villages["v2"]
    copy = PC("v2b", "v2b 韩璩村（复制的）", w.folder / "v2b.db", v2.office, cluster_key="A",
              village_name=v2.village_name)
    for suffix in ("", "-wal", "-shm", ".key"):  # the whole folder, as people copy it
        source = v2.db.with_name(v2.db.name + suffix)
        if source.exists():
            shutil.copy2(source, copy.db.with_name(copy.db.name + suffix))
    copy.node_id = w.cli(copy, "node", "show").data["node_id"]
    LOG.check(copy.node_id == v2.node_id, f"复制的电脑与 v2 同一身份 / one identity: {v2.node_id}")
    village = w.village_ids["v2"]
    for pc, title in ((v2, "旧电脑的任务"), (copy, "新电脑的任务")):
        w.tasks[title] = w.cli(pc, "task", "add", "--title", title, "--village", village).data["id"]
    w.import_(w.town, w.export(v2, "12-v2-给镇", for_pc=w.town), "merged")
    LOG.step("镇导入复制出的电脑的文件：拒绝，并说明原因 / the town refuses the copy's file")
    result = w.cli(w.town, "sync", "import", str(w.export(copy, "12-v2b-给镇", for_pc=w.town)),
                   expect=1)
    message = result.data["files"][0]["message"]
    LOG.check("数据文件夹被复制" in message and "换用新身份" in message,
              f"镇说明发生了什么、该怎么做 / the town says what happened: {message}")
    LOG.step("镇写给 v2 的文件，复制出的电脑导入：换用新身份 / the copy learns of it")
    down = w.export(w.town, "12-镇-给v2", for_pc=v2)
    row = w.import_(copy, down, "merged")
    LOG.check("换用新身份" in (row.get("message") or ""),
              f"复制出的电脑换用新身份 / the copy takes a new identity: {row.get('message')}")
    shown = w.cli(copy, "node", "show").data
    copy.node_id, copy.fingerprint = shown["node_id"], shown["fingerprint"]
    LOG.check(copy.node_id != v2.node_id, f"新身份 / new identity {copy.node_id}")
    w.import_(v2, down, "merged")
    LOG.check(w.cli(v2, "node", "show", quiet=True).data["node_id"] == v2.node_id,
              "原来的电脑身份不变 / the first PC keeps its identity")
    LOG.step("镇暂存新身份的文件，电话核对指纹后批准 / enrolled again at the town")
    row = w.import_(w.town, w.export(copy, "12-v2b-新身份", for_pc=w.town), "quarantined")
    LOG.check(copy.fingerprint in row["message"], f"指纹一致 {copy.fingerprint}")
    w.cli(w.town, "node", "approve", copy.node_id, "--cluster", w.cluster_of(copy))
    for pc in (v2, copy):
        w.import_(pc, w.export(w.town, f"12-镇-给{pc.key}", for_pc=pc), "merged")
    titles = w.read_all([(pc, ("task", "list", "--limit", "0")) for pc in (w.town, v2, copy)])
    LOG.check(all({"旧电脑的任务", "新电脑的任务"} <= {t["title"] for t in data["items"]}
                  for data in titles),
              "两台电脑录入的任务都在镇、旧电脑和新电脑上 / nothing lost on either PC")
    tables = [data_tables(pc.db) for pc in (w.town, v2, copy)]
    LOG.check(tables[0] == tables[1] == tables[2],
              "镇、v2 与复制出的电脑数据一致 / the town and both copies agree")


def summary(w: World, seen: dict[str, dict], breach: str) -> None:
    LOG.phase("汇总 / Summary")
    header = ["电脑 PC", "节点 node", "任务 tasks", "已删 deleted", "议题 agenda", "人员 people",
              "冲突 conflicts", "导出 out", "导入 in", "重复 dup", "拒绝 refused",
              "数据+冲突摘要 digest"]
    rows = []
    for pc in w.pcs:
        data = seen[pc.key]
        table_digest = data["digest"]
        rows.append([pc.label, pc.node_id, data["task list"]["total"],
                     data["task list --deleted"]["total"], data["agenda list"]["total"],
                     data["person list"]["total"], data["sync conflicts"]["total"],
                     pc.exported, pc.imported, pc.known, pc.refused, table_digest])
    widths = [max(_width(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w_ for w_ in widths], *rows]:
        print("  ".join(str(v) + " " * (widths[i] - _width(str(v))) for i, v in enumerate(row)))
    elapsed = time.monotonic() - LOG.started
    passed = sum(1 for _, ok in LOG.checks if ok)
    print(f"\n检查 checks: {passed}/{len(LOG.checks)} 通过；命令 CLI calls: {LOG.calls}；"
          f"越权写入 scope breach: {breach}；用时 {elapsed:.0f} 秒")
    if LOG.notes:
        print("\n发现的问题 / gaps and bugs found:")
        for note in LOG.notes:
            print(f"  - {note}")


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def run(folder: Path, seed: int, cli: Path | None = None) -> None:
    w = World(folder, seed, cli)
    print(f"工作目录 / working folder: {folder}\n随机种子 / seed: {seed}\n"
          f"命令行 / CLI: {' '.join(w.program)}")
    enrol(w)
    daily_work(w)
    rota_setup(w)
    town_scores(w)
    industry_and_talent_work(w)
    LOG.phase("第四步：第一轮同步（经镇中转）/ First round through the town")
    village_round(w)
    rota_edits(w)
    industry_after_first_round(w)
    v2 = w.villages["v2"]
    titles = {x["title"] for x in w.cli(v2, "task", "list", "--limit", "0").data["items"]}
    LOG.check({"路灯维修", "清理排水沟", "走访低保户", "道路硬化", "垃圾清运"} <= titles,
              "v2 经镇收到 v1、v3 的任务 / v2 got v1's and v3's tasks through the town")
    files = concurrent_edits(w)
    bad = hostile_files(w, files)
    town_reads_the_stick(w, files, bad)
    w.round = 2
    villages_read_the_town(w)
    converge(w)
    seen = compare(w)
    check_outcome(w, seen)
    check_rota(w)
    check_industry(w)
    breach = scope_breach(w)
    copied_folder(w)
    summary(w, seen, breach)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", metavar="DIR",
                        help="在此目录工作并保留数据库和文件 / work in DIR and keep everything")
    parser.add_argument("--seed", type=int, default=20240611, help="打乱顺序用的随机种子")
    parser.add_argument("--cli", metavar="PROGRAM", type=Path,
                        help="用打包好的命令行（如 build/out/dist/lianjian/lianjian-cli）"
                             " / run a built lianjian-cli instead of this checkout's")
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass
    if args.keep:
        folder = Path(args.keep).resolve()
        if folder.exists() and any(folder.iterdir()):
            print(f"目录不是空的 / not empty: {folder}", file=sys.stderr)
            return 2
        folder.mkdir(parents=True, exist_ok=True)
    else:
        folder = Path(tempfile.mkdtemp(prefix="lianjian-sync-five-"))
    try:
        run(folder, args.seed, args.cli.resolve() if args.cli else None)
    except CheckFailed as error:
        print(f"\n✗ 失败 / FAILED: {error}\n数据保留在 / kept in: {folder}", flush=True)
        return 1
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    print("\n✓ 全部通过 / all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
