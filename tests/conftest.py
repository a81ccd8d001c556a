"""Shared fixtures: a fresh database per test and a small town to work in.

The database of each test is a copy of a file built once per session (tests/factories.py,
``Templates``): the migrated empty schema, or the small town when the test asks for it.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.services import Services  # noqa: E402
from desktop_app.storage.database import Database  # noqa: E402
from tests.factories import SmallTown, Templates, build_small_town  # noqa: E402

# Which file the ``db`` of a test was copied from.
COPIED_FROM = pytest.StashKey[str]()


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path, monkeypatch):
    """Every test keeps its settings and keys in its own folder, never the user's."""
    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session")
def database_templates(tmp_path_factory) -> Templates:
    """The database files of this session, built on first use."""
    return Templates(tmp_path_factory.mktemp("templates"))


@pytest.fixture
def db(request, tmp_path, monkeypatch, database_templates):
    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path / "home"))
    path = tmp_path / "lianjian.db"
    if "small_town" in request.fixturenames:
        database_templates.copy(database_templates.small_town_file, path)
        request.node.stash[COPIED_FROM] = "small_town"
    else:
        database_templates.copy(database_templates.empty, path)
        request.node.stash[COPIED_FROM] = "empty"
    database = Database(path)
    yield database
    database.close()


@pytest.fixture
def services(db) -> Services:
    return Services(db)


@pytest.fixture
def small_town(request, services, database_templates) -> SmallTown:
    """大王镇 with two clusters: 黄璩 (黄璩、韩璩、杨璩、黄店) and 张淡 (北张淡、南张淡)."""
    if request.node.stash.get(COPIED_FROM, None) == "small_town":
        return database_templates.small_town()
    return build_small_town(services)  # asked for late (getfixturevalue): build it here


@pytest.fixture
def on_shift(services, small_town) -> SmallTown:
    """王建国 is on duty at the 黄璩 office."""
    services.duty.start(small_town.huangqu, [small_town.people["王建国"]])
    return small_town


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_gui_thread(request):
    """As in the app: no garbage collection in worker threads (see ui/gc_guard.py)."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from ui import gc_guard

    gc_guard.install(request.getfixturevalue("qapp"))
    yield


_WORST_STRETCHES: list[tuple[float, str, str]] = []  # cpu ms, test, stretch


@pytest.fixture(autouse=True)
def _gui_thread_does_no_long_database_work(request):
    """A GUI test fails if the window's code keeps the GUI thread on database work for more
    than 50 ms at a stretch (CPU time; see ui/watchdog.py). The work belongs on a worker."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    from ui.watchdog import STALL_LIMIT_MS, GuiThreadDatabaseWatch

    request.getfixturevalue("qapp")
    with GuiThreadDatabaseWatch() as watch:
        yield watch
    worst = watch.worst()
    if worst is not None:
        _WORST_STRETCHES.append((worst.cpu_ms, request.node.nodeid, worst.describe()))
    too_long = watch.over(STALL_LIMIT_MS)
    if too_long:
        pytest.fail(f"the GUI thread did database work for over {STALL_LIMIT_MS:.0f} ms at a "
                    "stretch:\n" + "\n".join(s.describe() for s in too_long), pytrace=False)


def pytest_terminal_summary(terminalreporter):
    """The GUI tests' longest stretches of database work on the GUI thread."""
    if not _WORST_STRETCHES:
        return
    terminalreporter.section("database work on the GUI thread: longest stretches")
    for cpu_ms, test, stretch in sorted(_WORST_STRETCHES, reverse=True)[:5]:
        terminalreporter.write_line(f"{cpu_ms:6.1f} ms  {test}\n         {stretch[:200]}")
