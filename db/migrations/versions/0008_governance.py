"""治理联抓: grids, micro-grids, visits (民情日志), disputes with mediation sessions and zero
reports, the service catalogue and the service-request register (便民服务代办)

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('service_item',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('department', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('time_limit_days', sa.Integer(), nullable=False),
    sa.Column('materials', sa.String(), nullable=False),
    sa.Column('sensitive', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('dispute_zero_report',
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
    sa.Column('reported_on', sa.Date(), nullable=False),
    sa.Column('reporter_id', sa.String(), nullable=True),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['reporter_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dispute_zero_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispute_zero_report_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispute_zero_report_reported_on'), ['reported_on'], unique=False)

    op.create_table('grid',
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
    sa.Column('village_id', sa.String(), nullable=False),
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('head_id', sa.String(), nullable=True),
    sa.Column('worker_id', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['head_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.ForeignKeyConstraint(['worker_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('grid', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grid_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grid_code'), ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_grid_village_id'), ['village_id'], unique=False)

    op.create_table('service_request',
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
    sa.Column('village_id', sa.String(), nullable=False),
    sa.Column('applicant', sa.String(), nullable=False),
    sa.Column('phone', sa.String(), nullable=False),
    sa.Column('item_id', sa.String(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('agent_id', sa.String(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('return_reason', sa.String(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('result', sa.String(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('fix_due_on', sa.Date(), nullable=True),
    sa.Column('fix_note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['agent_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['item_id'], ['service_item.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('service_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_service_request_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_request_item_id'), ['item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_request_received_on'), ['received_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_request_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_service_request_village_id'), ['village_id'], unique=False)

    op.create_table('micro_grid',
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
    sa.Column('village_id', sa.String(), nullable=False),
    sa.Column('grid_id', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('leader_id', sa.String(), nullable=True),
    sa.Column('households', sa.Integer(), nullable=False),
    sa.Column('key_households', sa.Integer(), nullable=False),
    sa.Column('party_household', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['grid_id'], ['grid.id'], ),
    sa.ForeignKeyConstraint(['leader_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('micro_grid', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_micro_grid_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_micro_grid_grid_id'), ['grid_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_micro_grid_leader_id'), ['leader_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_micro_grid_village_id'), ['village_id'], unique=False)

    op.create_table('dispute',
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
    sa.Column('village_id', sa.String(), nullable=False),
    sa.Column('micro_grid_id', sa.String(), nullable=True),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('parties', sa.String(), nullable=False),
    sa.Column('summary', sa.String(), nullable=False),
    sa.Column('risk', sa.String(), nullable=False),
    sa.Column('mediators', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('outcome', sa.String(), nullable=True),
    sa.Column('transferred_to', sa.String(), nullable=False),
    sa.Column('agreement', sa.String(), nullable=False),
    sa.Column('agreement_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('followup_on', sa.Date(), nullable=True),
    sa.Column('followup_result', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['micro_grid_id'], ['micro_grid.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('dispute', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispute_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispute_registered_on'), ['registered_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispute_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispute_village_id'), ['village_id'], unique=False)

    op.create_table('grid_visit',
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
    sa.Column('village_id', sa.String(), nullable=False),
    sa.Column('micro_grid_id', sa.String(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('visitor_id', sa.String(), nullable=True),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('households', sa.Integer(), nullable=False),
    sa.Column('heard', sa.String(), nullable=False),
    sa.Column('problems', sa.String(), nullable=False),
    sa.Column('task_id', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['micro_grid_id'], ['micro_grid.id'], ),
    sa.ForeignKeyConstraint(['task_id'], ['work_task.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.ForeignKeyConstraint(['visitor_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('grid_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grid_visit_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index('ix_grid_visit_list_order', ['visited_on', 'id', 'deleted', 'kind'], unique=False)
        batch_op.create_index('ix_grid_visit_micro_grid_day', ['micro_grid_id', 'visited_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_grid_visit_village_id'), ['village_id'], unique=False)

    op.create_table('mediation_session',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('dispute_id', sa.String(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('mediator', sa.String(), nullable=False),
    sa.Column('notes', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['dispute_id'], ['dispute.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('mediation_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_session_dispute_id'), ['dispute_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('mediation_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_session_dispute_id'))

    op.drop_table('mediation_session')
    with op.batch_alter_table('grid_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grid_visit_village_id'))
        batch_op.drop_index('ix_grid_visit_micro_grid_day')
        batch_op.drop_index('ix_grid_visit_list_order')
        batch_op.drop_index(batch_op.f('ix_grid_visit_cluster_id'))

    op.drop_table('grid_visit')
    with op.batch_alter_table('dispute', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispute_village_id'))
        batch_op.drop_index(batch_op.f('ix_dispute_status'))
        batch_op.drop_index(batch_op.f('ix_dispute_registered_on'))
        batch_op.drop_index(batch_op.f('ix_dispute_cluster_id'))

    op.drop_table('dispute')
    with op.batch_alter_table('micro_grid', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_micro_grid_village_id'))
        batch_op.drop_index(batch_op.f('ix_micro_grid_leader_id'))
        batch_op.drop_index(batch_op.f('ix_micro_grid_grid_id'))
        batch_op.drop_index(batch_op.f('ix_micro_grid_cluster_id'))

    op.drop_table('micro_grid')
    with op.batch_alter_table('service_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_service_request_village_id'))
        batch_op.drop_index(batch_op.f('ix_service_request_status'))
        batch_op.drop_index(batch_op.f('ix_service_request_received_on'))
        batch_op.drop_index(batch_op.f('ix_service_request_item_id'))
        batch_op.drop_index(batch_op.f('ix_service_request_cluster_id'))

    op.drop_table('service_request')
    with op.batch_alter_table('grid', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grid_village_id'))
        batch_op.drop_index(batch_op.f('ix_grid_code'))
        batch_op.drop_index(batch_op.f('ix_grid_cluster_id'))

    op.drop_table('grid')
    with op.batch_alter_table('dispute_zero_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispute_zero_report_reported_on'))
        batch_op.drop_index(batch_op.f('ix_dispute_zero_report_cluster_id'))

    op.drop_table('dispute_zero_report')
    op.drop_table('service_item')
