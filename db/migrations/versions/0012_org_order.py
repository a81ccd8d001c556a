"""cluster.position, village.position: the order a person expects (排序), set in 组织架构

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ("cluster", "village"):  # SQLite adds a column in place: no table copy
        op.add_column(table, sa.Column("position", sa.Integer(), nullable=False,
                                       server_default="0"))


def downgrade() -> None:
    for table in ("cluster", "village"):  # in place too (SQLite 3.35+): other tables refer
        op.execute(f"ALTER TABLE {table} DROP COLUMN position")
