"""A Chinese font for matplotlib, even when its font cache predates the font.

matplotlib lists the system's fonts once and keeps the list in a cache file. A cache written
before a Chinese font was installed (or on a PC where the fonts folder was unreadable that
day) hides the font for good, and every chart then draws boxes. So before the first chart:
if none of the Chinese families is known, register the font files themselves
(``FontManager.addfont``, matplotlib's own way in), and say so in the log.

And the fonts charts are drawn with are read from memory (``read_fonts_from_memory``).
"""

from __future__ import annotations

import logging
import mmap
import os
import sys
import threading
import types
from collections.abc import Callable, Iterable
from pathlib import Path

from matplotlib import font_manager, ft2font

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


# --- font files read from memory -------------------------------------------------------------
_drawing = threading.local()  # on while font_manager makes the FT2Font objects to draw with


def _mapped(path: str | os.PathLike) -> mmap.mmap | str | os.PathLike:
    """The font file mapped into memory (read-only, shared with the system's file cache);
    the path itself when it cannot be."""
    try:
        with open(path, "rb") as file:
            return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # unreadable or empty: FT2Font says what is wrong
        return path


def _ft2font_from_memory(filename, *args, **kwargs) -> ft2font.FT2Font:
    if getattr(_drawing, "on", False) and isinstance(filename, (str, os.PathLike)):
        filename = _mapped(filename)
    return ft2font.FT2Font(filename, *args, **kwargs)


def read_fonts_from_memory() -> bool:
    """Have FreeType read the fonts the charts are drawn with from memory, not from their files.

    matplotlib opens a font file as a Python file object, and FreeType reads it through
    Python: a ``seek`` and a ``read`` call, two system calls that each let go of the GIL, for
    every few bytes it needs. Drawing the town's 各村任务状态 made some 30,000 of them, a third
    of the worker's CPU; and a thread that lets go of the GIL that often, for a few
    microseconds each time, keeps it from a waiting GUI thread for as long as it goes on
    (each let-go wakes the waiting thread before its 5 ms switch interval is up, so it never
    asks for the GIL, and it wakes too late to take it): the window froze 0.1–0.3 s.

    The ``FT2Font`` objects that ``font_manager`` makes for drawing (``_get_font``, cached per
    font list and thread) get the file memory-mapped instead (``mmap`` has the ``seek`` and
    ``read`` FreeType calls, and they hold the GIL); the font list (``addfont``) still reads
    files by their path. This reaches into matplotlib's ``font_manager``: if it no longer
    looks as expected, nothing changes (logged) and the fonts are read from their files as
    before. Returns whether the fonts are read from memory."""
    get_font: Callable | None = getattr(font_manager, "_get_font", None)
    if getattr(get_font, "_reads_from_memory", False):
        return True
    if (get_font is None or not hasattr(get_font, "cache_clear")
            or getattr(font_manager, "ft2font", None) is not ft2font):
        log.warning("matplotlib's font_manager is not as expected: fonts are read from files")
        return False
    fonts = types.ModuleType(ft2font.__name__)
    fonts.__dict__.update(ft2font.__dict__)
    fonts.FT2Font = _ft2font_from_memory  # type: ignore[attr-defined]

    def from_memory(*args, **kwargs):
        _drawing.on = True
        try:
            return get_font(*args, **kwargs)
        finally:
            _drawing.on = False

    from_memory._reads_from_memory = True  # type: ignore[attr-defined]
    from_memory.cache_clear = get_font.cache_clear  # type: ignore[attr-defined]
    from_memory.__wrapped__ = get_font  # type: ignore[attr-defined]
    get_font.cache_clear()  # fonts made before read from their files
    font_manager.ft2font = fonts  # type: ignore[attr-defined]
    font_manager._get_font = from_memory
    return True
