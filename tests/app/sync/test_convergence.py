"""Guarantee 2, as a property: four PCs doing random creates, edits and deletes, exchanging
their changes in random orders, with duplicates, delays and relays, end identical — the
same records and the same conflict list — once every PC has seen every change.

Changes travel as ``collect``/``apply`` (exactly what a sync file carries); the file
layer has its own tests.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.services import ListQuery
from desktop_app.sync.exchange import apply, collect
from tests.app.sync.helpers import conflicts, setup_town, snapshot

pytestmark = pytest.mark.slow  # fifteen random histories: `make test-fast` leaves it out

NODES = 4
FIELDS = {"title": st.sampled_from(["路灯维修", "清理排水沟", "道路硬化", "走访低保户"]),
          "description": st.sampled_from(["", "已联系施工队", "已现场查看"]),
          "priority": st.sampled_from([1, 2, 3]),
          "status": st.sampled_from(["pending", "in_progress", "solved"])}

action = st.one_of(
    st.tuples(st.just("create"), st.integers(0, NODES - 1), FIELDS["title"]),
    st.tuples(st.just("edit"), st.integers(0, NODES - 1), st.integers(0, 5),
              st.sampled_from(sorted(FIELDS)), st.data()),
    st.tuples(st.just("delete"), st.integers(0, NODES - 1), st.integers(0, 5)),
    st.tuples(st.just("restore"), st.integers(0, NODES - 1), st.integers(0, 5)),
    st.tuples(st.just("send"), st.integers(0, NODES - 1), st.integers(0, NODES - 1),
              st.booleans()),
    st.tuples(st.just("late"), st.integers(0, 50), st.integers(0, NODES - 1)),
)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.lists(action, min_size=5, max_size=25))
def test_random_work_and_exchanges_converge(pcs, actions):
    pcs.reset()
    nodes = [pcs(f"pc{i}") for i in range(NODES)]
    cluster, _ = setup_town(nodes[0])
    officer = nodes[0].services.people.list().items[0].id
    for node in nodes[1:]:
        apply(node.db, collect(nodes[0].db))
        node.services.duty.start(cluster, [officer])
    mailbox = []  # changes kept back to arrive late
    for step in actions:
        kind, who = step[0], nodes[step[1] % NODES] if step[0] != "late" else None
        if kind == "create":
            who.services.tasks.create(cluster_id=cluster, title=step[2])
        elif kind in ("edit", "delete", "restore"):
            tasks = sorted(who.services.tasks.ids(ListQuery(include_deleted=True)))
            if not tasks:
                continue
            task_id = tasks[step[2] % len(tasks)]
            task = who.services.tasks.get(task_id, include_deleted=True)
            if kind == "edit" and not task.deleted:
                value = step[4].draw(FIELDS[step[3]])
                who.services.tasks.update(task_id, **{step[3]: value})
            elif kind == "delete" and not task.deleted:
                who.services.tasks.delete(task_id)
            elif kind == "restore" and task.deleted:
                who.services.tasks.restore(task_id)
        elif kind == "send":
            source, target = who, nodes[step[2]]
            changes = collect(source.db)
            mailbox.append(changes)
            if step[3]:
                apply(target.db, changes)
        elif kind == "late" and mailbox:
            apply(nodes[step[2]].db, mailbox[step[1] % len(mailbox)])
    for _ in range(2):  # everyone tells everyone everything, in a fixed round robin
        for source in nodes:
            for target in nodes:
                if source is not target:
                    apply(target.db, collect(source.db))
    first = nodes[0]
    for other in nodes[1:]:
        assert snapshot(other) == snapshot(first)
        assert conflicts(other) == conflicts(first)
