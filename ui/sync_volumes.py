"""The USB sticks plugged into this PC, as ``QStorageInfo`` sees them.

Qt does not say which volume is removable; we keep what can be written to and is not the
system disk: on Windows every drive but the system drive, on Linux what is mounted under
/media, /run/media or /mnt, on macOS under /Volumes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import QStorageInfo

REMOVABLE_PREFIXES = ("/media/", "/run/media/", "/mnt/", "/Volumes/")


@dataclass(frozen=True)
class Volume:
    name: str
    root: str
    free_bytes: int | None  # None: a folder chosen by hand (not measured)


def is_stick(root: str, *, read_only: bool, ready: bool, system_root: str,
             platform: str = sys.platform) -> bool:
    if read_only or not ready or not root or root == system_root or root == "/":
        return False
    if platform.startswith("win"):
        return True
    return root.startswith(REMOVABLE_PREFIXES)


def removable_volumes() -> list[Volume]:
    system_root = QStorageInfo.root().rootPath()
    found = []
    for volume in QStorageInfo.mountedVolumes():
        if not volume.isValid():
            continue
        root = volume.rootPath()
        if is_stick(root, read_only=volume.isReadOnly(), ready=volume.isReady(),
                    system_root=system_root):
            name = volume.displayName() or volume.name() or root
            found.append(Volume(name, root, volume.bytesAvailable()))
    return found


def size_text(free_bytes: int | None) -> str:
    if free_bytes is None:
        return ""
    if free_bytes >= 1024 ** 3:
        return f"剩余 {free_bytes / 1024 ** 3:.1f} GB"
    return f"剩余 {free_bytes / 1024 ** 2:.0f} MB"
