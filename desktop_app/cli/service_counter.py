"""便民服务代办: ``service-item`` (the town's catalogue) and ``service`` (the counter's
register), each add / list / show / update / delete / restore."""

from __future__ import annotations

from desktop_app.cli import parse
from desktop_app.cli.crud import Crud, ListFilter
from desktop_app.cli.parser import add_command, choices_help
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
    parser = add_command(requests, "register", "导出便民服务代办登记簿（Word，电话遮盖）",
                         service_register)
    parser.add_argument("--cluster", metavar="ID")
    parser.add_argument("--village", metavar="ID")
    parser.add_argument("--from", dest="date_from", metavar="DATE", help="受理日期不早于")
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="受理日期不晚于")
    parser.add_argument("--out", metavar="FILE.docx", required=True, help="保存到")


def service_register(ctx, args) -> None:
    from desktop_app.documents.declared_register import export_service_register

    query = ctx.query(cluster_id=args.cluster, village_id=args.village,
                      date_from=parse.date_(args.date_from, "开始日期（--from）"),
                      date_to=parse.date_(args.date_to, "结束日期（--to）"))
    written = export_service_register(ctx.services, args.out, query)
    ctx.out.message({"path": str(written)}, f"已导出便民服务代办登记簿：{written}")
