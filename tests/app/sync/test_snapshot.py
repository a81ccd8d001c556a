"""A new office PC starting from the town's signed snapshot instead of replaying the log."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from desktop_app.sync import bundle, snapshot
from desktop_app.sync.merge import SyncError
from desktop_app.sync.snapshot import write_snapshot
from desktop_app.sync.transfer import approve, export_file, import_file
from tests.app.sync.helpers import digest
from tests.app.sync.helpers import snapshot as records_of


def carry(source, target, folder, **options):
    return import_file(target.db, export_file(source.db, folder, **options))


@pytest.fixture
def busy_town(town):
    """The town after some use: a village's task relayed through it, a task of its own."""
    v1 = town.villages["v1"]
    v1.services.tasks.create(cluster_id=town.ids["c1"], title="清理排水沟")
    carry(v1, town, town.stick / "up")
    town.services.duty.start(town.ids["c2"], [town.ids["p2"]])
    task = town.services.tasks.create(cluster_id=town.ids["c2"], title="修复路灯")
    town.services.tasks.update(task.id, status="in_progress")
    return town


def new_office(town, pcs, cluster: str):
    """A new PC of ``cluster``: its first file at the town, approved there."""
    pc = pcs("v3")
    pc.db.set_node(name="新值班室", cluster_id=cluster)
    assert import_file(town.db, export_file(pc.db, town.stick / "v3")).status == "quarantined"
    approve(town.db, pc.db.node.node_id, cluster_id=cluster)
    return pc


def test_a_new_pc_starts_from_the_snapshot_and_continues_with_the_log(busy_town, pcs):
    town, v1 = busy_town, busy_town.villages["v1"]
    pc = new_office(town, pcs, town.ids["c1"])
    path, records = write_snapshot(town.db, town.stick / "snap", town.ids["c1"])
    assert path.suffix == snapshot.SUFFIX and records > 0
    assert import_file(pc.db, path).status == "quarantined"  # the town is not approved yet
    reports = approve(pc.db, town.db.node.node_id)
    assert reports[0].status == "merged" and "快照" in reports[0].message
    assert records_of(pc) == records_of(town)
    assert pc.services.search.counts("排水沟")  # the index is built from the records
    # Later changes at the town and at a village arrive as ordinary files.
    later = v1.services.tasks.create(cluster_id=town.ids["c1"], title="清理河道垃圾")
    carry(v1, town, town.stick / "up2")
    edited = town.services.tasks.ids()[0]
    town.services.tasks.update(edited, title="修复路灯（已报修）")
    assert carry(pc, town, town.stick / "back", for_peer=town.db.node.node_id).status == "merged"
    report = carry(town, pc, town.stick / "down", for_peer=pc.db.node.node_id)
    assert report.status == "merged" and report.waiting == 0
    assert pc.services.tasks.get(later.id).title == "清理河道垃圾"
    assert records_of(pc) == records_of(town)
    # The new PC writes on, and the town takes its changes.
    pc.services.duty.start(town.ids["c1"], [town.ids["p1"]])
    own = pc.services.tasks.create(cluster_id=town.ids["c1"], title="走访空巢老人")
    assert carry(pc, town, town.stick / "up3", for_peer=town.db.node.node_id).status == "merged"
    assert town.services.tasks.get(own.id).title == "走访空巢老人"


def test_operations_older_than_the_snapshot_are_known_not_a_fork(busy_town, pcs):
    """A file carrying a chain from its start (a village's full log) merges on a PC whose
    log of that chain starts at the snapshot's head: the older operations are in its records."""
    town, v1 = busy_town, busy_town.villages["v1"]
    pc = new_office(town, pcs, town.ids["c1"])
    import_file(pc.db, write_snapshot(town.db, town.stick / "snap", town.ids["c1"])[0])
    approve(pc.db, town.db.node.node_id)
    report = v1.send_to(pc, full=True)
    assert report.waiting == 0 and report.new_conflicts == 0
    assert records_of(pc) == records_of(town)


def test_a_tampered_snapshot_is_refused_and_nothing_changes(busy_town, pcs, monkeypatch):
    town = busy_town
    pc = new_office(town, pcs, town.ids["c1"])
    monkeypatch.setattr(snapshot, "readers_of", lambda db, cluster: {})  # a plain file
    path, _ = write_snapshot(town.db, town.stick / "snap", town.ids["c1"])
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["records.jsonl"] = members["records.jsonl"].replace(
        "修复路灯".encode(), "拆除路灯".encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in snapshot.MEMBERS:
            archive.writestr(name, members[name])
        archive.comment = bundle.SEAL_PREFIX + b"0" * 64
    forged = path.with_name("forged" + snapshot.SUFFIX)
    forged.write_bytes(bundle.seal(buffer.getvalue()))  # sealed again: only the hash can tell
    flipped = path.with_name("flipped" + snapshot.SUFFIX)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    flipped.write_bytes(bytes(data))
    before = digest(pc)
    with pytest.raises(SyncError, match="校验值不符"):
        import_file(pc.db, forged)
    with pytest.raises(SyncError):
        import_file(pc.db, flipped)
    assert digest(pc) == before


def test_a_snapshot_is_only_for_an_empty_pc_and_only_from_the_town(busy_town, pcs):
    town, v1 = busy_town, busy_town.villages["v1"]
    path, _ = write_snapshot(town.db, town.stick / "snap", town.ids["c1"])
    before = digest(v1)
    with pytest.raises(SyncError, match="快照只用于新电脑"):
        import_file(v1.db, path)  # v1 can read it (an office of 黄璩) but holds records
    assert digest(v1) == before
    with pytest.raises(SyncError, match="只有镇里的电脑"):
        write_snapshot(v1.db, town.stick / "v1-snap", town.ids["c1"])


def test_the_snapshot_manifest_names_kind_format_cluster_and_vector(busy_town, pcs, monkeypatch):
    town = busy_town
    monkeypatch.setattr(snapshot, "readers_of", lambda db, cluster: {})
    path, records = write_snapshot(town.db, town.stick / "snap", town.ids["c2"])
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert (manifest["kind"], manifest["format"]) == ("snapshot", snapshot.FORMAT)
    assert manifest["cluster_id"] == town.ids["c2"] and manifest["records"] == records
    assert manifest["vector"][town.db.node.node_id] > 0


def test_the_command_line_writes_a_snapshot_and_imports_it(busy_town, pcs):
    from tests.app.test_cli import cli

    town = busy_town
    pc = new_office(town, pcs, town.ids["c1"])
    folder = town.stick / "cli"
    folder.mkdir()
    written = cli(town.db.path, "--json", "sync", "snapshot", "--cluster", town.ids["c1"],
                  "--out", str(folder))
    assert written.code == 0, written.err
    path = json.loads(written.out)["file"]
    assert cli(pc.db.path, "sync", "import", path).code == 0  # quarantined
    assert cli(pc.db.path, "node", "approve", town.db.node.node_id).code == 0
    assert records_of(pc) == records_of(town)
    refused = cli(town.db.path, "sync", "snapshot", "--cluster", "没有", "--out", str(folder))
    assert refused.code == 1 and "没有这个联合党组织" in refused.err


def test_the_towns_file_for_a_new_office_on_a_stick_is_a_snapshot(busy_town, pcs, tmp_path):
    """The sync page's path: at the town, writing for a new office PC that holds nothing
    writes a snapshot onto the stick; the new PC reads the stick, approves the town and has
    every record; once its first file is back, the town writes it ordinary files and the old
    snapshot left on the stick is skipped."""
    town = busy_town
    pc = new_office(town, pcs, town.ids["c1"])
    stick = tmp_path / "U盘"
    written = town.services.sync.export_to_stick(stick, for_peer=pc.db.node.node_id)
    assert written.path.suffix == snapshot.SUFFIX and written.path.parent.parent == stick
    assert "新电脑的第一个文件" in written.text and f"{written.operations:,} 条" in written.text
    outcome = pc.services.sync.import_folder(stick)
    assert [r.status for r in outcome.reports] == ["quarantined"]
    approval = pc.services.sync.approve(town.db.node.node_id)
    assert approval.reports[0].status == "merged" and "快照" in approval.reports[0].message
    assert records_of(pc) == records_of(town)

    back = pc.services.sync.export_to_stick(stick, for_peer=town.db.node.node_id)
    outcome = town.services.sync.import_folder(stick)
    assert [r.status for r in outcome.reports] == ["merged"] and outcome.skipped_own == 1
    edited = town.services.tasks.ids()[0]
    town.services.tasks.update(edited, title="修复路灯（已报修）")
    later = town.services.sync.export_to_stick(stick, for_peer=pc.db.node.node_id)
    assert later.path.suffix == bundle.SUFFIX and later.operations >= 1
    back.path.unlink()
    outcome = pc.services.sync.import_folder(stick)
    assert outcome.skipped_snapshots == 1
    assert [r.status for r in outcome.reports] == ["merged"]
    assert pc.services.tasks.get(edited).title == "修复路灯（已报修）"


def test_only_a_new_office_pc_gets_a_snapshot_and_only_an_empty_pc_reads_one(busy_town, pcs,
                                                                             tmp_path):
    """An office the town wrote to before, the whole-town file and a village's file are
    ordinary files (an office whose file told of records it holds: the test above); a PC that
    holds records skips a snapshot on the stick (it is told) and nothing changes there."""
    town, v1 = busy_town, busy_town.villages["v1"]
    stick = tmp_path / "U盘"
    sync = town.services.sync
    assert sync.export_to_stick(stick, for_peer=v1.db.node.node_id).path.suffix == bundle.SUFFIX
    assert sync.export_to_stick(stick).path.suffix == bundle.SUFFIX
    assert v1.services.sync.export_to_stick(
        stick, for_peer=town.db.node.node_id).path.suffix == bundle.SUFFIX
    new = new_office(town, pcs, town.ids["c1"])
    snap = sync.export_to_stick(stick / "新", for_peer=new.db.node.node_id).path
    assert snap.suffix == snapshot.SUFFIX
    before = records_of(v1)
    for name in list(stick.glob("联建同步/*")):
        name.unlink()
    snap.rename(stick / snap.name)  # a snapshot for 黄璩's new office, at the stick's root
    outcome = v1.services.sync.import_folder(stick)
    assert (outcome.total, outcome.skipped_snapshots, outcome.reports) == (0, 1, [])
    assert records_of(v1) == before


@pytest.mark.parametrize("line, shown", [
    (b'["work_task", ["a", 1, 2.5, null]]', None),
    (b'["work_task", ["a", true, 2.5, null]]', "第 2 条"),  # JSON's true is no SQLite value
    (b'["work_task", ["a", [1], 2.5, null]]', "第 2 条"),
    (b'["work_task", ["a", {"x": 1}, 2.5, null]]', "第 2 条"),
    (b'["work_task", ["a", 1, 2.5]]', "第 2 条"),  # a column short
    (b'["no_such_table", ["a", 1, 2.5, null]]', "第 2 条"),
])
def test_each_record_of_a_snapshot_holds_only_values_sqlite_stores(tmp_path, line, shown):
    """Behind the signature, a record's shape is checked line by line: known table, one
    value a column, each a string, number or null."""
    from desktop_app.sync.zipin import Staged

    path = tmp_path / "records.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(snapshot.RECORDS, b'["work_task", ["b", 0, 0.0, "x"]]\n' + line + b"\n")
    staged = Staged(path, path.stat().st_size, "", None, None)
    columns = {"work_task": ["id", "priority", "score", "note"]}
    pages = snapshot._record_pages(staged, columns)  # noqa: SLF001
    if shown is None:
        assert [len(page) for page in pages] == [2]
    else:
        with pytest.raises(SyncError, match=f"快照{shown}记录的格式不正确"):
            list(pages)


def test_taking_a_snapshot_tells_its_progress_up_to_the_end(busy_town, pcs, tmp_path):
    """Approving the town on the new PC takes the snapshot, minutes after years of use: the
    page's progress bar moves with the records written, then with those indexed."""
    town = busy_town
    pc = new_office(town, pcs, town.ids["c1"])
    written = town.services.sync.export_to_stick(tmp_path / "U盘", for_peer=pc.db.node.node_id)
    pc.services.sync.import_folder(tmp_path / "U盘")
    seen: list[tuple[int, int]] = []

    class Recorder:
        cancelled = False

        def __call__(self, done: int, total: int) -> None:
            seen.append((done, total))

    approval = pc.services.sync.approve(town.db.node.node_id, progress=Recorder())
    assert approval.reports[0].status == "merged"
    dones = [done for done, _total in seen]
    totals = {total for _done, total in seen}
    assert len(totals) == 1 and dones == sorted(dones) and dones[-1] == totals.pop()
    assert written.operations < dones[-1] < 2 * written.operations  # written, then indexed
