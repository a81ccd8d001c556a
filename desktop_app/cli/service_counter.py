"""便民服务代办: ``service-item`` (the town's catalogue) and ``service`` (the counter's
register), each add / list / show / update / delete / restore."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.crud import Crud, ListFilter, add_register_document
from desktop_app.cli.parser import choices_help
from desktop_app.records.governance_words import SERVICE_STATUSES
from desktop_app.records.types.governance import SERVICE_ITEM, SERVICE_REQUEST

ITEMS = Crud("service-item", SERVICE_ITEM, "service_items",
             help="便民服务事项目录（镇里维护，同步到各中心村）", filters=(
    ListFilter("department", "该部门的事项，例如 民政", extra="department"),
))

REQUESTS = Crud("service", SERVICE_REQUEST, "service_requests", dated=True,
                help="便民服务代办登记（群众的事我来办）", filters=(
    ListFilter("cluster", "该联合党组织的代办登记", query="cluster_id"),
    ListFilter("village", "该村的代办登记", query="village_id"),
    ListFilter("status", f"状态：{choices_help(SERVICE_STATUSES)}", query="status",
               parse_as=lambda value: parse.choice(value, SERVICE_STATUSES, "状态")),
    ListFilter("item", "该事项的代办登记", extra="item_id"),
    ListFilter("agent", "该代办员的代办登记", extra="agent_id"),
    ListFilter("overdue", "只列出超过办结时限仍未办结的", query="overdue", flag=True),
    ListFilter("poor", "只列出差评（不满意、非常不满意）的", extra="poor", flag=True),
))


def register(commands) -> None:
    ITEMS.register(commands)
    requests = REQUESTS.register(commands)
    add_register_document(requests, "register", "导出便民服务代办登记簿（Word，电话遮盖）",
                          "便民服务代办登记簿",
                          "desktop_app.documents.declared_register:export_service_register",
                          dated="受理日期")
