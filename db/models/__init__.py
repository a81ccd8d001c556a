"""All tables; importing this package registers them on ``SQLModel.metadata``."""

from db.models.agenda import AgendaItem, AgendaVillage, DecisionStep
from db.models.base import STAMP_COLUMNS, SyncedRecord
from db.models.duty import DutyShift, ShiftOfficer
from db.models.meeting import Meeting, MeetingAgendaItem, MeetingAttendee, MeetingDecision
from db.models.org import Cluster, LocalNode, Person, PersonRole, PersonTag, Town, Village
from db.models.task import TaskClaim, TaskProgress, WorkTask
from db.models.volunteer import ActivityParticipant, VolunteerActivity, VolunteerTeam

__all__ = [
    "STAMP_COLUMNS",
    "ActivityParticipant",
    "AgendaItem",
    "AgendaVillage",
    "Cluster",
    "DecisionStep",
    "DutyShift",
    "LocalNode",
    "Meeting",
    "MeetingAgendaItem",
    "MeetingAttendee",
    "MeetingDecision",
    "Person",
    "PersonRole",
    "PersonTag",
    "ShiftOfficer",
    "SyncedRecord",
    "TaskClaim",
    "TaskProgress",
    "Town",
    "Village",
    "VolunteerActivity",
    "VolunteerTeam",
    "WorkTask",
]
