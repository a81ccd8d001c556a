"""Every path the app uses, resolved in one place.

The data folder is, in this order: ``LIANJIAN_HOME`` (tests, scripted runs); ``data/`` beside
the program in portable mode (a file named ``portable`` beside the frozen executable, as on a
USB disk); else the user's data folder (``%LOCALAPPDATA%\\Lianjian``, ``~/.local/share/Lianjian``).
``LIANJIAN_DB`` picks the database file (before the one chosen in the settings). Resources are
found beside the code, or inside a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Lianjian"
# Beside lianjian(.exe): this file turns portable mode on (its content does not matter).
# ``portable.txt`` too: Windows' 新建 → 文本文档 cannot make a file without an extension.
PORTABLE_MARKERS = ("portable", "portable.txt")
PORTABLE_DATA = "data"


def program_folder() -> Path | None:
    """The folder of the frozen program (lianjian and lianjian-cli); None when run from source."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def portable_home() -> Path | None:
    """``data/`` beside the program when a ``portable`` file sits there, else None."""
    folder = program_folder()
    if folder is None or not any((folder / name).is_file() for name in PORTABLE_MARKERS):
        return None
    return folder / PORTABLE_DATA


def data_home() -> Path:
    """The folder holding the database, its backups and user templates."""
    override = os.environ.get("LIANJIAN_HOME")
    if override:
        return Path(override)
    portable = portable_home()
    if portable is not None:
        return portable
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """``LIANJIAN_DB``, else the file chosen in 设置, else ``lianjian.db`` in the data folder.
    A chosen file given relative to the data folder (as one inside it is kept) is found there,
    so a portable copy still finds it when the USB disk gets another drive letter."""
    override = os.environ.get("LIANJIAN_DB")
    if override:
        return Path(override)
    from desktop_app.config.settings import Settings

    chosen = Settings.load().db_path
    return data_home() / chosen if chosen else data_home() / "lianjian.db"


def stored_db_path(path: Path) -> str:
    """How the settings keep a chosen database file: relative to the data folder if inside it
    (a portable copy moves with its data), else the full path."""
    home = data_home().resolve()
    resolved = path.resolve()
    return str(resolved.relative_to(home)) if resolved.is_relative_to(home) else str(resolved)


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, in a source checkout, an install or a frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = (Path(bundle) / "resources" if bundle
            else Path(__file__).resolve().parents[2] / "resources")
    return base.joinpath(*parts)
