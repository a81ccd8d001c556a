"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-29 02:17:49.314459
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('local_node',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('node_id', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('cluster_id', sa.String(), nullable=True),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('town',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('county', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('cluster',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('town_id', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('central_village_id', sa.String(length=36), nullable=True),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['town_id'], ['town.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('cluster', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cluster_town_id'), ['town_id'], unique=False)

    op.create_table('agenda_item',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('raised_on', sa.Date(), nullable=True),
    sa.Column('analysis', sa.String(), nullable=False),
    sa.Column('measures', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_status'), ['status'], unique=False)

    op.create_table('village',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('households', sa.Integer(), nullable=False),
    sa.Column('population', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_village_cluster_id'), ['cluster_id'], unique=False)

    op.create_table('agenda_village',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('agenda_item_id', sa.String(), nullable=False),
    sa.Column('village_id', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agenda_village', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_village_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_village_village_id'), ['village_id'], unique=False)

    op.create_table('decision_step',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('agenda_item_id', sa.String(), nullable=False),
    sa.Column('step', sa.Integer(), nullable=False),
    sa.Column('body', sa.String(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('form', sa.String(), nullable=False),
    sa.Column('due', sa.Integer(), nullable=True),
    sa.Column('present', sa.Integer(), nullable=True),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('votes_abstain', sa.Integer(), nullable=True),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('dissent', sa.String(), nullable=False),
    sa.Column('outcome', sa.String(), nullable=False),
    sa.Column('town_attendees', sa.String(), nullable=False),
    sa.Column('supervision', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('decision_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_step_agenda_item_id'), ['agenda_item_id'], unique=False)

    op.create_table('duty_shift',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('office_village_id', sa.String(), nullable=True),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('end', sa.DateTime(), nullable=True),
    sa.Column('log', sa.String(), nullable=False),
    sa.Column('handover_note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['office_village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('duty_shift', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duty_shift_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_duty_shift_start'), ['start'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('cluster_id', sa.String(), nullable=True),
    sa.Column('village_id', sa.String(), nullable=True),
    sa.Column('post', sa.String(), nullable=False),
    sa.Column('gender', sa.String(), nullable=False),
    sa.Column('phone', sa.String(), nullable=False),
    sa.Column('id_number', sa.String(), nullable=False),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_person_village_id'), ['village_id'], unique=False)

    op.create_table('meeting',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('start', sa.DateTime(), nullable=False),
    sa.Column('place', sa.String(), nullable=False),
    sa.Column('chair_id', sa.String(), nullable=True),
    sa.Column('recorder_id', sa.String(), nullable=True),
    sa.Column('summary', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['recorder_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_start'), ['start'], unique=False)

    op.create_table('person_role',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person_role', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_role_person_id'), ['person_id'], unique=False)

    op.create_table('person_tag',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('tag', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person_tag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_tag_person_id'), ['person_id'], unique=False)

    op.create_table('shift_officer',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('shift_id', sa.String(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['shift_id'], ['duty_shift.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('shift_officer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shift_officer_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_shift_officer_shift_id'), ['shift_id'], unique=False)

    op.create_table('volunteer_team',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('leader_id', sa.String(), nullable=True),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['leader_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('volunteer_team', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_team_cluster_id'), ['cluster_id'], unique=False)

    op.create_table('meeting_agenda_item',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('meeting_id', sa.String(), nullable=False),
    sa.Column('agenda_item_id', sa.String(), nullable=False),
    sa.Column('outcome', sa.String(), nullable=False),
    sa.Column('discussion', sa.String(), nullable=False),
    sa.Column('votes_for', sa.Integer(), nullable=True),
    sa.Column('votes_against', sa.Integer(), nullable=True),
    sa.Column('votes_abstain', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('meeting_agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_agenda_item_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_agenda_item_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('meeting_attendee',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('meeting_id', sa.String(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('attendance', sa.String(), nullable=False),
    sa.Column('reason', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_attendee_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_attendee_person_id'), ['person_id'], unique=False)

    op.create_table('meeting_decision',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('meeting_id', sa.String(), nullable=False),
    sa.Column('agenda_item_id', sa.String(), nullable=True),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('owner_id', sa.String(), nullable=True),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('meeting_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_decision_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('volunteer_activity',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('team_id', sa.String(), nullable=True),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=False),
    sa.Column('end_time', sa.Time(), nullable=False),
    sa.Column('place', sa.String(), nullable=False),
    sa.Column('content', sa.String(), nullable=False),
    sa.Column('people_served', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['team_id'], ['volunteer_team.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('volunteer_activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_volunteer_activity_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_volunteer_activity_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_volunteer_activity_team_id'), ['team_id'], unique=False)

    op.create_table('activity_participant',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('activity_id', sa.String(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('hours', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['volunteer_activity.id'], ),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('activity_participant', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_participant_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_participant_person_id'), ['person_id'], unique=False)

    op.create_table('work_task',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('cluster_id', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('agenda_item_id', sa.String(), nullable=True),
    sa.Column('decision_id', sa.String(), nullable=True),
    sa.Column('assignee_id', sa.String(), nullable=True),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('found_on', sa.Date(), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('solved_at', sa.DateTime(), nullable=True),
    sa.Column('reported_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], ),
    sa.ForeignKeyConstraint(['assignee_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['cluster_id'], ['cluster.id'], ),
    sa.ForeignKeyConstraint(['decision_id'], ['meeting_decision.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('work_task', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_work_task_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_task_assignee_id'), ['assignee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_task_cluster_id'), ['cluster_id'], unique=False)
        batch_op.create_index('ix_work_task_cluster_status_due', ['cluster_id', 'status', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_task_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_task_due_on'), ['due_on'], unique=False)
        batch_op.create_index('ix_work_task_live_due', ['deleted', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_work_task_status'), ['status'], unique=False)

    op.create_table('task_claim',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('task_id', sa.String(), nullable=False),
    sa.Column('village_id', sa.String(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['work_task.id'], ),
    sa.ForeignKeyConstraint(['village_id'], ['village.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('task_claim', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_claim_task_id'), ['task_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_task_claim_village_id'), ['village_id'], unique=False)
        batch_op.create_index('ix_task_claim_village_task', ['village_id', 'task_id'], unique=False)

    op.create_table('task_progress',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=36), nullable=True),
    sa.Column('origin', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('task_id', sa.String(), nullable=False),
    sa.Column('noted_at', sa.DateTime(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('percent', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['task_id'], ['work_task.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('task_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_progress_task_id'), ['task_id'], unique=False)

    # Full-text search: one FTS5 index over every searchable record. Chinese text is
    # stored one character per token, so 1-, 2- and 3+-character terms all match as
    # phrases; ``pinyin`` holds initials and full pinyin of names (黄璩 -> "hq huangqu").
    op.execute(
        "CREATE TABLE search_doc ("
        " rowid INTEGER PRIMARY KEY,"
        " kind TEXT NOT NULL,"
        " record_id TEXT NOT NULL UNIQUE,"
        " cluster_id TEXT)"
    )
    op.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5("
        "body, pinyin, tokenize='unicode61 remove_diacritics 2')"
    )


def downgrade() -> None:
    op.execute("DROP TABLE search_fts")
    op.execute("DROP TABLE search_doc")
    
    with op.batch_alter_table('task_progress', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_task_progress_task_id'))

    op.drop_table('task_progress')
    with op.batch_alter_table('task_claim', schema=None) as batch_op:
        batch_op.drop_index('ix_task_claim_village_task')
        batch_op.drop_index(batch_op.f('ix_task_claim_village_id'))
        batch_op.drop_index(batch_op.f('ix_task_claim_task_id'))

    op.drop_table('task_claim')
    with op.batch_alter_table('work_task', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_work_task_status'))
        batch_op.drop_index('ix_work_task_live_due')
        batch_op.drop_index(batch_op.f('ix_work_task_due_on'))
        batch_op.drop_index(batch_op.f('ix_work_task_decision_id'))
        batch_op.drop_index('ix_work_task_cluster_status_due')
        batch_op.drop_index(batch_op.f('ix_work_task_cluster_id'))
        batch_op.drop_index(batch_op.f('ix_work_task_assignee_id'))
        batch_op.drop_index(batch_op.f('ix_work_task_agenda_item_id'))

    op.drop_table('work_task')
    with op.batch_alter_table('activity_participant', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_participant_person_id'))
        batch_op.drop_index(batch_op.f('ix_activity_participant_activity_id'))

    op.drop_table('activity_participant')
    with op.batch_alter_table('volunteer_activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_activity_team_id'))
        batch_op.drop_index(batch_op.f('ix_volunteer_activity_held_on'))
        batch_op.drop_index(batch_op.f('ix_volunteer_activity_cluster_id'))

    op.drop_table('volunteer_activity')
    with op.batch_alter_table('meeting_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_decision_meeting_id'))

    op.drop_table('meeting_decision')
    with op.batch_alter_table('meeting_attendee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_person_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_attendee_meeting_id'))

    op.drop_table('meeting_attendee')
    with op.batch_alter_table('meeting_agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_agenda_item_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_meeting_agenda_item_agenda_item_id'))

    op.drop_table('meeting_agenda_item')
    with op.batch_alter_table('volunteer_team', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_volunteer_team_cluster_id'))

    op.drop_table('volunteer_team')
    with op.batch_alter_table('shift_officer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shift_officer_shift_id'))
        batch_op.drop_index(batch_op.f('ix_shift_officer_person_id'))

    op.drop_table('shift_officer')
    with op.batch_alter_table('person_tag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_tag_person_id'))

    op.drop_table('person_tag')
    with op.batch_alter_table('person_role', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_role_person_id'))

    op.drop_table('person_role')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_start'))
        batch_op.drop_index(batch_op.f('ix_meeting_cluster_id'))

    op.drop_table('meeting')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_village_id'))
        batch_op.drop_index(batch_op.f('ix_person_name'))
        batch_op.drop_index(batch_op.f('ix_person_cluster_id'))

    op.drop_table('person')
    with op.batch_alter_table('duty_shift', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duty_shift_start'))
        batch_op.drop_index(batch_op.f('ix_duty_shift_cluster_id'))

    op.drop_table('duty_shift')
    with op.batch_alter_table('decision_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_step_agenda_item_id'))

    op.drop_table('decision_step')
    with op.batch_alter_table('agenda_village', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_village_village_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_village_agenda_item_id'))

    op.drop_table('agenda_village')
    with op.batch_alter_table('village', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_village_cluster_id'))

    op.drop_table('village')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_status'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_cluster_id'))

    op.drop_table('agenda_item')
    with op.batch_alter_table('cluster', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cluster_town_id'))

    op.drop_table('cluster')
    op.drop_table('town')
    op.drop_table('local_node')
    
