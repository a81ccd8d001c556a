"""pypinyin's tables are loaded an entry at a time (the GIL let go meanwhile), and what
pypinyin ends up with is exactly what it loads itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop_app.search import pinyin
from desktop_app.search.pinyin_tables import _entries, _text

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import json, os, sys
from pathlib import Path
from desktop_app.search import pinyin
pinyin.load()
import pypinyin
from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
folder = Path(pypinyin.__file__).parent
whole = json.loads((folder / "phrases_dict.json").read_text("utf-8"))
readings = {int(code): reading for code, reading
            in json.loads((folder / "pinyin_dict.json").read_text("utf-8")).items()}
print(json.dumps({
    "same": PHRASES_DICT == whole,
    "phrases": len(PHRASES_DICT),
    "same_readings": PINYIN_DICT == readings,
    "readings": len(PINYIN_DICT),
    "one_call_loader": "pypinyin.phrases_dict" in sys.modules
                       or hasattr(sys.modules["pypinyin.pinyin_dict"], "_load_pinyin_dict"),
    "switch_left": "PYPINYIN_NO_PHRASES" in os.environ,
    "chongqing": pinyin.syllables("重庆银行长江路支行"),
}))
"""


def test_pypinyin_gets_its_own_tables_loaded_in_steps():
    """In a fresh process (this one imported pypinyin the usual way already): every phrase
    and every character's readings, none changed, pypinyin's one-call loaders never ran, its
    switch is not left behind for other programs, and a run is read as here, where pypinyin
    loaded its tables itself (重庆 is chong qing, 银行 yin hang)."""
    env = {key: value for key, value in os.environ.items() if key != "PYPINYIN_NO_PHRASES"}
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=True)
    found = json.loads(done.stdout)
    assert found["same"] and found["phrases"] > 40_000
    assert found["same_readings"] and found["readings"] > 40_000
    assert not found["one_call_loader"] and not found["switch_left"]
    read = [piece for piece, _chinese in found["chongqing"]]
    assert read[:6] == ["chong2", "qing4", "yin2", "hang2", "chang2", "jiang1"]
    assert read == [piece for piece, _chinese in pinyin.syllables("重庆银行长江路支行")]


def test_a_json_object_is_read_pair_by_pair_as_json_reads_it_whole():
    text = '{\n"a": [["x"], ["y"]],\n "b\\"c" : 1 , "路": {"e": [2, 3.5, null]},"f":true\n}\n'
    assert dict(_entries(text)) == json.loads(text)
    assert dict(_entries("{ }")) == {}


def test_a_long_object_pauses_every_so_many_pairs(monkeypatch):
    """The preload's worker pauses (sleeps) now and then, for the window."""
    from desktop_app.search import pinyin_tables

    monkeypatch.setattr(pinyin_tables, "PAUSE_EVERY", 2)
    pauses: list[int] = []
    text = json.dumps({str(n): n for n in range(7)})
    assert dict(_entries(text, lambda: pauses.append(1))) == json.loads(text)
    assert len(pauses) == 3


def test_a_file_is_decoded_a_block_at_a_time_as_whole(tmp_path, monkeypatch):
    """A character cut in two by a block's end is decoded whole."""
    from desktop_app.search import pinyin_tables

    monkeypatch.setattr(pinyin_tables, "BLOCK", 5)
    path = tmp_path / "表.json"
    path.write_text('{"黄璩": "huáng qú", "a": 1}', encoding="utf-8")
    assert _text(path) == path.read_text(encoding="utf-8")
