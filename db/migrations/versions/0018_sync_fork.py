"""sync_fork: origins seen written twice from a copied data folder

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_fork",
        sa.Column("origin", sa.String(), primary_key=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sync_fork")
