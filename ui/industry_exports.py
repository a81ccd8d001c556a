"""Word documents the 产业 and 人才 lists offer (``ui.exports.ExportAction``)."""

from __future__ import annotations

from desktop_app.services import ListQuery
from ui.exports import ExportAction, of_record

SHEETS = "desktop_app.documents.industry_sheets"


def _talent_register(services, _record_id, query: ListQuery, path, _progress=None):
    from desktop_app.documents.industry_sheets import export_talent_register

    return export_talent_register(services, path, cluster_id=query.cluster_id,
                                  pool=query.status)


PROJECT_EXPORTS = [ExportAction(
    "产业项目卡", "产业项目卡-{title}.docx",
    of_record("desktop_app.documents.project_card:export_project_card"))]
COOPERATIVE_EXPORTS = [ExportAction("联系走访记录表", "联系走访记录表-{title}.docx",
                                    of_record(f"{SHEETS}:export_liaison_sheet"))]
WORKSHOP_EXPORTS = [ExportAction("月度台账", "共富工坊月度台账-{title}.docx",
                                 of_record(f"{SHEETS}:export_workshop_ledger"))]
TALENT_EXPORTS = [ExportAction("人才名册（按当前筛选）", "人才名册.docx", _talent_register,
                               needs_selection=False)]
TRAINING_EXPORTS = [ExportAction(
    "培训签到表", "培训签到表-{title}.docx",
    of_record("desktop_app.documents.training_sign_in:export_training_sign_in"))]
