"""pypinyin's tables, loaded in small steps so that loading them never holds up a window.

pypinyin reads each of its two tables with one ``json.loads`` as it is imported: its phrase
list (47,000 phrases, 2.5 MB of JSON) in 40-100 ms, its characters' readings (0.8 MB) in
15-25 ms, each one call into C that keeps the GIL, and any thread waiting for it waits that
long, the window's too, even while a worker does the loading. Here both are read from
pypinyin's own files an entry at a time (and decoded from UTF-8 a block at a time): the
characters' table is put in place of pypinyin's module ``pinyin_dict`` (the same dict, keyed by
code point), and pypinyin is imported without its phrases (its ``PYPINYIN_NO_PHRASES``
switch), which are then handed to it with ``load_phrases_dict`` (a ``dict.update``; its word
splitter, ``mmseg``, learns them in Python). The same tables, a little more CPU time in all,
and the GIL let go every few milliseconds. ``tests/app/test_pinyin_tables.py`` holds them to
pypinyin's own loading. The window's worker also pauses (sleeps) every ``PAUSE_EVERY``
entries: a busy worker lets go of the GIL only in turns of 5 ms, and a turn of the window's
event loop asks for it many times.
"""

from __future__ import annotations

import codecs
import importlib.util
import itertools
import json
import os
import re
import sys
import threading
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

NO_PHRASES = "PYPINYIN_NO_PHRASES"
PHRASES_FILE = "phrases_dict.json"
READINGS_FILE = "pinyin_dict.json"
READINGS_MODULE = "pypinyin.pinyin_dict"
BLOCK = 128 * 1024
PAUSE_EVERY = 2000  # entries
_BETWEEN = re.compile(r"[\s,:]*")  # what separates a JSON object's keys and values

_loaded = False
_loading = threading.Lock()


def load(pause: Callable[[], object] | None = None) -> None:
    """Import pypinyin with all its tables, once per process (any thread may ask); a worker
    loading them at idle time passes ``pause``, called every ``PAUSE_EVERY`` entries, to let
    the window run meanwhile."""
    global _loaded
    if _loaded:
        return
    with _loading:
        if not _loaded:
            _load(pause)
            _loaded = True


def _load(pause: Callable[[], object] | None) -> None:
    folder = _package_folder()
    readings = folder / READINGS_FILE if folder is not None else None
    if READINGS_MODULE not in sys.modules and readings is not None and readings.exists():
        module = types.ModuleType(READINGS_MODULE)
        module.pinyin_dict = {int(code): reading  # type: ignore[attr-defined]
                              for code, reading in _entries(_text(readings), pause)}
        sys.modules[READINGS_MODULE] = module
    previous = os.environ.get(NO_PHRASES)
    os.environ[NO_PHRASES] = "1"
    try:
        import pypinyin
        from pypinyin.constants import PHRASES_DICT
    finally:  # the switch is read once, at that import; other programs never see it
        if previous is None:
            del os.environ[NO_PHRASES]
        else:
            os.environ[NO_PHRASES] = previous
    if not PHRASES_DICT:  # else pypinyin was imported before, with its phrases
        source = Path(pypinyin.__file__).with_name(PHRASES_FILE)
        phrases = dict(_entries(_text(source), pause))
        pypinyin.load_phrases_dict(phrases)  # one dict.update, and its word splitter learns them
    from pypinyin.seg.mmseg import seg  # noqa: F401  (if not imported yet, learns them now)


def _package_folder() -> Path | None:
    """pypinyin's folder, found without importing it."""
    spec = importlib.util.find_spec("pypinyin")
    locations = spec.submodule_search_locations if spec is not None else None
    return Path(next(iter(locations))) if locations else None


def _text(path: Path) -> str:
    """The UTF-8 text of ``path``, decoded a block at a time (decoding 2.5 MB at once is one
    call into C too)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    parts = []
    with path.open("rb") as handle:
        while block := handle.read(BLOCK):
            parts.append(decoder.decode(block))
    parts.append(decoder.decode(b"", final=True))
    return "".join(parts)


def _entries(text: str, pause: Callable[[], object] | None = None
             ) -> Iterator[tuple[str, Any]]:
    """The key-value pairs of the JSON object ``text``, one at a time."""
    decode = json.JSONDecoder().raw_decode
    index = _skip(text, text.index("{") + 1)
    for count in itertools.count(1):
        if text[index] == "}":
            break
        if pause is not None and count % PAUSE_EVERY == 0:
            pause()
        key, index = decode(text, index)
        value, index = decode(text, _skip(text, index))
        index = _skip(text, index)
        yield key, value


def _skip(text: str, index: int) -> int:
    """Past the spaces, colon or comma at ``index``."""
    found = _BETWEEN.match(text, index)
    return found.end() if found else index
