"""All tables; importing this package registers them on ``SQLModel.metadata``."""

from db.models.agenda import AgendaItem, AgendaVillage, DecisionStep
from db.models.assessment import (
    AssessAdjustment,
    AssessGroup,
    AssessIndicator,
    AssessScheme,
    AssessScore,
    AssessSelfReport,
)
from db.models.base import (
    STAMP_COLUMNS,
    SYNC_META_COLUMNS,
    SyncedRecord,
    synced_model,
    table_of,
)
from db.models.certificate import CertificateRecord
from db.models.duty import DutyShift, ShiftOfficer
from db.models.industry import (
    AidProject,
    Cooperative,
    CoopVisit,
    ProjectFund,
    ProjectProgress,
    ProjectShare,
    Workshop,
    WorkshopMonth,
)
from db.models.meeting import Meeting, MeetingAgendaItem, MeetingAttendee, MeetingDecision
from db.models.org import Cluster, LocalNode, Person, PersonRole, PersonTag, Town, Village
from db.models.privacy import RevealLog
from db.models.rota import (
    DutyLeave,
    DutyPoolMember,
    Holiday,
    RotaPattern,
    RotaSwap,
    RotaTurn,
)
from db.models.sync import (
    SyncConflict,
    SyncEpoch,
    SyncFile,
    SyncGhost,
    SyncHead,
    SyncOp,
    SyncPeer,
    SyncPending,
    SyncQuarantine,
)
from db.models.talent import PostRotation, TalentProfile, TrainingAttendee, TrainingSession
from db.models.task import TaskClaim, TaskProgress, WorkTask
from db.models.volunteer import ActivityParticipant, VolunteerActivity, VolunteerTeam

__all__ = [
    "STAMP_COLUMNS",
    "SYNC_META_COLUMNS",
    "ActivityParticipant",
    "AgendaItem",
    "AgendaVillage",
    "AssessAdjustment",
    "AssessGroup",
    "AssessIndicator",
    "AssessScheme",
    "AssessScore",
    "AssessSelfReport",
    "CertificateRecord",
    "Cluster",
    "DecisionStep",
    "DutyLeave",
    "DutyPoolMember",
    "DutyShift",
    "Holiday",
    "LocalNode",
    "Meeting",
    "MeetingAgendaItem",
    "MeetingAttendee",
    "MeetingDecision",
    "Person",
    "PersonRole",
    "PersonTag",
    "RevealLog",
    "RotaPattern",
    "RotaSwap",
    "RotaTurn",
    "ShiftOfficer",
    "SyncConflict",
    "SyncEpoch",
    "SyncFile",
    "SyncGhost",
    "SyncHead",
    "SyncOp",
    "SyncPeer",
    "SyncPending",
    "SyncQuarantine",
    "SyncedRecord",
    "TaskClaim",
    "TaskProgress",
    "Town",
    "Village",
    "VolunteerActivity",
    "VolunteerTeam",
    "WorkTask",
    "AidProject",
    "CoopVisit",
    "Cooperative",
    "ProjectFund",
    "ProjectProgress",
    "ProjectShare",
    "Workshop",
    "WorkshopMonth",
    "PostRotation",
    "TalentProfile",
    "TrainingAttendee",
    "TrainingSession",
    "synced_model",
    "table_of",
]
