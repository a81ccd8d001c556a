"""入户走访 / 民情日志: visits of a micro-grid; a problem found becomes a work task the village
claims, in one step (the task's own 发现→解决→反馈 then covers it: no second lifecycle)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from db.models import GridVisit, MicroGrid, Person
from desktop_app.records.errors import UserError, ValidationError
from desktop_app.records.governance_words import VISIT_KINDS
from desktop_app.services.base import RecordService, require_record
from desktop_app.services.governance_rules import require_cadre_of, take_place_of
from desktop_app.services.tasks import TaskService

GRID_FOUND = "网格发现"  # the source a visit's task names in its title and description
TASK_DAYS = 7  # a found problem's default time limit (重点难点 7 days, practice.md §2)


class VisitService(RecordService[GridVisit]):
    model = GridVisit
    status_column = "kind"  # the list's status filter chooses the kind of visit
    date_column = "visited_on"
    order_by = ("-visited_on", "-id")  # one backward scan of ix_grid_visit_list_order

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        if "micro_grid_id" in values or existing is None:
            micro = require_record(session, MicroGrid, values.get("micro_grid_id"),
                                   "micro_grid_id", "微网格")
            assert micro is not None  # required: checked by its declaration
            take_place_of(values, existing, micro, "micro_grid_id")
        cluster_id = values.get("cluster_id") or existing.cluster_id
        if "visitor_id" in values:
            require_cadre_of(session, values["visitor_id"], cluster_id, "visitor_id", "走访人")
        day = values.get("visited_on")
        today = self.db.wall.today()
        if day is not None and day > today:
            raise ValidationError("visited_on", f"走访日期（{day}）不能晚于今天（{today}）："
                                                "民情日志记录已经走访的情况")

    def to_task(self, visit_id: str, *, due_on: date | None = None) -> str:
        """The visit's problems become a work task claimed by its village, with the source
        网格发现, assigned to the micro-grid's leader, due in :data:`TASK_DAYS` days unless
        ``due_on``; the visit keeps the task's id. One transaction: both or neither. Tasks
        are duty records, so someone must be on shift. Returns the task's id."""
        tasks = TaskService(self.db)
        tasks._accepted({})
        with self.db.transaction() as session:
            visit = self._get(session, visit_id)
            self.check_office_scope({}, visit)
            if visit.task_id:
                raise UserError("这条民情日志发现的问题已转为工作任务，不能重复转办")
            problems = visit.problems.strip()
            if not problems:
                raise ValidationError("problems", "这条民情日志没有记录发现的问题，无需转为任务")
            micro = session.get(MicroGrid, visit.micro_grid_id)
            assert micro is not None
            visitor = session.get(Person, visit.visitor_id) if visit.visitor_id else None
            first_line = problems.splitlines()[0]
            title = f"{GRID_FOUND}：{first_line}"
            if len(title) > 60:
                title = title[:59] + "…"
            where = f"{micro.name}{VISIT_KINDS.get(visit.kind, '')}，{visit.visited_on}"
            if visitor is not None:
                where += f"，{visitor.name}"
            due = due_on or self.db.wall.today() + timedelta(days=TASK_DAYS)
            task = tasks.create_in(session, {
                "cluster_id": visit.cluster_id, "title": title,
                "description": f"来源：{GRID_FOUND}（{where}）\n{problems}",
                "village_ids": [visit.village_id], "assignee_id": micro.leader_id,
                "found_on": visit.visited_on, "due_on": due})
            visit.task_id = task.id
            session.flush()
            return task.id

    def describe(self, session: Session, records: list[GridVisit]) -> dict[str, dict[str, Any]]:
        from db.models import WorkTask
        from desktop_app.services.base import names_of

        rows = super().describe(session, records)
        titles = names_of(session, WorkTask, [v.task_id for v in records], "title")
        for visit in records:
            rows[visit.id]["task_title"] = titles.get(visit.task_id, "")
        return rows

    def filter_extra(self, stmt, extra: dict[str, Any]):
        if extra.get("micro_grid_id"):
            stmt = stmt.where(GridVisit.micro_grid_id == extra["micro_grid_id"])
        if extra.get("visitor_id"):
            stmt = stmt.where(GridVisit.visitor_id == extra["visitor_id"])
        return stmt
