"""``search.pinyin`` reads a text exactly as pypinyin does, only faster: its caches (a
character, a word of pypinyin's phrase list, a run of characters) must never change a
reading. The reference is pypinyin on the whole text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from desktop_app.search import pinyin

# Characters with readings that differ by more than the tone (重 长 行 乐 了 着 和 都 还 地
# 得 的), characters of common phrases (排水沟 服务 群众 重庆 银行 长江), names, digits,
# Latin letters, punctuation and a space.
ALPHABET = ("重长行乐了着和都还地得的排水沟服务群众庆银江村委会清理路灯修复王建国秀英志强黄璩"
            "张淡北大集需求摸对为民调解纠纷走访户" "0123456789abcXYZ，。：、（） ")


def reference(text: str) -> tuple[tuple[str, bool], ...]:
    """pypinyin's reading of each run of Chinese characters, whole; other text as is."""
    pieces: list[tuple[str, bool]] = []
    for index, part in enumerate(pinyin._HAN_RUNS.split(text)):  # noqa: SLF001
        if index % 2:
            pieces.extend((syllable, True) for syllable in
                          lazy_pinyin(part, style=Style.TONE3, neutral_tone_with_five=True))
        elif part := part.strip():
            pieces.append((part.lower(), False))
    return tuple(pieces)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_a_text_reads_as_pypinyin_reads_it_whole(text):
    assert pinyin.syllables(text) == reference(text)


def test_titles_of_the_sample_town_read_as_pypinyin_reads_them():
    titles = ["摸排东张淡村群众对为民服务大集的需求", "清理黄璩村东排水沟", "重庆银行长江路支行",
              "调解北张淡村土地纠纷", "第12号任务：修复路灯", "了解还乡人员的重点需求"]
    for title in titles:
        assert pinyin.syllables(title) == reference(title)
    assert pinyin.full_and_initials("重庆") == ("cq", "chongqing")
