"""统一社会信用代码 (GB 32100-2015): 18 characters with a check character at the end."""

from __future__ import annotations

CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(body: str) -> str:
    """The 18th character of a code whose first 17 are ``body``."""
    total = sum(CHARACTERS.index(c) * w for c, w in zip(body, _WEIGHTS, strict=True))
    return CHARACTERS[(31 - total % 31) % 31]


def credit_code_problem(code: str) -> str | None:
    """Why ``code`` is not a 统一社会信用代码, in Chinese; None if it is one."""
    code = code.strip().upper()
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，收到 {len(code)} 位"
    wrong = [c for c in code if c not in CHARACTERS]
    if wrong:
        return f"统一社会信用代码含有不允许的字符“{wrong[0]}”（不用 I、O、S、V、Z）"
    if check_character(code[:17]) != code[17]:
        return "统一社会信用代码的校验位不对，请核对营业执照"
    return None
