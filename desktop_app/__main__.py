"""``python -m desktop_app``: the GUI with no command, the CLI with one.

``python -m desktop_app`` and ``python -m desktop_app --db PATH`` open the window;
``python -m desktop_app task list`` (any command) runs ``lianjian-cli``. Qt is imported only
when the window opens. ``--smoke-test --db PATH`` opens the window on PATH (the sample town if
the file is new), waits for the dashboard and its charts, and exits 0, or 1 with a message.
"""

from __future__ import annotations

import sys
from pathlib import Path

SMOKE_TEST = "--smoke-test"


def _without_smoke_test(argv: list[str]) -> list[str]:
    return [option for option in argv if option != SMOKE_TEST]


def _gui_db_argument(argv: list[str]) -> tuple[bool, str | None]:
    """Whether ``argv`` asks for the window (nothing but ``--db PATH``), and the path."""
    path = None
    rest = list(argv)
    while rest:
        option = rest.pop(0)
        if option == "--db" and rest:
            path = rest.pop(0)
        elif option.startswith("--db="):
            path = option.split("=", 1)[1]
        else:
            return False, None
    return True, path


def gui_main(argv: list[str] | None = None) -> int:
    """The ``lianjian`` entry point: open the main window on ``--db PATH`` (or the default)."""
    argv = sys.argv[1:] if argv is None else argv
    smoke_test = SMOKE_TEST in argv
    wants_gui, path = _gui_db_argument(_without_smoke_test(argv))
    if not wants_gui or (smoke_test and not path):
        print("用法：lianjian [--db PATH]  或  lianjian --smoke-test --db PATH", file=sys.stderr)
        return 2
    from desktop_app.config.paths import default_db_path

    db_path = Path(path).expanduser() if path else default_db_path()
    try:
        if smoke_test:
            from ui.smoke import run_smoke_test as run_gui
        else:
            from ui.app import run_gui
    except ModuleNotFoundError as error:
        missing = error.name or ""
        if missing not in ("ui", "ui.app", "ui.smoke") and not missing.startswith("PySide6"):
            raise
        print(f"错误：无法启动图形界面（缺少 {error.name}）；命令行工具可用：lianjian-cli --help",
              file=sys.stderr)
        return 1
    return run_gui(db_path) or 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if _gui_db_argument(_without_smoke_test(argv))[0]:
        return gui_main(argv)
    from desktop_app.cli.main import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
