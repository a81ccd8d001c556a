"""擂台比武: the quarter's ranking with every figure's evidence, the score-entry grid, the
流动红旗 history, the scheme and the charts. The town PC sees and enters everything; a
central village office sees the published (finalised) quarters and its own cluster's card.
All figures come from ``services.assessment`` on a worker thread."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.assessment.flags import CHANGE_LABELS
from desktop_app.assessment.ranking import TIE_RULE
from desktop_app.records.types.assessment import FLAG_MODES, RULES
from desktop_app.services import Services
from ui import icons
from ui.assessment_tables import fill, number, read_only_table, selected_key
from ui.background import off_thread, run_in_background, show_error
from ui.first_paint import after_first_paint
from ui.lazy_pane import LazyPane

if TYPE_CHECKING:  # matplotlib loads when the 图表 tab is first shown
    from ui.assessment_chart_tab import ChartsTab

RED, GREY = "#c62828", "#616161"


def _load_quarter(services: Services, quarter: str) -> dict[str, Any]:
    assessment = services.assessment
    return {"view": assessment.view(quarter), "names": assessment.cluster_names(),
            "flags": assessment.flag_history()}


class AssessmentPage(QWidget):
    """``loaded`` fires when a quarter's figures are shown."""

    loaded = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.own_cluster = services.sync.office().cluster_id  # None at the town PC
        self.view: Any = None
        self.names: dict[str, str] = {}
        self.quarter = QComboBox()
        self.quarter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.quarter.currentIndexChanged.connect(self._quarter_chosen)
        self.state = QLabel("正在读取…")
        self.state.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("季度"))
        top.addWidget(self.quarter)
        top.addWidget(self.state, 1)
        self.new_button = icons.with_icon(QPushButton("新建季度"), "新建")
        self.new_button.setToolTip("新建下一季度的方案：沿用最近一季度的指标、权重和流动红旗规则")
        self.new_button.clicked.connect(self.new_quarter)
        self.finalise_button = QPushButton("定稿…")
        self.finalise_button.setToolTip("定稿后该季度的得分不再改变，随同步文件发布到各值班室")
        self.finalise_button.clicked.connect(self.finalise)
        if self.own_cluster is None:  # only the town writes
            top.addWidget(self.new_button)
            top.addWidget(self.finalise_button)

        self.ranking = read_only_table(["名次", "联合党组织", "总分"], stretch=1)
        self.ranking.itemSelectionChanged.connect(self._cluster_chosen)
        self.card_title = QLabel()
        self.card = read_only_table(["类别", "指标", "数值", "得分", "满分", "佐证记录"], stretch=1)
        self.card.setToolTip("双击一行，查看该项得分所依据的记录")
        self.card.cellDoubleClicked.connect(lambda row, _col: self.open_evidence(row))
        card_box = QWidget()
        card_layout = QVBoxLayout(card_box)
        card_layout.setContentsMargins(0, 0, 0, 0)
        card_layout.addWidget(self.card_title)
        card_layout.addWidget(self.card, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.ranking)
        split.addWidget(card_box)
        split.setSizes([320, 260])
        self.lists = QLabel()
        self.lists.setWordWrap(True)
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.addWidget(split, 1)
        results_layout.addWidget(self.lists)

        self.flag_table = read_only_table(["季度", "流动红旗", "", "上季度持旗"], stretch=3)
        self.scheme_text = QLabel()
        self.scheme_text.setWordWrap(True)
        self.scheme_table = read_only_table(["类别（权重）", "指标", "来源", "计分规则", "满分"],
                                            stretch=1)
        scheme = QWidget()
        scheme_layout = QVBoxLayout(scheme)
        self.edit_button = QPushButton("修改权重与流动红旗规则…")
        self.edit_button.clicked.connect(self.edit_scheme)
        if self.own_cluster is None:
            scheme_layout.addWidget(self.edit_button)
        scheme_layout.addWidget(self.scheme_text)
        scheme_layout.addWidget(self.scheme_table, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(results, "排名与得分" if not self.own_cluster else "排名与本组织得分")
        self.grid: Any = None
        if self.own_cluster is None:
            from ui.assessment_grid import ScoreGrid

            self.grid = ScoreGrid(services)
            self.grid.saved.connect(self._quarter_chosen)
            self.tabs.addTab(self.grid, "评分录入")
        from ui.assessment_reports import SelfReportTab

        self.reports = SelfReportTab(services, self.own_cluster)
        self.tabs.addTab(self.reports, "自评")
        self.tabs.addTab(self.flag_table, "流动红旗")
        self.tabs.addTab(scheme, "方案")
        self.charts_pane = LazyPane(self._make_charts)  # matplotlib waits for the tab
        self._charts_index = self.tabs.addTab(self.charts_pane, "图表")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self._shown_before = False

    # --- loading ----------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if not self._shown_before:
            self._shown_before = True
            after_first_paint(self, self.refresh)

    def refresh(self) -> None:
        services = self.services
        self.reports.refresh()
        run_in_background(self, lambda _p: services.assessment.quarters(),
                          on_done=self._show_quarters)

    def _show_quarters(self, quarters: list[dict[str, Any]]) -> None:
        if self.own_cluster:  # an office sees the published (finalised) quarters
            quarters = [q for q in quarters if q["status"] == "final"]
        chosen = self.quarter.currentData()
        self.quarter.blockSignals(True)
        self.quarter.clear()
        for q in quarters:
            word = "已定稿" if q["status"] == "final" else "草稿"
            self.quarter.addItem(f"{q['quarter']}（{word}）", q["quarter"])
        if chosen is not None and self.quarter.findData(chosen) >= 0:
            self.quarter.setCurrentIndex(self.quarter.findData(chosen))
        self.quarter.blockSignals(False)
        if not quarters:
            hint = ("镇里定稿后，随同步文件送达。" if self.own_cluster
                    else "请用“lianjian-cli assess scheme new”新建季度方案。")
            self.state.setText("还没有擂台比武。" + hint)
            self.loaded.emit()
            return
        self._quarter_chosen()

    def _quarter_chosen(self, *_args) -> None:
        quarter = self.quarter.currentData()
        if not quarter:
            return
        self.state.setText("正在计算…")
        services = self.services
        run_in_background(self, lambda _p: _load_quarter(services, quarter),
                          on_done=self._show_quarter,
                          on_error=lambda error: self.state.setText(str(error)))

    def _show_quarter(self, data: dict[str, Any]) -> None:
        view = self.view = data["view"]
        self.names = data["names"]
        if view.final:
            state = f"已定稿（{view.finalised_by}，{view.finalised_at:%Y-%m-%d}）"
            if view.late_records:
                state += f"；定稿后又收到 {view.late_records} 条本季度记录，得分不变"
        else:
            state = "草稿：随记录和评分实时计算"
        self.state.setText(f"{view.title} · 第 {view.scheme_version} 版 · {state}")
        self.finalise_button.setEnabled(not view.final)
        self.edit_button.setEnabled(not view.final)
        if self.charts is not None:
            self.charts.show_quarter(view)
        self._fill_ranking()
        self._fill_flags(data["flags"])
        self._fill_scheme()
        if self.grid is not None:
            self.grid.show_quarter(view, self.names)
        self.loaded.emit()

    def _fill_ranking(self) -> None:
        view = self.view
        groups = [g.name for g in view.groups]
        headers = ["名次", "联合党组织", "总分", *groups, "加分", "扣分", "说明"]
        self.ranking.setColumnCount(len(headers))
        self.ranking.setHorizontalHeaderLabels(headers)
        previous = selected_key(self.ranking)
        rows, keys, colours = [], [], []
        for c in view.result.clusters:
            flag = c.cluster_id in view.result.flags
            note = "流动红旗" if flag else ("一票否决：" + c.veto_reason if c.vetoed else "")
            rows.append([c.rank, c.name, number(c.total),
                         *[number(c.groups.get(g.id)) for g in view.groups],
                         number(c.bonus) if c.bonus else "", number(c.penalty) if c.penalty
                         else "", note])
            keys.append(c.cluster_id)
            colours.append(RED if flag else (GREY if c.vetoed else None))
        self.ranking.blockSignals(True)
        fill(self.ranking, rows, keys, numeric=range(2, 5 + len(groups)), colours=colours)
        self.ranking.blockSignals(False)
        names = self.names
        self.lists.setText(
            f"流动红旗：{'、'.join(names.get(k, k) for k in view.result.flags) or '空缺'}；"
            f"红榜：{'、'.join(names.get(k, k) for k in view.result.red)}；"
            f"黑榜：{'、'.join(names.get(k, k) for k in view.result.black)}。"
            f"并列规则：{TIE_RULE}")
        wanted = self.own_cluster or previous or (keys[0] if keys else None)
        if wanted in keys:
            self.ranking.blockSignals(True)
            self.ranking.selectRow(keys.index(wanted))
            self.ranking.blockSignals(False)
            self._cluster_chosen()

    def _cluster_chosen(self) -> None:
        cluster_id = selected_key(self.ranking)
        if cluster_id is None or self.view is None:
            return
        view = self.view
        cluster = view.result.by_cluster(cluster_id)
        groups = {g.id: g.name for g in view.groups}
        self.card_title.setText(f"{cluster.name}：第 {cluster.rank} 名，总分 "
                                f"{cluster.total:g}（双击一项查看依据的记录）")
        rows = []
        for spec in view.indicators:
            found = cluster.indicators.get(spec.id)
            if found is None:
                continue
            rows.append([groups.get(spec.group_id, ""), spec.name, number(found.figure),
                         number(found.points), number(spec.max_points),
                         len(found.evidence) if spec.source not in ("jury", "inspection")
                         else "评委评分"])
        fill(self.card, rows, [s.id for s in view.indicators], numeric=(2, 3, 4, 5))
        if self.charts is not None:
            self._chart_cluster(self.charts, cluster_id)

    def _fill_flags(self, history) -> None:
        names = self.names
        rows = [[h.quarter, names.get(h.holder, h.holder), CHANGE_LABELS[h.change],
                 "、".join(names.get(p, p) for p in h.previous)] for h in reversed(history)]
        fill(self.flag_table, rows)

    def _fill_scheme(self) -> None:
        view = self.view
        rule = view.flag_rule
        self.scheme_text.setText(
            f"{view.title}（第 {view.scheme_version} 版）。流动红旗 {rule.count} 面，最低 "
            f"{rule.min_score:g} 分，{FLAG_MODES.get(rule.mode, rule.mode)}，一票否决者"
            f"{'不得' if rule.veto_excludes else '可以'}夺旗；红榜 {rule.red} 名，黑榜 "
            f"{rule.black} 名。各类别按其指标得分占满分的比例折算为权重分。")
        from desktop_app.assessment.registry import MANUAL_SOURCES, SOURCES

        weights = {g.id: f"{g.name}（{g.weight:g}）" for g in view.groups}
        rows = [[weights.get(i.group_id, ""), i.name,
                 SOURCES[i.source].label if i.source in SOURCES
                 else MANUAL_SOURCES.get(i.source, i.source),
                 RULES.get(i.rule, i.rule), number(i.max_points)] for i in view.indicators]
        fill(self.scheme_table, rows, numeric=(4,))

    @property
    def charts(self) -> ChartsTab | None:
        """The 图表 tab, or None before it was first shown."""
        return self.charts_pane.content() if self.charts_pane.built else None

    def _make_charts(self) -> ChartsTab:
        from ui.assessment_chart_tab import ChartsTab  # imports matplotlib

        charts = ChartsTab(self.services)
        if self.view is not None:
            charts.show_quarter(self.view)
            chosen = selected_key(self.ranking)
            if chosen is not None:
                self._chart_cluster(charts, chosen)
        return charts

    def _chart_cluster(self, charts: ChartsTab, cluster_id: str) -> None:
        assert self.view is not None
        result = self.view.result
        charts.show_cluster(cluster_id, result.by_cluster(cluster_id).name, len(result.clusters))

    # --- the town's actions ---------------------------------------------------------------
    def new_quarter(self) -> str | None:
        """The scheme of the quarter after the newest one, copied from it."""
        from desktop_app.assessment.quarters import quarter_of

        quarters = [self.quarter.itemData(i) for i in range(self.quarter.count())]
        if quarters:
            year, q = int(quarters[0][:4]), int(quarters[0][-1])
            code = f"{year + 1}Q1" if q == 4 else f"{year}Q{q + 1}"
        else:
            code = quarter_of(date.today())
        try:
            off_thread(self.services).assessment.new_quarter(code)
        except Exception as error:  # noqa: BLE001 (shown to the person; nothing written)
            show_error(self, error)
            return None
        self.state.setText(f"已新建 {code} 的方案。")
        self.refresh()
        return code

    def finalise(self) -> bool:
        """定稿 the chosen quarter after asking who finalises it and confirming."""
        if self.view is None or self.view.final:
            return False
        by, given = QInputDialog.getText(self, "定稿", f"{self.view.quarter} 定稿人：",
                                         text="镇党委书记")
        if not given or not by.strip():
            return False
        answer = QMessageBox.question(
            self, "定稿", f"确定将 {self.view.quarter} 定稿吗？定稿后得分不再改变，"
                          "评分和加减分也不能再修改。")
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            off_thread(self.services).assessment.finalise(self.view.quarter, by.strip())
        except Exception as error:  # noqa: BLE001 (shown to the person; nothing written)
            show_error(self, error)
            return False
        self.refresh()
        return True

    def edit_scheme(self) -> QDialog | None:
        if self.view is None or self.view.final:
            return None
        from ui.assessment_scheme_dialog import SchemeDialog

        dialog = SchemeDialog(self.services, self.view, self)
        dialog.accepted.connect(self._quarter_chosen)
        dialog.open()
        return dialog

    # --- evidence ---------------------------------------------------------------------
    def open_evidence(self, row: int) -> QDialog | None:
        """The records behind one figure of the chosen cluster, in a window of its own."""
        cluster_id = selected_key(self.ranking)
        item = self.card.item(row, 0)
        if cluster_id is None or item is None or self.view is None:
            return None
        indicator_id = item.data(Qt.ItemDataRole.UserRole)
        from ui.assessment_evidence import EvidenceDialog

        dialog = EvidenceDialog(self.services, self.view, cluster_id, indicator_id, self)
        dialog.show()
        return dialog
