"""Errors a user can cause; each carries one clear message in Chinese."""

from __future__ import annotations


class UserError(Exception):
    """Something the person at the keyboard can fix; ``str(error)`` is the message."""


class ValidationError(UserError):
    """A value is not acceptable; ``field`` names the form field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class NotFoundError(UserError):
    """An id that names no record (or a record of another kind)."""

    def __init__(self, what: str, record_id: str) -> None:
        super().__init__(f"找不到{what}：{record_id}")
        self.what = what
        self.record_id = record_id
