"""产业联营 and 人才联育: aid projects (funds, village shares, progress), cooperatives and
their liaison visits, 共富工坊 and their monthly figures, talent profiles, 青雁 rotations,
training sessions and attendance

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('workshop',
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
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=True),
    sa.Column('floor_area', sa.Integer(), nullable=False),
    sa.Column('fixed_jobs', sa.Integer(), nullable=False),
    sa.Column('seasonal_jobs', sa.Integer(), nullable=False),
    sa.Column('outside_workers', sa.Integer(), nullable=False),
    sa.Column('groups_helped', sa.String(), nullable=False),
    sa.Column('monthly_pay', sa.Integer(), nullable=False),
    sa.Column('yearly_income', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_workshop_village_id'), ['village_id'], unique=False)

    op.create_table('aid_project',
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
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=True),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('benefit', sa.String(), nullable=False),
    sa.Column('jobs', sa.Integer(), nullable=False),
    sa.Column('coops_served', sa.Integer(), nullable=False),
    sa.Column('village_income', sa.Integer(), nullable=False),
    sa.Column('leader_id', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['leader_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('aid_project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_aid_project_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_project_start_on'), ['start_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_aid_project_status'), ['status'], unique=False)

    op.create_table('cooperative',
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
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('members', sa.Integer(), nullable=False),
    sa.Column('founded_on', sa.Date(), nullable=True),
    sa.Column('credit_code', sa.String(), nullable=False),
    sa.Column('standing', sa.String(), nullable=False),
    sa.Column('cadre_id', sa.String(), nullable=True),
    sa.Column('brands', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cadre_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cooperative', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cooperative_cadre_id'), ['cadre_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cooperative_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cooperative_standing'), ['standing'], unique=False)
        batch_op.create_index(batch_op.f('ix_cooperative_village_id'), ['village_id'], unique=False)

    op.create_table('talent_profile',
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
    sa.Column('pool', sa.String(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('skills', sa.String(), nullable=False),
    sa.Column('whereabouts', sa.String(), nullable=False),
    sa.Column('education', sa.String(), nullable=False),
    sa.Column('contact', sa.String(), nullable=False),
    sa.Column('joined_on', sa.Date(), nullable=True),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('talent_profile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_talent_profile_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_talent_profile_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_talent_profile_pool'), ['pool'], unique=False)

    op.create_table('workshop_month',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('workshop_id', sa.String(), nullable=False),
    sa.Column('month', sa.String(), nullable=False),
    sa.Column('employed', sa.Integer(), nullable=False),
    sa.Column('pay', sa.Integer(), nullable=False),
    sa.Column('income', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshop.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('workshop_month', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_month_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('coop_visit',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('cooperative_id', sa.String(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('visitor_id', sa.String(), nullable=True),
    sa.Column('checklist', sa.String(), nullable=False),
    sa.Column('measures', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cooperative_id'], ['cooperative.id'], ),
    sa.ForeignKeyConstraint(['visitor_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('coop_visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coop_visit_cooperative_id'), ['cooperative_id'], unique=False)

    op.create_table('post_rotation',
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
    sa.Column('talent_id', sa.String(), nullable=False),
    sa.Column('post', sa.String(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.Column('mentor_id', sa.String(), nullable=True),
    sa.Column('assessment', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['mentor_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['talent_id'], ['talent_profile.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('post_rotation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_rotation_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_rotation_end_on'), ['end_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_rotation_talent_id'), ['talent_id'], unique=False)

    op.create_table('project_fund',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('project_id', sa.String(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['aid_project.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('project_fund', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_fund_project_id'), ['project_id'], unique=False)

    op.create_table('project_progress',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('project_id', sa.String(), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['aid_project.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('project_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_progress_project_id'), ['project_id'], unique=False)

    op.create_table('project_share',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('project_id', sa.String(), nullable=False),
    sa.Column('village_id', sa.String(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['aid_project.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('project_share', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_share_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_share_village_id'), ['village_id'], unique=False)

    op.create_table('training_session',
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
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('teacher_kind', sa.String(), nullable=False),
    sa.Column('teacher', sa.String(), nullable=False),
    sa.Column('teacher_talent_id', sa.String(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.Column('place', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['teacher_talent_id'], ['talent_profile.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_session_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_session_held_on'), ['held_on'], unique=False)

    op.create_table('training_attendee',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('clocks', sa.String(), nullable=True),
    sa.Column('heads', sa.String(), nullable=True),
    sa.Column('training_id', sa.String(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['training_id'], ['training_session.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('training_attendee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_attendee_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_training_attendee_training_id'), ['training_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('training_attendee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_attendee_training_id'))
        batch_op.drop_index(batch_op.f('ix_training_attendee_person_id'))

    op.drop_table('training_attendee')
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_session_held_on'))
        batch_op.drop_index(batch_op.f('ix_training_session_cluster_id'))

    op.drop_table('training_session')
    with op.batch_alter_table('project_share', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_share_village_id'))
        batch_op.drop_index(batch_op.f('ix_project_share_project_id'))

    op.drop_table('project_share')
    with op.batch_alter_table('project_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_progress_project_id'))

    op.drop_table('project_progress')
    with op.batch_alter_table('project_fund', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_fund_project_id'))

    op.drop_table('project_fund')
    with op.batch_alter_table('post_rotation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_rotation_talent_id'))
        batch_op.drop_index(batch_op.f('ix_post_rotation_end_on'))
        batch_op.drop_index(batch_op.f('ix_post_rotation_cluster_id'))

    op.drop_table('post_rotation')
    with op.batch_alter_table('coop_visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coop_visit_cooperative_id'))

    op.drop_table('coop_visit')
    with op.batch_alter_table('workshop_month', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_month_workshop_id'))

    op.drop_table('workshop_month')
    with op.batch_alter_table('talent_profile', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_talent_profile_pool'))
        batch_op.drop_index(batch_op.f('ix_talent_profile_person_id'))
        batch_op.drop_index(batch_op.f('ix_talent_profile_cluster_id'))

    op.drop_table('talent_profile')
    with op.batch_alter_table('cooperative', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cooperative_village_id'))
        batch_op.drop_index(batch_op.f('ix_cooperative_standing'))
        batch_op.drop_index(batch_op.f('ix_cooperative_cluster_id'))
        batch_op.drop_index(batch_op.f('ix_cooperative_cadre_id'))

    op.drop_table('cooperative')
    with op.batch_alter_table('aid_project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_aid_project_status'))
        batch_op.drop_index(batch_op.f('ix_aid_project_start_on'))
        batch_op.drop_index(batch_op.f('ix_aid_project_cluster_id'))

    op.drop_table('aid_project')
    with op.batch_alter_table('workshop', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_village_id'))
        batch_op.drop_index(batch_op.f('ix_workshop_cluster_id'))

    op.drop_table('workshop')
