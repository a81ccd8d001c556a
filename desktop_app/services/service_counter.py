"""便民服务代办: the town's catalogue of service items and the counter's register of requests
(受理 → 代办中 → 办结 / 退回), each with its time limit from the catalogue, the person's rating
(好差评, 1–5) and, for a 差评, a fix due within 15 working days. Working days skip the
town's holidays and count its 调休 days (the rota's 节假日 records)."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select
from sqlmodel import Session, col, select

from db.models import ServiceItem, ServiceRequest
from desktop_app.records.errors import ValidationError
from desktop_app.records.governance_words import (
    FIX_WORKING_DAYS,
    OPEN_SERVICE_STATUSES,
    POOR_RATING,
    SERVICE_STATUSES,
)
from desktop_app.records.id_numbers import phone_problem
from desktop_app.services.base import RecordService, require_record
from desktop_app.services.governance_rules import (
    add_working_days,
    require_cadre_of,
    take_place_of,
    village_of,
)

SENSITIVE_ITEM = "{department}事项（涉及个人敏感信息）"


class ServiceItemService(RecordService[ServiceItem]):
    """The catalogue: town data, kept by the town and synced to every office."""

    model = ServiceItem
    status_column = None
    order_by = ("department", "created_at")

    def check_office_scope(self, values: dict[str, Any], existing=None) -> None:
        if self.db.node.cluster_id:
            raise ValidationError("name", "便民服务事项目录由镇里统一维护，中心村值班室不能修改")

    def choices(self) -> builtins.list[tuple[str, str]]:
        """(id, "部门 · 事项") of the active items, by department, for pickers."""
        with self.db.session() as session:
            items = session.scalars(select(ServiceItem).where(
                col(ServiceItem.deleted).is_(False), col(ServiceItem.active).is_(True))
                .order_by(col(ServiceItem.department), col(ServiceItem.created_at)))
            return [(i.id, f"{i.department} · {i.name}") for i in items]

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        if extra.get("department"):
            stmt = stmt.where(col(ServiceItem.department) == extra["department"])
        return stmt


class ServiceRequestService(RecordService[ServiceRequest]):
    model = ServiceRequest
    date_column = "received_on"
    order_by = ("status", "-received_on")
    choice_orders = {"status": tuple(SERVICE_STATUSES)}

    def fill_defaults(self, values: dict[str, Any]) -> None:
        values.setdefault("received_on", self.db.wall.today())

    def validate(self, session: Session, values: dict[str, Any], existing) -> None:
        if "village_id" in values or existing is None:
            village = village_of(session, values, existing)
            assert village is not None  # required: checked by its declaration
            take_place_of(values, existing, village, "village_id")
        cluster_id = values.get("cluster_id") or existing.cluster_id
        if "agent_id" in values:
            require_cadre_of(session, values["agent_id"], cluster_id, "agent_id", "代办员")
        if values.get("phone"):
            values["phone"] = values["phone"].strip()
            if message := phone_problem(values["phone"]):
                raise ValidationError("phone", message)
        merged = {name: values.get(name, getattr(existing, name, None))
                  for name in ("item_id", "received_on", "status", "return_reason", "done_on",
                               "rating", "fix_due_on", "fix_note")}
        today = self.db.wall.today()
        received = merged["received_on"]
        if received is not None and received > today:
            raise ValidationError("received_on", f"受理日期（{received}）不能晚于今天")
        if "item_id" in values or "received_on" in values:
            item = require_record(session, ServiceItem, merged["item_id"], "item_id", "事项")
            assert item is not None and received is not None
            if not item.active and (existing is None or existing.item_id != item.id):
                raise ValidationError("item_id", f"事项“{item.name}”已停用")
            values["due_on"] = add_working_days(session, cluster_id, received,
                                                item.time_limit_days)
        status = merged["status"] or "accepted"  # a new request's default
        if status == "returned" and not (merged["return_reason"] or "").strip():
            raise ValidationError("return_reason", "退回须写明原因")
        if status == "done" and merged["done_on"] is None:
            values["done_on"] = merged["done_on"] = today
        if merged["done_on"] is not None:
            if status != "done":
                raise ValidationError("done_on", "办结后才有办结日期")
            if received is not None and not received <= merged["done_on"] <= today:
                raise ValidationError("done_on", f"办结日期（{merged['done_on']}）应在受理日期"
                                                 f"（{received}）与今天之间")
        rating = merged["rating"]
        if rating is not None and status in OPEN_SERVICE_STATUSES:
            raise ValidationError("rating", "办结或退回后才能请办事人评价")
        if rating is not None and rating <= POOR_RATING and merged["fix_due_on"] is None:
            values["fix_due_on"] = add_working_days(session, cluster_id, today,  # 差评整改
                                                    FIX_WORKING_DAYS)
        elif (rating is None or rating > POOR_RATING) and not merged["fix_note"]:
            values["fix_due_on"] = None

    def rows(self, ids: Sequence[str], *, unmasked: bool = False,
             ) -> dict[str, dict[str, Any]]:
        """Display rows; an item that reveals 低保, disability or health status shows only
        its department unless ``unmasked``."""
        rows = super().rows(ids, unmasked=unmasked)
        if unmasked:
            return rows
        with self.db.session() as session:
            wanted = {row["item_id"] for row in rows.values()}
            sensitive = {i.id: i.department for i in session.scalars(select(ServiceItem).where(
                col(ServiceItem.id).in_(wanted), col(ServiceItem.sensitive).is_(True)))}
        for row in rows.values():
            if row["item_id"] in sensitive:
                row["item"] = SENSITIVE_ITEM.format(department=sensitive[row["item_id"]])
        return rows

    def filter_overdue(self, stmt: Select) -> Select:
        """Open requests past their time limit."""
        return stmt.where(col(ServiceRequest.status).in_(OPEN_SERVICE_STATUSES),
                          col(ServiceRequest.due_on) < self.db.wall.today())

    def filter_extra(self, stmt: Select, extra: dict[str, Any]) -> Select:
        for name in ("item_id", "agent_id"):
            if extra.get(name):
                stmt = stmt.where(getattr(ServiceRequest, name) == extra[name])
        if extra.get("poor"):
            stmt = stmt.where(col(ServiceRequest.rating) <= POOR_RATING)
        if extra.get("rated"):
            stmt = stmt.where(col(ServiceRequest.rating).is_not(None))
        if extra.get("satisfied"):
            stmt = stmt.where(col(ServiceRequest.rating) > POOR_RATING + 1)  # 满意 or better
        if extra.get("late"):  # closed after its time limit
            stmt = stmt.where(col(ServiceRequest.done_on) > col(ServiceRequest.due_on))
        if extra.get("in_time"):  # closed within it
            stmt = stmt.where(col(ServiceRequest.done_on) <= col(ServiceRequest.due_on))
        return stmt
