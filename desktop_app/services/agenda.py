"""议题: matters taken up on shift, the villages concerned, and their 四议两公开 steps."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Select, exists, select
from sqlmodel import Session, col

from db.ids import member_id
from db.models import AgendaItem, AgendaVillage, DecisionStep
from desktop_app.records import procedure
from desktop_app.records.errors import ValidationError
from desktop_app.records.vocabulary import AGENDA_SOURCES, AGENDA_STATUSES, STEP_BODIES, STEP_SHORT
from desktop_app.services.base import (
    RecordService,
    require_plausible_date,
)
from desktop_app.services.describe import village_names_by_parent
from desktop_app.services.members import check_villages_in_cluster, live_members, set_members

# Items with 四议两公开 steps still to come (a concluded item still has to be published).
UNFINISHED = ("open", "concluded")
STEP_FIELDS = frozenset({"body", "held_on", "form", "due", "present", "votes_for",
                         "votes_against", "votes_abstain", "text", "dissent",
                         "town_attendees", "supervision"})


def check_attendance_and_votes(values: dict[str, Any]) -> None:
    """Counts are not negative, present ≤ due, and votes add up to at most present."""
    labels = {"due": "应到人数", "present": "实到人数", "votes_for": "赞成票",
              "votes_against": "反对票", "votes_abstain": "弃权票"}
    for name, label in labels.items():
        value = values.get(name)
        if value is not None and value < 0:
            raise ValidationError(name, f"{label}不能为负数")
    due, present = values.get("due"), values.get("present")
    if due is not None and present is not None and present > due:
        raise ValidationError("present", f"实到人数（{present}）不能超过应到人数（{due}）")
    votes = [values.get(n) for n in ("votes_for", "votes_against", "votes_abstain")]
    cast = sum(v for v in votes if v is not None)
    if present is not None and cast > present:
        raise ValidationError(
            "votes_for", f"赞成、反对、弃权票数之和（{cast}）超过实到人数（{present}）"
        )


class AgendaService(RecordService[AgendaItem]):
    model = AgendaItem
    date_column = "raised_on"
    order_by = ("-raised_on", "-created_at")
    choice_orders = {"status": tuple(AGENDA_STATUSES), "source": tuple(AGENDA_SOURCES)}
    requires_shift = True

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        cluster_id = values.get("cluster_id") or existing.cluster_id
        check_villages_in_cluster(session, cluster_id, values.get("village_ids") or [])
        raised = values.get("raised_on")
        if existing is not None and raised is not None and raised != existing.raised_on:
            held = [s.held_on for s in self._steps(session, existing.id) if s.held_on]
            if held and raised > min(held):
                raise ValidationError(
                    "raised_on",
                    f"提出日期（{raised}）不能晚于已记录的四议两公开步骤的日期（{min(held)}）")


    def fill_defaults(self, values: dict[str, Any]) -> None:
        values.setdefault("raised_on", self.db.wall.today())

    def write_children(self, session: Session, record: AgendaItem,
                       children: dict[str, Any]) -> None:
        if children.get("village_ids") is not None:
            set_members(session, AgendaVillage, "agenda_item_id", record.id, "village_id",
                        {v: {} for v in children["village_ids"]})

    def village_ids(self, item_id: str) -> list[str]:
        with self.db.session() as session:
            rows = live_members(session, AgendaVillage, "agenda_item_id", item_id)
            return [row.village_id for row in rows]

    def describe(self, session: Session, records: list[AgendaItem]) -> dict[str, dict[str, Any]]:
        ids = [i.id for i in records]
        villages = village_names_by_parent(session, AgendaVillage, "agenda_item_id", ids)
        outcomes: dict[str, dict[int, str]] = {i: {} for i in ids}
        for item_id, step, outcome in session.execute(
            select(col(DecisionStep.agenda_item_id), col(DecisionStep.step),
                   col(DecisionStep.outcome))
            .where(col(DecisionStep.agenda_item_id).in_(ids), col(DecisionStep.deleted).is_(False))
        ):
            outcomes[item_id][step] = outcome
        rows = super().describe(session, records)
        for item in records:
            unfinished = item.status in UNFINISHED
            waiting = procedure.next_step(outcomes[item.id]) if unfinished else None
            rows[item.id].update(
                villages=villages.get(item.id, ""), next_step=waiting,
                next_step_label=STEP_SHORT[waiting] if waiting else "",
                steps_done=sum(1 for o in outcomes[item.id].values() if o != "failed"))
        return rows

    def filter_village(self, stmt: Select, village_id: str) -> Select:
        return stmt.where(exists(select(col(AgendaVillage.id)).where(
            col(AgendaVillage.agenda_item_id) == AgendaItem.id,
            col(AgendaVillage.village_id) == village_id,
            col(AgendaVillage.deleted).is_(False),
        )))

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        """``extra={"waiting_step": n}`` keeps unfinished items whose next step is ``n``;
        ``extra={"unfinished": True}`` keeps items with steps still to come."""
        if extra.get("unfinished"):
            stmt = stmt.where(col(AgendaItem.status).in_(UNFINISHED))
        step = extra.get("waiting_step")
        if step is None:
            return stmt
        done = select(col(DecisionStep.id)).where(
            col(DecisionStep.agenda_item_id) == AgendaItem.id,
            col(DecisionStep.deleted).is_(False),
            col(DecisionStep.outcome) != "failed",
        )
        stmt = stmt.where(col(AgendaItem.status).in_(UNFINISHED))
        stmt = stmt.where(~exists(done.where(DecisionStep.step == step)))
        if step > 1:
            stmt = stmt.where(exists(done.where(DecisionStep.step == step - 1)))
        return stmt

    # --- 四议两公开 --------------------------------------------------------------------
    def steps(self, item_id: str) -> list[DecisionStep]:
        with self.db.session() as session:
            return self._steps(session, item_id)

    @staticmethod
    def _steps(session: Session, item_id: str) -> list[DecisionStep]:
        return list(session.scalars(
            select(DecisionStep)
            .where(col(DecisionStep.agenda_item_id) == item_id,
                   col(DecisionStep.deleted).is_(False))
            .order_by(col(DecisionStep.step))
        ))

    def next_step(self, item_id: str) -> int | None:
        return procedure.next_step({s.step: s.outcome for s in self.steps(item_id)})

    def record_step(self, item_id: str, step: int,
                    **values: Any) -> tuple[DecisionStep, procedure.Verdict]:
        """Record (or re-hold) one step; the verdict says whether it passed and why not.

        A step may not be recorded before the earlier ones have passed. The outcome is
        computed from attendance and votes per the rules of 四议两公开.
        """
        self._accepted({})
        unknown = set(values) - STEP_FIELDS
        if unknown:
            raise ValidationError(sorted(unknown)[0],
                                  f"四议两公开步骤没有字段：{'、'.join(sorted(unknown))}")
        with self.db.transaction() as session:
            item = self._get(session, item_id)
            self.check_office_scope({}, item)
            if item.status == "withdrawn":
                raise ValidationError("status", "议题已撤回，不能继续表决")
            recorded = {s.step: s.outcome for s in self._steps(session, item_id)}
            problem = procedure.order_problem(step, {k: v for k, v in recorded.items() if k < step})
            if problem:
                raise ValidationError("step", problem)
            later = [s for s in recorded if s > step]
            if later:
                raise ValidationError("step", f"第{max(later)}步已记录，不能再修改第{step}步")
            check_attendance_and_votes(values)
            values.setdefault("body", STEP_BODIES[step])
            self._check_dates(session, item, step, values.get("held_on"))
            verdict = procedure.judge(procedure.StepVote(
                step=step, body=values["body"], due=values.get("due"),
                present=values.get("present"), votes_for=values.get("votes_for"),
                votes_against=values.get("votes_against"),
                votes_abstain=values.get("votes_abstain"),
            ))
            row = session.get(DecisionStep, member_id("decision_step", item_id, str(step)))
            if row is None:
                row = DecisionStep(id=member_id("decision_step", item_id, str(step)),
                                   agenda_item_id=item_id, step=step)
                session.add(row)
            row.deleted = False
            for name, value in values.items():
                setattr(row, name, value)
            row.outcome = verdict.outcome
            item.status = self._status_after(step, verdict)
            session.flush()
            return row, verdict

    @staticmethod
    def _status_after(step: int, verdict: procedure.Verdict) -> str:
        if step == 6:
            return "completed"
        if step >= 4 and verdict.passed:
            return "concluded"
        return "open"

    def _check_dates(self, session: Session, item: AgendaItem, step: int,
                     held_on: date | None) -> None:
        """A step's date is plausible, not before the item was raised, and not before the
        steps already held."""
        if held_on is None:
            return
        require_plausible_date("held_on", held_on)
        if item.raised_on and held_on < item.raised_on:
            raise ValidationError(
                "held_on", f"日期（{held_on}）不能早于议题的提出日期（{item.raised_on}）")
        for earlier in self._steps(session, item.id):
            if earlier.step < step and earlier.held_on and held_on < earlier.held_on:
                raise ValidationError(
                    "held_on",
                    f"日期（{held_on}）不能早于第{earlier.step}步的日期（{earlier.held_on}）",
                )
