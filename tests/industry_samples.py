"""Sample values of every declared field of the industry and talent records, for
``tests/test_field_trace.py``."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.records.credit_codes import check_character
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


TRACED = {
    "aid_project": ("projects", project, "project", "ui.forms.industry_forms.ProjectForm"),
    "cooperative": ("coops", cooperative, "coop", "ui.forms.industry_forms.CooperativeForm"),
    "workshop": ("workshops", workshop, "workshop", "ui.forms.industry_forms.WorkshopForm"),
}
