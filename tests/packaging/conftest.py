"""The build scripts (build/*.py) import each other as top-level modules, as they do when run."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BUILD = Path(__file__).resolve().parents[2] / "build"
if str(BUILD) not in sys.path:
    sys.path.append(str(BUILD))


@pytest.fixture
def program_folder(tmp_path) -> Path:
    """A small stand-in for build/out/dist/lianjian: the two programs, a library with a link
    to it (as PyInstaller makes on Linux), the icon and a build date."""
    folder = tmp_path / "dist" / "lianjian"
    resources = folder / "_internal" / "resources"
    (resources / "icons").mkdir(parents=True)
    for name in ("lianjian", "lianjian-cli"):
        (folder / name).write_bytes(b"#!/bin/sh\necho " + name.encode() + b"\n")
        (folder / name).chmod(0o755)
    (folder / "_internal" / "libQt6Core.so.6").write_bytes(b"\0" * 4096)
    (folder / "_internal" / "libQt6Core.so").symlink_to("libQt6Core.so.6")
    (resources / "icons" / "lianjian.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (resources / "build-date.txt").write_text("2026-12-02", encoding="utf-8")
    return folder
