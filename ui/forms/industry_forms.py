"""Forms of 产业联营: a project (with its funds and each village's share in 万元), a
cooperative, a 共富工坊 (with its months)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop_app.records.types.industry import FUND_SOURCES
from ui.forms.cluster_record_form import ClusterRecordForm
from ui.forms.rows_table import RowColumn, RowsTable


class ProjectForm(ClusterRecordForm):
    title_new, title_edit = "新建产业项目", "编辑产业项目"
    service_name, record_table = "projects", "aid_project"
    people_fields = ("leader_id",)
    form_size = (720, 640)

    def build_rows(self) -> None:
        """资金来源 and 各村出资 side by side: the form fits a 1024×768 screen."""
        self.funds = RowsTable([RowColumn("资金来源", "words", [(s, s) for s in FUND_SOURCES],
                                          width=120), RowColumn("金额", "wan")], visible_rows=3)
        self.shares = RowsTable([RowColumn("出资村", "choice", width=110),
                                 RowColumn("出资", "wan")], visible_rows=3)
        both = QWidget()
        row = QHBoxLayout(both)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.funds)
        row.addWidget(self.shares)
        assert self.declared is not None
        self.add_field("funds", both, f"{self.declared.label_of('funds')}、"
                                      f"{self.declared.label_of('shares')}")
        self.error_labels["shares"] = self.error_labels["funds"]  # one line under both

    def cluster_changed(self, cluster_id: str | None, villages: list[tuple[str, str]],
                        people: list[tuple[str, str]]) -> None:
        self.shares.set_choices(0, villages)

    def load_rows(self, record) -> None:
        self.funds.set_rows(list(self.services.projects.funds(record.id).items()))
        self.shares.set_rows(list(self.services.projects.shares(record.id).items()))

    def row_values(self) -> dict[str, Any]:
        return {"funds": dict(self.funds.rows()),
                "shares": {village: amount for village, amount in self.shares.rows()}}


class CooperativeForm(ClusterRecordForm):
    title_new, title_edit = "新建合作社", "编辑合作社"
    service_name, record_table = "coops", "cooperative"
    village_fields = ("village_id",)
    people_fields = ("cadre_id",)
    form_size = (600, 640)

    def build_rows(self) -> None:
        from ui.forms.coop_visits import VisitsBox

        self.visits = VisitsBox(self.services)
        self.form.addRow("联系走访", self.visits)
        self.visits.load(None)

    def load_rows(self, record) -> None:
        self.visits.load(record.id)


class WorkshopForm(ClusterRecordForm):
    title_new, title_edit = "新建共富工坊", "编辑共富工坊"
    service_name, record_table = "workshops", "workshop"
    village_fields = ("village_id",)
    form_size = (640, 700)

    def build_rows(self) -> None:
        self.months = RowsTable([RowColumn("月份", hint="2026-05", width=90),
                                 RowColumn("从业人数", "number", width=80),
                                 RowColumn("人均月收入（元）", "number", width=130),
                                 RowColumn("村集体收入（元）", "number")], visible_rows=3)
        self.add_field("months", self.months)

    def load_rows(self, record) -> None:
        self.months.set_rows([[month, f["employed"], f["pay"], f["income"]]
                              for month, f in self.services.workshops.months(record.id).items()])

    def row_values(self) -> dict[str, Any]:
        return {"months": {month: {"employed": employed, "pay": pay, "income": income}
                           for month, employed, pay, income in self.months.rows()}}
