"""Sync files between the town and village PCs: enrolment, relays, scopes, refusals."""

from __future__ import annotations

import zipfile
from datetime import date, time

import pytest

from desktop_app.sync.bundle import SyncFileError
from desktop_app.sync.merge import SyncError
from desktop_app.sync.transfer import export_file, import_file
from tests.app.sync.helpers import digest


def carry(source, target, folder, **options):
    path = export_file(source.db, folder, **options)
    return path, import_file(target.db, path)


def test_enrolment_then_relay_through_the_town(town):
    """A village's task reaches the other village through the town, still signed by it."""
    v1, v2 = town.villages["v1"], town.villages["v2"]
    assert v1.services.villages.list().total == 2  # the town's records arrived after approval
    task = v1.services.tasks.create(cluster_id=town.ids["c1"], title="清理排水沟")
    _, report = carry(v1, town, town.stick / "up")
    assert report.status == "merged" and sum(report.applied.values()) > 0
    _, report = carry(town, v2, town.stick / "down", for_peer=v2.db.node.node_id)
    relayed = v2.services.tasks.get(task.id)
    assert relayed.origin == v1.db.node.node_id and relayed.title == "清理排水沟"


def test_the_same_file_twice_or_renamed_changes_nothing(town, tmp_path):
    """Guarantee 1 for files: the second import is recognised and changes nothing."""
    v1 = town.villages["v1"]
    v1.services.tasks.create(cluster_id=town.ids["c1"], title="清理排水沟")
    path, _ = carry(v1, town, town.stick / "up")
    before = digest(town)
    renamed = tmp_path / "改名.ljsync"
    renamed.write_bytes(path.read_bytes())
    assert import_file(town.db, renamed).status == "known"
    assert digest(town) == before


def test_a_known_file_is_recognised_by_its_seal_without_reading_it_all(town, monkeypatch):
    """The second import reads only the file's last bytes (its seal); a damaged copy with
    the same seal is that file, already imported (nothing of it is merged); a file imported
    before the seal was kept is still recognised by its whole hash."""
    import pathlib

    from sqlalchemy import update

    from db.models import SyncFile

    v1 = town.villages["v1"]
    v1.services.tasks.create(cluster_id=town.ids["c1"], title="清理排水沟")
    path, first = carry(v1, town, town.stick / "up")
    assert first.status != "known"
    data = path.read_bytes()
    with monkeypatch.context() as patched:
        patched.setattr(pathlib.Path, "read_bytes",
                        lambda self: pytest.fail(f"read all of {self.name}"))
        assert import_file(town.db, path).status == "known"
    before = digest(town)
    damaged = path.with_name("damaged.ljsync")
    damaged.write_bytes(data[:100] + bytes([data[100] ^ 1]) + data[101:])
    assert import_file(town.db, damaged).status == "known"
    assert digest(town) == before
    with town.db.begin() as connection:  # as if imported by an older version
        connection.execute(update(SyncFile).values(seal=None))
    assert import_file(town.db, path).status == "known"
    with pytest.raises(SyncFileError):
        import_file(town.db, damaged)  # not known by its seal now: checked, and refused


def test_a_village_writing_another_clusters_record_is_refused(town):
    """Guarantee 10: v1 may not write 张淡's records; the whole file is refused unchanged."""
    v1 = town.villages["v1"]
    v1.db.set_node(cluster_id=town.ids["c2"])  # a tampered office pretends to serve 张淡
    v1.services.duty.end("交班")
    v1.services.duty.start(town.ids["c2"], [town.ids["p2"]])
    v1.services.tasks.create(cluster_id=town.ids["c2"], title="越权的任务")
    path = export_file(v1.db, town.stick / "bad")
    before = digest(town)
    with pytest.raises(SyncError, match="不属于其联合党组织"):
        import_file(town.db, path)
    assert digest(town) == before


def test_unknown_signer_waits_in_quarantine(town, pcs):
    """Guarantee 10: a PC the town never approved is kept apart, not merged."""
    stranger = pcs("stranger")
    stranger.db.set_node(name="陌生电脑", cluster_id=town.ids["c1"])
    before = town.services.tasks.list().total
    report = import_file(town.db, export_file(stranger.db, town.stick / "stranger"))
    assert report.status == "quarantined" and "指纹" in report.message
    assert town.services.tasks.list().total == before


@pytest.mark.parametrize("offset", [0, 10, 100, -200, -30, -1])
def test_a_flipped_byte_is_refused_and_nothing_changes(town, offset):
    """Guarantee 8: any changed byte is caught by the zip, the hashes or the signature."""
    v1 = town.villages["v1"]
    v1.services.tasks.create(cluster_id=town.ids["c1"], title="清理排水沟")
    path = export_file(v1.db, town.stick / "flip")
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x41
    path.write_bytes(bytes(data))
    before = digest(town)
    with pytest.raises(SyncError):
        import_file(town.db, path)
    assert digest(town) == before


def test_truncated_and_hostile_zips_are_refused(town, tmp_path):
    """Guarantee 8: truncation, ../ paths, duplicate members, extra members: refused."""
    v1 = town.villages["v1"]
    path = export_file(v1.db, town.stick / "t")
    data = path.read_bytes()
    before = digest(town)
    cut = tmp_path / "cut.ljsync"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(SyncFileError, match="不完整或已损坏"):
        import_file(town.db, cut)
    with zipfile.ZipFile(path) as original:
        members = {name: original.read(name) for name in original.namelist()}
    for name, extra in (("evil-path", "../evil"), ("abs", "/etc/passwd"), ("dup", "manifest.json")):
        hostile = tmp_path / f"{name}.ljsync"
        with zipfile.ZipFile(hostile, "w") as archive:
            for member, content in members.items():
                archive.writestr(member, content)
            import warnings

            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                archive.writestr(extra, b"x")
        with pytest.raises(SyncFileError):
            import_file(town.db, hostile)
    assert digest(town) == before


def test_a_file_from_a_newer_schema_is_refused(town, monkeypatch):
    from desktop_app.sync import transfer

    v1 = town.villages["v1"]
    monkeypatch.setattr(transfer, "HEAD_REVISION", "9999")
    path = export_file(v1.db, town.stick / "new")
    monkeypatch.undo()
    with pytest.raises(SyncFileError, match="更新版本"):
        import_file(town.db, path)


def test_two_exports_in_one_second_do_not_overwrite_each_other(town):
    """Files for different PCs (or twice for one) written at once all stay on the stick."""
    v1, v2 = town.villages["v1"], town.villages["v2"]
    folder = town.stick / "busy"
    paths = {export_file(town.db, folder, for_peer=v1.db.node.node_id),
             export_file(town.db, folder, for_peer=v2.db.node.node_id),
             export_file(town.db, folder)}
    assert len(paths) == 3 and all(p.exists() for p in paths)


def test_a_late_file_does_not_set_back_what_the_town_knows(town):
    """An older file from a village, read after a newer one, leaves the town's record of
    what that village has seen where it was."""
    import json

    from sqlalchemy import select

    from db.models import SyncPeer

    v1 = town.villages["v1"]
    older = export_file(v1.db, town.stick / "older")
    v1.services.tasks.create(cluster_id=town.ids["c1"], title="清理排水沟")
    newer = export_file(v1.db, town.stick / "newer")
    import_file(town.db, newer)

    def seen():
        with town.db.engine.connect() as connection:
            peer = connection.execute(select(SyncPeer).where(
                SyncPeer.node_id == v1.db.node.node_id)).first()
        return json.loads(peer.vector)

    before = seen()
    import_file(town.db, older)
    assert seen() == before


def test_approving_a_pc_whose_file_is_refused_leaves_it_pending(town, pcs, monkeypatch):
    """If a quarantined file turns out bad on approval, the PC is not left half-approved."""
    from desktop_app.sync import transfer

    stranger = pcs("stranger")
    stranger.db.set_node(name="陌生电脑", cluster_id=town.ids["c1"])
    import_file(town.db, export_file(stranger.db, town.stick / "stranger"))

    def refuse(*_args, **_kwargs):
        raise SyncError("文件被拒绝")

    monkeypatch.setattr(transfer, "_import_quarantined", refuse)
    with pytest.raises(SyncError):
        transfer.approve(town.db, stranger.db.node.node_id, cluster_id=town.ids["c1"])
    from desktop_app.sync.status import peer_statuses

    [status] = [p for p in peer_statuses(town.db) if p.node_id == stranger.db.node.node_id]
    assert status.status == "pending"


def test_a_certificate_issued_on_a_village_pc_reaches_the_town(town):
    """A volunteer-hours certificate is its volunteer's cluster's record: the town merges it
    (it used to refuse the village's file, and so every later one)."""
    v1, person = town.villages["v1"], town.ids["p1"]
    v1.services.activities.create(cluster_id=town.ids["c1"], title="义务理发",
                                  held_on=date(2026, 11, 8), start_time=time(9),
                                  end_time=time(11), participants={person: 2})
    number = v1.services.certificates.issue(person, date(2026, 11, 1),
                                            date(2026, 11, 30)).number
    path, report = carry(v1, town, town.stick / "up")
    assert report.status == "merged", report.message
    assert town.services.certificates.find(number).person_id == person
