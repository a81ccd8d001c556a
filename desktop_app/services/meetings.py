"""会议: who attended, the agenda items discussed with their outcomes, and decisions."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlmodel import Session, col

from db.models import (
    AgendaItem,
    Meeting,
    MeetingAgendaItem,
    MeetingAttendee,
    MeetingDecision,
    Person,
    WorkTask,
)
from desktop_app.records.errors import ValidationError
from desktop_app.records.vocabulary import (
    ATTENDANCE,
    CONCLUDED_OUTCOMES,
    MEETING_KINDS,
    MEETING_OUTCOMES,
)
from desktop_app.services.agenda import check_attendance_and_votes
from desktop_app.services.base import (
    RecordService,
    require_choice,
    require_plausible_date,
    require_record,
)
from desktop_app.services.describe import members_by_parent
from desktop_app.services.members import check_villages_in_cluster, live_members, set_members
from desktop_app.services.tasks import TaskService

AGENDA_ROW_FIELDS = ("outcome", "discussion", "votes_for", "votes_against", "votes_abstain")
VOTE_FIELDS = ("votes_for", "votes_against", "votes_abstain")
# Meetings whose voters are all listed by name on 参会人员 (联席会议, 两委联席会议): their votes
# are checked against who was present. At a 党员大会 or 村民代表会议 usually only the officers are
# listed by name; the counts of such a vote are recorded, and checked, on its 四议两公开 step.
VOTERS_LISTED = frozenset({"joint", "committees"})


def present_count(attendees: Iterable[Any]) -> int:
    """How many attendees are present (出席), not attending without vote or absent; rows are
    dicts (what a form sends, "present" when not said) or stored attendee records."""
    count = 0
    for row in attendees:
        attendance = row.get("attendance") if isinstance(row, Mapping) else row.attendance
        count += (attendance or "present") == "present"
    return count


class MeetingService(RecordService[Meeting]):
    model = Meeting
    status_column = None
    date_column = "start"
    order_by = ("-start",)
    choice_orders = {"kind": tuple(MEETING_KINDS)}
    requires_shift = True

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        day = (values.get("start") or existing.start).date()
        cluster_id = values.get("cluster_id") or existing.cluster_id
        for row in values.get("attendees") or []:
            require_record(session, Person, row.get("person_id"), "attendees", "参会人员")
            require_choice(row, "attendance", ATTENDANCE, "出席情况")
            if row.get("attendance") == "absent" and not (row.get("reason") or "").strip():
                raise ValidationError("attendees", "缺席人员须填写缺席原因")
        for row in values.get("agenda") or []:
            item = require_record(session, AgendaItem, row.get("agenda_item_id"), "agenda", "议题")
            if item.cluster_id != cluster_id:
                raise ValidationError("agenda", f"议题“{item.title}”属于其他联合党组织")
            require_choice(row, "outcome", MEETING_OUTCOMES, "议定结果")
        self._check_votes(session, values, existing)
        for row in values.get("decisions") or []:
            self._check_decision(session, row, day)
        if existing is not None and day != existing.start.date():
            self._check_kept_decisions(session, existing.id, day)

    @staticmethod
    def _check_votes(session: Session, values: dict[str, Any], existing) -> None:
        """Votes on an item (赞成 + 反对 + 弃权) add up to at most the people present (出席),
        as the form counts them on its 参会人员 tab, where all voters are listed
        (``VOTERS_LISTED``).

        On an edit, an item whose votes stay as they were is not checked again unless fewer
        people are now present: an older meeting that lists fewer attendees than voted (the
        members of a 党员大会 are not all people in the register) can still be edited.
        """
        attendees, agenda = values.get("attendees"), values.get("agenda")
        if attendees is None and agenda is None:
            return
        if (values.get("kind") or (existing.kind if existing else "joint")) not in VOTERS_LISTED:
            for row in agenda or []:
                check_attendance_and_votes(row)  # no negative counts
            return
        stored: dict[str, MeetingAgendaItem] = {}
        before = 0
        if existing is not None:
            stored = {row.agenda_item_id: row for row in
                      live_members(session, MeetingAgendaItem, "meeting_id", existing.id)}
            before = present_count(
                live_members(session, MeetingAttendee, "meeting_id", existing.id))
        present = present_count(attendees) if attendees is not None else before
        if agenda is None:
            agenda = [row.model_dump() for row in stored.values()]
        for row in agenda:
            old = stored.get(row.get("agenda_item_id"))
            if (old is not None and present >= before
                    and all(getattr(old, k) == row.get(k) for k in VOTE_FIELDS)):
                continue
            check_attendance_and_votes(row)  # no negative counts
            cast = sum(row.get(k) or 0 for k in VOTE_FIELDS)
            if cast > present:
                item = session.get(AgendaItem, row.get("agenda_item_id"))
                title = item.title if item is not None else row.get("agenda_item_id")
                raise ValidationError(
                    "votes_for", f"议题“{title}”的赞成、反对、弃权票数之和（{cast}）超过实到人数"
                                 f"（参会人员中出席 {present} 人）")

    @staticmethod
    def _check_decision(session: Session, row: Mapping[str, Any], meeting_day: date) -> None:
        """Text, owner and item exist; the due date (截止日期) is plausible and not before the
        meeting, as the task the decision becomes is found on the meeting's day."""
        if not (row.get("text") or "").strip():
            raise ValidationError("decisions", "会议决定内容不能为空")
        require_record(session, Person, row.get("owner_id"), "decisions", "责任人")
        require_record(session, AgendaItem, row.get("agenda_item_id"), "decisions", "议题")
        deadline = row.get("deadline")
        require_plausible_date("decisions", deadline, "决定的截止日期")
        if deadline is not None and deadline < meeting_day:
            raise ValidationError(
                "decisions", f"决定的截止日期（{deadline}）不能早于会议日期（{meeting_day}）")

    @staticmethod
    def _check_kept_decisions(session: Session, meeting_id: str, meeting_day: date) -> None:
        """Moving a meeting to a later day may not leave its decisions due before it."""
        for decision in live_members(session, MeetingDecision, "meeting_id", meeting_id):
            if decision.deadline is not None and decision.deadline < meeting_day:
                raise ValidationError(
                    "start", f"会议日期（{meeting_day}）不能晚于决定“{decision.text[:20]}”的"
                             f"截止日期（{decision.deadline}）")


    def write_children(self, session: Session, record: Meeting, children: dict[str, Any]) -> None:
        self._write_children(session, record.id, attendees=children.get("attendees"),
                             agenda=children.get("agenda"), decisions=children.get("decisions"))

    def _write_children(self, session: Session, meeting_id: str, *, attendees, agenda,
                        decisions) -> None:
        if attendees is not None:
            set_members(session, MeetingAttendee, "meeting_id", meeting_id, "person_id", {
                row["person_id"]: {"attendance": row.get("attendance", "present"),
                                   "reason": (row.get("reason") or "").strip()}
                for row in attendees
            })
        if agenda is not None:
            set_members(session, MeetingAgendaItem, "meeting_id", meeting_id, "agenda_item_id", {
                row["agenda_item_id"]: {k: row[k] for k in AGENDA_ROW_FIELDS if k in row}
                for row in agenda
            })
        for row in decisions or []:
            session.add(MeetingDecision(
                meeting_id=meeting_id, text=row["text"].strip(), owner_id=row.get("owner_id"),
                deadline=row.get("deadline"), agenda_item_id=row.get("agenda_item_id"),
            ))

    def add_decision(self, meeting_id: str, text: str, *, owner_id: str | None = None,
                     deadline: date | None = None,
                     agenda_item_id: str | None = None) -> MeetingDecision:
        self._accepted({})
        row: dict[str, Any] = {"text": text, "owner_id": owner_id, "deadline": deadline,
               "agenda_item_id": agenda_item_id}
        with self.db.transaction() as session:
            meeting = self._get(session, meeting_id)
            self.check_office_scope({}, meeting)
            self._check_decision(session, row, meeting.start.date())
            decision = MeetingDecision(meeting_id=meeting_id, **{**row, "text": text.strip()})
            session.add(decision)
            session.flush()
            return decision

    def describe(self, session: Session, records: list[Meeting]) -> dict[str, dict[str, Any]]:
        ids = [m.id for m in records]
        attendance = members_by_parent(session, MeetingAttendee, "meeting_id", "attendance", ids)
        items = members_by_parent(session, MeetingAgendaItem, "meeting_id", "agenda_item_id", ids)
        rows = super().describe(session, records)
        for meeting in records:
            rows[meeting.id].update(present=attendance.get(meeting.id, []).count("present"),
                                    items=len(items.get(meeting.id, [])))
        return rows

    # --- reading the parts -------------------------------------------------------------
    def attendees(self, meeting_id: str) -> list[MeetingAttendee]:
        with self.db.session() as session:
            return live_members(session, MeetingAttendee, "meeting_id", meeting_id)

    def agenda(self, meeting_id: str) -> list[MeetingAgendaItem]:
        with self.db.session() as session:
            return live_members(session, MeetingAgendaItem, "meeting_id", meeting_id)

    def decisions(self, meeting_id: str) -> list[MeetingDecision]:
        with self.db.session() as session:
            return live_members(session, MeetingDecision, "meeting_id", meeting_id)

    def decision_tasks(self, meeting_id: str) -> dict[str, dict[str, str]]:
        """``decision id -> {"id", "title"}`` of the live task each decision became."""
        with self.db.session() as session:
            rows = session.execute(
                select(col(WorkTask.decision_id), col(WorkTask.id), col(WorkTask.title))
                .join(MeetingDecision, col(MeetingDecision.id) == WorkTask.decision_id)
                .where(col(MeetingDecision.meeting_id) == meeting_id,
                       col(WorkTask.deleted).is_(False))
                .order_by(col(WorkTask.created_at)))
            return {decision: {"id": task_id, "title": title} for decision, task_id, title in rows}

    # --- a decision becomes a task -----------------------------------------------------
    def decision_to_task(self, decision_id: str, *, village_ids: Iterable[str] = (),
                         title: str | None = None, due_on: date | None = None) -> WorkTask:
        """Turn a meeting decision into a work task claimed by the given villages.

        Only decisions on concluded agenda items (同意 / 原则同意) — or decisions not tied to
        an agenda item — may become tasks.
        """
        with self.db.session() as session:
            decision = session.get(MeetingDecision, decision_id)
            if decision is None or decision.deleted:
                raise ValidationError("decision_id", f"找不到会议决定：{decision_id}")
            meeting = session.get(Meeting, decision.meeting_id)
            assert meeting is not None  # records are never removed, only marked deleted
            if decision.agenda_item_id:
                self._check_concluded(session, meeting.id, decision.agenda_item_id)
            existing = session.scalar(select(col(WorkTask.id)).where(
                col(WorkTask.decision_id) == decision_id, col(WorkTask.deleted).is_(False)))
            if existing:
                raise ValidationError("decision_id", f"该决定已生成任务：{existing}")
            village_ids = list(village_ids)
            check_villages_in_cluster(session, meeting.cluster_id, village_ids)
        return TaskService(self.db).create(
            cluster_id=meeting.cluster_id,
            title=title or decision.text[:60],
            description=decision.text,
            decision_id=decision.id,
            agenda_item_id=decision.agenda_item_id,
            assignee_id=decision.owner_id,
            found_on=meeting.start.date(),
            due_on=due_on or decision.deadline,
            village_ids=village_ids,
        )

    @staticmethod
    def _check_concluded(session: Session, meeting_id: str, agenda_item_id: str) -> None:
        row = session.scalar(select(MeetingAgendaItem).where(
            col(MeetingAgendaItem.meeting_id) == meeting_id,
            col(MeetingAgendaItem.agenda_item_id) == agenda_item_id,
            col(MeetingAgendaItem.deleted).is_(False)))
        if row is None or row.outcome not in CONCLUDED_OUTCOMES:
            outcome = MEETING_OUTCOMES.get(row.outcome, "未议定") if row else "未列入本次会议"
            raise ValidationError(
                "decision_id", f"议题的议定结果为“{outcome}”，"
                "只有“同意”或“原则同意”的事项才能生成任务")

