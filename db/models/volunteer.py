"""志愿服务: teams, activities and participants' hours."""

from __future__ import annotations

from datetime import date, time

from sqlmodel import Field

from db.models.base import SyncedRecord


class VolunteerTeam(SyncedRecord, table=True):
    __tablename__ = "volunteer_team"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    name: str
    name_sort: str | None = None  # pinyin sort key, kept on write
    kind: str = ""  # 党员 / 老兵 / 巾帼 / 青年 ...
    leader_id: str | None = Field(default=None, foreign_key="person.id")


class VolunteerActivity(SyncedRecord, table=True):
    __tablename__ = "volunteer_activity"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    team_id: str | None = Field(default=None, foreign_key="volunteer_team.id", index=True)
    title: str
    title_sort: str | None = None  # pinyin sort key, kept on write
    held_on: date = Field(index=True)
    start_time: time
    end_time: time
    place: str = ""
    content: str = ""
    people_served: int = 0
    kind: str = "regular"  # regular / fair (为民服务大集)


class ActivityParticipant(SyncedRecord, table=True):
    """A volunteer's hours at an activity (set member)."""

    __tablename__ = "activity_participant"
    activity_id: str = Field(foreign_key="volunteer_activity.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    hours: float
