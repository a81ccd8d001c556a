"""A matplotlib font cache written before the Chinese font was installed must not hide it."""

from __future__ import annotations

import copy
import logging
import shutil

import pytest
from matplotlib import font_manager

from ui.chart_fonts import CJK_FAMILIES, ensure_cjk_font, find_cjk_files, font_folders


def stale_manager() -> font_manager.FontManager:
    """matplotlib's font list as a cache from before any Chinese font was installed."""
    stale = copy.copy(font_manager.fontManager)
    stale.ttflist = [e for e in font_manager.fontManager.ttflist if e.name not in CJK_FAMILIES]
    return stale


@pytest.fixture
def font_file(tmp_path):
    found = find_cjk_files(font_folders())
    if not found:
        pytest.skip("this machine has no Chinese font file")
    folder = tmp_path / "fonts" / "truetype"
    folder.mkdir(parents=True)
    return shutil.copy(found[0], folder)


def test_a_stale_cache_gets_the_font_file_registered(font_file, tmp_path, caplog):
    stale = stale_manager()
    assert not {e.name for e in stale.ttflist} & set(CJK_FAMILIES)
    with caplog.at_level(logging.WARNING):
        family = ensure_cjk_font(stale, folders=[tmp_path / "fonts"])
    assert family in CJK_FAMILIES
    path = stale.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert path.endswith(font_file.rsplit("/", 1)[-1])
    assert "registered" in caplog.text


def test_a_current_cache_is_left_alone(tmp_path):
    manager = copy.copy(font_manager.fontManager)
    before = len(manager.ttflist)
    family = ensure_cjk_font(manager, folders=[tmp_path])
    if family is None:
        pytest.skip("this machine has no Chinese font")
    assert len(manager.ttflist) == before  # nothing scanned, nothing added


def test_no_chinese_font_anywhere_is_logged_not_raised(tmp_path, caplog):
    (tmp_path / "empty").mkdir()
    with caplog.at_level(logging.WARNING):
        family = ensure_cjk_font(stale_manager(), folders=[tmp_path / "empty", tmp_path / "gone"])
    assert family is None
    assert "no Chinese font" in caplog.text
