"""工作任务: tasks villages claim, with progress updates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, Index, text
from sqlmodel import Field

from db.models.base import SyncedRecord

# A task still to be done (待办理, 办理中). The partial index below holds only these, so a
# query gets it only by naming the same values as literals (``open_tasks`` in the services).
OPEN_STATUSES = ("pending", "in_progress")
OPEN_STATUS_CLAUSE = "status IN ('pending', 'in_progress')"


class WorkTask(SyncedRecord, table=True):
    __tablename__ = "work_task"
    __table_args__ = (
        Index("ix_work_task_cluster_status_due", "cluster_id", "status", "due_on"),
        Index("ix_work_task_live_due", "deleted", "due_on"),
        # The task list's order with everything its ids query reads: the list of all tasks
        # is one scan of this index, without a sort or a look-up of each row.
        Index("ix_work_task_list_order", "due_on", "priority", "id", "deleted"),
        # The open tasks in the list's order: the overdue list is a range of it. Without
        # it, once ANALYZE has run (PRAGMA optimize at close), SQLite walked every past due
        # date in ix_work_task_list_order to skip a sort: 8–10× slower on a five-year town.
        Index("ix_work_task_open_due", "due_on", "priority", "id",
              sqlite_where=text(OPEN_STATUS_CLAUSE)),
        # The dashboard's tasks per village and status read these and the claims' index
        # alone, never a row: the whole town, and one cluster (migration 0019).
        Index("ix_work_task_live_status", "deleted", "status", "id"),
        Index("ix_work_task_cluster_live", "cluster_id", "deleted", "status", "id"),
    )
    cluster_id: str = Field(foreign_key="cluster.id")  # first in ix_work_task_cluster_live
    title: str
    title_sort: str | None = Field(default=None, index=True)  # pinyin, for lists
    description: str = ""
    agenda_item_id: str | None = Field(default=None, foreign_key="agenda_item.id", index=True)
    decision_id: str | None = Field(default=None, foreign_key="meeting_decision.id", index=True)
    assignee_id: str | None = Field(default=None, foreign_key="person.id", index=True)
    priority: int = 2  # 1 high, 2 normal, 3 low
    status: str = Field(default="pending", index=True)
    found_on: date | None = None  # 发现
    due_on: date | None = None  # indexed first in ix_work_task_list_order
    solved_at: datetime | None = Field(default=None, sa_type=DateTime)  # 解决
    reported_at: datetime | None = Field(default=None, sa_type=DateTime)  # 反馈


class TaskClaim(SyncedRecord, table=True):
    """A village's claim of a task (逐村认领; set member)."""

    __tablename__ = "task_claim"
    __table_args__ = (
        Index("ix_task_claim_village_task", "village_id", "task_id"),
        Index("ix_task_claim_task_live", "task_id", "deleted", "village_id"),
    )
    task_id: str = Field(foreign_key="work_task.id")  # first in ix_task_claim_task_live
    village_id: str = Field(foreign_key="village.id", index=True)
    note: str = ""


class TaskProgress(SyncedRecord, table=True):
    """A progress update on a task."""

    __tablename__ = "task_progress"
    task_id: str = Field(foreign_key="work_task.id", index=True)
    noted_at: datetime = Field(sa_type=DateTime)
    text: str
    percent: int | None = None
