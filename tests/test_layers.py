"""The one direction of imports: db <- desktop_app <- ui, no Qt below ui, and ui reaches the
database only through the services."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
        found[str(path.relative_to(ROOT))] = names
    return found


def _type_checking_only(node: ast.AST) -> bool:
    test = node.test if isinstance(node, ast.If) else None
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def runtime_imports(tree: ast.AST) -> set[str]:
    """Full names of the modules a file imports, leaving out ``if TYPE_CHECKING:`` blocks."""
    names: set[str] = set()
    pending = [tree]
    while pending:
        node = pending.pop()
        if _type_checking_only(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
        pending.extend(ast.iter_child_nodes(node))
    return names


UI_MAY_NOT_IMPORT = ("db", "desktop_app.storage", "desktop_app.sync")


def test_ui_reaches_the_database_only_through_services():
    """The screens never open the tables, the engine, the migrations, the storage layer or the
    sync machinery (type hints aside): they call ``services``, which hand back plain data, and
    they never read this office's database row (``services.db.node``): ``services.sync.office()``
    describes it."""
    for path in sorted((ROOT / "ui").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(ROOT))
        for name in runtime_imports(tree):
            assert not any(name == banned or name.startswith(banned + ".")
                           for banned in UI_MAY_NOT_IMPORT), f"{where} imports {name}"
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "node":
                assert not (isinstance(node.value, ast.Attribute) and node.value.attr == "db"), (
                    f"{where}:{node.lineno} reads .db.node")
            if isinstance(node, ast.Name | ast.alias):
                name = node.id if isinstance(node, ast.Name) else node.name
                assert name != "LocalNode", f"{where} uses LocalNode"


def test_db_imports_no_higher_layer():
    """db/ knows nothing of the app, the screens or Qt."""
    for path, names in imported_modules("db").items():
        assert not names & {"desktop_app", "ui", "PySide6"}, path


def test_desktop_app_never_imports_qt():
    """desktop_app/ runs without a display: no PySide6, and ui only from the GUI entry point."""
    for path, names in imported_modules("desktop_app").items():
        assert "PySide6" not in names, path
        if "ui" in names:
            assert path.endswith("__main__.py"), path


def test_importing_the_services_loads_no_qt():
    """Even indirectly, loading the services and the CLI does not pull in Qt."""
    code = ("import sys, desktop_app.services, desktop_app.storage.database, desktop_app.cli.main;"
            "print(any(m.startswith('PySide6') for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"
