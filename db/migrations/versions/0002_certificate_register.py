"""certificate register (志愿服务时长证明登记簿)

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 03:00:00.000000

The table carries every SyncedRecord column, including the sync columns ``clocks`` and
``heads``: revision 0003 adds those to the older tables only, so it must not list
``certificate_record`` again.
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('certificate_record',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('number', sa.String(), nullable=False),
    sa.Column('prefix', sa.String(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('serial', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('activities', sa.Integer(), nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=False),
    sa.Column('issuer', sa.String(), nullable=False),
    sa.Column('responsible', sa.String(), nullable=False),
    sa.Column('clerk', sa.String(), nullable=False),
    sa.Column('contact', sa.String(), nullable=False),
    sa.Column('content', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('certificate_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_certificate_record_number'), ['number'], unique=False)
        batch_op.create_index(batch_op.f('ix_certificate_record_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_certificate_record_sequence', ['prefix', 'year', 'serial'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('certificate_record', schema=None) as batch_op:
        batch_op.drop_index('ix_certificate_record_sequence')
        batch_op.drop_index(batch_op.f('ix_certificate_record_person_id'))
        batch_op.drop_index(batch_op.f('ix_certificate_record_number'))

    op.drop_table('certificate_record')
