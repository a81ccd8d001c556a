"""One cell of a real sheet turned into the value its declared field's kind wants.

Sheets kept by hand hold numbers stored as text and text stored as numbers, full-width
digits and spaces, dates as Excel serials or typed as 2026.12.2, 2026/12/2, 2026年12月2日 or
12月2日, and ID numbers that Excel already turned into 3.70523E+17. Each function returns the
value or raises :class:`CellProblem` with the reason in Chinese.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from desktop_app.records.fields import Field, Kind

EXCEL_EPOCH = datetime(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel's 1900 leap-year bug)
# Full-width ASCII (！ to ～) to half-width, the ideographic space to a space, 。 in numbers.
_WIDE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_SPLIT = re.compile(r"[、,，;；/|\s]+")
_YMD = re.compile(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?"
                  r"(?:\s+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?")
_MD = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_NUMBER_WITH_UNIT = re.compile(r"([-+]?\d+(?:\.\d+)?)\s*[\u4e00-\u9fff]{0,2}")
_HM = re.compile(r"(\d{1,2})\s*[:：时點点]\s*(\d{1,2})\s*分?")
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE]\+?\d+")
YES = frozenset({"是", "有", "√", "✓", "y", "yes", "true", "1", "对"})
NO = frozenset({"否", "无", "×", "✗", "n", "no", "false", "0", "不是"})


class CellProblem(ValueError):
    """Why a cell cannot become its field's value (a sentence in Chinese)."""


def narrow(text: str) -> str:
    """Full-width digits, letters and signs made half-width; the ideographic space a space."""
    return text.translate(_WIDE)


def clean_text(value: Any) -> str:
    """A cell as one line of text: trimmed, runs of spaces (the ideographic space too) made
    one; a whole number stored as a number (13812345678.0) written without its ``.0``. Its
    Chinese punctuation (，（）：) stays: only numbers, dates and codes are made half-width."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != time() else \
            value.date().isoformat()
    return " ".join(str(value).replace("\u3000", " ").split())


def clean_code(value: Any) -> str:
    """A cell that holds a number, a date or a code, made half-width (``１３８`` → 138)."""
    return narrow(clean_text(value))


def squeezed(text: str) -> str:
    """``王  伟`` (a two-character name padded to line up with three) as ``王伟``; text with
    Latin letters or digits keeps its spaces."""
    if re.fullmatch(r"[\u3400-\u9fff·\s]+", text):
        return re.sub(r"\s+", "", text)
    return text


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def as_date(value: Any, label: str, today: date | None = None) -> date:
    """A date from a date cell, an Excel serial or text as people type dates."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value, label).date()
    text = clean_code(value).replace(" ", "")
    if re.fullmatch(r"\d{5}(\.\d+)?", text):  # a serial stored as text
        return _serial(float(text), label).date()
    found = _YMD.fullmatch(text) or _COMPACT.fullmatch(text)
    if found:
        return _day(int(found[1]), int(found[2]), int(found[3]), text, label)
    found = _MD.fullmatch(text)
    if found:
        year = (today or date.today()).year
        return _day(year, int(found[1]), int(found[2]), text, label)
    raise CellProblem(f"{label}“{text}”不是日期，请写成 2026年12月2日、2026-12-2 或 2026.12.2")


def as_datetime(value: Any, label: str, today: date | None = None) -> datetime:
    """A date and time; a date alone is that day at 00:00."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial(value, label)
    text = clean_code(value)
    found = _YMD.fullmatch(text)
    if found and found[4] is not None:
        day = _day(int(found[1]), int(found[2]), int(found[3]), text, label)
        try:
            return datetime.combine(day, time(int(found[4]), int(found[5]), int(found[6] or 0)))
        except ValueError:
            raise CellProblem(f"{label}“{text}”的时间不存在") from None
    day = as_date(value, label, today)
    return datetime(day.year, day.month, day.day)


def as_time(value: Any, label: str) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, float) and 0 <= value < 1:  # a time cell: a fraction of a day
        minutes = round(value * 24 * 60)
        return time(minutes // 60, minutes % 60)
    text = clean_code(value).replace(" ", "")
    found = _HM.fullmatch(text)
    if found:
        try:
            return time(int(found[1]), int(found[2]))
        except ValueError:
            pass
    raise CellProblem(f"{label}“{text}”不是时间，请写成 08:30")


def _serial(value: float, label: str) -> datetime:
    if not 1 <= value < 2958466:  # up to 9999-12-31
        raise CellProblem(f"{label}“{value:g}”不是日期")
    moment = EXCEL_EPOCH + timedelta(days=float(value))
    return moment.replace(microsecond=0)


def _day(year: int, month: int, day: int, text: str, label: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellProblem(f"{label}“{text}”这一天不存在") from None


def as_number(value: Any, spec: Field) -> int | float:
    """A number from a number cell or from text (full-width digits, 1,200, 35户)."""
    if isinstance(value, bool):
        raise CellProblem(f"{spec.label}“{value}”不是数字")
    if isinstance(value, int | float):
        number: int | float = value
    else:
        text = clean_code(value).replace(",", "").replace(" ", "")
        found = _NUMBER_WITH_UNIT.fullmatch(text)
        if not found:
            raise CellProblem(f"{spec.label}“{text}”不是数字")
        number = float(found[1])
    if spec.kind is Kind.NUMBER:
        if not float(number).is_integer():
            raise CellProblem(f"{spec.label}“{number:g}”应为整数")
        return int(number)
    return float(number)


def as_identifier_text(value: Any, spec: Field) -> str:
    """An ID or phone number as text. A number cell with more digits than Excel keeps
    (15) lost its last digits already: refused, saying how to enter it as text."""
    too_long = isinstance(value, float | int) and not isinstance(value, bool) \
        and abs(value) >= 1e15
    text = clean_code(value)
    if too_long or _SCIENTIFIC.fullmatch(text.replace(" ", "")):
        shown = f"{value:.5E}" if isinstance(value, float | int) else text
        raise CellProblem(
            f"{spec.label}已被 Excel 当作数字改成了 {shown}，后几位数字已经丢失，无法导入。"
            f"请在 Excel 中选中这一列，设置单元格格式为“文本”，再重新录入完整号码"
            f"（或在号码前加英文单引号 '），然后再导入")
    text = text.replace(" ", "")
    if "*" in text:
        raise CellProblem(f"{spec.label}“{text}”是导出时遮盖过的号码，无法导入："
                          f"请填写完整号码")
    return text


def as_flag(value: Any, label: str) -> bool:
    if isinstance(value, bool):
        return value
    text = clean_code(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellProblem(f"{label}“{text}”请填写“是”或“否”")


def as_choice(value: Any, spec: Field) -> Any:
    """A vocabulary key from its Chinese label (or the key itself, as the CLI takes)."""
    text = clean_text(value).replace(" ", "")
    for key, label in (spec.choices or {}).items():
        if text == str(label).replace(" ", "") or narrow(text) == str(key):
            return key
    allowed = "、".join(str(label) for label in (spec.choices or {}).values())
    raise CellProblem(f"{spec.label}“{text}”无效，可选：{allowed}")


def split_members(value: Any) -> list[str]:
    """``黄璩村、韩璩村`` (or with commas, semicolons, slashes, spaces) as a list."""
    return [part for part in _SPLIT.split(clean_text(value)) if part]


__all__ = ["CellProblem", "as_choice", "as_date", "as_datetime", "as_flag",
           "as_identifier_text", "as_number", "as_time", "clean_code", "clean_text", "is_blank",
           "narrow",
           "split_members", "squeezed"]
