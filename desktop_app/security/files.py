"""Where the start-up password is kept: a file beside the database.

Apart from ``password.py`` (which imports hashlib, hmac and secrets) so that the window's
start can see whether there is one before its first paint, for the cost of one ``stat``.
"""

from __future__ import annotations

from pathlib import Path


def password_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".password")
