"""All tables; importing this package registers them on ``SQLModel.metadata``."""

from db.models.agenda import AgendaItem, AgendaVillage, DecisionStep
from db.models.base import (
    STAMP_COLUMNS,
    SYNC_META_COLUMNS,
    SyncedRecord,
    synced_model,
    table_of,
)
from db.models.certificate import CertificateRecord
from db.models.duty import DutyShift, ShiftOfficer
from db.models.governance import (
    Dispute,
    DisputeZeroReport,
    Grid,
    GridVisit,
    MediationSession,
    MicroGrid,
    ServiceItem,
    ServiceRequest,
)
from db.models.meeting import Meeting, MeetingAgendaItem, MeetingAttendee, MeetingDecision
from db.models.org import Cluster, LocalNode, Person, PersonRole, PersonTag, Town, Village
from db.models.privacy import RevealLog
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
from db.models.task import TaskClaim, TaskProgress, WorkTask
from db.models.volunteer import ActivityParticipant, VolunteerActivity, VolunteerTeam

__all__ = [
    "STAMP_COLUMNS",
    "SYNC_META_COLUMNS",
    "ActivityParticipant",
    "AgendaItem",
    "AgendaVillage",
    "CertificateRecord",
    "Cluster",
    "DecisionStep",
    "Dispute",
    "DisputeZeroReport",
    "DutyShift",
    "Grid",
    "GridVisit",
    "LocalNode",
    "Meeting",
    "MeetingAgendaItem",
    "MeetingAttendee",
    "MediationSession",
    "MeetingDecision",
    "MicroGrid",
    "Person",
    "PersonRole",
    "PersonTag",
    "RevealLog",
    "ServiceItem",
    "ServiceRequest",
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
    "synced_model",
    "table_of",
]
