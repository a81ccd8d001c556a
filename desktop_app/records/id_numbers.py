"""Resident ID numbers (身份证号, GB 11643-1999) and phone numbers as people type them.

An ID number is 17 digits (region, birth date, sequence) and a check digit (0–9 or X); it is
printed on volunteer-hours certificates, so a mistyped one is refused when it is entered.
A phone number may be a mobile (13812345678) or a landline with its area code
(0546-6441234, (0546) 644 1234), with an extension (转 8001 / -8001).
"""

from __future__ import annotations

import re
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_DIGITS = "10X98765432"
MOBILE_EXAMPLE = "13812345678"
LANDLINE_EXAMPLE = "0546-6441234"
_PHONE = re.compile(r"[+\d(（][\d\s()（）+-]*(转\s*\d+)?")


def check_digit(body: str) -> str:
    """The 18th character of the ID number whose first 17 digits are ``body``."""
    return _CHECK_DIGITS[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]


def id_number_problem(text: str) -> str | None:
    """Why ``text`` is not an ID number, in Chinese; None if it is one."""
    if not re.fullmatch(r"\d{17}[\dXx]", text):
        return f"身份证号“{text}”应为 18 位数字（最后一位可以是 X）"
    try:
        date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return f"身份证号“{text}”中的出生日期（第 7–14 位）不存在"
    if check_digit(text[:17]) != text[17].upper():
        return f"身份证号“{text}”的校验位不对，请核对是否输错"
    return None


def phone_problem(text: str) -> str | None:
    """Why ``text`` is not a phone number, in Chinese; None if it is one."""
    digits = sum(character.isdigit() for character in text)
    if not _PHONE.fullmatch(text) or not 7 <= digits <= 20:
        return (f"联系电话“{text}”应为手机号或带区号的座机号，"
                f"如 {MOBILE_EXAMPLE}、{LANDLINE_EXAMPLE}")
    return None
