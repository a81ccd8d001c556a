"""产业: the lists of 产业项目, 合作社 and 共富工坊 on one page of tabs."""

from __future__ import annotations

from desktop_app.records.types import field_choices
from desktop_app.services import Services
from ui.forms.industry_forms import CooperativeForm, ProjectForm, WorkshopForm
from ui.industry_exports import COOPERATIVE_EXPORTS, PROJECT_EXPORTS, WORKSHOP_EXPORTS
from ui.list_page import ListPage, ListSpec
from ui.record_model import declared_columns
from ui.summary_tabs import SummaryTabsPage

PROJECTS = ListSpec(
    title="产业项目",
    service="projects",
    columns=declared_columns("aid_project"),
    form=ProjectForm,
    statuses=field_choices("aid_project", "status"),
    date_label="开工",
    search_hint="搜索：项目名称、联农带农机制、进展（Ctrl+F）",
    exports=PROJECT_EXPORTS,
)

COOPERATIVES = ListSpec(
    title="合作社",
    service="coops",
    columns=declared_columns("cooperative"),
    form=CooperativeForm,
    statuses=field_choices("cooperative", "standing"),
    search_hint="搜索：合作社名称（或拼音首字母）、品牌、信用代码（Ctrl+F）",
    exports=COOPERATIVE_EXPORTS,
)

WORKSHOPS = ListSpec(
    title="共富工坊",
    service="workshops",
    columns=declared_columns("workshop"),
    form=WorkshopForm,
    search_hint="搜索：工坊名称（Ctrl+F）",
    exports=WORKSHOP_EXPORTS,
)


class IndustryPage(SummaryTabsPage):
    """Tabs 项目, 合作社, 共富工坊 and 概况 under the summary line."""

    tabs_spec = (("项目", PROJECTS), ("合作社", COOPERATIVES), ("共富工坊", WORKSHOPS))

    @property
    def projects(self) -> ListPage:
        return self.lists["项目"]

    @property
    def cooperatives(self) -> ListPage:
        return self.lists["合作社"]

    @property
    def workshops(self) -> ListPage:
        return self.lists["共富工坊"]

    @staticmethod
    def summarise(services: Services, cluster_id: str | None):
        from desktop_app.reports.industry import industry_summary

        return industry_summary(services, cluster_id)

    def make_charts(self):
        from ui.industry_charts import industry_charts

        return industry_charts()
