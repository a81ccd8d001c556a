"""The one direction of imports: db <- desktop_app <- ui, and no Qt below ui."""

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
