"""work_task: a partial index of the open tasks in the list's order, for the overdue list

Revision ID: 0019
Revises: 0018

The overdue list reads the open tasks (待办理, 办理中) due before today. Once SQLite has
statistics (``PRAGMA optimize`` at close runs ANALYZE), it answered that by walking every past
due date in ``ix_work_task_list_order`` to spare a sort: on a five-year town (500,600 tasks,
almost all closed) 0.4 s became 3.3–4.1 s. ``ix_work_task_open_due`` holds only the open tasks,
in the list's order, so the overdue list is a range of a small index with or without
statistics (large sample: 56 ms as built, 95 ms after ANALYZE, 28 ms with this index).
"""

from alembic import op
from sqlalchemy import text

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_work_task_open_due", "work_task", ["due_on", "priority", "id"],
                    sqlite_where=text("status IN ('pending', 'in_progress')"))


def downgrade() -> None:
    op.drop_index("ix_work_task_open_due", table_name="work_task")
