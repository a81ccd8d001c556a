"""工作任务: tasks claimed by villages (逐村认领), with progress updates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, exists, func, select
from sqlmodel import Session, col

from db.models import (
    AgendaItem,
    Person,
    TaskClaim,
    TaskProgress,
    WorkTask,
)
from desktop_app.records.errors import ValidationError
from desktop_app.records.vocabulary import OPEN_TASK_STATUSES, TASK_STATUSES
from desktop_app.services.base import (
    RecordService,
    names_of,
    require_plausible_date,
    require_record,
)
from desktop_app.services.describe import village_names_by_parent
from desktop_app.services.members import check_villages_in_cluster, live_members, set_members


class TaskService(RecordService[WorkTask]):
    model = WorkTask
    date_column = "due_on"
    order_by = ("due_on", "priority")
    choice_orders = {"status": tuple(TASK_STATUSES)}
    requires_shift = True

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        cluster_id = values.get("cluster_id") or existing.cluster_id
        assignee = require_record(session, Person, values.get("assignee_id"), "assignee_id",
                                  "责任人")
        if assignee is not None and assignee.cluster_id not in (None, cluster_id):
            raise ValidationError("assignee_id", f"责任人{assignee.name}不属于本联合党组织")
        agenda = require_record(session, AgendaItem, values.get("agenda_item_id"),
                                "agenda_item_id", "来源议题")
        if agenda is not None and agenda.cluster_id != cluster_id:
            raise ValidationError("agenda_item_id", "来源议题属于其他联合党组织")
        found = values.get("found_on", existing.found_on if existing else None)
        due = values.get("due_on", existing.due_on if existing else None)
        if found and due and due < found:
            raise ValidationError("due_on", f"截止日期（{due}）不能早于发现日期（{found}）")
        for name, label in (("solved_at", "解决时间"), ("reported_at", "反馈时间")):
            moment = values.get(name)
            if moment and found and moment.date() < found:
                raise ValidationError(name, f"{label}不能早于发现日期（{found}）")
        if existing is not None and values.get("found_on"):
            first = session.scalar(select(func.min(TaskProgress.noted_at)).where(
                col(TaskProgress.task_id) == existing.id, col(TaskProgress.deleted).is_(False)))
            if first is not None and found is not None and first.date() < found:
                raise ValidationError("found_on", f"发现日期（{found}）不能晚于已记录的第一条进展"
                                                  f"（{first:%Y-%m-%d}）")
        check_villages_in_cluster(session, cluster_id, values.get("village_ids") or [])
        self._stamp_status_times(values, existing, self.db.wall.now())

    @staticmethod
    def _stamp_status_times(values: dict[str, Any], existing, now: datetime) -> None:
        """Reaching 已解决 or 已反馈 records when (``now``: the database's time, a date confirmed
        by hand included), unless the person gave the time; going back (to 待办理, 办理中 or
        已取消, or from 已反馈 to 已解决) clears the times not reached."""
        status = values.get("status")
        if status in ("solved", "reported") and not (existing and existing.solved_at):
            values.setdefault("solved_at", now)
        if status == "reported" and not (existing and existing.reported_at):
            values.setdefault("reported_at", now)
        if status in ("pending", "in_progress", "cancelled"):
            values.setdefault("solved_at", None)
        if status in ("pending", "in_progress", "cancelled", "solved"):
            values.setdefault("reported_at", None)


    def fill_defaults(self, values: dict[str, Any]) -> None:
        values.setdefault("found_on", self.db.wall.today())

    def write_children(self, session: Session, record: WorkTask, children: dict[str, Any]) -> None:
        if children.get("village_ids") is not None:
            set_members(session, TaskClaim, "task_id", record.id, "village_id",
                        {v: {} for v in children["village_ids"]})

    def village_ids(self, task_id: str) -> list[str]:
        with self.db.session() as session:
            return [c.village_id for c in live_members(session, TaskClaim, "task_id", task_id)]

    def describe(self, session: Session, records: list[WorkTask]) -> dict[str, dict[str, Any]]:
        """Adds the claiming villages and the source item's title (and, as every record
        with a 逾期 rule, whether it is overdue)."""
        rows = super().describe(session, records)
        villages = village_names_by_parent(session, TaskClaim, "task_id", [t.id for t in records])
        titles = names_of(session, AgendaItem, [t.agenda_item_id for t in records], "title")
        for task in records:
            rows[task.id].update(villages=villages.get(task.id, ""),
                                 agenda_title=titles.get(task.agenda_item_id, ""))
        return rows

    # --- progress --------------------------------------------------------------------
    def add_progress(self, task_id: str, text: str, *, percent: int | None = None,
                     noted_at: datetime | None = None) -> TaskProgress:
        self._accepted({})
        if not text or not text.strip():
            raise ValidationError("text", "进展内容不能为空")
        if percent is not None and not 0 <= percent <= 100:
            raise ValidationError("percent", f"完成比例应在 0～100 之间，收到 {percent}")
        with self.db.transaction() as session:
            task = self._get(session, task_id)
            self.check_office_scope({}, task)
            noted_at = noted_at or self.db.wall.now()
            require_plausible_date("noted_at", noted_at, "进展时间")
            if task.found_on and noted_at.date() < task.found_on:
                raise ValidationError("noted_at", f"进展时间不能早于发现日期（{task.found_on}）")
            progress = TaskProgress(task_id=task_id, text=text.strip(), percent=percent,
                                    noted_at=noted_at)
            session.add(progress)
            if task.status == "pending":
                task.status = "in_progress"
            session.flush()
            return progress

    def progress(self, task_id: str) -> list[TaskProgress]:
        with self.db.session() as session:
            return list(session.scalars(
                select(TaskProgress)
                .where(col(TaskProgress.task_id) == task_id, col(TaskProgress.deleted).is_(False))
                .order_by(col(TaskProgress.noted_at), col(TaskProgress.id))
            ))

    # --- filters ---------------------------------------------------------------------
    def filter_village(self, stmt: Select, village_id: str) -> Select:
        return stmt.where(exists(select(col(TaskClaim.id)).where(
            col(TaskClaim.task_id) == WorkTask.id,
            col(TaskClaim.village_id) == village_id,
            col(TaskClaim.deleted).is_(False),
        )))

    def filter_overdue(self, stmt: Select) -> Select:
        return stmt.where(col(WorkTask.due_on) < self.db.wall.today(), open_tasks())

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        if extra.get("assignee_id"):
            stmt = stmt.where(WorkTask.assignee_id == extra["assignee_id"])
        if extra.get("agenda_item_id"):
            stmt = stmt.where(WorkTask.agenda_item_id == extra["agenda_item_id"])
        if extra.get("open_only"):
            stmt = stmt.where(open_tasks())
        return stmt


def open_tasks() -> ColumnElement[bool]:
    """WHERE a task is still to be done, with the statuses written into the SQL as the
    partial index ``ix_work_task_open_due`` names them (bound values would not get it)."""
    return col(WorkTask.status).in_(
        bindparam("open_statuses", OPEN_TASK_STATUSES, expanding=True, literal_execute=True))

