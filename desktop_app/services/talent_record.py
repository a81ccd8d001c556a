"""A talent's record (履历) as the talent form shows it: the trainings they gave or took, the
projects they lead, and the 青雁 posts they held — read from the records that already say so,
never typed twice. A person in several pools has one record: every profile of theirs counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from db.models import AidProject, Cluster, PostRotation, TalentProfile, TrainingAttendee
from db.models import TrainingSession as Training
from desktop_app.records.errors import NotFoundError
from desktop_app.records.types.industry import PROJECT_STATUSES
from desktop_app.records.types.talent import ASSESSMENTS, POSTS
from desktop_app.services.talent import people_by_id

TAUGHT, ATTENDED = "授课", "参训"


@dataclass(frozen=True)
class TalentRecord:
    """Plain rows, newest first, for read-only lists."""

    trainings: list[dict[str, Any]] = field(default_factory=list)  # held_on, title, role, hours
    projects: list[dict[str, Any]] = field(default_factory=list)  # name, status, start_on, end_on
    posts: list[dict[str, Any]] = field(default_factory=list)  # post, cluster, from, to, mentor


def _live(stmt, model):
    return stmt.where(col(model.deleted).is_(False))


def talent_record(session: Session, talent_id: str) -> TalentRecord:
    talent = session.get(TalentProfile, talent_id)
    if talent is None:
        raise NotFoundError("人才", talent_id)
    person_id = talent.person_id
    profiles = list(session.scalars(_live(select(col(TalentProfile.id)), TalentProfile).where(
        col(TalentProfile.person_id) == person_id)))
    trainings: list[dict[str, Any]] = []
    for training in session.scalars(_live(select(Training), Training).where(
            col(Training.teacher_talent_id).in_(profiles))):
        trainings.append({"id": training.id, "held_on": training.held_on,
                          "title": training.title, "role": TAUGHT, "hours": training.hours})
    attended = session.execute(
        _live(select(Training, col(TrainingAttendee.hours)), Training)
        .join(TrainingAttendee, col(TrainingAttendee.training_id) == col(Training.id))
        .where(col(TrainingAttendee.person_id) == person_id,
               col(TrainingAttendee.deleted).is_(False)))
    for training, hours in attended:
        trainings.append({"id": training.id, "held_on": training.held_on,
                          "title": training.title, "role": ATTENDED, "hours": hours})
    projects = [{"id": p.id, "name": p.name, "status": PROJECT_STATUSES.get(p.status, p.status),
                 "start_on": p.start_on, "end_on": p.end_on, "role": "项目负责人"}
                for p in session.scalars(_live(select(AidProject), AidProject).where(
                    col(AidProject.leader_id) == person_id))]
    rotations = list(session.scalars(_live(select(PostRotation), PostRotation).where(
        col(PostRotation.talent_id).in_(profiles))))
    mentors = people_by_id(session, (r.mentor_id for r in rotations))
    clusters = dict(session.execute(select(col(Cluster.id), col(Cluster.name))).all())
    posts = [{"id": r.id, "post": POSTS.get(r.post, r.post),
              "cluster": clusters.get(r.cluster_id, ""),
              "start_on": r.start_on, "end_on": r.end_on,
              "mentor": mentors[r.mentor_id].name if r.mentor_id in mentors else "",
              "assessment": ASSESSMENTS.get(r.assessment, "")}
             for r in rotations]
    return TalentRecord(
        trainings=sorted(trainings, key=lambda t: (t["held_on"], t["role"]), reverse=True),
        projects=sorted(projects, key=lambda p: (p["start_on"] is not None, p["start_on"]),
                        reverse=True),
        posts=sorted(posts, key=lambda p: p["start_on"], reverse=True))
