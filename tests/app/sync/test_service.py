"""The sync service (``services.sync``): what the sync page and the ``sync``/``node`` commands
call. Everything it hands back is plain data; a bad file is refused with a reason."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from desktop_app.records.errors import UserError
from desktop_app.services.sync import SYNC_FOLDER, Office
from tests.app.sync.helpers import digest


def is_plain(value) -> bool:
    """A dataclass, list, dict or scalar all the way down: nothing bound to a session."""
    if hasattr(value, "_sa_instance_state"):
        return False
    if dataclasses.is_dataclass(value):
        return all(is_plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, list | tuple | set):
        return all(is_plain(v) for v in value)
    if isinstance(value, dict):
        return all(is_plain(k) and is_plain(v) for k, v in value.items())
    return True


def test_this_office_is_described_by_plain_values(town):
    """The sync page shows this PC's name, role, cluster and fingerprint from a small frozen
    record, and renaming the office shows at once."""
    v1 = town.villages["v1"]
    office = v1.services.sync.office()
    assert isinstance(office, Office) and is_plain(office)
    assert (office.name, office.role, office.cluster_id) == ("v1值班室", "village", town.ids["c1"])
    assert office.node_id == v1.db.node.node_id and len(office.fingerprint) == 19
    assert not office.is_town and town.services.sync.office().is_town
    with pytest.raises(dataclasses.FrozenInstanceError):
        office.name = "改名"  # type: ignore[misc]
    assert v1.services.sync.set_office(name="黄璩中心村值班室").name == "黄璩中心村值班室"
    assert v1.services.sync.office().cluster_id == town.ids["c1"]  # the cluster stays


def test_a_village_writes_to_the_stick_and_the_town_reads_everything_on_it(town, tmp_path):
    """黄璩 writes a file for the town onto the stick; the town reads the whole stick and is
    told how many changes came from 黄璩; its own file on the stick is skipped."""
    v1 = town.villages["v1"]
    v1.services.tasks.create(cluster_id=town.ids["c1"], title="清理黄璩村东排水沟",
                             due_on=date(2030, 1, 1))
    stick = tmp_path / "U盘"
    written = v1.services.sync.export_to_stick(stick, for_peer=town.db.node.node_id)
    assert written.path.parent == stick / SYNC_FOLDER and written.operations >= 1
    assert f"（{written.operations} 条记录更新）" in written.text
    town.services.sync.export_to_stick(stick)  # the town's own file is on the stick too

    outcome = town.services.sync.import_folder(stick)
    assert is_plain(outcome)
    assert (outcome.total, outcome.skipped_own, outcome.cancelled) == (1, 1, False)
    [report] = outcome.reports
    assert report.status == "merged" and report.sender_name == "v1值班室"
    assert sum(report.applied.values()) == written.operations
    assert outcome.names[v1.db.node.node_id] == "v1值班室"
    assert [t.title for t in town.services.tasks.list().items] == ["清理黄璩村东排水沟"]
    peer = next(p for p in town.services.sync.peers() if p.node_id == v1.db.node.node_id)
    assert peer.last_received_at is not None and is_plain(peer)


def test_a_forged_or_truncated_file_is_refused_and_changes_nothing(town, tmp_path):
    """A file with one byte changed on someone's PC, and one cut off when the stick was
    pulled out, are both refused with a reason; the town's data is exactly as before, and the
    good file beside them still comes in."""
    v1 = town.villages["v1"]
    v1.services.tasks.create(cluster_id=town.ids["c1"], title="修补黄璩村南路面")
    good = v1.services.sync.export(tmp_path / "out").path
    data = good.read_bytes()
    forged = tmp_path / "forged.ljsync"
    middle = len(data) // 2
    forged.write_bytes(data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:])
    truncated = tmp_path / "truncated.ljsync"
    truncated.write_bytes(data[: len(data) * 2 // 3])
    before = digest(town)

    reports = town.services.sync.import_files([forged, truncated])
    assert [r.status for r in reports] == ["refused", "refused"]
    assert all(r.message for r in reports)
    assert digest(town) == before
    assert town.services.sync.import_file(good).status == "merged"
    assert [t.title for t in town.services.tasks.list().items] == ["修补黄璩村南路面"]


def test_a_missing_file_is_refused_not_a_crash(town, tmp_path):
    """A file that vanished (the stick was pulled out) is reported as unreadable."""
    report = town.services.sync.import_file(tmp_path / "gone.ljsync")
    assert report.status == "refused" and "无法读取" in report.message


def test_an_unknown_pc_can_be_neither_approved_nor_written_for(town, tmp_path):
    """Approving, or writing a file for, a node id this PC never saw says so by name."""
    stranger = "n0123456789abcdef012"
    with pytest.raises(UserError, match=f"不认识的节点：{stranger}"):
        town.services.sync.approve(stranger)
    with pytest.raises(UserError, match="不认识的节点"):
        town.services.sync.export(tmp_path / "out", for_peer=stranger)
    assert not (tmp_path / "out").exists()  # no file written


def test_a_new_pc_waits_until_approved_then_its_file_is_merged(town, pcs, tmp_path):
    """A third village PC's first file waits at the town with its fingerprint; after the
    phone call the town approves it and what waited is merged."""
    newcomer = pcs("v3")
    newcomer.services.sync.set_office(name="北张淡中心村值班室", cluster_id=town.ids["c2"])
    enrolment = newcomer.services.sync.enrolment_file(tmp_path)
    assert town.services.sync.import_file(enrolment.path).status == "quarantined"
    [waiting] = town.services.sync.pending()
    assert waiting.fingerprint == newcomer.services.sync.office().fingerprint
    assert waiting.name == "北张淡中心村值班室"

    approval = town.services.sync.approve(waiting.node_id, cluster_id=town.ids["c2"])
    assert is_plain(approval) and len(approval.reports) == 1
    assert approval.reports[0].status == "merged"
    assert approval.names[waiting.node_id] == "北张淡中心村值班室"
    assert town.services.sync.pending() == []


def test_an_unnamed_office_cannot_write_its_enrolment_file(pcs, tmp_path):
    """Before the office is named, the enrolment file is refused: the town could not tell
    who sent it."""
    unnamed = pcs("")
    with pytest.raises(UserError, match="办公室名称"):
        unnamed.services.sync.enrolment_file(tmp_path)


def test_a_conflict_is_listed_with_both_values_and_resolving_it_clears_it(town, tmp_path):
    """Town and 黄璩 change 王建国's phone at once: the town sees both numbers; keeping the
    other one writes it, and once 黄璩 reads the town's next file the conflict is gone
    there too."""
    v1, p1 = town.villages["v1"], town.ids["p1"]
    town.services.people.update(p1, phone="13811111111")
    v1.services.people.update(p1, phone="13922222222")
    sync = town.services.sync
    assert sync.import_file(v1.services.sync.export(tmp_path / "up").path).conflicts == 1
    [conflict] = sync.conflicts()
    assert is_plain(conflict)
    assert (conflict.record, conflict.field) == ("王建国", "phone")
    assert {conflict.winner.value, conflict.loser.value} == {"13811111111", "13922222222"}
    other = conflict.loser.value

    sync.resolve(conflict.id, keep="loser")
    assert town.services.people.get(p1).phone == other
    assert sync.conflicts() == []
    back = sync.export(tmp_path / "down", for_peer=v1.db.node.node_id).path
    v1.services.sync.import_file(back)
    assert v1.services.people.get(p1).phone == other
    assert v1.services.sync.conflicts() == []


def test_resolving_with_a_new_value_or_an_unknown_conflict(town, tmp_path):
    """"编辑…" writes a third value; a conflict id that does not exist is named."""
    v1, p1 = town.villages["v1"], town.ids["p1"]
    town.services.people.update(p1, phone="13811111111")
    v1.services.people.update(p1, phone="13922222222")
    town.services.sync.import_file(v1.services.sync.export(tmp_path).path)
    [conflict] = town.services.sync.conflicts()
    town.services.sync.resolve(conflict.id, value="13733333333")
    assert town.services.people.get(p1).phone == "13733333333"
    with pytest.raises(UserError, match="找不到冲突"):
        town.services.sync.resolve(conflict.id, keep="winner")


def test_reading_a_stick_can_be_cancelled_between_files(town, tmp_path):
    """Pressing 取消 stops before the next file; the file being read was finished."""
    v1 = town.villages["v1"]
    stick = tmp_path / "U盘"
    for title in ("任务甲", "任务乙"):
        v1.services.tasks.create(cluster_id=town.ids["c1"], title=title)
        path = v1.services.sync.export(tmp_path / "out").path
        stick.mkdir(exist_ok=True)
        path.rename(stick / f"{title}.ljsync")

    class CancelAfterFirst:
        cancelled = False

        def __call__(self, done: int, total: int) -> None:
            self.cancelled = done >= 1

    outcome = town.services.sync.import_folder(stick, CancelAfterFirst())
    assert outcome.cancelled and outcome.total == 2 and len(outcome.reports) == 1
