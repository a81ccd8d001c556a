"""sync: each operation keeps the exact text its hash covers (``body``), not re-serialised fields

Revision ID: 0004
Revises: 0003

Until 0003 the log stored an operation's fields as JSON and rebuilt the hashed text from
them whenever it was checked or sent on. From 0004 the hashed text itself is stored and
travels byte for byte: ``body`` is the canonical JSON of
``[origin, seq, hlc, epoch, tbl, row_id, fields, author]``. For rows already logged it is
built here from the columns, exactly as 0003's code hashed them, so every stored hash
still matches.
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TABLES = ("sync_op", "sync_pending")


def _canonical(value) -> str:
    # Fixed here on purpose: the bytes 0003's hashes were taken over.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def upgrade() -> None:
    connection = op.get_bind()
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("body", sa.String(), nullable=True))
        rows = connection.execute(sa.text(
            f"SELECT origin, seq, hlc, epoch, tbl, row_id, fields, author FROM {table}")).all()
        if rows:
            connection.execute(
                sa.text(f"UPDATE {table} SET body = :body WHERE origin = :origin AND seq = :seq"),
                [{"origin": r.origin, "seq": r.seq,
                  "body": _canonical([r.origin, r.seq, r.hlc, r.epoch, r.tbl, r.row_id,
                                      json.loads(r.fields), r.author])} for r in rows])
        with op.batch_alter_table(table) as batch:
            batch.alter_column("body", existing_type=sa.String(), nullable=False)
            batch.drop_column("fields")


def downgrade() -> None:
    connection = op.get_bind()
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("fields", sa.String(), nullable=True))
        rows = connection.execute(sa.text(f"SELECT origin, seq, body FROM {table}")).all()
        if rows:
            connection.execute(
                sa.text(f"UPDATE {table} SET fields = :fields WHERE origin = :origin AND seq = :seq"),
                [{"origin": r.origin, "seq": r.seq,
                  "fields": json.dumps(json.loads(r.body)[6], ensure_ascii=False,
                                       separators=(",", ":"))} for r in rows])
        with op.batch_alter_table(table) as batch:
            batch.alter_column("fields", existing_type=sa.String(), nullable=False)
            batch.drop_column("body")
