"""<name>_sort, <title>_sort: names and titles listed by pinyin (阿, 白, 陈 …), kept on write

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

from db.migrate import rebuild

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

# The title or name of each record type as it was declared when this migration was written.
COLUMNS = {
    "town": "name", "cluster": "name", "village": "name", "person": "name",
    "agenda_item": "title", "work_task": "title", "meeting": "title",
    "volunteer_team": "name", "volunteer_activity": "title", "holiday": "name",
    "grid": "name", "micro_grid": "name", "service_item": "name", "aid_project": "name",
    "cooperative": "name", "workshop": "name", "training_session": "title",
    "assess_scheme": "title", "assess_group": "name", "assess_indicator": "name",
    "assess_adjustment": "reason",
}
# The long lists sorted by a click on 姓名 / 任务标题: an index keeps that ORDER BY cheap.
INDEXED = {"person": "name", "work_task": "title"}


def upgrade() -> None:
    for table, name in COLUMNS.items():  # SQLite adds a column in place: no table copy
        op.add_column(table, sa.Column(f"{name}_sort", sa.String(), nullable=True))
    for table, name in INDEXED.items():
        op.create_index(f"ix_{table}_{name}_sort", table, [f"{name}_sort"])
    # The keys need pypinyin and the declarations: the app registers how to write them
    # (desktop_app.search.sort_keys.backfill); opened by Alembic alone they stay empty and
    # `lianjian-cli check --rebuild-index` writes them.
    rebuild("sort_keys", op.get_bind())


def downgrade() -> None:
    for table, name in INDEXED.items():
        op.drop_index(f"ix_{table}_{name}_sort", table_name=table)
    for table, name in COLUMNS.items():
        op.execute(f"ALTER TABLE {table} DROP COLUMN {name}_sort")
