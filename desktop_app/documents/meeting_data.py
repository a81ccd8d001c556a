"""What the minutes and the 纪要 of a meeting print, read once through the services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from desktop_app.records.vocabulary import MEETING_KINDS, MEETING_OUTCOMES
from desktop_app.services import Services


@dataclass(frozen=True)
class ItemResult:
    """An agenda item at the meeting: its outcome, the discussion and the vote."""

    agenda_item_id: str
    title: str
    outcome: str
    outcome_label: str
    discussion: str
    votes_for: int | None
    votes_against: int | None
    votes_abstain: int | None

    @property
    def voted(self) -> bool:
        return any(v is not None for v in (self.votes_for, self.votes_against,
                                           self.votes_abstain))

    def votes_text(self) -> str:
        """``赞成 33 票，反对 0 票，弃权 0 票``."""
        return (f"赞成 {self.votes_for or 0} 票，反对 {self.votes_against or 0} 票，"
                f"弃权 {self.votes_abstain or 0} 票")


@dataclass(frozen=True)
class DecisionLine:
    text: str
    owner: str
    deadline: date | None
    agenda_item_id: str | None


@dataclass
class MeetingData:
    title: str
    kind_label: str
    cluster: str
    start: datetime
    place: str
    chair: str
    recorder: str
    summary: str
    present: list[str] = field(default_factory=list)
    non_voting: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # "name（reason）"
    items: list[ItemResult] = field(default_factory=list)
    decisions: list[DecisionLine] = field(default_factory=list)


def _with_post(row: dict) -> str:
    post = (row.get("post") or "").strip()
    return f"{row['name']}（{post}）" if post else row["name"]


def gather(services: Services, meeting_id: str) -> MeetingData:
    """Everything about meeting ``meeting_id`` (NotFoundError for an unknown id)."""
    meetings = services.meetings
    meeting = meetings.get(meeting_id)
    attendees = meetings.attendees(meeting_id)
    agenda = meetings.agenda(meeting_id)
    decisions = meetings.decisions(meeting_id)
    person_ids = {a.person_id for a in attendees} | {d.owner_id for d in decisions if d.owner_id}
    person_ids |= {p for p in (meeting.chair_id, meeting.recorder_id) if p}
    people = services.people.rows(list(person_ids))
    titles = services.agenda.rows([row.agenda_item_id for row in agenda])

    def name(person_id: str | None) -> str:
        return people[person_id]["name"] if person_id in people else ""

    data = MeetingData(
        title=meeting.title, kind_label=MEETING_KINDS.get(meeting.kind, meeting.kind),
        cluster=services.clusters.get(meeting.cluster_id, include_deleted=True).name,
        start=meeting.start, place=meeting.place, chair=name(meeting.chair_id),
        recorder=name(meeting.recorder_id), summary=meeting.summary,
    )
    for attendee in attendees:
        row = people.get(attendee.person_id, {"name": attendee.person_id})
        if attendee.attendance == "present":
            data.present.append(row["name"])
        elif attendee.attendance == "non_voting":
            data.non_voting.append(_with_post(row))
        else:
            reason = attendee.reason.strip()
            data.absent.append(f"{row['name']}（{reason}）" if reason else row["name"])
    for item in agenda:
        title = titles.get(item.agenda_item_id, {}).get("title", item.agenda_item_id)
        data.items.append(ItemResult(
            item.agenda_item_id, title, item.outcome,
            MEETING_OUTCOMES.get(item.outcome, item.outcome), item.discussion,
            item.votes_for, item.votes_against, item.votes_abstain))
    data.decisions = [DecisionLine(d.text, name(d.owner_id), d.deadline, d.agenda_item_id)
                      for d in decisions]
    return data
