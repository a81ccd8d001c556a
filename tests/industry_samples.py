"""Sample values of every declared field of the industry and talent records, for
``tests/test_field_trace.py``."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.records.credit_codes import check_character
from desktop_app.records.id_numbers import check_digit
from tests.factories import SmallTown

TODAY = date.today()


def project(town: SmallTown, services) -> dict[str, Any]:
    v = town.villages
    return {"cluster_id": town.huangqu, "name": "怡丰农业育苗项目", "kind": "设施农业",
            "status": "building", "start_on": TODAY, "end_on": TODAY,
            "funds": {"帮扶资金": 2_000_000},
            "shares": {v["黄璩村"]: 1_000_000, v["韩璩村"]: 1_000_000},
            "leader_id": town.people["王建国"], "benefit": "就业务工", "jobs": 300,
            "coops_served": 30, "village_income": 50_000}


def cooperative(town: SmallTown, services) -> dict[str, Any]:
    body = "93370523MA3C12345"
    return {"cluster_id": town.huangqu, "name": "黄璩瓜菜种植专业合作社",
            "village_id": town.villages["黄璩村"], "kind": "种植", "members": 56,
            "founded_on": TODAY, "credit_code": body + check_character(body),
            "standing": "sound", "cadre_id": town.people["孙包村"], "brands": "千乘大王红"}


def workshop(town: SmallTown, services) -> dict[str, Any]:
    return {"cluster_id": town.huangqu, "name": "黄璩育苗共富工坊",
            "village_id": town.villages["黄璩村"], "kind": "产业赋能", "opened_on": TODAY,
            "floor_area": 400, "fixed_jobs": 18, "seasonal_jobs": 40, "outside_workers": 25,
            "groups_helped": "脱贫户3人、残疾人1人", "monthly_pay": 1600,
            "yearly_income": 150_000,
            "months": {"2026-10": {"employed": 58, "pay": 1700, "income": 12_500}}}


def _young_person(town: SmallTown, services, name: str = "周丽"):
    body = "37052319960315002"
    return services.people.create(name=name, village_id=town.villages["杨璩村"],
                                  id_number=body + check_digit(body))


def talent(town: SmallTown, services) -> dict[str, Any]:
    return {"cluster_id": town.huangqu, "person_id": _young_person(town, services).id,
            "pool": "qingyan", "category": "大学毕业生", "skills": "电商直播",
            "whereabouts": "in_village", "returned_on": TODAY, "education": "bachelor",
            "contact": "13905461234",
            "joined_on": TODAY, "note": "返乡大学生"}


def rotation(town: SmallTown, services) -> dict[str, Any]:
    qingyan = services.talents.create(**talent(town, services))
    return {"cluster_id": town.huangqu, "talent_id": qingyan.id, "post": "grid",
            "start_on": TODAY, "end_on": TODAY, "mentor_id": town.people["王建国"],
            "assessment": "excellent", "note": "跟班学习网格走访"}


def training(town: SmallTown, services) -> dict[str, Any]:
    teacher = services.talents.create(**talent(town, services))
    return {"cluster_id": town.huangqu, "title": "西红柿嫁接育苗技术", "kind": "种植",
            "held_on": TODAY, "hours": 3.5, "teacher_kind": "talent", "teacher": "周丽",
            "teacher_talent_id": teacher.id, "place": "黄璩村党群服务中心",
            "attendees": {town.people["张志强"]: 3.5}}


TRACED = {
    "aid_project": ("projects", project, "project", "ui.forms.industry_forms.ProjectForm"),
    "cooperative": ("coops", cooperative, "coop", "ui.forms.industry_forms.CooperativeForm"),
    "workshop": ("workshops", workshop, "workshop", "ui.forms.industry_forms.WorkshopForm"),
    "talent_profile": ("talents", talent, "talent", "ui.forms.talent_forms.TalentForm"),
    "post_rotation": ("rotations", rotation, "rotation", "ui.forms.talent_forms.RotationForm"),
    "training_session": ("trainings", training, "training",
                         "ui.forms.talent_forms.TrainingForm"),
}
