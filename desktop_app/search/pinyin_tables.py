"""pypinyin's tables, loaded in small steps so that loading them never holds up a window.

pypinyin reads its phrase list (47,000 phrases, 2.5 MB of JSON) with one ``json.loads``: one
call into C that keeps the GIL for 40-100 ms, and any thread waiting for it waits that long,
the window's too, even while a worker does the loading. Here pypinyin is imported without its
phrases (its ``PYPINYIN_NO_PHRASES`` switch) and they are read from its own file a phrase at a
time, then handed to it with ``load_phrases_dict`` (a ``dict.update``; its word splitter,
``mmseg``, learns them in Python): the same phrases, a little more CPU time in all, and the
GIL let go every few milliseconds.
"""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

NO_PHRASES = "PYPINYIN_NO_PHRASES"
PHRASES_FILE = "phrases_dict.json"
_BETWEEN = re.compile(r"[\s,:]*")  # what separates a JSON object's keys and values

_loaded = False
_loading = threading.Lock()


def load() -> None:
    """Import pypinyin with all its tables, once per process (any thread may ask)."""
    global _loaded
    if _loaded:
        return
    with _loading:
        if not _loaded:
            _load()
            _loaded = True


def _load() -> None:
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
        phrases = dict(_entries(source.read_text(encoding="utf-8")))
        pypinyin.load_phrases_dict(phrases)  # one dict.update, and its word splitter learns them
    from pypinyin.seg.mmseg import seg  # noqa: F401  (if not imported yet, learns them now)


def _entries(text: str) -> Iterator[tuple[str, Any]]:
    """The key-value pairs of the JSON object ``text``, one at a time."""
    decode = json.JSONDecoder().raw_decode
    index = _skip(text, text.index("{") + 1)
    while text[index] != "}":
        key, index = decode(text, index)
        value, index = decode(text, _skip(text, index))
        index = _skip(text, index)
        yield key, value


def _skip(text: str, index: int) -> int:
    """Past the spaces, colon or comma at ``index``."""
    found = _BETWEEN.match(text, index)
    return found.end() if found else index
