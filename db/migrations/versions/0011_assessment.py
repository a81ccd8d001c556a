"""擂台比武: schemes, groups, indicators, scores, adjustments and self-reports

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'assess_scheme',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by', sa.String(length=36), nullable=True),
        sa.Column('origin', sa.String(length=64), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('clocks', sa.String(), nullable=True),
        sa.Column('heads', sa.String(), nullable=True),
        sa.Column('quarter', sa.String(), nullable=False),
        sa.Column('title', sa.String(), nullable=False),
        sa.Column('scheme_version', sa.Integer(), nullable=False),
        sa.Column('status', sa.String(), nullable=False),
        sa.Column('flag_count', sa.Integer(), nullable=False),
        sa.Column('flag_min_score', sa.Float(), nullable=False),
        sa.Column('flag_mode', sa.String(), nullable=False),
        sa.Column('veto_excludes', sa.Boolean(), nullable=False),
        sa.Column('red_count', sa.Integer(), nullable=False),
        sa.Column('black_count', sa.Integer(), nullable=False),
        sa.Column('finalised_by', sa.String(), nullable=False),
        sa.Column('finalised_at', sa.DateTime(), nullable=True),
        sa.Column('results', sa.String(), nullable=False),
        sa.Column('note', sa.String(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_assess_scheme_quarter', 'assess_scheme', ['quarter'])
    op.create_table(
        'assess_group',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by', sa.String(length=36), nullable=True),
        sa.Column('origin', sa.String(length=64), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('clocks', sa.String(), nullable=True),
        sa.Column('heads', sa.String(), nullable=True),
        sa.Column('scheme_id', sa.String(), nullable=False),
        sa.Column('name', sa.String(), nullable=False),
        sa.Column('weight', sa.Float(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['scheme_id'], ['assess_scheme.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_assess_group_scheme_id', 'assess_group', ['scheme_id'])
    op.create_table(
        'assess_indicator',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by', sa.String(length=36), nullable=True),
        sa.Column('origin', sa.String(length=64), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('clocks', sa.String(), nullable=True),
        sa.Column('heads', sa.String(), nullable=True),
        sa.Column('scheme_id', sa.String(), nullable=False),
        sa.Column('group_id', sa.String(), nullable=False),
        sa.Column('code', sa.String(), nullable=False),
        sa.Column('name', sa.String(), nullable=False),
        sa.Column('source', sa.String(), nullable=False),
        sa.Column('rule', sa.String(), nullable=False),
        sa.Column('params', sa.String(), nullable=False),
        sa.Column('max_points', sa.Float(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['group_id'], ['assess_group.id']),
        sa.ForeignKeyConstraint(['scheme_id'], ['assess_scheme.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_assess_indicator_group_id', 'assess_indicator', ['group_id'])
    op.create_index('ix_assess_indicator_scheme_id', 'assess_indicator', ['scheme_id'])
    op.create_table(
        'assess_score',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by', sa.String(length=36), nullable=True),
        sa.Column('origin', sa.String(length=64), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('clocks', sa.String(), nullable=True),
        sa.Column('heads', sa.String(), nullable=True),
        sa.Column('scheme_id', sa.String(), nullable=False),
        sa.Column('indicator_id', sa.String(), nullable=False),
        sa.Column('assessed_id', sa.String(), nullable=False),
        sa.Column('judge', sa.String(), nullable=False),
        sa.Column('points', sa.Float(), nullable=False),
        sa.Column('note', sa.String(), nullable=False),
        sa.ForeignKeyConstraint(['scheme_id'], ['assess_scheme.id']),
        sa.ForeignKeyConstraint(['assessed_id'], ['cluster.id']),
        sa.ForeignKeyConstraint(['indicator_id'], ['assess_indicator.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_assess_score_assessed_id', 'assess_score', ['assessed_id'])
    op.create_index('ix_assess_score_indicator_id', 'assess_score', ['indicator_id'])
    op.create_index('ix_assess_score_scheme_id', 'assess_score', ['scheme_id'])
    op.create_table(
        'assess_adjustment',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by', sa.String(length=36), nullable=True),
        sa.Column('origin', sa.String(length=64), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('clocks', sa.String(), nullable=True),
        sa.Column('heads', sa.String(), nullable=True),
        sa.Column('scheme_id', sa.String(), nullable=False),
        sa.Column('assessed_id', sa.String(), nullable=False),
        sa.Column('kind', sa.String(), nullable=False),
        sa.Column('points', sa.Float(), nullable=False),
        sa.Column('reason', sa.String(), nullable=False),
        sa.Column('evidence', sa.String(), nullable=False),
        sa.Column('approver', sa.String(), nullable=False),
        sa.Column('happened_on', sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(['scheme_id'], ['assess_scheme.id']),
        sa.ForeignKeyConstraint(['assessed_id'], ['cluster.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_assess_adjustment_assessed_id', 'assess_adjustment', ['assessed_id'])
    op.create_index('ix_assess_adjustment_scheme_id', 'assess_adjustment', ['scheme_id'])
    op.create_table(
        'assess_self_report',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.Column('recorded_by', sa.String(length=36), nullable=True),
        sa.Column('origin', sa.String(length=64), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('clocks', sa.String(), nullable=True),
        sa.Column('heads', sa.String(), nullable=True),
        sa.Column('scheme_id', sa.String(), nullable=False),
        sa.Column('cluster_id', sa.String(), nullable=False),
        sa.Column('summary', sa.String(), nullable=False),
        sa.Column('claimed_points', sa.Float(), nullable=True),
        sa.Column('evidence', sa.String(), nullable=False),
        sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id']),
        sa.ForeignKeyConstraint(['scheme_id'], ['assess_scheme.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_assess_self_report_cluster_id', 'assess_self_report', ['cluster_id'])
    op.create_index('ix_assess_self_report_scheme_id', 'assess_self_report', ['scheme_id'])


def downgrade() -> None:
    # dropping a table drops its indexes
    op.drop_table('assess_self_report')
    op.drop_table('assess_adjustment')
    op.drop_table('assess_score')
    op.drop_table('assess_indicator')
    op.drop_table('assess_group')
    op.drop_table('assess_scheme')
