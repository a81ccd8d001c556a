"""Services: everything a screen or a command does with records, without Qt.

Each service is made the first time it is used: a command that lists tasks imports the task
service's module, not the rota's reports or the sync merge (``lianjian-cli`` starts in about
the time of its ORM, bench/cli_report.md). The window uses most of them, made as its pages open.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from desktop_app.lazy import imported
from desktop_app.services.base import ListQuery, Page, RecordService
from desktop_app.storage.database import Database

if TYPE_CHECKING:
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


class _Service:
    """A service attribute of ``Services``, made on first read and kept on the instance
    (one per ``Services``, also when two threads read it at once)."""

    _lock = threading.RLock()

    def __init__(self, path: str) -> None:
        self.path = "desktop_app.services." + path
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, services: Services | None, owner: type) -> Any:
        if services is None:
            return self
        with self._lock:
            made = services.__dict__.get(self.name)
            if made is None:
                made = services.make(self.name, imported(self.path))
                services.__dict__[self.name] = made
        return made


def _service(path: str) -> Any:
    """``"module:Class"`` of a service in this package, imported when first used."""
    return _Service(path)


class Services:
    """One of each service over the same database, handed to the CLI and the screens."""

    towns: TownService = _service("org:TownService")
    clusters: ClusterService = _service("org:ClusterService")
    villages: VillageService = _service("org:VillageService")
    people: PersonService = _service("org:PersonService")
    duty: DutyService = _service("duty:DutyService")
    agenda: AgendaService = _service("agenda:AgendaService")
    tasks: TaskService = _service("tasks:TaskService")
    meetings: MeetingService = _service("meetings:MeetingService")
    teams: TeamService = _service("volunteers:TeamService")
    activities: ActivityService = _service("volunteers:ActivityService")
    certificates: CertificateService = _service("certificates:CertificateService")
    grids: GridService = _service("grids:GridService")
    micro_grids: MicroGridService = _service("grids:MicroGridService")
    visits: VisitService = _service("visits:VisitService")
    disputes: DisputeService = _service("disputes:DisputeService")
    zero_reports: ZeroReportService = _service("disputes:ZeroReportService")
    service_items: ServiceItemService = _service("service_counter:ServiceItemService")
    service_requests: ServiceRequestService = _service("service_counter:ServiceRequestService")
    sync: SyncService = _service("sync:SyncService")
    clock: ClockService = _service("clock:ClockService")
    privacy: PrivacyService = _service("privacy:PrivacyService")
    backups: BackupService = _service("backups:BackupService")
    history: HistoryService = _service("history:HistoryService")
    projects: ProjectService = _service("projects:ProjectService")
    coops: CooperativeService = _service("cooperatives:CooperativeService")
    workshops: WorkshopService = _service("workshops:WorkshopService")
    talents: TalentService = _service("talent:TalentService")
    rotations: RotationService = _service("talent:RotationService")
    trainings: TrainingService = _service("training:TrainingService")
    search: SearchService = _service("search:SearchService")
    pool: PoolService = _service("rota:PoolService")
    patterns: PatternService = _service("rota:PatternService")
    holidays: HolidayService = _service("rota:HolidayService")
    turns: TurnService = _service("rota:TurnService")
    swaps: SwapService = _service("rota:SwapService")
    leave: LeaveService = _service("rota:LeaveService")
    rota: RotaReportService = _service("rota_reports:RotaReportService")
    assess_schemes: SchemeService = _service("assessment_records:SchemeService")
    assess_groups: GroupService = _service("assessment_records:GroupService")
    assess_indicators: IndicatorService = _service("assessment_records:IndicatorService")
    assess_scores: ScoreService = _service("assessment_records:ScoreService")
    assess_adjustments: AdjustmentService = _service("assessment_records:AdjustmentService")
    self_reports: SelfReportService = _service("assessment_records:SelfReportService")
    assessment: AssessmentService = _service("assessment:AssessmentService")

    def __init__(self, db: Database) -> None:
        self.db = db

    def make(self, name: str, service_class: type) -> Any:
        """The service called ``name``: each takes the database; search also needs the rows
        of every kind it finds."""
        if name == "search":
            return service_class(self.db, self._rows_of)
        return service_class(self.db)

    def by_kind(self, kind: str) -> RecordService:
        """The service of the records of ``kind`` (a table name, e.g. ``"work_task"``)."""
        for name, attribute in vars(Services).items():
            if not isinstance(attribute, _Service):
                continue
            service = getattr(self, name)
            if isinstance(service, RecordService) and service.record_type.table == kind:
                return service
        raise KeyError(kind)

    def _rows_of(self, kind: str):
        return self.by_kind(kind).rows


__all__ = ["ListQuery", "Page", "Services"]
