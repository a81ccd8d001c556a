"""sync: operation log, epochs, pending operations, conflicts, ghosts; field clocks

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Every table whose rows travel between PCs (SyncedRecord) gains its field clocks.
SYNCED_TABLES = (
    "town", "cluster", "village", "person", "person_role", "person_tag", "duty_shift",
    "shift_officer", "agenda_item", "agenda_village", "decision_step", "meeting",
    "meeting_attendee", "meeting_agenda_item", "meeting_decision", "work_task", "task_claim",
    "task_progress", "volunteer_team", "volunteer_activity", "activity_participant",
)
OP_COLUMNS = (
    ("hlc", sa.Integer()), ("epoch", sa.Integer()), ("tbl", sa.String()),
    ("row_id", sa.String()), ("fields", sa.String()), ("author", sa.String()),
    ("prev_hash", sa.String()), ("hash", sa.String()),
)


def _op_table(name: str) -> None:
    op.create_table(
        name,
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        *(sa.Column(column, kind, nullable=(column == "author")) for column, kind in OP_COLUMNS),
        sa.PrimaryKeyConstraint("origin", "seq"),
    )


def upgrade() -> None:
    _op_table("sync_op")
    op.create_index("ix_sync_op_row_id", "sync_op", ["row_id"])
    _op_table("sync_pending")
    op.create_table(
        "sync_epoch",
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("epoch", sa.Integer(), nullable=False),
        sa.Column("vv", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("origin", "epoch"),
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("tbl", sa.String(), nullable=False),
        sa.Column("row_id", sa.String(), nullable=False),
        sa.Column("field", sa.String(), nullable=False),
        sa.Column("winner", sa.String(), nullable=False),
        sa.Column("loser", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sync_conflict_row_id", "sync_conflict", ["row_id"])
    op.create_table(
        "sync_ghost",
        sa.Column("row_id", sa.String(), nullable=False),
        sa.Column("tbl", sa.String(), nullable=False),
        sa.Column("fields", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("row_id"),
    )
    op.create_table(
        "sync_head",
        sa.Column("origin", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.Column("signature", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("origin"),
    )
    op.create_table(
        "sync_peer",
        sa.Column("node_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("public_key", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("cluster_id", sa.String(), nullable=True),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("certificate", sa.String(), nullable=True),
        sa.Column("vector", sa.String(), nullable=True),
        sa.Column("last_sent_at", sa.DateTime(), nullable=True),
        sa.Column("last_received_at", sa.DateTime(), nullable=True),
        sa.Column("clock_skew_ms", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("node_id"),
    )
    op.create_table(
        "sync_file",
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("sender", sa.String(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "sync_quarantine",
        sa.Column("sha256", sa.String(), nullable=False),
        sa.Column("sender", sa.String(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    with op.batch_alter_table("local_node") as batch:
        batch.add_column(sa.Column("epoch", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("install_id", sa.String(), nullable=True))
        batch.add_column(sa.Column("public_key", sa.String(), nullable=True))
    for table in SYNCED_TABLES:
        op.add_column(table, sa.Column("clocks", sa.String(), nullable=True))
        op.add_column(table, sa.Column("heads", sa.String(), nullable=True))


def downgrade() -> None:
    for table in SYNCED_TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("heads")
            batch.drop_column("clocks")
    with op.batch_alter_table("local_node") as batch:
        for column in ("public_key", "install_id", "epoch"):
            batch.drop_column(column)
    for name in ("sync_quarantine", "sync_file", "sync_peer", "sync_head", "sync_ghost", "sync_conflict", "sync_epoch", "sync_pending", "sync_op"):
        op.drop_table(name)
