"""Personal data masked by default: one function, driven by ``Field.sensitive``.

Lists, the CLI's ``show``/``list``, search results and Word exports show a sensitive value
masked — an ID number as ``370523********1234`` (region code and last four), a mobile as
``138****5678``. Only documents that need the whole value (the volunteer-hours certificate
prints the ID number) ask for it, and a form's 显示 reveals one value and logs who looked
(``services.privacy``). See docs/privacy.md.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from desktop_app.records.fields import Field, RecordType

# An ID number (18 characters, the last may be X) or a mobile number inside free text.
SENSITIVE_IN_TEXT = re.compile(r"(?<![0-9])(?:[1-9][0-9]{16}[0-9Xx]|1[3-9][0-9]{9})(?![0-9])")


# Names in a sensitive text (a dispute's parties: "张三丰（申请人）、李四"): each name is
# masked as surname + stars + last character, a role in brackets after it is kept.
NAME_LIST_SEPARATORS = re.compile(r"([、，,；;\s]+)")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def mask_name(name: str) -> str:
    """``张*丰`` for 张三丰, ``李*`` for 李四 (practice.md, Personal data)."""
    if len(name) <= 1:
        return "*" * len(name)
    if len(name) == 2:
        return name[0] + "*"
    return name[0] + "*" * (len(name) - 2) + name[-1]


def _mask_names(text: str) -> str:
    parts = NAME_LIST_SEPARATORS.split(text)
    for n, part in enumerate(parts):
        if n % 2 == 0 and part:  # a name, perhaps with its role: 张三丰（申请人）
            name, bracket, role = (re.split(r"([（(])", part, maxsplit=1) + ["", ""])[:3]
            parts[n] = mask_name(name) + bracket + role
    return "".join(parts)


def mask(value: Any) -> str:
    """``370523********1234`` for an ID number, ``138****5678`` for a mobile, ``张*丰、李*`` for
    names; any other value keeps its first three and last four characters (short ones become
    all stars)."""
    text = "" if value is None else str(value).strip()
    if not text:
        return ""
    if CHINESE.search(text):
        return _mask_names(text)
    if len(text) == 18:  # ID number: region (6) + 8 stars + last 4
        return text[:6] + "*" * 8 + text[-4:]
    if len(text) <= 7:
        return "*" * len(text)
    return text[:3] + "*" * (len(text) - 7) + text[-4:]


def masked_text(value: str) -> str:
    """Free text with every ID or mobile number in it masked."""
    return SENSITIVE_IN_TEXT.sub(lambda m: mask(m.group()), value)


def shown(field: Field, value: Any) -> Any:
    """The value as a screen or a document shows it: masked if the field is sensitive."""
    return mask(value) if field.sensitive and value not in (None, "") else value


def masked_row(record_type: RecordType, row: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the display row ``row`` with every sensitive field's value masked (under its
    name and its ``shown_as`` key)."""
    masked = dict(row)
    for spec in record_type.fields:
        if not spec.sensitive:
            continue
        for key in {spec.name, spec.shown_as}:
            if key in masked:
                masked[key] = shown(spec, masked[key])
    return masked
