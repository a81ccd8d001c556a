"""pypinyin's phrase list is loaded a phrase at a time (the GIL let go meanwhile), and what
pypinyin ends up with is exactly its own list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from desktop_app.search import pinyin
from desktop_app.search.pinyin_tables import _entries

ROOT = Path(__file__).resolve().parents[2]

CHECK = """
import json, os, sys
from pathlib import Path
from desktop_app.search import pinyin
pinyin.load()
import pypinyin
from pypinyin.constants import PHRASES_DICT
whole = json.loads(Path(pypinyin.__file__).with_name("phrases_dict.json").read_text("utf-8"))
print(json.dumps({
    "same": PHRASES_DICT == whole,
    "phrases": len(PHRASES_DICT),
    "one_call_loader": "pypinyin.phrases_dict" in sys.modules,
    "switch_left": "PYPINYIN_NO_PHRASES" in os.environ,
    "chongqing": pinyin.syllables("重庆银行长江路支行"),
}))
"""


def test_pypinyin_gets_its_own_phrase_list_loaded_in_steps():
    """In a fresh process (this one imported pypinyin the usual way already): every phrase,
    none changed, pypinyin's one-call loader never ran, its switch is not left behind for
    other programs, and a run is read as here, where pypinyin loaded its list itself (重庆 is
    chong qing, 银行 yin hang)."""
    env = {key: value for key, value in os.environ.items() if key != "PYPINYIN_NO_PHRASES"}
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=120, check=True)
    found = json.loads(done.stdout)
    assert found["same"] and found["phrases"] > 40_000
    assert not found["one_call_loader"] and not found["switch_left"]
    read = [piece for piece, _chinese in found["chongqing"]]
    assert read[:6] == ["chong2", "qing4", "yin2", "hang2", "chang2", "jiang1"]
    assert read == [piece for piece, _chinese in pinyin.syllables("重庆银行长江路支行")]


def test_a_json_object_is_read_pair_by_pair_as_json_reads_it_whole():
    text = '{\n"a": [["x"], ["y"]],\n "b\\"c" : 1 , "路": {"e": [2, 3.5, null]},"f":true\n}\n'
    assert dict(_entries(text)) == json.loads(text)
    assert dict(_entries("{ }")) == {}
