"""人才联育: talent profiles (人才库, 鸿雁, 青雁), 青雁 rotation posts, training sessions and
who attended them."""

from __future__ import annotations

from datetime import date

from sqlmodel import Field

from db.models.base import SyncedRecord


class TalentProfile(SyncedRecord, table=True):
    """A person in one talent pool (a person may be in several)."""

    __tablename__ = "talent_profile"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    pool: str = Field(default="talent", index=True)  # talent / hongyan / qingyan
    category: str = ""  # 致富带头人, 退役军人, 大学毕业生, 土专家 ...
    skills: str = ""
    whereabouts: str = "in_village"  # in_village / away
    returned_on: date | None = None  # 返乡日期: came back (在外 -> 在村); 擂台比武's 人才回流
    education: str = ""
    contact: str = ""
    joined_on: date | None = None
    note: str = ""


class PostRotation(SyncedRecord, table=True):
    """A 青雁's rotation post (轮岗): 岗位, from–to, mentor, the assessment at the end."""

    __tablename__ = "post_rotation"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    talent_id: str = Field(foreign_key="talent_profile.id", index=True)
    post: str
    start_on: date
    end_on: date = Field(index=True)
    mentor_id: str | None = Field(default=None, foreign_key="person.id")
    assessment: str = ""  # excellent / pass / fail, given at the end
    note: str = ""


class TrainingSession(SyncedRecord, table=True):
    """培训: a session with its teacher (a talent, an invited expert or a department)."""

    __tablename__ = "training_session"
    cluster_id: str = Field(foreign_key="cluster.id", index=True)
    title: str
    title_sort: str | None = None  # pinyin sort key, kept on write
    kind: str = ""  # 种植, 养殖, 农机, 电商, 非遗 ...
    teacher_kind: str = "expert"  # talent / expert / department
    teacher: str = ""
    teacher_talent_id: str | None = Field(default=None, foreign_key="talent_profile.id")
    held_on: date = Field(index=True)
    hours: float = 0
    place: str = ""


class TrainingAttendee(SyncedRecord, table=True):
    """Who signed in at a training, and the hours counted (set member by person)."""

    __tablename__ = "training_attendee"
    training_id: str = Field(foreign_key="training_session.id", index=True)
    person_id: str = Field(foreign_key="person.id", index=True)
    hours: float = 0
