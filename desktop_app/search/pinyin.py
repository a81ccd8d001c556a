"""The pinyin of a text, syllable by syllable, fast: the search index (initials and full
pinyin of names) and the sort keys of names and titles both read it.

pypinyin converts a run of characters as a phrase (重庆 -> chong2 qing4), which costs about
60 µs a name; an import of 10,000 people asked for it three times a name. Where no character
of a run has readings that differ but for the tone (建, 国, 秀), or no part of the run is in
pypinyin's phrase list (most names), pypinyin would read each character on its own anyway: those
are converted one character at a time from a cache, and only the rest go to pypinyin whole.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from desktop_app.search import pinyin_tables

# The Chinese characters pypinyin knows (the basic block and Extension A are what names use);
# split on their runs, a text alternates between other text and runs (kept).
_HAN_RUNS = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff]+)")


@lru_cache(maxsize=200_000)
def syllables(text: str) -> tuple[tuple[str, bool], ...]:
    """``(piece, chinese)`` for each syllable of ``text`` with its tone number (TONE3, 5 for
    the neutral tone), and for each run of anything else, lowercased and stripped (blank runs
    left out): 王建国3组 -> (wang2, 建…), ("3", False), ("zu3", True)."""
    pieces: list[tuple[str, bool]] = []
    for index, part in enumerate(_HAN_RUNS.split(text)):
        if index % 2:
            pieces.extend(_run(part))
        elif part := part.strip():
            pieces.append((part.lower(), False))
    return tuple(pieces)


@lru_cache(maxsize=50_000)
def _run(chars: str) -> tuple[tuple[str, bool], ...]:
    """The syllables of a run of Chinese characters. Cached by run: titles that differ
    only in a number (第12号任务：清理排水沟) share their runs."""
    if all(_one_reading(ch) for ch in chars) or not _has_phrase(chars):
        return tuple((_char(ch), True) for ch in chars)
    return tuple((syllable, True) for syllable in _phrase(chars))


def _has_phrase(chars: str) -> bool:
    """Whether some part of ``chars`` is in pypinyin's phrase list; if none is, pypinyin reads
    each character on its own, with its first reading, exactly as ``_char`` does."""
    load()
    from pypinyin.constants import PHRASES_DICT

    return any(chars[i:j] in PHRASES_DICT
               for i in range(len(chars)) for j in range(i + 2, len(chars) + 1))


@lru_cache(maxsize=30_000)
def _one_reading(char: str) -> bool:
    """Whether every reading of ``char`` is the same syllable (tones aside)."""
    load()
    from pypinyin.constants import PINYIN_DICT

    readings = PINYIN_DICT.get(ord(char))
    if readings is None:
        return True
    return len({_toneless(r) for r in readings.split(",")}) == 1


def _toneless(reading: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", reading)
                   if not unicodedata.combining(c) or c == "\u0308")  # keep ü's dots


@lru_cache(maxsize=30_000)
def _char(char: str) -> str:
    return _word(char)[0]


def _phrase(chars: str) -> list[str]:
    """pypinyin's reading of a run: it cuts the run into words (the longest in its phrase list
    first, ``mmseg``) and reads each word on its own, so a word's reading is the same in any
    run: each is cached (a 20-character title took pypinyin about 0.5 ms whole)."""
    load()
    from pypinyin.seg.mmseg import seg

    return [syllable for word in seg.cut(chars) for syllable in _word(word)]


@lru_cache(maxsize=100_000)
def _word(word: str) -> tuple[str, ...]:
    load()
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True))


def load(pause: Callable[[], object] | None = None) -> None:
    """Load pypinyin's tables now: otherwise the session's first pinyin (a save's sort keys,
    a search) loads them, some 190,000 objects, just when someone waits for an answer. (The
    window does it on a worker at idle time; ``pinyin_tables`` says how it keeps the GIL
    free meanwhile.)"""
    pinyin_tables.load(pause)


def forget() -> None:
    """Empty the caches of readings (a benchmark's target PC starts without its source's)."""
    for cached in (syllables, _run, _char, _word):
        cached.cache_clear()


def full_and_initials(word: str) -> tuple[str, str]:
    """(initials, full pinyin) of a word, lowercase, no tones: 黄璩 -> ("hq", "huangqu");
    other characters are kept (lowercased) in both."""
    found = syllables(word)
    initials = "".join(piece[0] if chinese else piece for piece, chinese in found)
    full = "".join(piece.rstrip("012345") if chinese else piece for piece, chinese in found)
    return initials, full
