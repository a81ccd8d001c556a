"""A Chinese font for matplotlib, even when its font cache predates the font.

matplotlib lists the system's fonts once and keeps the list in a cache file. A cache written
before a Chinese font was installed (or on a PC where the fonts folder was unreadable that
day) hides the font for good, and every chart then draws boxes. So before the first chart:
if none of the Chinese families is known, register the font files themselves
(``FontManager.addfont``, matplotlib's own way in), and say so in the log.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from matplotlib import font_manager

log = logging.getLogger(__name__)

# First found wins: Windows fonts, then the fonts Linux packages install.
CJK_FAMILIES = ["Microsoft YaHei", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC",
                "WenQuanYi Micro Hei", "WenQuanYi Zen Hei"]
# The files those families come in, by the name each system gives them.
CJK_FILES = ("msyh.ttc", "msyh.ttf", "simhei.ttf", "NotoSansCJK-Regular.ttc",
             "NotoSansCJKsc-Regular.otf", "SourceHanSansSC-Regular.otf", "wqy-microhei.ttc",
             "wqy-zenhei.ttc")


def font_folders() -> list[Path]:
    """Where the system keeps font files (Windows, then Linux)."""
    windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    local = os.environ.get("LOCALAPPDATA")
    folders = [windows] if sys.platform == "win32" else []
    if local:
        folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    folders += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
                Path.home() / ".local" / "share" / "fonts", Path.home() / ".fonts"]
    return folders


def known_families(manager: font_manager.FontManager) -> set[str]:
    return {entry.name for entry in manager.ttflist}


def find_cjk_files(folders: Iterable[Path]) -> list[Path]:
    """The Chinese font files under ``folders``, in the order of ``CJK_FILES``."""
    wanted = {name.lower(): rank for rank, name in enumerate(CJK_FILES)}
    found: list[tuple[int, Path]] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        try:
            for path in folder.rglob("*"):
                rank = wanted.get(path.name.lower())
                if rank is not None:
                    found.append((rank, path))
        except OSError:
            continue  # an unreadable folder: the others may still have one
    return [path for _rank, path in sorted(found)]


def ensure_cjk_font(manager: font_manager.FontManager | None = None,
                    folders: Iterable[Path] | None = None) -> str | None:
    """The Chinese family matplotlib will draw with, registering its file when the cache
    hides it; None when this PC has no Chinese font at all (logged)."""
    manager = manager or font_manager.fontManager
    known = known_families(manager)
    for family in CJK_FAMILIES:
        if family in known:
            return family
    for path in find_cjk_files(font_folders() if folders is None else folders):
        try:
            manager.addfont(str(path))
        except (OSError, RuntimeError, ValueError):
            continue
        known = known_families(manager)
        family = next((f for f in CJK_FAMILIES if f in known), None)
        if family is not None:
            log.warning("matplotlib's font cache did not list %s; registered %s", family, path)
            return family
    log.warning("no Chinese font found for the charts (looked for %s)", ", ".join(CJK_FAMILIES))
    return None
