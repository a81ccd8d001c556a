"""Merging operations between PCs: the sync guarantees that do not depend on files."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from db.models import SyncOp
from desktop_app.services import ListQuery
from desktop_app.sync.exchange import apply, collect
from tests.app.sync.helpers import conflicts, setup_town, snapshot


def test_every_write_is_logged_with_a_gapless_chained_sequence(pcs):
    """Each change becomes one operation; seq counts 1, 2, 3 … and each links to the last."""
    a = pcs("a")
    setup_town(a)
    with a.db.engine.connect() as connection:
        ops = connection.execute(select(SyncOp).order_by(SyncOp.seq)).all()
    assert [op.seq for op in ops] == list(range(1, len(ops) + 1))
    assert all(later.prev_hash == earlier.hash
               for earlier, later in zip(ops, ops[1:], strict=False))
    assert {op.origin for op in ops} == {a.db.node.node_id}


def test_a_second_pc_receives_everything_and_twice_changes_nothing(pcs):
    """Guarantee 1: importing the same changes twice changes nothing."""
    a, b = pcs("a"), pcs("b")
    cluster, village = setup_town(a)
    a.services.tasks.create(cluster_id=cluster, title="清理排水沟", village_ids=[village])
    first = a.send_to(b)
    assert sum(first.applied.values()) > 0 and first.waiting == 0
    assert snapshot(b) == snapshot(a)
    again = a.send_to(b)
    assert sum(again.applied.values()) == 0 and again.duplicates > 0
    assert snapshot(b) == snapshot(a)
    assert b.services.tasks.list().items[0].title == "清理排水沟"
    assert b.services.tasks.village_ids(b.services.tasks.list().items[0].id) == [village]


def test_relay_keeps_origin_and_nothing_bounces_back(pcs):
    """Guarantee 3: A → town → B keeps A as origin and author; B's copy back to A is a no-op."""
    a, town, b = pcs("a"), pcs("town"), pcs("b")
    cluster, _ = setup_town(a)
    task = a.services.tasks.create(cluster_id=cluster, title="路灯维修")
    a.send_to(town)
    town.send_to(b)
    relayed = b.services.tasks.get(task.id)
    assert relayed.origin == a.db.node.node_id and relayed.recorded_by == task.recorded_by
    assert relayed.version == task.version
    back = b.send_to(a)
    assert sum(back.applied.values()) == 0


def test_different_fields_both_survive(pcs):
    """Guarantee 4: A changes the title, B the due date, of one task: both edits stand."""
    a, b = pcs("a"), pcs("b")
    cluster, _ = setup_town(a)
    task = a.services.tasks.create(cluster_id=cluster, title="路灯维修")
    a.send_to(b)
    b.services.duty.start(cluster, [a.services.people.list().items[0].id]) if \
        b.db.officer_id is None else None
    a.services.tasks.update(task.id, title="黄店村路灯维修")
    b.services.tasks.update(task.id, due_on=date(2026, 12, 31))
    a.send_to(b)
    b.send_to(a)
    for pc in (a, b):
        stored = pc.services.tasks.get(task.id)
        assert (stored.title, stored.due_on) == ("黄店村路灯维修", date(2026, 12, 31))
    assert conflicts(a) == conflicts(b) == []


def test_same_field_same_winner_and_the_loser_is_kept(pcs):
    """Guarantee 5: both edit the title; both PCs pick one winner and list the other value."""
    a, b = pcs("a"), pcs("b")
    cluster, _ = setup_town(a)
    task = a.services.tasks.create(cluster_id=cluster, title="路灯维修")
    a.send_to(b)
    b.services.duty.start(cluster, [a.services.people.list().items[0].id])
    a.services.tasks.update(task.id, title="甲：路灯维修")
    b.services.tasks.update(task.id, title="乙：路灯维修")
    a.send_to(b)
    b.send_to(a)
    titles = {pc.services.tasks.get(task.id).title for pc in (a, b)}
    assert len(titles) == 1
    assert conflicts(a) == conflicts(b) and len(conflicts(a)) == 1
    [(row_id, field, _winner, loser)] = conflicts(a)
    assert (row_id, field) == (task.id, "title") and ("甲" in loser or "乙" in loser)
    # A person resolves it: an ordinary edit that syncs and clears the list everywhere.
    a.services.tasks.update(task.id, title="黄店村路灯维修")
    a.send_to(b)
    assert conflicts(a) == conflicts(b) == []
    assert b.services.tasks.get(task.id).title == "黄店村路灯维修"


def test_delete_against_edit_and_old_files(pcs):
    """Guarantee 6: a deletion stands against a concurrent edit; an old file never undoes it."""
    a, b = pcs("a"), pcs("b")
    cluster, _ = setup_town(a)
    task = a.services.tasks.create(cluster_id=cluster, title="路灯维修")
    a.send_to(b)
    b.services.duty.start(cluster, [a.services.people.list().items[0].id])
    old = collect(a.db)
    a.services.tasks.delete(task.id)
    b.services.tasks.update(task.id, description="已联系施工队")
    a.send_to(b)
    b.send_to(a)
    for pc in (a, b):
        stored = pc.services.tasks.get(task.id, include_deleted=True)
        assert stored.deleted and stored.description == "已联系施工队"
    apply(b.db, old)  # an old file arrives late
    assert b.services.tasks.get(task.id, include_deleted=True).deleted


def test_the_hub_relays_a_deletion_of_a_record_it_never_saw(pcs):
    """Guarantee 6: B deletes A's task; the hub gets only B's changes, passes them to C, and
    when A's record finally reaches C (or the hub) it arrives deleted."""
    a, b, hub, c = pcs("a"), pcs("b"), pcs("hub"), pcs("c")
    cluster, _ = setup_town(a)
    task = a.services.tasks.create(cluster_id=cluster, title="路灯维修")
    a.send_to(b)
    b.services.duty.start(cluster, [a.services.people.list().items[0].id])
    only_a = collect(a.db).vector
    b.services.tasks.delete(task.id)
    apply(hub.db, collect(b.db, known=only_a))  # B's own changes only: the deletion
    assert hub.services.tasks.list(ListQuery(include_deleted=True)).total == 0
    hub.send_to(c)  # the hub relays what it holds, the deletion included
    a.send_to(c)  # the record itself arrives later, by another way
    a.send_to(hub)
    for pc in (c, hub):
        assert pc.services.tasks.get(task.id, include_deleted=True).deleted


def test_late_file_before_early_file(pcs):
    """Guarantee 7: a later batch first waits; nothing regresses; the gap fills later."""
    from desktop_app.sync.exchange import apply, collect

    a, b = pcs("a"), pcs("b")
    cluster, _ = setup_town(a)
    first = collect(a.db)
    known = first.vector
    task = a.services.tasks.create(cluster_id=cluster, title="路灯维修")
    second = collect(a.db, known)
    report = apply(b.db, second)
    assert report.waiting == len(second.operations) and sum(report.applied.values()) == 0
    assert b.services.tasks.list().total == 0
    report = apply(b.db, first)
    assert report.waiting == 0
    assert b.services.tasks.get(task.id).title == "路灯维修"


def test_a_copied_database_gets_a_new_identity(pcs, tmp_path):
    """Guarantee 12: the database file copied without its key becomes a new node."""
    import shutil

    from desktop_app.storage.database import Database

    a = pcs("a")
    setup_town(a)
    original = a.db.node.node_id
    a.db.close()
    reopened = Database(a.db.path)  # the same file with its key: the same identity
    assert reopened.node.node_id == original and reopened.identity_renewed is None
    reopened.close()
    copy = tmp_path / "on-another-pc.db"
    shutil.copy(a.db.path, copy)
    moved = Database(copy)
    try:
        assert moved.node.node_id != original
        assert moved.identity_renewed.old_node_id == original
        assert moved.officer_id is None  # the other PC's open shift is not ours
    finally:
        moved.close()


def test_resolving_a_conflict_keeps_the_chosen_value_everywhere(pcs):
    """A person keeps the losing value; the choice syncs and both PCs clear the list."""
    from desktop_app.sync.conflicts import list_conflicts, resolve

    a, b = pcs("a"), pcs("b")
    cluster, _ = setup_town(a)
    task = a.services.tasks.create(cluster_id=cluster, title="路灯维修")
    a.send_to(b)
    b.services.duty.start(cluster, [a.services.people.list().items[0].id])
    a.services.tasks.update(task.id, title="甲")
    b.services.tasks.update(task.id, title="乙")
    a.send_to(b)
    b.send_to(a)
    [conflict] = list_conflicts(b.db)
    assert (conflict.record in ("甲", "乙")
            and {conflict.winner.value, conflict.loser.value} == {"甲", "乙"})
    resolve(b.db, conflict.id, keep="loser")
    b.send_to(a)
    assert list_conflicts(a.db) == list_conflicts(b.db) == []
    assert (a.services.tasks.get(task.id).title == b.services.tasks.get(task.id).title
            == conflict.loser.value)
