"""Every path the app uses, resolved in one place.

``LIANJIAN_HOME`` moves the data folder (portable installs, tests); ``LIANJIAN_DB`` picks
the database file (before the one chosen in the settings). Resources are found beside the
code, or inside a PyInstaller bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "Lianjian"


def data_home() -> Path:
    """The folder holding the database, its backups and user templates."""
    override = os.environ.get("LIANJIAN_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """``LIANJIAN_DB``, else the file chosen in 设置, else ``lianjian.db`` in the data folder."""
    override = os.environ.get("LIANJIAN_DB")
    if override:
        return Path(override)
    from desktop_app.config.settings import Settings

    chosen = Settings.load().db_path
    return Path(chosen) if chosen else data_home() / "lianjian.db"


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, in a source checkout, an install or a frozen bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    base = (Path(bundle) / "resources" if bundle
            else Path(__file__).resolve().parents[2] / "resources")
    return base.joinpath(*parts)
