"""人才联育: talent profiles (age from the ID number, the 青雁 age rule) and 青雁 rotation
posts (length as a setting, the list of rotations ending soon)."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select
from sqlmodel import Session, col

from db.models import Person, PostRotation, TalentProfile
from desktop_app.config.settings import Settings
from desktop_app.records.errors import ValidationError
from desktop_app.records.types.talent import POOLS
from desktop_app.services.base import RecordService, require_record
from desktop_app.services.industry_rules import span_in_order
from desktop_app.services.org import PersonService

if TYPE_CHECKING:
    from desktop_app.services.talent_record import TalentRecord


def birth_year(person: Person) -> int | None:
    """The year of birth in the ID number (characters 7–10), else the one recorded."""
    number = (person.id_number or "").strip()
    if len(number) == 18 and number[6:10].isdigit():
        return int(number[6:10])
    return person.birth_year


def age_on(person: Person, day: date) -> int | None:
    year = birth_year(person)
    if year is None:
        return None
    number = (person.id_number or "").strip()
    if len(number) == 18 and number[10:14].isdigit():
        birthday_passed = (day.month, day.day) >= (int(number[10:12]), int(number[12:14]))
        return day.year - year - (0 if birthday_passed else 1)
    return day.year - year


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day if it has no such day)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    return day.replace(year=year, month=month + 1,
                       day=min(day.day, calendar.monthrange(year, month + 1)[1]))


class TalentService(RecordService[TalentProfile]):
    model = TalentProfile
    status_column = "pool"
    date_column = "joined_on"
    order_by = ("pool", "-joined_on")
    choice_orders = {"pool": tuple(POOLS)}

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        self._check_return(values, existing)
        if existing is not None:
            return
        person = require_record(session, Person, values["person_id"], "person_id", "人员")
        if not values.get("cluster_id"):
            values["cluster_id"] = person.cluster_id
        pool = values.get("pool") or "talent"
        twin = session.scalar(select(col(TalentProfile.id)).where(
            col(TalentProfile.person_id) == person.id, col(TalentProfile.pool) == pool,
            col(TalentProfile.deleted).is_(False)))
        if twin is not None:
            raise ValidationError("person_id", f"{person.name}已在{POOLS[pool]}中")
        if pool == "qingyan":
            check_young(person, Settings.load().qingyan_born_from)

    def _check_return(self, values: dict[str, Any], existing: TalentProfile | None) -> None:
        """返乡日期 belongs to a talent now in the village; moving one from 在外 to 在村 dates
        the return today unless a day is given (擂台比武 counts returns by it)."""
        where = values.get("whereabouts", existing.whereabouts if existing else "in_village")
        returned = values.get("returned_on", existing.returned_on if existing else None)
        if where == "away" and returned is not None and "returned_on" in values:
            raise ValidationError("returned_on", "人才现在在外，不能填写返乡日期")
        if where == "away":
            values["returned_on"] = None
        elif (existing is not None and existing.whereabouts == "away"
              and values.get("returned_on") is None):
            values["returned_on"] = self.db.wall.today()

    def create_for_new_person(self, person: dict[str, Any], **values: Any) -> TalentProfile:
        """A new person and their profile, saved together or not at all."""
        people = PersonService(self.db)
        person_values = people._accepted(person)
        values = self._accepted(values)
        with self.db.transaction() as session:
            created = people.create_in(session, person_values)
            values["person_id"] = created.id
            return self.create_in(session, values)

    def describe(self, session: Session,
                 records: list[TalentProfile]) -> dict[str, dict[str, Any]]:
        """Adds the person's age (from the ID number) and village."""
        rows = super().describe(session, records)
        people = people_by_id(session, (t.person_id for t in records))
        villages = village_names(session, people.values())
        today = self.db.wall.today()
        for talent in records:
            person = people.get(talent.person_id)
            rows[talent.id].update(
                age=age_on(person, today) if person else None,
                village=villages.get(person.village_id, "") if person else "")
        return rows

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        if extra.get("person_id"):
            stmt = stmt.where(col(TalentProfile.person_id) == extra["person_id"])
        if extra.get("whereabouts"):
            stmt = stmt.where(col(TalentProfile.whereabouts) == extra["whereabouts"])
        return stmt

    def names(self, ids: Iterable[str | None]) -> dict[str | None, str]:
        with self.db.session() as session:
            return talent_names(session, ids)

    def record(self, talent_id: str) -> TalentRecord:
        """Their 履历: trainings given or taken, projects led, 青雁 posts held
        (``services.talent_record.TalentRecord``)."""
        from desktop_app.services.talent_record import talent_record

        with self.db.session() as session:
            return talent_record(session, talent_id)


def check_young(person: Person, born_from: int) -> None:
    """A 青雁 is born in ``born_from`` or later; without a birth year it cannot be told."""
    year = birth_year(person)
    if year is None:
        raise ValidationError("person_id", f"{person.name}没有身份证号或出生年份：无法核对青雁年龄")
    if year < born_from:
        raise ValidationError("person_id", f"{person.name}出生于 {year} 年：青雁应为 {born_from} "
                                           f"年及以后出生（35 岁以下）")


def people_by_id(session: Session, ids: Iterable[str | None]) -> dict[str, Person]:
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {p.id: p for p in session.scalars(select(Person).where(col(Person.id).in_(wanted)))}


def village_names(session: Session, people: Iterable[Person]) -> dict[str | None, str]:
    from db.models import Village
    from desktop_app.services.base import names_of

    return names_of(session, Village, [p.village_id for p in people])


def talent_names(session: Session, ids: Iterable[str | None]) -> dict[str | None, str]:
    """``talent id -> person's name``."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    rows = session.execute(select(col(TalentProfile.id), col(Person.name))
                           .join(Person, col(Person.id) == col(TalentProfile.person_id))
                           .where(col(TalentProfile.id).in_(wanted)))
    return dict(rows.all())


class RotationService(RecordService[PostRotation]):
    model = PostRotation
    status_column = "post"
    date_column = "start_on"
    order_by = ("-start_on",)

    def fill_defaults(self, values: dict[str, Any]) -> None:
        if values.get("start_on") and not values.get("end_on"):
            values["end_on"] = add_months(values["start_on"], Settings.load().rotation_months)

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        if existing is None:
            talent = require_record(session, TalentProfile, values["talent_id"], "talent_id",
                                    "青雁")
            if talent.pool != "qingyan":
                person = session.get(Person, talent.person_id)
                name = person.name if person else talent.person_id
                raise ValidationError("talent_id", f"{name}不在青雁库中：轮岗只适用于青雁")
            if not values.get("cluster_id"):
                values["cluster_id"] = talent.cluster_id
        elif "cluster_id" in values and not values["cluster_id"]:
            raise ValidationError("cluster_id", "请指定联合党组织")
        if "end_on" in values and values["end_on"] is None:
            raise ValidationError("end_on", "请填写结束日期")
        span_in_order(values, existing, "start_on", "end_on", "开始日期", "结束日期")
        require_record(session, Person, values.get("mentor_id"), "mentor_id", "指导老师")

    def describe(self, session: Session,
                 records: list[PostRotation]) -> dict[str, dict[str, Any]]:
        rows = super().describe(session, records)
        names = talent_names(session, (r.talent_id for r in records))
        for rotation in records:
            rows[rotation.id]["talent_name"] = names.get(rotation.talent_id, "")
        return rows

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        if extra.get("talent_id"):
            stmt = stmt.where(col(PostRotation.talent_id) == extra["talent_id"])
        if extra.get("ending_within") is not None:
            today = self.db.wall.today()
            stmt = stmt.where(col(PostRotation.end_on) >= today,
                              col(PostRotation.end_on)
                              <= today + timedelta(days=int(extra["ending_within"])))
        return stmt

    def ending_soon(self, days: int = 31, cluster_id: str | None = None) -> list[PostRotation]:
        """Rotations ending between today and ``days`` from now, soonest first."""
        from desktop_app.services.base import ListQuery

        return self.list(ListQuery(cluster_id=cluster_id, limit=None, order_by="end_on",
                                   extra={"ending_within": days})).items
