"""``Services`` makes each service the first time it is read: one per ``Services``, also when
threads read it at once, and ``by_kind`` finds services not made yet."""

from __future__ import annotations

import subprocess
import sys
import threading

from desktop_app.services import Services
from desktop_app.services.base import RecordService
from desktop_app.services.tasks import TaskService
from desktop_app.storage.database import Database


def test_a_service_is_made_once_on_first_read(tmp_path):
    db = Database(tmp_path / "a.db")
    try:
        services = Services(db)
        assert "tasks" not in vars(services)
        tasks = services.tasks
        assert isinstance(tasks, TaskService) and tasks.db is db
        assert services.tasks is tasks and vars(services)["tasks"] is tasks
        assert Services(db).tasks is not tasks  # each Services has its own
    finally:
        db.close()


def test_threads_reading_a_new_service_at_once_get_the_same_one(tmp_path):
    db = Database(tmp_path / "a.db")
    try:
        services = Services(db)
        seen: list[object] = []
        start = threading.Barrier(4)

        def read() -> None:
            start.wait()
            seen.append(services.meetings)

        threads = [threading.Thread(target=read) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(seen) == 4 and all(service is seen[0] for service in seen)
    finally:
        db.close()


def test_by_kind_finds_a_service_not_made_yet(tmp_path):
    db = Database(tmp_path / "a.db")
    try:
        services = Services(db)
        visits = services.by_kind("grid_visit")
        assert isinstance(visits, RecordService) and visits is services.visits
        assert services.by_kind("work_task") is services.tasks
        try:
            services.by_kind("no_such_table")
        except KeyError as error:
            assert "no_such_table" in str(error)
        else:
            raise AssertionError("an unknown kind was found")
    finally:
        db.close()


def test_search_finds_rows_of_every_kind_through_its_services(tmp_path):
    """The search service is given the rows of the kinds it finds (made on demand)."""
    db = Database(tmp_path / "a.db")
    try:
        services = Services(db)
        town = services.towns.create(name="大王镇").id
        cluster = services.clusters.create(town_id=town, name="黄璩联合党总支").id
        found = Services(db).search.search("黄璩")
        assert [(hit.record_id, hit.title) for hit in found] == [(cluster, "黄璩联合党总支")]
    finally:
        db.close()


def test_importing_the_services_imports_no_service_module():
    """(real process) ``desktop_app.services`` alone does not import the services' modules:
    a command pays for the ones it uses."""
    code = ("import sys, desktop_app.services\n"
            "print([m for m in ('desktop_app.services.tasks', 'desktop_app.services.sync', "
            "'desktop_app.services.rota_reports', 'desktop_app.sync.merge') "
            "if m in sys.modules])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
