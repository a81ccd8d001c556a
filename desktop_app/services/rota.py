"""轮值排班: the duty pool, the pattern, holidays, rota turns (generated or typed), swaps and
leave. The rules a rota keeps are here; the generator itself is pure (``desktop_app.rota``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, select
from sqlmodel import Session, col

from db.models import (
    Cluster,
    DutyLeave,
    DutyPoolMember,
    Holiday,
    Person,
    RotaPattern,
    RotaSwap,
    RotaTurn,
    Village,
    table_of,
)
from desktop_app.records.errors import UserError, ValidationError
from desktop_app.records.types import record_type
from desktop_app.records.types.rota import POOL_ROLES
from desktop_app.rota.generator import (
    Pattern,
    PoolEntry,
    generate,
    parse_weekdays,
    read_weekdays,
    weekdays_text,
)
from desktop_app.rota.holidays import official_days
from desktop_app.services.base import RecordService, in_cluster, names_of, require_record

LONGEST_SPAN = 92  # days: a rota is generated for a month or a quarter


def _current(values: dict[str, Any], existing: Any, name: str, default: Any = None) -> Any:
    """The value a record will have: the change if given, else what it has."""
    if name in values:
        return values[name]
    return getattr(existing, name) if existing is not None else default


def _live(stmt: Select, model: Any) -> Select:
    return stmt.where(col(model.deleted).is_(False))


def day_text(day: date) -> str:
    return f"{day.month}月{day.day}日"


def pool_of(session: Session, cluster_id: str) -> list[DutyPoolMember]:
    return list(session.scalars(_live(select(DutyPoolMember), DutyPoolMember).where(
        col(DutyPoolMember.cluster_id) == cluster_id)))


def pattern_of(session: Session, cluster_id: str) -> RotaPattern | None:
    return session.scalar(_live(select(RotaPattern), RotaPattern).where(
        col(RotaPattern.cluster_id) == cluster_id).order_by(col(RotaPattern.created_at)))


def calendar_of(session: Session, cluster_id: str | None, first: date,
                last: date) -> dict[date, tuple[str, str]]:
    """``day -> (kind, name)`` for the town's holidays and the cluster's own (which win)."""
    stmt = _live(select(Holiday), Holiday).where(col(Holiday.day) >= first,
                                                  col(Holiday.day) <= last)
    cluster = table_of(Holiday).c.cluster_id
    scope = (in_cluster(cluster, cluster_id, town_wide=record_type("holiday").town_wide)
             if cluster_id else cluster.is_(None))
    found: dict[date, tuple[str, str]] = {}
    for holiday in sorted(session.scalars(stmt.where(scope)),
                          key=lambda h: h.cluster_id is not None):
        found[holiday.day] = (holiday.kind, holiday.name)
    return found


def person_name(session: Session, person_id: str) -> str:
    person = session.get(Person, person_id)
    return person.name if person is not None else person_id


def require_in_pool(session: Session, cluster: Cluster, person_id: str, field: str) -> None:
    found = session.scalar(_live(select(col(DutyPoolMember.id)), DutyPoolMember).where(
        col(DutyPoolMember.cluster_id) == cluster.id, col(DutyPoolMember.person_id) == person_id))
    if found is None:
        raise ValidationError(field, f"{person_name(session, person_id)}不在{cluster.name}的"
                                     "轮值人员名单中：请先在“轮值人员”中添加")


def turn_on(session: Session, person_id: str, day: date, *,
            cluster_id: str | None = None, exclude: str | None = None) -> RotaTurn | None:
    """The person's live turn on ``day`` (in ``cluster_id`` if given), but ``exclude``."""
    stmt = _live(select(RotaTurn), RotaTurn).where(
        col(RotaTurn.person_id) == person_id, col(RotaTurn.day) == day)
    if cluster_id:
        stmt = stmt.where(col(RotaTurn.cluster_id) == cluster_id)
    if exclude:
        stmt = stmt.where(col(RotaTurn.id) != exclude)
    return session.scalar(stmt.limit(1))


def require_free(session: Session, person_id: str, day: date, field: str,
                 exclude: str | None = None) -> None:
    """Two turns for one person on one day are refused (in any cluster)."""
    other = turn_on(session, person_id, day, exclude=exclude)
    if other is not None:
        cluster = session.get(Cluster, other.cluster_id)
        where = f"（{cluster.name}）" if cluster is not None else ""
        raise ValidationError(field, f"{person_name(session, person_id)}在{day_text(day)}"
                                     f"已有值班安排{where}：同一人一天只排一班")


class PoolService(RecordService[DutyPoolMember]):
    model = DutyPoolMember
    status_column = None
    order_by = ("cluster_id", "role", "village_id")

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        cluster_id = _current(values, existing, "cluster_id")
        cluster = require_record(session, Cluster, cluster_id, "cluster_id", "联合党组织")
        person_id = _current(values, existing, "person_id")
        person = require_record(session, Person, person_id, "person_id", "人员")
        if person.cluster_id not in (None, cluster.id):
            raise ValidationError("person_id", f"{person.name}不属于{cluster.name}")
        if existing is None and not values.get("village_id"):
            values["village_id"] = person.village_id
        village_id = _current(values, existing, "village_id")
        village = require_record(session, Village, village_id, "village_id", "村")
        if village is not None and village.cluster_id != cluster.id:
            raise ValidationError("village_id", f"{village.name}不是{cluster.name}的成员村")
        twin = session.scalar(_live(select(col(DutyPoolMember.id)), DutyPoolMember).where(
            col(DutyPoolMember.cluster_id) == cluster.id,
            col(DutyPoolMember.person_id) == person.id))
        if twin is not None and (existing is None or twin != existing.id):
            raise ValidationError("person_id", f"{person.name}已在{cluster.name}的轮值人员中")

    def entries(self, cluster_id: str) -> list[PoolEntry]:
        with self.db.session() as session:
            return [PoolEntry(m.person_id, m.village_id, m.role)
                    for m in pool_of(session, cluster_id)]


class PatternService(RecordService[RotaPattern]):
    model = RotaPattern
    status_column = None
    order_by = ("cluster_id",)

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        if "weekdays" in values or existing is None:
            given = values.get("weekdays")
            text = "12345" if given is None else str(given)
            if not text.strip():
                raise ValidationError("weekdays", "请至少选择一个值班日")
            days = read_weekdays(text)
            if days is None:
                raise ValidationError("weekdays", f"值班日“{text}”无效：请用 1～7 表示周一至周日，"
                                                  "例如 12345，或写作“周一至周五”")
            values["weekdays"] = "".join(str(d) for d in sorted(days))
        cluster_id = _current(values, existing, "cluster_id")
        twin = pattern_of(session, cluster_id)
        if twin is not None and (existing is None or twin.id != existing.id):
            cluster = session.get(Cluster, cluster_id)
            raise ValidationError("cluster_id", f"{cluster.name if cluster else ''}已有排班规则："
                                                "请修改它，不要另建")

    def describe(self, session: Session,
                 records: list[RotaPattern]) -> dict[str, dict[str, Any]]:
        """Adds the weekdays as a person says them (周一至周五), as lists show them."""
        rows = super().describe(session, records)
        for pattern in records:
            rows[pattern.id]["weekdays_text"] = weekdays_text(pattern.weekdays)
        return rows

    def pattern(self, cluster_id: str) -> Pattern:
        """The cluster's pattern (weekdays, two a day, no role required, if none is set)."""
        with self.db.session() as session:
            found = pattern_of(session, cluster_id)
        if found is None:
            return Pattern()
        return Pattern(parse_weekdays(found.weekdays), found.officers_per_day,
                       found.required_role)


class HolidayService(RecordService[Holiday]):
    model = Holiday
    status_column = None
    date_column = "day"
    order_by = ("day",)

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        day = _current(values, existing, "day")
        cluster_id = _current(values, existing, "cluster_id")
        stmt = _live(select(Holiday), Holiday).where(col(Holiday.day) == day)
        stmt = stmt.where(col(Holiday.cluster_id).is_(None) if cluster_id is None
                          else col(Holiday.cluster_id) == cluster_id)
        twin = session.scalar(stmt.limit(1))
        if twin is not None and (existing is None or twin.id != existing.id):
            raise ValidationError("day", f"{day}已登记为{twin.name}：请修改那一条")

    def calendar(self, cluster_id: str | None, first: date,
                 last: date) -> dict[date, tuple[str, str]]:
        with self.db.session() as session:
            return calendar_of(session, cluster_id, first, last)

    def load_official(self, year: int) -> int:
        """Write the State Council's arrangement for ``year`` as the town's holidays (days
        already there are kept as they are); returns how many were added."""
        days = official_days(year)
        if not days:
            raise UserError(f"程序中还没有{year}年的国务院节假日安排：请在“节假日”中逐日登记")
        if self.db.node.cluster_id:
            raise ValidationError("cluster_id", "全镇的节假日由镇里统一维护")
        self._accepted({})
        added = 0
        with self.db.transaction() as session:
            known = set(session.scalars(_live(select(col(Holiday.day)), Holiday).where(
                col(Holiday.cluster_id).is_(None), col(Holiday.day) >= date(year, 1, 1),
                col(Holiday.day) <= date(year, 12, 31))))
            for day, kind, name in days:
                if day not in known:
                    session.add(Holiday(day=day, kind=kind, name=name))
                    added += 1
        return added


class TurnService(RecordService[RotaTurn]):
    model = RotaTurn
    status_column = None
    date_column = "day"
    order_by = ("day", "person_id")

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        cluster = require_record(session, Cluster, _current(values, existing, "cluster_id"),
                                 "cluster_id", "联合党组织")
        day = _current(values, existing, "day")
        person_id = _current(values, existing, "person_id")
        require_in_pool(session, cluster, person_id, "person_id")
        require_free(session, person_id, day, "person_id",
                     exclude=existing.id if existing is not None else None)
        holiday = calendar_of(session, cluster.id, day, day).get(day)
        if (holiday and holiday[0] == "holiday"
                and not _current(values, existing, "on_holiday", False)):
            raise ValidationError("on_holiday", f"{day_text(day)}是{holiday[1]}（放假）："
                                                "如确需安排值班，请勾选“节假日值班”")

    def generate(self, cluster_id: str, first: date, last: date, *, replace: bool = False,
                 allow_missing_role: bool = False) -> dict[str, Any]:
        """Generate the cluster's rota from ``first`` to ``last`` in one transaction.

        Refused, nothing written: an empty pool, a span over a quarter, turns already there
        (unless ``replace``: they are deleted), a staffed day without the required role
        (unless ``allow_missing_role``), a person already on duty elsewhere that day."""
        self._accepted({})
        if last < first:
            raise ValidationError("date_to", "结束日期不能早于开始日期")
        if (last - first).days >= LONGEST_SPAN:
            raise ValidationError("date_to", f"一次最多生成一个季度（{LONGEST_SPAN} 天）")
        with self.db.transaction() as session:
            cluster = require_record(session, Cluster, cluster_id, "cluster_id", "联合党组织")
            self.check_office_scope({"cluster_id": cluster_id})
            members = pool_of(session, cluster_id)
            if not members:
                raise ValidationError("pool", f"{cluster.name}还没有轮值人员：请先添加")
            found = pattern_of(session, cluster_id)
            pattern = (Pattern() if found is None else Pattern(
                parse_weekdays(found.weekdays), found.officers_per_day, found.required_role))
            calendar = {day: kind for day, (kind, _) in
                        calendar_of(session, cluster_id, first, last).items()}
            old = list(session.scalars(_live(select(RotaTurn), RotaTurn).where(
                col(RotaTurn.cluster_id) == cluster_id, col(RotaTurn.day) >= first,
                col(RotaTurn.day) <= last)))
            if old and not replace:
                raise ValidationError("date_from", f"{first} 至 {last} 已有 {len(old)} 条值班"
                                                   "安排：如要重新生成，请勾选“覆盖”（命令行：--replace）")
            rota = generate([PoolEntry(m.person_id, m.village_id, m.role) for m in members],
                            pattern, first, last, calendar)
            if rota.uncovered and not allow_missing_role:
                role = POOL_ROLES.get(pattern.required_role or "", "")
                days = "、".join(day_text(d) for d in rota.uncovered[:10])
                more = f"等 {len(rota.uncovered)} 天" if len(rota.uncovered) > 10 else ""
                raise ValidationError("required_role", f"轮值人员中没有{role}，以下值班日缺少"
                                                       f"{role}：{days}{more}")
            for turn in old:
                turn.deleted = True
            session.flush()
            for day, person_id in rota.turns:
                require_free(session, person_id, day, "person_id")
            for day, person_id in rota.turns:
                session.add(RotaTurn(cluster_id=cluster_id, day=day, person_id=person_id))
            counts = rota.counts()
            names = names_of(session, Person, list(counts))
        return {"cluster_id": cluster_id, "from": first, "to": last, "days": len(rota.days),
                "turns": len(rota.turns), "replaced": len(old),
                "uncovered": rota.uncovered,
                "per_person": {names.get(p, p): n for p, n in sorted(counts.items())}}

    def turns(self, cluster_id: str | None, first: date, last: date) -> list[RotaTurn]:
        with self.db.session() as session:
            stmt = _live(select(RotaTurn), RotaTurn).where(
                col(RotaTurn.day) >= first, col(RotaTurn.day) <= last)
            if cluster_id:
                stmt = stmt.where(col(RotaTurn.cluster_id) == cluster_id)
            return list(session.scalars(stmt.order_by(col(RotaTurn.day))))


class SwapService(RecordService[RotaSwap]):
    """A swap rewrites the turns it names, in the same transaction; it is then a fact on
    record: to undo it, record the swap back."""

    model = RotaSwap
    status_column = None
    date_column = "day"
    order_by = ("-day",)

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        if existing is not None:
            raise UserError("调班替班登记后不能修改：如需撤回，请再登记一次反向的调班")
        cluster = require_record(session, Cluster, values["cluster_id"], "cluster_id",
                                 "联合党组织")
        giver, taker = values["from_person_id"], values["to_person_id"]
        if giver == taker:
            raise ValidationError("to_person_id", "不能与自己调班：请选择另一位接替人")
        if not (values.get("from_agreed") and values.get("to_agreed")):
            field = "from_agreed" if not values.get("from_agreed") else "to_agreed"
            raise ValidationError(field, "调班替班须经双方同意：请确认原值班人和接替人都已同意")
        day = values["day"]
        require_in_pool(session, cluster, taker, "to_person_id")
        if turn_on(session, giver, day, cluster_id=cluster.id) is None:
            raise ValidationError("day", f"{person_name(session, giver)}在{day_text(day)}"
                                         "没有值班安排")
        require_free(session, taker, day, "to_person_id")
        if values.get("kind") == "exchange":
            other = values.get("other_day")
            if other is None:
                raise ValidationError("other_day", "调班须填写换回日期（接替人原定的值班日期）")
            if other == day:
                raise ValidationError("other_day", "换回日期应与值班日期不同")
            if turn_on(session, taker, other, cluster_id=cluster.id) is None:
                raise ValidationError("other_day", f"{person_name(session, taker)}在"
                                                   f"{day_text(other)}没有值班安排")
            require_free(session, giver, other, "other_day")
        else:
            values["other_day"] = None

    def write_children(self, session: Session, record: RotaSwap,
                       children: dict[str, Any]) -> None:
        moves = [(record.day, record.from_person_id, record.to_person_id)]
        if record.kind == "exchange" and record.other_day is not None:
            moves.append((record.other_day, record.to_person_id, record.from_person_id))
        turns = [turn_on(session, giver, day, cluster_id=record.cluster_id)
                 for day, giver, _ in moves]
        for turn, (_, giver, taker) in zip(turns, moves, strict=True):
            assert turn is not None  # validated
            turn.person_id = taker
            turn.swapped_from_id = giver
        session.flush()

    def delete(self, record_id: str) -> RotaSwap:
        raise UserError("调班替班登记后不能删除：如需撤回，请再登记一次反向的调班")


class LeaveService(RecordService[DutyLeave]):
    model = DutyLeave
    status_column = None
    date_column = "start_on"
    order_by = ("-start_on",)

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        cluster = require_record(session, Cluster, _current(values, existing, "cluster_id"),
                                 "cluster_id", "联合党组织")
        start = _current(values, existing, "start_on")
        if _current(values, existing, "end_on") is None:  # not given: the one day
            values["end_on"] = start
        end = _current(values, existing, "end_on")
        if end < start:
            raise ValidationError("end_on", "请假止日不能早于请假起日")
        if (end - start) > timedelta(days=LONGEST_SPAN):
            raise ValidationError("end_on", f"一次请假最长 {LONGEST_SPAN} 天")
        require_in_pool(session, cluster, _current(values, existing, "person_id"), "person_id")
