"""Sync fixes found while trying it (issue 18, part 2): the same value is no conflict, the merge
and the record of the file are one transaction, offices are named everywhere, and keys travel
with the town's files so a file may go straight from one village to another."""

from __future__ import annotations

import pytest

from desktop_app.sync import transfer
from desktop_app.sync.merge import SyncError
from desktop_app.sync.transfer import export_file, import_file
from tests.app.sync.helpers import conflicts, digest, setup_town, snapshot


def test_two_offices_setting_a_field_to_the_same_value_is_no_conflict(pcs):
    a, b = pcs("a"), pcs("b")
    _, village = setup_town(a)
    a.send_to(b)
    a.services.villages.update(village, name="黄璩新村")
    b.services.villages.update(village, name="黄璩新村")
    a.send_to(b)
    b.send_to(a)
    assert conflicts(a) == conflicts(b) == []
    assert snapshot(a) == snapshot(b)
    # A different value still is one, on both.
    a.services.villages.update(village, name="黄璩东村")
    b.services.villages.update(village, name="黄璩西村")
    a.send_to(b)
    b.send_to(a)
    assert len(conflicts(a)) == 1 and conflicts(a) == conflicts(b)


def test_a_failure_between_the_merge_and_the_record_of_the_file_leaves_nothing(
        town, tmp_path, monkeypatch):
    """The merge and "this file was imported" are one transaction: an exception between them
    (as a kill would be) leaves the database as it was, and the file imports afterwards."""
    v1 = town.villages["v1"]
    v1.services.tasks.create(cluster_id=town.ids["c1"], title="清理排水沟")
    path = export_file(v1.db, tmp_path / "up")
    before = digest(town)

    def killed(*args, **kwargs):
        raise RuntimeError("killed between the merge and the record of the file")

    monkeypatch.setattr(transfer, "_remember", killed)
    with pytest.raises(RuntimeError):
        import_file(town.db, path)
    assert digest(town) == before
    monkeypatch.undo()
    assert import_file(town.db, path).status == "merged"
    assert [t.title for t in town.services.tasks.list().items] == ["清理排水沟"]
    assert import_file(town.db, path).status == "known"


def test_a_conflict_names_an_office_this_pc_never_met(town, tmp_path):
    """黄璩 (v1) never received a file from 张淡 (v2): the town's file carries v2's name with its
    key, so v1's conflict list names it as the town does."""
    v1, v2, p2 = town.villages["v1"], town.villages["v2"], town.ids["p2"]
    town.services.people.update(p2, phone="13811111111")
    v2.services.people.update(p2, phone="13922222222")
    import_file(town.db, export_file(v2.db, tmp_path / "up"))
    import_file(v1.db, export_file(town.db, tmp_path / "down", for_peer=v1.db.node.node_id))
    [conflict] = v1.services.sync.conflicts()
    names = {conflict.winner.node, conflict.loser.node}
    assert names == {"v2值班室", town.db.node.name or town.db.node.node_id}
    assert v2.db.node.node_id not in names
    assert v1.services.sync.pc_names()[v2.db.node.node_id] == "v2值班室"


def test_a_file_carried_straight_from_one_village_to_another_is_merged(town, tmp_path):
    """v1 and v2 learnt each other's keys and enrolment from the town's files: v1's own file
    written for v2 and carried straight there is merged (not quarantined, not refused as
    forged). A file v1 writes for no one in particular is for the town and its own cluster."""
    v1, v2 = town.villages["v1"], town.villages["v2"]
    import_file(v1.db, export_file(town.db, tmp_path / "down", for_peer=v1.db.node.node_id))
    task = v1.services.tasks.create(cluster_id=town.ids["c1"], title="路灯维修")
    with pytest.raises(SyncError, match="不是写给本机的"):
        import_file(v2.db, export_file(v1.db, tmp_path / "all"))
    report = import_file(v2.db, export_file(v1.db, tmp_path / "hop", for_peer=v2.db.node.node_id))
    assert report.status == "merged"
    assert v2.services.tasks.get(task.id).title == "路灯维修"


def test_a_relayed_change_whose_writer_is_unknown_says_to_sync_with_the_town(
        town, tmp_path, monkeypatch):
    """A file holding changes of an office the reader knows no key of (here a relay that did not
    carry the keys) is refused with what to do, not as a forgery; nothing is written."""
    v1, v2 = town.villages["v1"], town.villages["v2"]
    v2.services.tasks.create(cluster_id=town.ids["c2"], title="修桥")
    import_file(town.db, export_file(v2.db, tmp_path / "up"))
    monkeypatch.setattr(transfer, "_peers", lambda db: [])
    keyless = export_file(town.db, tmp_path / "down", for_peer=v1.db.node.node_id)
    monkeypatch.undo()
    with v1.db.engine.connect() as connection:
        known = {row[0] for row in connection.exec_driver_sql("SELECT node_id FROM sync_peer")}
    assert v2.db.node.node_id not in known
    before = digest(v1)
    with pytest.raises(SyncError, match="该文件来自尚未认识的值班室，请先与镇同步"):
        import_file(v1.db, keyless)
    assert digest(v1) == before


def test_a_pc_enrolled_before_encryption_gets_its_key_into_its_certificate(town, tmp_path):
    """A certificate issued without an encryption key is issued again, by the town, once the
    PC's file shows its key; the other offices then learn the key from the town's files."""
    import json

    from sqlalchemy import update

    from db.models import SyncPeer
    from desktop_app.sync.identity import Signer
    from desktop_app.sync.trust import issue_certificate

    v1, v2 = town.villages["v1"], town.villages["v2"]
    v1_id = v1.db.node.node_id
    with town.db.begin() as connection:
        peer = connection.execute(SyncPeer.__table__.select().where(
            SyncPeer.__table__.c.node_id == v1_id)).one()
        old = {"node_id": v1_id, "name": peer.name, "public_key": peer.public_key,
               "role": peer.role, "cluster_id": peer.cluster_id}
        connection.execute(update(SyncPeer).where(SyncPeer.node_id == v1_id).values(
            certificate=issue_certificate(Signer(town.db.key_path), town.db.node.node_id, old)))
    import_file(town.db, export_file(v1.db, tmp_path / "up"))
    with town.db.engine.connect() as connection:
        certificate = connection.execute(SyncPeer.__table__.select().where(
            SyncPeer.__table__.c.node_id == v1_id)).one().certificate
    assert json.loads(certificate)["body"]["box_key"]
    with v2.db.begin() as connection:  # v2 had learnt v1 without its key
        connection.execute(update(SyncPeer).where(SyncPeer.node_id == v1_id)
                           .values(box_key=None))
    import_file(v2.db, export_file(town.db, tmp_path / "down", for_peer=v2.db.node.node_id))
    with v2.db.engine.connect() as connection:
        assert connection.execute(SyncPeer.__table__.select().where(
            SyncPeer.__table__.c.node_id == v1_id)).one().box_key


def test_reading_a_stick_skips_files_encrypted_for_other_pcs_only(town, tmp_path):
    """v2's file for the town, on the stick v1 reads: skipped and counted, not refused."""
    v1, v2 = town.villages["v1"], town.villages["v2"]
    stick = tmp_path / "U盘"
    v2.services.sync.export_to_stick(stick, for_peer=town.db.node.node_id)
    town.services.sync.export_to_stick(stick, for_peer=v1.db.node.node_id)
    outcome = v1.services.sync.import_folder(stick)
    assert (outcome.total, outcome.skipped_others) == (1, 1)
    assert [r.status for r in outcome.reports] == ["merged"]
