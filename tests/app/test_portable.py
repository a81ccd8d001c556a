"""Portable mode: a ``portable`` file beside the frozen program keeps the data in ``data/``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from desktop_app.config import paths
from desktop_app.config.settings import Settings


@pytest.fixture
def program(tmp_path, monkeypatch) -> Path:
    """A frozen-looking program folder: sys.frozen set, sys.executable inside it, and no
    LIANJIAN_HOME (which would win over everything)."""
    folder = tmp_path / "U盘" / "联建台账"
    folder.mkdir(parents=True)
    executable = folder / "lianjian.exe"
    executable.write_bytes(b"MZ")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(executable))
    monkeypatch.delenv("LIANJIAN_HOME", raising=False)
    monkeypatch.delenv("LIANJIAN_DB", raising=False)
    return folder


def user_folder() -> Path:
    from platformdirs import user_data_path

    return user_data_path(paths.APP_NAME, appauthor=False)


@pytest.mark.parametrize("marker", ["portable", "portable.txt"])
def test_a_portable_file_beside_the_program_keeps_the_data_beside_it(program, marker):
    (program / marker).write_text("", encoding="utf-8")
    assert paths.data_home() == program.resolve() / "data"
    assert paths.default_db_path() == program.resolve() / "data" / "lianjian.db"
    assert Settings.file() == program.resolve() / "data" / "settings.json"


def test_without_the_file_the_frozen_program_uses_the_users_data_folder(program):
    assert paths.portable_home() is None
    assert paths.data_home() == user_folder()


def test_a_folder_named_portable_does_not_count(program):
    (program / "portable").mkdir()
    assert paths.data_home() == user_folder()


def test_from_source_a_portable_file_beside_python_is_ignored(tmp_path, monkeypatch):
    python = tmp_path / "python"
    python.write_bytes(b"")
    (tmp_path / "portable").write_text("", encoding="utf-8")
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.delenv("LIANJIAN_HOME", raising=False)
    assert paths.program_folder() is None
    assert paths.data_home() == user_folder()


def test_lianjian_home_wins_over_portable_mode(program, tmp_path, monkeypatch):
    (program / "portable").write_text("", encoding="utf-8")
    monkeypatch.setenv("LIANJIAN_HOME", str(tmp_path / "elsewhere"))
    assert paths.data_home() == tmp_path / "elsewhere"


def test_a_database_chosen_inside_the_portable_folder_moves_with_it(program, tmp_path,
                                                                   monkeypatch):
    """设置 keeps a file inside the data folder relative to it: the USB disk can come back
    under another drive letter (here: the folder is moved) and the file is still found."""
    (program / "portable").write_text("", encoding="utf-8")
    chosen = program / "data" / "2026" / "office.db"
    settings = Settings.load()
    settings.db_path = paths.stored_db_path(chosen)
    settings.save()
    assert settings.db_path == str(Path("2026") / "office.db")

    moved = program.parent.rename(tmp_path / "另一个盘符")
    monkeypatch.setattr(sys, "executable", str(moved / "联建台账" / "lianjian.exe"))
    assert paths.default_db_path() == moved.resolve() / "联建台账" / "data" / "2026" / "office.db"


def test_a_database_chosen_outside_the_data_folder_is_kept_by_its_full_path(program, tmp_path):
    outside = tmp_path / "共享" / "office.db"
    assert paths.stored_db_path(outside) == str(outside.resolve())
    settings = Settings.load()
    settings.db_path = paths.stored_db_path(outside)
    settings.save()
    assert paths.default_db_path() == outside.resolve()
