"""The bundled program's child processes (a document, an Excel file's rows): the runtime hook
build/hooks/rthooks/lianjian_rth_multiprocessing.py runs PyInstaller's multiprocessing hook in
those children only, and desktop_app.child_process hands them to multiprocessing.
build/smoke_test.sh starts such children from the built program itself."""

from __future__ import annotations

import ast
import multiprocessing
import sys
from pathlib import Path

import pytest

from desktop_app import child_process

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "build" / "hooks"


def run_hook(tmp_path: Path, monkeypatch, argv: list[str]) -> bool:
    """Runs our runtime hook as the bundled program would with ``argv``; whether it ran
    PyInstaller's (a stand-in here that marks that it ran)."""
    bundled = tmp_path / "multiprocessing_rthook" / "pyi_rth_multiprocessing.py"
    bundled.parent.mkdir(exist_ok=True)
    bundled.write_text("import sys\nsys._pyinstaller_hook_ran = True\n", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "argv", argv)
    monkeypatch.setattr(sys, "_pyinstaller_hook_ran", False, raising=False)
    hook = HOOKS / "rthooks" / "lianjian_rth_multiprocessing.py"
    exec(compile(hook.read_text(encoding="utf-8"), str(hook), "exec"), {"__name__": "__main__"})
    return sys._pyinstaller_hook_ran


@pytest.mark.parametrize("argv", [
    ["lianjian"],
    ["lianjian", "--db", "/data/c.db"],
    ["lianjian", "--smoke-test", "--db", "x.db"],
    ["lianjian-cli", "export", "xlsx", "visit", "--out", "v.xlsx"],
])
def test_the_program_itself_does_not_load_multiprocessing(tmp_path, monkeypatch, argv):
    assert not run_hook(tmp_path, monkeypatch, argv)


@pytest.mark.parametrize("argv", [
    ["lianjian", "--multiprocessing-fork", "tracker_fd=5", "pipe_handle=7"],
    ["lianjian", "--multiprocessing-fork", "parent_pid=100", "pipe_handle=280"],  # Windows
    ["lianjian-cli", "-B", "-s", "-c", "from multiprocessing.resource_tracker import main;main(5)"],
])
def test_multiprocessing_children_run_pyinstallers_hook(tmp_path, monkeypatch, argv):
    assert run_hook(tmp_path, monkeypatch, argv)


def test_the_hook_takes_the_place_of_pyinstallers():
    declared = ast.literal_eval((HOOKS / "rthooks.dat").read_text(encoding="utf-8"))
    assert declared == {"multiprocessing": ["lianjian_rth_multiprocessing.py"]}
    spec = (ROOT / "build" / "lianjian.spec").read_text(encoding="utf-8")
    assert 'hookspath=[str(ROOT / "build" / "hooks")]' in spec
    pyinstaller = pytest.importorskip("PyInstaller")  # installed by make build
    rthooks = Path(pyinstaller.__file__).parent / "hooks" / "rthooks"
    original = rthooks / "pyi_rth_multiprocessing.py"
    assert "freeze_support" in original.read_text(encoding="utf-8")


def test_a_child_is_handed_to_multiprocessing_in_the_bundled_program(monkeypatch):
    calls = []
    monkeypatch.setattr(multiprocessing, "freeze_support", lambda: calls.append(True))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    child_process.run_if_child()
    assert calls == [True]


def test_nothing_happens_from_source_or_without_the_hook(monkeypatch):
    calls = []
    monkeypatch.setattr(multiprocessing, "freeze_support", lambda: calls.append(True))
    monkeypatch.delattr(sys, "frozen", raising=False)
    child_process.run_if_child()  # from source
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.delitem(sys.modules, "multiprocessing")  # the bundled program itself
    child_process.run_if_child()
    assert calls == []
