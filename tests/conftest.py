"""Shared fixtures: a fresh database per test and a small town to work in."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.services import Services  # noqa: E402
from desktop_app.storage.database import Database  # noqa: E402
from tests.factories import SmallTown, build_small_town  # noqa: E402


@pytest.fixture(autouse=True)
def _private_data_folder(tmp_path, monkeypatch):
    """Every test keeps its settings and keys in its own folder, never the user's."""
    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path / "home"))


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path / "home"))
    database = Database(tmp_path / "lianjian.db")
    yield database
    database.close()


@pytest.fixture
def services(db) -> Services:
    return Services(db)


@pytest.fixture
def small_town(services) -> SmallTown:
    """大王镇 with two clusters: 黄璩 (黄璩、韩璩、杨璩、黄店) and 张淡 (北张淡、南张淡)."""
    return build_small_town(services)


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
