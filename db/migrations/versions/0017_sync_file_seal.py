"""sync_file.seal: a known file is recognised by the seal at its end, without hashing it

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sync_file", sa.Column("seal", sa.String(), nullable=True))
    op.create_index("ix_sync_file_seal", "sync_file", ["seal"])


def downgrade() -> None:
    op.drop_index("ix_sync_file_seal", "sync_file")
    op.execute("ALTER TABLE sync_file DROP COLUMN seal")
