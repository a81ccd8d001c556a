"""talent_profile.returned_on: the day a talent came back to the village (人才回流)

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("talent_profile", sa.Column("returned_on", sa.Date(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE talent_profile DROP COLUMN returned_on")
