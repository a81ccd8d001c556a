"""Reveals of personal data: who looked at a masked value, when, on which PC, and why.

A local log (not synced as a record): each PC keeps what was looked at on it. See
docs/privacy.md.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime
from sqlmodel import Field, SQLModel


class RevealLog(SQLModel, table=True):
    """One sensitive value shown whole (显示) in a form."""

    __tablename__ = "reveal_log"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(sa_type=DateTime)  # UTC
    officer_id: str | None = None  # the officer on shift, if any
    node: str = ""  # this PC's node id
    tbl: str
    row_id: str = Field(index=True)
    field: str
    reason: str
