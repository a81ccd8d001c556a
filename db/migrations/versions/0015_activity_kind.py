"""volunteer_activity.kind: 志愿服务 or 为民服务大集 (a service fair), so fairs can be told apart

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:  # SQLite adds a column in place: no table copy
    op.add_column("volunteer_activity", sa.Column("kind", sa.String(), nullable=False,
                                                  server_default="regular"))


def downgrade() -> None:
    op.execute("ALTER TABLE volunteer_activity DROP COLUMN kind")
