"""sync_peer.box_key: each PC's X25519 encryption key, beside its signing key

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("sync_peer", sa.Column("box_key", sa.String(), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE sync_peer DROP COLUMN box_key")
