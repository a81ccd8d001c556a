"""会议: attendees, agenda items discussed and decisions."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime
from sqlmodel import Field

from db.models.base import SyncedRecord


class Meeting(SyncedRecord, table=True):
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    kind: str = "joint"  # see desktop_app vocabulary MEETING_KINDS
    title: str
    title_sort: str | None = None  # pinyin sort key, kept on write
    start: datetime = Field(index=True, sa_type=DateTime)
    place: str = ""
    chair_id: str | None = Field(default=None, foreign_key="person.id")
    recorder_id: str | None = Field(default=None, foreign_key="person.id")
    summary: str = ""


class MeetingAttendee(SyncedRecord, table=True):
    """A person at a meeting: present, attending without vote, or absent with a reason."""

    __tablename__ = "meeting_attendee"
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    attendance: str = "present"  # present / non_voting / absent
    reason: str = ""


class MeetingAgendaItem(SyncedRecord, table=True):
    """An agenda item discussed at a meeting, with its outcome."""

    __tablename__ = "meeting_agenda_item"
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    agenda_item_id: str = Field(foreign_key="agenda_item.id", index=True)
    outcome: str = "heard"  # 同意 approved / 原则同意 ... see vocabulary
    discussion: str = ""  # gist of the speeches, differing views
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstain: int | None = None


class MeetingDecision(SyncedRecord, table=True):
    """会议决定: what was decided, by whom it is carried out, by when."""

    __tablename__ = "meeting_decision"
    meeting_id: str = Field(foreign_key="meeting.id", index=True)
    agenda_item_id: str | None = Field(default=None, foreign_key="agenda_item.id")
    text: str
    owner_id: str | None = Field(default=None, foreign_key="person.id")
    deadline: date | None = None
