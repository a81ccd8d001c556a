"""build/slim_icu.py: the ICU data library the Linux package ships keeps what Qt asks for."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("slim_icu", ROOT / "build" / "slim_icu.py")
slim_icu = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(slim_icu)

CHECK = "from ui.smoke import check_chinese_text; print(check_chinese_text())"


@pytest.mark.parametrize("item", [
    "root.res", "pool.res", "res_index.res", "zh.res", "zh_Hans_CN.res", "en_US.res",
    "coll/root.res", "coll/ucadata.icu", "coll/zh.res", "coll/zh_Hant.res", "zone/zh_Hans.res",
    "zoneinfo64.res", "supplementalData.res", "cnvalias.icu", "gb18030.cnv",
    "windows-936-2000.cnv", "ibm-1386_P100-2001.cnv", "nfkc.nrm",
])
def test_keeps_what_qt_asks_for(item):
    assert slim_icu.needed(item)


@pytest.mark.parametrize("item", [
    "de.res", "fr_CA.res", "yue_Hans.res", "coll/de.res", "coll/de_.res", "zone/ja.res",
    "brkitr/cjdict.dict", "lang/zh.res", "curr/zh.res", "unit/en.res", "translit/root.res",
    "ibm-37_P100-1995.cnv", "euc-jp-2007.cnv",
])
def test_leaves_out_other_languages_and_unused_trees(item):
    assert not slim_icu.needed(item)


def _qt_answers(library: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if library is not None:  # the loader takes it for PySide6's libicudata.so.NN (same soname)
        env["LD_PRELOAD"] = str(library)
    return subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def whole_library() -> Path:
    """PySide6's own libicudata.so.NN (Linux wheels only), if this machine can slim it."""
    if not sys.platform.startswith("linux"):
        pytest.skip("PySide6 bundles ICU on Linux only")
    if missing := slim_icu.missing_tools():
        pytest.skip(f"no {', '.join(missing)} (Debian: icu-devtools, gcc)")
    import PySide6

    return next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))


def test_slim_library_answers_qt_like_the_whole_one(whole_library, tmp_path):
    slim = slim_icu.slim_data_library(whole_library, tmp_path / "icu")

    assert slim.name == whole_library.name
    assert slim.stat().st_size < whole_library.stat().st_size / 4
    answers = _qt_answers(slim)
    assert answers.returncode == 0, answers.stderr
    assert answers.stdout.strip() == "中文排序 阿李王张赵、GB18030"
    assert answers.stdout == _qt_answers().stdout


def test_the_check_notices_missing_data(whole_library, tmp_path, monkeypatch):
    """Without Chinese collation data, Qt sorts by code point and the smoke test says so."""
    kept = slim_icu.needed
    monkeypatch.setattr(slim_icu, "needed", lambda item: kept(item) and "coll/zh" not in item)
    broken = slim_icu.slim_data_library(whole_library, tmp_path / "icu")

    answers = _qt_answers(broken)
    assert answers.returncode != 0
    assert "中文排序未按拼音" in answers.stderr
