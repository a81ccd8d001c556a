"""The 治理联抓 lists: which columns and filters each of its record types shows."""

from __future__ import annotations

from desktop_app.records.types import field_choices
from ui.exports import ExportAction, of_record
from ui.forms.governance_forms import (
    DisputeForm,
    GridForm,
    MicroGridForm,
    ServiceItemForm,
    ServiceRequestForm,
    VisitForm,
)
from ui.list_page import ListSpec
from ui.record_model import declared_columns


def _dispute_ledger(services, _record_id, query, path, _progress=None):
    from desktop_app.documents.declared_register import export_dispute_ledger

    return export_dispute_ledger(services, path, query)


def _visit_log(services, record_id, query, path, _progress=None):
    from desktop_app.documents.declared_register import export_visit_log

    micro_grid_id = services.visits.get(record_id).micro_grid_id
    return export_visit_log(services, micro_grid_id, path, query)


def _service_register(services, _record_id, query, path, _progress=None):
    from desktop_app.documents.declared_register import export_service_register

    return export_service_register(services, path, query)


DISPUTE_EXPORTS = [ExportAction("人民调解协议书", "人民调解协议书.docx",
                                of_record("desktop_app.documents.mediation:export_agreement"),
                                prints_whole="含当事人完整姓名，请妥善保管"),
                   ExportAction("矛盾纠纷排查调处台账（按当前筛选）", "矛盾纠纷排查调处台账.docx",
                                _dispute_ledger, needs_selection=False)]
VISIT_EXPORTS = [ExportAction("所选日志所在微网格的民情日志", "民情日志.docx", _visit_log)]
SERVICE_EXPORTS = [ExportAction("便民服务代办登记簿（按当前筛选）", "便民服务代办登记簿.docx",
                                _service_register, needs_selection=False)]

GRIDS = ListSpec(
    title="网格",
    service="grids",
    columns=declared_columns("grid"),
    form=GridForm,
    search_hint="搜索：网格编码或名称（Ctrl+F）",
)

MICRO_GRIDS = ListSpec(
    title="微网格",
    service="micro_grids",
    columns=declared_columns("micro_grid"),
    form=MicroGridForm,
    search_hint="搜索：微网格名称或党员中心户（Ctrl+F）",
    overdue=True,
    overdue_label="仅未按时走访",
)

VISITS = ListSpec(
    title="民情日志（入户走访）",
    service="visits",
    columns=declared_columns("grid_visit"),
    form=VisitForm,
    statuses=field_choices("grid_visit", "kind"),
    all_statuses="全部方式",
    search_hint="搜索：民情民意或发现问题中的文字（Ctrl+F）",
    date_label="走访",
    exports=VISIT_EXPORTS,
)

DISPUTES = ListSpec(
    title="矛盾纠纷排查调处",
    service="disputes",
    columns=declared_columns("dispute"),
    form=DisputeForm,
    statuses=field_choices("dispute", "status"),
    search_hint="搜索：纠纷简要情况或调解员（Ctrl+F）",
    date_label="受理",
    overdue=True,
    overdue_label="仅超过一个月未结",
    exports=DISPUTE_EXPORTS,
)

ZERO_REPORTS = ListSpec(
    title="矛盾纠纷零报告",
    service="zero_reports",
    columns=declared_columns("dispute_zero_report"),
    villages=False,
    search_hint="搜索：说明（Ctrl+F）",
    date_label="报告",
)

SERVICE_REQUESTS = ListSpec(
    title="便民服务代办登记",
    service="service_requests",
    columns=declared_columns("service_request"),
    form=ServiceRequestForm,
    statuses=field_choices("service_request", "status"),
    search_hint="搜索：办事人姓名（或拼音首字母）、办理结果（Ctrl+F）",
    date_label="受理",
    overdue=True,
    overdue_label="仅超时未办结",
    exports=SERVICE_EXPORTS,
)

SERVICE_ITEMS = ListSpec(
    title="便民服务事项目录（镇里维护）",
    service="service_items",
    columns=declared_columns("service_item"),
    form=ServiceItemForm,
    villages=False,
    clusters=False,
    search_hint="搜索：部门或事项名称（Ctrl+F）",
)
