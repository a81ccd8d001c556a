"""What every command receives: the database (opened on first use), the services, the
printer, and name look-ups so that tables show 村名 and 姓名 rather than bare ids.

The database and the services are imported only when a command needs them, so that
``--help`` and usage errors answer at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli.output import Output
from desktop_app.records.errors import UserError

# Records read and printed at a time by a long list.
CHUNK = 1000

if TYPE_CHECKING:
    from desktop_app.services import Services
    from desktop_app.storage.database import Database


class Context:
    def __init__(self, db_path: Path, out: Output) -> None:
        self.db_path = db_path
        self.out = out
        self._db: Database | None = None
        self._services: Services | None = None
        self._villages: dict[str, Any] | None = None
        self._clusters: dict[str, Any] | None = None
        self._people: dict[str, str] = {}
        self.today: date | None = None  # --today: a date confirmed by hand for a wrong clock

    # --- the database ------------------------------------------------------------------
    def open(self, *, create: bool = False) -> Database:
        """Open (and migrate) the database; only ``create=True`` may make a new file."""
        if self._db is None:
            if not create and not self.db_path.exists():
                raise UserError(
                    f"数据库文件不存在：{self.db_path}。请先运行 init 创建，"
                    "或用 --db 指定已有的数据库。"
                )
            from desktop_app.storage.database import Database

            self._db = Database(self.db_path)
            if self.today is not None:
                self._confirm_today(self._db, self.today)
        return self._db

    @staticmethod
    def _confirm_today(db: Database, today: date) -> None:
        """--today: confirm the date while the clock looks wrong (recorded); a clock that
        looks right is not overruled."""
        if db.clock_problem() is not None:
            db.confirm_date(today)
        elif today != db.wall.pc_now().date():
            raise UserError(f"电脑时钟看来正常（今天是 {db.wall.pc_now():%Y-%m-%d}），"
                            f"不能用 --today 改为 {today:%Y-%m-%d}。")

    @property
    def db(self) -> Database:
        return self.open()

    @property
    def services(self) -> Services:
        if self._services is None:
            from desktop_app.services import Services

            self._services = Services(self.db)
        return self._services

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
            self._services = None

    def query(self, **values: Any):
        """A ``ListQuery`` (imported here so that parsing stays fast)."""
        from desktop_app.services import ListQuery

        return ListQuery(**values)

    def list_records(self, service, query, columns,
                     more: Callable[[list[dict]], list[dict]] | None = None) -> None:
        """Print the records of ``service`` that ``query`` selects. A page (``--limit`` up to
        ``CHUNK``) is read at once; more (``--limit 0``: all of them) is read and printed a
        chunk at a time, so a list of the whole town's 100,000 tasks stays within the CLI's
        memory (bench/memory_report.md). ``more`` adds values to each chunk's rows."""
        more = more or (lambda rows: rows)
        if query.limit is not None and query.limit <= CHUNK:
            page = service.list(query)
            self.out.listing(more(self.rows(service, page.items)), columns, page.total,
                             query.offset)
            return
        ids = service.ids(query)
        end = None if query.limit is None else query.offset + query.limit
        shown = ids[query.offset:end]

        def chunks():
            for start in range(0, len(shown), CHUNK):
                batch = shown[start:start + CHUNK]
                described = service.rows(batch)
                yield more([described[record_id] for record_id in batch])

        self.out.listing_in_chunks(chunks(), columns, len(ids), query.offset)

    def rows(self, service, records) -> list[dict[str, Any]]:
        """The service's display values (names, labels) of ``records``, in their order."""
        described = service.rows([record.id for record in records])
        return [described[record.id] for record in records]

    # --- names for ids -----------------------------------------------------------------
    def _all(self, service) -> dict[str, Any]:
        page = service.list(self.query(limit=None, include_deleted=True))
        return {record.id: record for record in page.items}

    def village(self, village_id: str | None):
        if self._villages is None:
            self._villages = self._all(self.services.villages)
        return self._villages.get(village_id) if village_id else None

    def cluster(self, cluster_id: str | None):
        if self._clusters is None:
            self._clusters = self._all(self.services.clusters)
        return self._clusters.get(cluster_id) if cluster_id else None

    def village_name(self, village_id: str | None) -> str | None:
        village = self.village(village_id)
        return village.name if village else village_id

    def cluster_name(self, cluster_id: str | None) -> str | None:
        cluster = self.cluster(cluster_id)
        return cluster.name if cluster else cluster_id

    def person_name(self, person_id: str | None) -> str | None:
        if not person_id:
            return None
        if person_id not in self._people:
            from desktop_app.records.errors import NotFoundError

            try:
                name = self.services.people.get(person_id, include_deleted=True).name
            except NotFoundError:
                name = person_id
            self._people[person_id] = name
        return self._people[person_id]

    def forget_names(self) -> None:
        """Drop cached names after a command wrote villages or clusters."""
        self._villages = self._clusters = None
        self._people.clear()


def record_fields(record: Any) -> dict[str, Any]:
    """Every column of a record as plain data (ids, dates and all)."""
    return record.model_dump()


def cluster_for_new_record(ctx: Context, given: str | None) -> str:
    """The cluster a new record belongs to: as given, else the current shift's, else this
    office's."""
    if given:
        return given
    shift = ctx.services.duty.current()
    if shift is not None:
        return shift.cluster_id
    if ctx.db.node.cluster_id:
        return ctx.db.node.cluster_id
    raise UserError("当前无人值班，也未设置本机服务的联合党组织：请先开始值班（duty start），"
                    "或用 --cluster 指定联合党组织")
