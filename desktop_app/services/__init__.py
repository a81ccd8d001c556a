"""Services: everything a screen or a command does with records, without Qt."""

from __future__ import annotations

from desktop_app.services.agenda import AgendaService
from desktop_app.services.assessment import AssessmentService
from desktop_app.services.assessment_records import (
    AdjustmentService,
    GroupService,
    IndicatorService,
    SchemeService,
    ScoreService,
    SelfReportService,
)
from desktop_app.services.backups import BackupService
from desktop_app.services.base import ListQuery, Page, RecordService
from desktop_app.services.certificates import CertificateService
from desktop_app.services.clock import ClockService
from desktop_app.services.cooperatives import CooperativeService
from desktop_app.services.disputes import DisputeService, ZeroReportService
from desktop_app.services.duty import DutyService
from desktop_app.services.grids import GridService, MicroGridService
from desktop_app.services.history import HistoryService
from desktop_app.services.meetings import MeetingService
from desktop_app.services.org import ClusterService, PersonService, TownService, VillageService
from desktop_app.services.privacy import PrivacyService
from desktop_app.services.projects import ProjectService
from desktop_app.services.rota import (
    HolidayService,
    LeaveService,
    PatternService,
    PoolService,
    SwapService,
    TurnService,
)
from desktop_app.services.rota_reports import RotaReportService
from desktop_app.services.search import SearchService
from desktop_app.services.service_counter import ServiceItemService, ServiceRequestService
from desktop_app.services.sync import SyncService
from desktop_app.services.talent import RotationService, TalentService
from desktop_app.services.tasks import TaskService
from desktop_app.services.training import TrainingService
from desktop_app.services.visits import VisitService
from desktop_app.services.volunteers import ActivityService, TeamService
from desktop_app.services.workshops import WorkshopService
from desktop_app.storage.database import Database


class Services:
    """One of each service over the same database, handed to the CLI and the screens."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.towns = TownService(db)
        self.clusters = ClusterService(db)
        self.villages = VillageService(db)
        self.people = PersonService(db)
        self.duty = DutyService(db)
        self.agenda = AgendaService(db)
        self.tasks = TaskService(db)
        self.meetings = MeetingService(db)
        self.teams = TeamService(db)
        self.activities = ActivityService(db)
        self.certificates = CertificateService(db)
        self.grids, self.micro_grids = GridService(db), MicroGridService(db)
        self.visits = VisitService(db)
        self.disputes, self.zero_reports = DisputeService(db), ZeroReportService(db)
        self.service_items = ServiceItemService(db)
        self.service_requests = ServiceRequestService(db)
        self.sync = SyncService(db)
        self.clock = ClockService(db)
        self.privacy = PrivacyService(db)
        self.backups = BackupService(db)
        self.history = HistoryService(db)
        self.projects, self.coops = ProjectService(db), CooperativeService(db)
        self.workshops = WorkshopService(db)
        self.talents, self.rotations = TalentService(db), RotationService(db)
        self.trainings = TrainingService(db)
        self.search = SearchService(db, self._rows_of)
        self.pool, self.patterns = PoolService(db), PatternService(db)
        self.holidays, self.turns = HolidayService(db), TurnService(db)
        self.swaps, self.leave = SwapService(db), LeaveService(db)
        self.rota = RotaReportService(db)
        self.assess_schemes, self.assess_groups = SchemeService(db), GroupService(db)
        self.assess_indicators, self.assess_scores = IndicatorService(db), ScoreService(db)
        self.assess_adjustments = AdjustmentService(db)
        self.self_reports, self.assessment = SelfReportService(db), AssessmentService(db)

    def by_kind(self, kind: str) -> RecordService:
        """The service of the records of ``kind`` (a table name, e.g. ``"work_task"``)."""
        for service in vars(self).values():
            if isinstance(service, RecordService) and service.record_type.table == kind:
                return service
        raise KeyError(kind)

    def _rows_of(self, kind: str):
        return self.by_kind(kind).rows


__all__ = ["ListQuery", "Page", "Services"]
