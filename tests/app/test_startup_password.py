"""The optional start-up password: a salted scrypt hash beside the database (issue 18, 4)."""

from __future__ import annotations

import json

import pytest

from desktop_app.records.errors import UserError
from desktop_app.security.password import StartupPassword, hash_password, matches


def test_the_hash_is_salted_scrypt_and_checks_only_the_password():
    first, second = hash_password("黄璩2026"), hash_password("黄璩2026")
    assert first["scheme"] == "scrypt" and first["n"] >= 2 ** 14
    assert first["salt"] != second["salt"] and first["hash"] != second["hash"]
    assert matches("黄璩2026", first) and matches("黄璩2026", second)
    assert not matches("黄璩2027", first) and not matches("", first)
    assert not matches("黄璩2026", {**first, "scheme": "md5"})
    assert not matches("黄璩2026", {"scheme": "scrypt"})  # a damaged file refuses, never opens


def test_set_change_and_remove(tmp_path):
    db_path = tmp_path / "lianjian.db"
    password = StartupPassword(db_path)
    assert not password.is_set() and password.check("anything")  # none: the program opens
    with pytest.raises(UserError, match="至少要 6 个字符"):
        password.set("12345", repeated="12345")
    with pytest.raises(UserError, match="两次输入"):
        password.set("123456", repeated="654321")
    password.set("黄璩2026", repeated="黄璩2026")
    assert password.is_set() and password.check("黄璩2026") and not password.check("黄璩2027")
    stored = (tmp_path / "lianjian.db.password").read_text(encoding="utf-8")
    assert "黄璩2026" not in stored and json.loads(stored)["password"]["scheme"] == "scrypt"
    assert not db_path.exists()  # beside the database, never in it (not synced)
    with pytest.raises(UserError, match="原密码不对"):
        password.set("新密码12345", repeated="新密码12345", old="猜的")
    password.set("新密码12345", repeated="新密码12345", old="黄璩2026")
    assert password.check("新密码12345") and not password.check("黄璩2026")
    with pytest.raises(UserError, match="密码不对"):
        password.remove("黄璩2026")
    password.remove("新密码12345")
    assert not password.is_set()


def test_idle_minutes(tmp_path):
    password = StartupPassword(tmp_path / "lianjian.db")
    assert password.idle_minutes == 15
    password.set_idle_minutes(0)
    assert password.idle_minutes == 0
    with pytest.raises(UserError):
        password.set_idle_minutes(-1)
