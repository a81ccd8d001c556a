"""人才: the lists of 人才库 (人才库, 鸿雁, 青雁), 青雁轮岗 and 培训 on one page of tabs."""

from __future__ import annotations

from desktop_app.records.types import field_choices
from desktop_app.records.types.talent import WHEREABOUTS
from desktop_app.services import Services
from ui.forms.talent_forms import RotationForm, TalentForm, TrainingForm
from ui.industry_exports import TALENT_EXPORTS, TRAINING_EXPORTS
from ui.list_page import ExtraFilter, ListPage, ListSpec
from ui.record_model import declared_columns
from ui.summary_tabs import SummaryTabsPage

ENDING_SOON = 31  # days: "一个月内期满"

TALENTS = ListSpec(
    title="人才库",
    service="talents",
    columns=declared_columns("talent_profile"),
    form=TalentForm,
    statuses=field_choices("talent_profile", "pool"),
    villages=False,
    search_hint="搜索：特长、备注（Ctrl+F）",
    extra_filters=[ExtraFilter("whereabouts", "在村和在外", WHEREABOUTS)],
    exports=TALENT_EXPORTS,
)

ROTATIONS = ListSpec(
    title="青雁轮岗",
    service="rotations",
    columns=declared_columns("post_rotation"),
    form=RotationForm,
    statuses=field_choices("post_rotation", "post"),
    villages=False,
    date_label="开始",
    search_hint="搜索：备注（Ctrl+F）",
    extra_filters=[ExtraFilter("ending_within", "全部轮岗", {ENDING_SOON: "一个月内期满"})],
)

TRAININGS = ListSpec(
    title="培训",
    service="trainings",
    columns=declared_columns("training_session"),
    form=TrainingForm,
    villages=False,
    date_label="培训",
    search_hint="搜索：培训主题、主讲人、地点（Ctrl+F）",
    exports=TRAINING_EXPORTS,
)


class TalentPage(SummaryTabsPage):
    """Tabs 人才库, 青雁轮岗, 培训 and 概况 under the summary line."""

    tabs_spec = (("人才库", TALENTS), ("青雁轮岗", ROTATIONS), ("培训", TRAININGS))

    @property
    def talents(self) -> ListPage:
        return self.lists["人才库"]

    @property
    def rotations(self) -> ListPage:
        return self.lists["青雁轮岗"]

    @property
    def trainings(self) -> ListPage:
        return self.lists["培训"]

    @staticmethod
    def summarise(services: Services, cluster_id: str | None):
        from desktop_app.reports.industry import talent_summary

        return talent_summary(services, cluster_id)

    def make_charts(self):
        from ui.industry_charts import talent_charts

        return talent_charts()
