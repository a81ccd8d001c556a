"""duty rota: the duty pool, rota patterns, holidays, rota turns, swaps and leave

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('holiday',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('cluster_id', sa.String(), nullable=True),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_holiday_cluster_id'), 'holiday', ['cluster_id'], unique=False)
    op.create_index(op.f('ix_holiday_day'), 'holiday', ['day'], unique=False)
    op.create_table('rota_pattern',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('weekdays', sa.String(), nullable=False),
    sa.Column('officers_per_day', sa.Integer(), nullable=False),
    sa.Column('required_role', sa.String(), nullable=True),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_rota_pattern_cluster_id'), 'rota_pattern', ['cluster_id'], unique=False)
    op.create_table('duty_leave',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_duty_leave_cluster_id'), 'duty_leave', ['cluster_id'], unique=False)
    op.create_index(op.f('ix_duty_leave_person_id'), 'duty_leave', ['person_id'], unique=False)
    op.create_index(op.f('ix_duty_leave_start_on'), 'duty_leave', ['start_on'], unique=False)
    op.create_table('duty_pool_member',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('village_id', sa.String(), nullable=True),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_duty_pool_member_cluster_id'), 'duty_pool_member', ['cluster_id'], unique=False)
    op.create_index(op.f('ix_duty_pool_member_person_id'), 'duty_pool_member', ['person_id'], unique=False)
    op.create_table('rota_swap',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('from_person_id', sa.String(), nullable=False),
    sa.Column('to_person_id', sa.String(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('other_day', sa.Date(), nullable=True),
    sa.Column('reason', sa.String(), nullable=False),
    sa.Column('from_agreed', sa.Boolean(), nullable=False),
    sa.Column('to_agreed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['from_person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['to_person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_rota_swap_cluster_id'), 'rota_swap', ['cluster_id'], unique=False)
    op.create_index(op.f('ix_rota_swap_day'), 'rota_swap', ['day'], unique=False)
    op.create_table('rota_turn',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('on_holiday', sa.Boolean(), nullable=False),
    sa.Column('swapped_from_id', sa.String(), nullable=True),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['swapped_from_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_rota_turn_cluster_id'), 'rota_turn', ['cluster_id'], unique=False)
    op.create_index(op.f('ix_rota_turn_day'), 'rota_turn', ['day'], unique=False)
    op.create_index(op.f('ix_rota_turn_person_id'), 'rota_turn', ['person_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_rota_turn_person_id'), table_name='rota_turn')
    op.drop_index(op.f('ix_rota_turn_day'), table_name='rota_turn')
    op.drop_index(op.f('ix_rota_turn_cluster_id'), table_name='rota_turn')
    op.drop_table('rota_turn')
    op.drop_index(op.f('ix_rota_swap_day'), table_name='rota_swap')
    op.drop_index(op.f('ix_rota_swap_cluster_id'), table_name='rota_swap')
    op.drop_table('rota_swap')
    op.drop_index(op.f('ix_duty_pool_member_person_id'), table_name='duty_pool_member')
    op.drop_index(op.f('ix_duty_pool_member_cluster_id'), table_name='duty_pool_member')
    op.drop_table('duty_pool_member')
    op.drop_index(op.f('ix_duty_leave_start_on'), table_name='duty_leave')
    op.drop_index(op.f('ix_duty_leave_person_id'), table_name='duty_leave')
    op.drop_index(op.f('ix_duty_leave_cluster_id'), table_name='duty_leave')
    op.drop_table('duty_leave')
    op.drop_index(op.f('ix_rota_pattern_cluster_id'), table_name='rota_pattern')
    op.drop_table('rota_pattern')
    op.drop_index(op.f('ix_holiday_day'), table_name='holiday')
    op.drop_index(op.f('ix_holiday_cluster_id'), table_name='holiday')
    op.drop_table('holiday')
