"""What every record service shares: get, create, update, list with filters and paging,
soft delete and restore, each in one transaction."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, ClassVar, Generic, TypeVar, overload

from sqlalchemy import ColumnElement, Select, case, func, or_, select
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op
from sqlmodel import Session, col

from db.models import SyncedRecord, synced_model, table_of
from desktop_app.records.errors import NotFoundError, UserError, ValidationError
from desktop_app.records.fields import LONGEST_LINE, MANY, ONE_RECORD, Kind, RecordType
from desktop_app.records.masking import masked_row
from desktop_app.records.types import record_type
from desktop_app.search.fts import match_subquery
from desktop_app.search.sort_keys import sort_column, sorted_fields
from desktop_app.services.checks import check_declared
from desktop_app.storage.database import Database

M = TypeVar("M", bound=SyncedRecord)


@dataclass
class ListQuery:
    """Filters a person can set on a list; ``None`` means "any"."""

    cluster_id: str | None = None
    village_id: str | None = None
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    overdue: bool = False
    text: str | None = None
    include_deleted: bool = False
    only_deleted: bool = False
    order_by: str | None = None  # a column name, "-" first for descending
    offset: int = 0
    limit: int | None = 100
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Page(Generic[M]):
    items: list[M]
    total: int
    offset: int
    limit: int | None


LONGEST_TITLE = LONGEST_LINE
TOWN = "全镇"  # the scope shown for a town-wide record (``RecordType.town_wide``)


def in_cluster(cluster: ColumnElement, cluster_id: str, *,
               town_wide: bool) -> ColumnElement[bool]:
    """The rows of ``cluster_id``; for a ``town_wide`` record type (``RecordType.town_wide``)
    the town's too, those without a cluster: they apply to every cluster."""
    mine = cluster == cluster_id
    return or_(mine, cluster.is_(None)) if town_wide else mine


def require_text(values: dict[str, Any], name: str, label: str) -> None:
    """An empty or blank required text (a title, a name) is refused, naming the field; so is
    one longer than ``LONGEST_TITLE`` characters."""
    if name in values:
        value = values[name]
        if value is None or not str(value).strip():
            raise ValidationError(name, f"{label}不能为空")
        values[name] = str(value).strip()
        if len(values[name]) > LONGEST_TITLE:
            raise ValidationError(name, f"{label}太长（{len(values[name])} 字）：请写在 "
                                        f"{LONGEST_TITLE} 字以内，详情可写在内容或备注里")


def require_choice(values: dict[str, Any], name: str, choices: dict, label: str) -> None:
    if name in values and values[name] not in choices:
        allowed = "、".join(str(v) for v in choices.values())
        raise ValidationError(name, f"{label}“{values[name]}”无效，可选：{allowed}")


# Dates a record may carry: from 2000 up to ten years after today. Anything else is a typing
# slip (1800-01-01, 9999-12-31) that would sort, filter and chain badly forever after.
EARLIEST_DATE = date(2000, 1, 1)
YEARS_AHEAD = 10


def plausible_dates(today: date | None = None) -> tuple[date, date]:
    """The first and the last date a record may carry, counted from ``today``."""
    today = today or date.today()
    try:
        latest = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        latest = today.replace(year=today.year + YEARS_AHEAD, day=28)
    return EARLIEST_DATE, latest


def require_plausible_date(name: str, value: date | datetime | None, label: str = "日期",
                           *, today: date | None = None) -> None:
    """A date (or the day of a date and time) outside :func:`plausible_dates` is refused,
    naming the field; ``None`` (not given) passes."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime) else value
    earliest, latest = plausible_dates(today)
    if not earliest <= day <= latest:
        raise ValidationError(name, f"{label}（{day}）不在合理范围内（{earliest} 至 {latest}）")


def require_plausible_dates(values: Mapping[str, Any], labels: Mapping[str, str]) -> None:
    """:func:`require_plausible_date` for each ``name -> label`` given in ``values``."""
    for name, label in labels.items():
        require_plausible_date(name, values.get(name), label)


@overload
def require_record(session: Session, model: type[M], record_id: str, field_name: str,
                   what: str) -> M: ...
@overload
def require_record(session: Session, model: type[M], record_id: None, field_name: str,
                   what: str) -> None: ...
@overload
def require_record(session: Session, model: type[M], record_id: str | None, field_name: str,
                   what: str) -> M | None: ...
def require_record(session: Session, model: type[M], record_id: str | None,
                   field_name: str, what: str) -> M | None:
    """The live record ``record_id`` of ``model``, or a ValidationError naming the field."""
    if record_id is None:
        return None
    record = session.get(model, record_id)
    if record is None or record.deleted:
        raise ValidationError(field_name, f"找不到{what}：{record_id}")
    return record


def names_of(session: Session, model: type[SyncedRecord], ids,
             column: str = "name") -> dict[str | None, str]:
    """``id -> name`` (or another text ``column``, e.g. a title) for the given ids, in one
    query (keyed ``str | None`` so that an unset reference can be looked up too)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    table = table_of(model)
    rows = session.execute(select(table.c.id, table.c[column]).where(table.c.id.in_(wanted)))
    return dict(rows.all())


def not_indexed(column: ColumnElement) -> ColumnElement:
    """``+column``: the same value, but SQLite will not choose an index to find it.

    Nearly every row is live, so "not deleted" narrows nothing; let SQLite pick an index on
    it (``work_task (deleted, due_on)``) and it walks all 100,000 tasks to find one cluster's
    4,000, taking half a second where the cluster's own index takes 30 ms.
    """
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


class RecordService(Generic[M]):
    """CRUD for one record type. Subclasses name the model and add their rules; what create
    and update accept, the generic checks, the label and the display values of choices and
    references come from the record type's declaration (``desktop_app.records.types``)."""

    # Set on each subclass (a ClassVar cannot hold a type variable).
    model: type[M]
    record_type: ClassVar[RecordType]
    label: ClassVar[str]  # Chinese name of the record type (the declaration's)
    date_column: ClassVar[str | None] = None
    status_column: ClassVar[str | None] = "status"
    order_by: ClassVar[tuple[str, ...]] = ("created_at",)
    # Columns holding a vocabulary key -> the keys in the order they sort (the vocabulary's).
    choice_orders: ClassVar[dict[str, tuple[str, ...]]] = {}
    search_kind: ClassVar[str | None] = None
    fields: ClassVar[frozenset[str]] = frozenset()  # what create/update accept (declared)
    requires_shift: ClassVar[bool] = False  # duty records are written by the officer on shift

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "model" in cls.__dict__:
            cls.record_type = record_type(table_of(cls.model).name)
            cls.label = cls.record_type.label
            cls.fields = cls.record_type.accepted
            cls.child_fields = tuple(f.name for f in cls.record_type.editable if f.kind in MANY)

    def __init__(self, db: Database) -> None:
        self.db = db

    # --- reading -------------------------------------------------------------------
    def get(self, record_id: str, *, include_deleted: bool = False) -> M:
        with self.db.session() as session:
            return self._get(session, record_id, include_deleted=include_deleted)

    def _get(self, session: Session, record_id: str, *, include_deleted: bool = False) -> M:
        record = session.get(self.model, record_id)
        if record is None or (record.deleted and not include_deleted):
            raise NotFoundError(self.label, record_id)
        return record

    def list(self, query: ListQuery | None = None) -> Page[M]:
        query = query or ListQuery()
        with self.db.session() as session:
            stmt = self.filtered(query)
            total = session.scalar(select(func.count()).select_from(stmt.subquery()))
            stmt = stmt.order_by(*self._ordering(query.order_by)).offset(query.offset)
            if query.limit is not None:
                stmt = stmt.limit(query.limit)
            items = list(session.scalars(stmt))
            return Page(items, total or 0, query.offset, query.limit)

    def ids(self, query: ListQuery | None = None, *,
            first: int | None = None) -> builtins.list[str]:
        """The ids of every match, in list order (for lazily filled tables); with ``first``,
        only the first so many (a table's first screen, long before the whole town's 100,000
        ids are read)."""
        query = query or ListQuery()
        stmt = self.filtered(query).with_only_columns(col(self.model.id))
        stmt = stmt.order_by(*self._ordering(query.order_by))
        if first is not None:
            stmt = stmt.limit(first)
        with self.db.session() as session:
            # Through the Core connection: the ORM's loading of 100,000 plain ids holds the GIL
            # for ~80 ms at a stretch, which freezes the window while a worker thread runs this.
            return list(session.connection().execute(stmt).scalars())

    def rows(self, ids: Sequence[str], *, unmasked: bool = False,
             ) -> dict[str, dict[str, Any]]:
        """Display values of these records as plain dicts (safe to pass between threads).

        Sensitive fields are masked (``records.masking``) unless ``unmasked``: only a document
        that must print the whole value (the volunteer-hours certificate) asks for that."""
        with self.db.session() as session:
            stmt = select(self.model).where(col(self.model.id).in_(list(ids)))
            records = list(session.scalars(stmt))
            described = self.describe(session, records)
        if unmasked:
            return described
        return {key: masked_row(self.record_type, row) for key, row in described.items()}

    def describe(self, session: Session, records: builtins.list[M]) -> dict[str, dict[str, Any]]:
        """Plain dicts of ``records`` with each declared choice's label and each referenced
        record's name under the field's ``shown_as`` key, in batches; subclasses add what is
        their own (villages, counts)."""
        rows = {record.id: record.model_dump() for record in records}
        for spec in self.record_type.fields:
            if spec.kind is Kind.CHOICE and spec.name in table_of(self.model).columns:
                for record in records:
                    rows[record.id][spec.shown_as] = spec.value_label(getattr(record, spec.name))
            elif spec.kind in ONE_RECORD and spec.shown_as != spec.name:
                assert spec.target_table is not None
                target = synced_model(spec.target_table)
                if "name" not in table_of(target).columns:
                    continue
                names = names_of(session, target, [getattr(r, spec.name) for r in records])
                # a town-wide record (a holiday) without a cluster is the whole town's
                none = TOWN if self.record_type.town_wide and spec.name == "cluster_id" else ""
                for record in records:
                    value = getattr(record, spec.name)
                    rows[record.id][spec.shown_as] = none if value is None else names.get(value, "")
        if self.has_overdue_rule():  # lists show these rows in red
            overdue = self.overdue_among(session, [record.id for record in records])
            for record in records:
                rows[record.id]["overdue"] = record.id in overdue
        return rows

    @classmethod
    def has_overdue_rule(cls) -> bool:
        return cls.filter_overdue is not RecordService.filter_overdue

    def overdue_among(self, session: Session, ids: builtins.list[str]) -> set[str]:
        """Which of ``ids`` are overdue: the 逾期 filter's own rule (``filter_overdue``),
        asked of these rows alone. The rule is a column of the rows found by id, not their
        WHERE: as a WHERE, SQLite walked the rule's index (every overdue task of the town:
        46 ms for a block of 200 on the large sample, on the GUI thread while scrolling)
        instead of looking the ids up."""
        rule = self.filter_overdue(select(col(self.model.id))).whereclause
        assert rule is not None, "a 逾期 rule adds a WHERE"
        stmt = select(col(self.model.id), rule).where(col(self.model.id).in_(ids))
        return {id_ for id_, overdue in session.execute(stmt) if overdue}

    def _ordering(self, first: str | None = None) -> builtins.list[ColumnElement]:
        columns: builtins.list[ColumnElement] = []
        names = ((first,) if first else ()) + self.order_by
        for name in names:
            descending = name.startswith("-")
            bare = name.lstrip("-")
            if bare in sorted_fields(table_of(self.model).name):
                bare = sort_column(bare)  # names and titles by pinyin: 阿, 白, 陈 …
            column = table_of(self.model).columns.get(bare)
            if column is None:
                raise ValidationError("order_by", f"不能按“{name}”排序")
            keys = self.choice_orders.get(column.key)
            sort: ColumnElement = column
            if keys:  # a status sorts in its workflow's order, not by its English key
                sort = case({key: n for n, key in enumerate(keys)}, value=column,
                            else_=len(keys))
            columns.append(sort.desc() if descending else sort)
        columns.append(table_of(self.model).c.id)
        return columns

    def filtered(self, query: ListQuery) -> Select:
        model = self.model
        stmt = select(model)
        if query.only_deleted:
            stmt = stmt.where(col(model.deleted).is_(True))
        elif not query.include_deleted:
            stmt = stmt.where(not_indexed(table_of(model).c.deleted).is_(False))
        if query.cluster_id and hasattr(model, "cluster_id"):
            stmt = stmt.where(in_cluster(table_of(model).c.cluster_id, query.cluster_id,
                                         town_wide=self.record_type.town_wide))
        if query.status and self.status_column:
            stmt = stmt.where(getattr(model, self.status_column) == query.status)
        if self.date_column:
            column = getattr(model, self.date_column)
            if query.date_from:
                stmt = stmt.where(column >= query.date_from)
            if query.date_to:
                # "up to a day" includes that whole day, also for date-and-time columns
                stmt = stmt.where(column < query.date_to + timedelta(days=1))
        if query.village_id:
            stmt = self.filter_village(stmt, query.village_id)
        if query.overdue:
            stmt = self.filter_overdue(stmt)
        if query.text and query.text.strip():
            stmt = self.filter_text(stmt, query.text)
        return self.filter_extra(stmt, query.extra)

    def filter_village(self, stmt: Select, village_id: str) -> Select:
        if hasattr(self.model, "village_id"):
            return stmt.where(table_of(self.model).c.village_id == village_id)
        return stmt

    def filter_overdue(self, stmt: Select) -> Select:
        """The 逾期 rule, if the record type has one (rows past it are shown in red)."""
        return stmt

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        return stmt

    def filter_text(self, stmt: Select, text: str) -> Select:
        from sqlalchemy import text as sql_text

        kind = self.search_kind or table_of(self.model).name
        match = match_subquery(text, kind)
        if match is None:
            return stmt
        fragment, params = match
        return stmt.where(col(self.model.id).in_(sql_text(fragment).bindparams(**params)))

    # --- writing -------------------------------------------------------------------
    def create(self, **values: Any) -> M:
        values = self._accepted(values)
        with self.db.transaction() as session:
            return self.create_in(session, values)

    def create_in(self, session: Session, values: dict[str, Any]) -> M:
        """:meth:`create` inside a transaction already open (``values`` accepted), so that
        two records are saved together or not at all (a new person and their profile)."""
        self.fill_defaults(values)
        self.check_office_scope(values)
        check_declared(session, self.record_type, values, None, today=self.db.wall.today())
        self.validate(session, values, None)
        self.check_office_scope(values)  # again: validation may fill in the cluster
        children = {name: values.pop(name) for name in self.child_fields if name in values}
        record = self.model(**values)
        session.add(record)
        if not self.db.in_batch():
            session.flush()  # stamped, logged and indexed now (a batch flushes many at once)
        self.write_children(session, record, children)
        return record

    def update(self, record_id: str, **changes: Any) -> M:
        changes = self._accepted(changes)
        with self.db.transaction() as session:
            record = self._get(session, record_id)
            check_declared(session, self.record_type, changes, record,
                           today=self.db.wall.today())
            self.validate(session, changes, record)
            self.check_office_scope(changes, record)
            children = {name: changes.pop(name) for name in self.child_fields if name in changes}
            for name, value in changes.items():
                setattr(record, name, value)
            self.write_children(session, record, children)
            session.flush()
            return record

    # --- hooks for record types with rows of their own ---------------------------------
    child_fields: ClassVar[tuple[str, ...]] = ()  # values that are rows, not columns (declared)

    def check_delete(self, session: Session, record: M) -> None:
        """Refuse taking ``record`` out of the lists (raise ValidationError), e.g. a cluster's
        central village."""

    def fill_defaults(self, values: dict[str, Any]) -> None:
        """Defaults a new record takes before it is validated (e.g. today's date)."""

    def check_office_scope(self, values: dict[str, Any], existing: M | None = None) -> None:
        """A central village office records only its own cluster's matters: the town refuses
        every later sync file of a PC that wrote a record of another cluster, or one without a
        cluster (the town's to keep). ``existing`` is the record being changed, if any; the
        check is on what the record will be. A town PC (no cluster) may write anything."""
        office = self.db.node.cluster_id
        if not office:
            return
        if "cluster_id" not in table_of(self.model).columns:
            if table_of(self.model).name == "cluster" and existing is not None \
                    and existing.id == office:
                return  # its own cluster's central village or note
            if table_of(self.model).name in ("town", "cluster"):
                verb = "新建" if existing is None else "修改"
                raise ValidationError("name", f"中心村值班室不能{verb}{self.label}：由镇里统一维护")
            return
        if existing is None:
            values.setdefault("cluster_id", office)
            cluster_id = values["cluster_id"]
            if cluster_id is None and values.get("village_id"):
                return  # a person: the village decides the cluster (checked after validation)
        else:
            # M declares no cluster_id; this model's table has one (checked above)
            cluster_id = values.get("cluster_id", getattr(existing, "cluster_id"))  # noqa: B009
        if cluster_id is None:
            raise ValidationError("cluster_id", f"本机是本联合党组织的值班室，不能记录不属于联合党"
                                                f"组织的{self.label}：由镇里统一维护")
        if cluster_id != office:
            raise ValidationError("cluster_id", "本机是本联合党组织的值班室，"
                                                "不能记录其他联合党组织的事项")

    def check_restore(self, session: Session, record: M) -> None:
        """Refuse bringing ``record`` back (raise ValidationError), e.g. a name taken since."""

    def write_children(self, session: Session, record: M, children: dict[str, Any]) -> None:
        """Write the given ``child_fields`` (set members, decisions ...) of ``record``."""

    def delete(self, record_id: str) -> M:
        """Mark the record deleted (a tombstone); it can be restored."""
        return self._set_deleted(record_id, True)

    def restore(self, record_id: str) -> M:
        return self._set_deleted(record_id, False)

    def _set_deleted(self, record_id: str, deleted: bool) -> M:
        self._accepted({})
        with self.db.transaction() as session:
            record = self._get(session, record_id, include_deleted=True)
            self.check_office_scope({}, record)
            if record.deleted == deleted:
                state = "已删除" if deleted else "未删除"
                title = self.record_type.title_field
                name = getattr(record, title, "") if title else ""
                raise ValidationError("deleted", f"{self.label}“{name}”{state}" if name
                                      else f"这条{self.label}{state}")
            if deleted:
                self.check_delete(session, record)
            else:
                self.check_restore(session, record)
            record.deleted = deleted
            session.flush()
            return record

    def _accepted(self, values: dict[str, Any]) -> dict[str, Any]:
        """Refuse unknown fields, writes while the PC's clock looks wrong, and writes of duty
        records when nobody is on shift."""
        self.db.check_clock()
        if self.requires_shift and self.db.officer_id is None:
            raise UserError("当前无人值班：请先开始值班，再记录或修改。")
        unknown = set(values) - self.fields
        if unknown:
            raise ValidationError(sorted(unknown)[0],
                                  f"{self.label}没有字段：{'、'.join(sorted(unknown))}")
        return dict(values)

    def validate(self, session: Session, values: dict[str, Any], existing: M | None) -> None:
        """Raise ValidationError for the first bad value; may normalise ``values``."""
