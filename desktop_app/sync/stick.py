"""Sync files on a USB stick (or a folder standing in for one): where they go, which to read."""

from __future__ import annotations

from pathlib import Path

from desktop_app.sync.bundle import SUFFIX
from desktop_app.sync.envelope import readers_of
from desktop_app.sync.merge import SyncError
from desktop_app.sync.summary import refused
from desktop_app.sync.transfer import ImportReport, import_file

SYNC_FOLDER = "联建同步"


def sync_folder(root: Path | str) -> Path:
    """Where this app writes its files on a stick: ``<stick>/联建同步/``."""
    return Path(root) / SYNC_FOLDER


def files_on(root: Path | str, suffix: str = SUFFIX) -> list[Path]:
    """Every sync file (or, with ``snapshot.SUFFIX``, every snapshot) in ``<stick>/联建同步/``
    and at the stick's root, by name.

    Hidden files are skipped: ``.NAME.ljsync.part`` is a file still being written.
    """
    found: dict[Path, None] = {}
    for folder in (sync_folder(root), Path(root)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f"*{suffix}")):
            if path.is_file() and not path.name.startswith("."):
                found[path] = None
    return list(found)


def for_others(path: Path, node_id: str) -> bool:
    """Whether the file is encrypted for other PCs only (it cannot be read here)."""
    readers = readers_of(path)
    return readers is not None and node_id not in readers


def written_by(path: Path, node_id: str) -> bool:
    """Whether the file's name says this PC wrote it (``lianjian-<node id>-<time>``)."""
    return path.name.startswith(f"lianjian-{node_id}-")


def import_one(db, path: Path) -> ImportReport:
    """Import one file; a refused or unreadable file comes back as a "refused" report."""
    try:
        return import_file(db, path)
    except SyncError as error:
        return refused(path, error)
    except OSError as error:  # e.g. the stick was pulled out
        return refused(path, SyncError(f"无法读取文件：{error.strerror or error}"))


__all__ = ["SYNC_FOLDER", "files_on", "import_one", "sync_folder", "written_by"]
