"""Search is current after a sync import: a progress note written on another PC is found
under its task, and not once the task is deleted there."""

from __future__ import annotations

from desktop_app.sync.exchange import apply, collect

from .helpers import setup_town


def test_a_note_from_another_pc_is_found_under_its_task(pcs):
    town, other = pcs("town"), pcs("village")
    cluster, _ = setup_town(town)
    officer = town.services.people.list().items[0].id
    apply(other.db, collect(town.db))
    other.services.duty.start(cluster, [officer])
    task = other.services.tasks.create(cluster_id=cluster, title="种植结构调整")
    other.services.tasks.add_progress(task.id, "已联系蓖麻籽收购商樊家庄")
    apply(town.db, collect(other.db))
    found = town.services.search.search("蓖麻")
    assert [(f.record_id, f.where, f.cluster_id) for f in found] == [
        (task.id, "任务进展", cluster)]
    other.services.tasks.delete(task.id)
    apply(town.db, collect(other.db))
    assert town.services.search.search("蓖麻") == []
