"""The plain report after reading sync files, shared by ``sync import`` and the sync page."""

from __future__ import annotations

from desktop_app.sync.merge import SyncError
from desktop_app.sync.stick import SYNC_FOLDER, files_on, import_one, written_by
from desktop_app.sync.summary import as_dict, describe, refused
from desktop_app.sync.transfer import ImportReport, export_file


def test_a_merged_file_says_how_many_changes_came_from_whom():
    """One line names the file, the sending PC, the changes, conflicts and a skewed clock."""
    report = ImportReport(file="a.ljsync", sender="n1", sender_name="黄璩值班室",
                          applied={"n1": 12}, waiting=2, conflicts=1,
                          clock_skew_ms=400 * 86400000)
    assert describe(report) == (
        "导入 a.ljsync（来自 黄璩值班室）：12 条记录更新，2 条等待更早的文件，"
        "1 处冲突待处理（sync conflicts）；注意：对方电脑的日期相差约 +400.0 天")


def test_a_relayed_file_breaks_the_changes_down_by_the_pc_that_wrote_them():
    """The town's file carrying a village's changes says how many came from each PC."""
    report = ImportReport(file="t.ljsync", sender="town", sender_name="大王镇",
                          applied={"town": 2, "v1": 5})
    line = describe(report, names={"town": "大王镇", "v1": "黄璩值班室"}, conflicts_hint="见下方")
    assert line == "导入 t.ljsync（来自 大王镇）：7 条记录更新（其中 黄璩值班室 5 条，大王镇 2 条）"


def test_refused_known_and_empty_files_read_plainly():
    """A refused file gives the reason; an old file says so; a file with nothing new too."""
    bad = refused("/U盘/坏.ljsync", SyncError("文件不完整"))
    assert describe(bad) == "拒绝 坏.ljsync：文件不完整"
    known = ImportReport(file="b.ljsync", status="known", message="这个文件已经导入过，没有新内容")
    assert describe(known) == "b.ljsync：这个文件已经导入过，没有新内容"
    empty = ImportReport(file="c.ljsync", sender="n1", sender_name="")
    assert describe(empty) == "导入 c.ljsync（来自 未命名电脑）：没有新的记录更新"
    assert as_dict(empty)["sender"] == "" and as_dict(empty)["sender_id"] == "n1"


def test_files_on_a_stick_are_found_in_its_folder_and_root_and_bad_ones_are_refused(town, tmp_path):
    """Files in 联建同步/ and at the root are read; half-written ones are not; a junk file
    comes back refused instead of stopping the rest."""
    stick = tmp_path / "U盘"
    good = export_file(town.villages["v1"].db, stick / SYNC_FOLDER)
    (stick / ".half.ljsync.part").write_bytes(b"x")
    (stick / ".hidden.ljsync").write_bytes(b"x")
    junk = stick / "坏.ljsync"
    junk.write_bytes(b"junk")
    assert files_on(stick) == [good, junk]
    assert written_by(good, town.villages["v1"].db.node.node_id)
    assert not written_by(good, town.db.node.node_id)
    assert import_one(town.db, junk).status == "refused"
    assert import_one(town.db, good).status == "merged"
