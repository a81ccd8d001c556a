"""The optional start-up password: a salted scrypt hash beside the database, never in it.

Kept in ``NAME.db.password`` (JSON: the scrypt parameters, salt and hash, the idle minutes
before the window locks, and a pending reset request). It is outside the synced database, so
it never travels on a stick, and a restored backup does not bring back an old password. The
password gates the program, not the file: the database itself is not encrypted
(docs/privacy.md says what that protects against). Forgetting it loses nothing: the town
reads a reset code over the phone (``desktop_app.security.reset``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Collection
from pathlib import Path
from typing import Any

from desktop_app.records.errors import UserError
from desktop_app.security.files import password_path

MIN_LENGTH = 6
DEFAULT_IDLE_MINUTES = 15
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}  # about 16 MB and a few tens of ms per try
MAX_RESET_TRIES = 5


def hash_password(password: str, salt: bytes | None = None,
                  params: dict[str, int] | None = None) -> dict[str, Any]:
    """What is stored: scrypt of the password with a fresh 16-byte salt, and its parameters."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    params = dict(params or SCRYPT)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32,
                            maxmem=64 * 1024 * 1024, **params)
    return {"scheme": "scrypt", **params, "salt": base64.b64encode(salt).decode(),
            "hash": base64.b64encode(digest).decode()}


def matches(password: str, stored: dict[str, Any]) -> bool:
    """Whether ``password`` is the one ``stored`` was made from (compared in constant time)."""
    try:
        if stored.get("scheme") != "scrypt":
            return False
        params = {k: int(stored[k]) for k in ("n", "r", "p")}
        again = hash_password(password, base64.b64decode(stored["salt"]), params)
    except (KeyError, ValueError, TypeError):
        return False
    return hmac.compare_digest(again["hash"], str(stored.get("hash")))


class StartupPassword:
    """The start-up password of the database at ``db_path``."""

    def __init__(self, db_path: Path | str) -> None:
        self.path = password_path(Path(db_path))

    # --- stored state ------------------------------------------------------------------
    def _load(self) -> dict[str, Any]:
        try:
            content = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return content if isinstance(content, dict) else {}

    def _save(self, content: dict[str, Any]) -> None:
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(content), encoding="utf-8")
        os.replace(temporary, self.path)

    def is_set(self) -> bool:
        return isinstance(self._load().get("password"), dict)

    @property
    def idle_minutes(self) -> int:
        """Minutes without a key or mouse press before the window locks (0: never)."""
        value = self._load().get("idle_minutes", DEFAULT_IDLE_MINUTES)
        return value if isinstance(value, int) and value >= 0 else DEFAULT_IDLE_MINUTES

    def set_idle_minutes(self, minutes: int) -> None:
        if not 0 <= minutes <= 24 * 60:
            raise UserError("自动锁定的时间应在 0（不锁定）到 1440 分钟之间")
        content = self._load()
        content["idle_minutes"] = minutes
        self._save(content)

    # --- the password ----------------------------------------------------------------------
    def check(self, password: str) -> bool:
        """True if no password is set or ``password`` is it."""
        stored = self._load().get("password")
        return not isinstance(stored, dict) or matches(password, stored)

    def set(self, new: str, *, repeated: str, old: str = "") -> None:
        """Set or change the password; changing needs the old one."""
        if self.is_set() and not self.check(old):
            raise UserError("原密码不对，密码没有更改")
        if len(new) < MIN_LENGTH:
            raise UserError(f"密码至少要 {MIN_LENGTH} 个字符")
        if new != repeated:
            raise UserError("两次输入的新密码不一样")
        content = self._load()
        content["password"] = hash_password(new)
        content.pop("reset", None)
        self._save(content)

    def remove(self, old: str) -> None:
        """No password any more (the old one is needed)."""
        if not self.is_set():
            return
        if not self.check(old):
            raise UserError("密码不对，没有取消启动密码")
        self._clear()

    def _clear(self) -> None:
        content = self._load()
        content.pop("password", None)
        content.pop("reset", None)
        self._save(content)

    # --- forgotten: a reset code from the town (desktop_app.security.reset) ----------------
    def reset_request(self) -> str:
        """The number to read to the town (six digits), kept until it is used or tried too
        often; a new one after that."""
        content = self._load()
        pending = content.get("reset")
        if isinstance(pending, dict) and isinstance(pending.get("request"), str):
            return pending["request"]
        request = f"{secrets.randbelow(10 ** 6):06d}"
        content["reset"] = {"request": request, "tries": 0}
        self._save(content)
        return request

    def reset(self, code: str, expected: Collection[str]) -> bool:
        """Remove the password if ``code`` is one of the ``expected`` codes for the pending
        request; after MAX_RESET_TRIES wrong codes the request is replaced by a new one."""
        content = self._load()
        pending = content.get("reset")
        if not isinstance(pending, dict):
            raise UserError("请先把本机的重置申请号读给镇里")
        typed = "".join(ch for ch in code if ch.isdigit())
        if any(hmac.compare_digest(typed, wanted) for wanted in expected):
            self._clear()
            return True
        pending["tries"] = int(pending.get("tries") or 0) + 1
        if pending["tries"] >= MAX_RESET_TRIES:
            content.pop("reset")
            self._save(content)
            raise UserError("重置码错误次数过多，申请号已作废：请把新的申请号读给镇里")
        self._save(content)
        return False
