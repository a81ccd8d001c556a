"""修改方案 of a draft quarter: its groups and indicators (added, changed, removed, each
indicator's source picked by its Chinese name with its scoring rule and parameters), the
groups' weights (the total shown as they change, must be 100) and the 流动红旗 rule — all
held in memory and saved together, or refused by name with nothing changed."""

from __future__ import annotations

from itertools import count
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.assessment.registry import source_labels
from desktop_app.assessment.rules import RULE_LABELS
from desktop_app.records.types.assessment import FLAG_MODES
from desktop_app.services import Services
from desktop_app.services.assessment_scheme import GroupDraft, IndicatorDraft
from ui import theme
from ui.assessment_scheme_editors import ERROR_STYLE, GroupEditor, IndicatorEditor
from ui.background import off_thread, show_error
from ui.widgets import ChoiceCombo

ROLE = Qt.ItemDataRole.UserRole


class SchemeDialog(QDialog):
    def __init__(self, services: Services, view: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.view = view
        self.setWindowTitle(f"修改方案 · {view.quarter}")
        self.resize(980, 640)
        self.groups, self.indicators = off_thread(services).assessment.scheme_drafts(
            view.quarter)
        self._new_keys = count(1)
        self.labels = source_labels()

        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(["类别／指标", "来源", "计分规则", "满分"])
        header = self.tree.header()
        header.setStretchLastSection(True)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self.edit_selected())
        self.tree.itemSelectionChanged.connect(self._selection_changed)
        self.add_group_button = QPushButton("新增类别…")
        self.add_group_button.clicked.connect(lambda: self.add_group())
        self.add_indicator_button = QPushButton("新增指标…")
        self.add_indicator_button.clicked.connect(lambda: self.add_indicator())
        self.edit_button = QPushButton("修改…")
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.remove_button = QPushButton("删除")
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        actions = QHBoxLayout()
        for button in (self.add_group_button, self.add_indicator_button, self.edit_button,
                       self.remove_button):
            actions.addWidget(button)
        actions.addStretch(1)
        items_box = QGroupBox("指标类别与指标（双击修改）")
        items_layout = QVBoxLayout(items_box)
        items_layout.addWidget(self.tree, 1)
        items_layout.addLayout(actions)

        self.weights: dict[str, QDoubleSpinBox] = {}  # by group name
        self.weights_form = QFormLayout()
        self.total = QLabel()
        weights_box = QGroupBox("各类别权重（合计须为 100 分）")
        weights_layout = QVBoxLayout(weights_box)
        weights_layout.addLayout(self.weights_form)
        total_row = QHBoxLayout()
        total_row.addWidget(QLabel("合计"))
        total_row.addWidget(self.total, 1)
        weights_layout.addLayout(total_row)
        flag_box = QGroupBox("流动红旗与红黑榜")
        flag_box.setLayout(self._flag_form(view.flag_rule))
        side_panel = QWidget()
        side_panel.setMaximumWidth(theme.px(330))
        side = QVBoxLayout(side_panel)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(weights_box)
        side.addWidget(flag_box)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(items_box, 1)
        body.addWidget(side_panel)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._refresh()

    def _flag_form(self, rule: Any) -> QFormLayout:
        self.flags = QSpinBox()
        self.flags.setRange(0, 29)
        self.flags.setValue(rule.count)
        self.min_score = QDoubleSpinBox()
        self.min_score.setRange(0, 200)
        self.min_score.setValue(rule.min_score)
        self.mode = ChoiceCombo(FLAG_MODES.items())
        self.mode.set_key(rule.mode)
        self.veto = QCheckBox("一票否决者不得夺旗")
        self.veto.setChecked(rule.veto_excludes)
        self.red = QSpinBox()
        self.red.setRange(0, 29)
        self.red.setValue(rule.red)
        self.black = QSpinBox()
        self.black.setRange(0, 29)
        self.black.setValue(rule.black)
        form = QFormLayout()
        form.addRow("流动红旗面数", self.flags)
        form.addRow("夺旗最低分", self.min_score)
        form.addRow("夺旗名次", self.mode)
        form.addRow("", self.veto)
        form.addRow("红榜名额", self.red)
        form.addRow("黑榜名额", self.black)
        return form

    # --- showing the drafts ----------------------------------------------------------
    def _refresh(self, select: Any = None) -> None:
        """Rebuild the tree and the weights from the drafts; select ``select`` (a draft)."""
        self.tree.clear()
        chosen = None
        for group in self.groups:
            parent = QTreeWidgetItem([group.name, "", "", f"权重 {group.weight:g}"])
            parent.setData(0, ROLE, ("group", group.key))
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            self.tree.addTopLevelItem(parent)
            chosen = parent if select is group else chosen
            for n, spec in enumerate(self.indicators):
                if spec.group != group.key:
                    continue
                scored = f"（已评分 {spec.scores} 项）" if spec.scores else ""
                item = QTreeWidgetItem([f"{spec.code} {spec.name}{scored}",
                                        self.labels.get(spec.source, spec.source),
                                        RULE_LABELS.get(spec.rule, spec.rule),
                                        f"{spec.max_points:g}"])
                item.setData(0, ROLE, ("indicator", n))
                parent.addChild(item)
                chosen = item if select is spec else chosen
        self.tree.expandAll()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._rebuild_weights()
        self._selection_changed()

    def _rebuild_weights(self) -> None:
        while self.weights_form.rowCount():
            self.weights_form.removeRow(0)
        self.weights = {}
        for group in self.groups:
            box = QDoubleSpinBox()
            box.setRange(0, 100)
            box.setDecimals(1)
            box.setValue(group.weight)
            box.valueChanged.connect(lambda value, g=group: self._weight_changed(g, value))
            self.weights[group.name] = box
            self.weights_form.addRow(f"{group.name}（分）", box)
        self._update_total()

    def _weight_changed(self, group: GroupDraft, value: float) -> None:
        group.weight = value
        for n in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(n)
            if item.data(0, ROLE) == ("group", group.key):
                item.setText(3, f"权重 {value:g}")
        self._update_total()

    def _update_total(self) -> None:
        total = round(sum(g.weight for g in self.groups), 2)
        good = total == 100
        self.total.setText(f"{total:g} 分" + ("" if good else "（应为 100 分）"))
        self.total.setStyleSheet("" if good else "color: #c62828; font-weight: bold;")
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(good)

    def _selected(self) -> tuple[str, Any] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        kind, key = item.data(0, ROLE)
        if kind == "group":
            return kind, next(g for g in self.groups if g.key == key)
        return kind, self.indicators[key]

    def _selection_changed(self) -> None:
        chosen = self._selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)
        self.add_indicator_button.setEnabled(bool(self.groups))

    # --- editing -----------------------------------------------------------------------
    def group_editor(self, group: GroupDraft | None = None) -> GroupEditor:
        return GroupEditor(group, [g.name for g in self.groups], self)

    def indicator_editor(self, spec: IndicatorDraft | None = None) -> IndicatorEditor:
        chosen = self._selected()
        key = None
        if chosen is not None:
            key = chosen[1].key if chosen[0] == "group" else chosen[1].group
        return IndicatorEditor(spec, self.groups, [i.code for i in self.indicators], key, self)

    def add_group(self, editor: GroupEditor | None = None) -> GroupDraft | None:
        editor = editor or self.group_editor()
        if editor.result() != QDialog.DialogCode.Accepted and not editor.exec():
            return None
        group = editor.result_draft(f"new-{next(self._new_keys)}")
        self.groups.append(group)
        self._refresh(group)
        return group

    def add_indicator(self, editor: IndicatorEditor | None = None) -> IndicatorDraft | None:
        editor = editor or self.indicator_editor()
        if editor.result() != QDialog.DialogCode.Accepted and not editor.exec():
            return None
        spec = editor.result_draft()
        self.indicators.append(spec)
        self._refresh(spec)
        return spec

    def edit_selected(self, editor: Any = None) -> bool:
        chosen = self._selected()
        if chosen is None:
            return False
        kind, draft = chosen
        if editor is None:
            editor = (self.group_editor(draft) if kind == "group"
                      else self.indicator_editor(draft))
        if editor.result() != QDialog.DialogCode.Accepted and not editor.exec():
            return False
        if kind == "group":
            editor.result_draft(draft.key)
        else:
            editor.result_draft()
        self._refresh(draft)
        return True

    def remove_selected(self) -> bool:
        """Take the chosen group (with its indicators) or indicator out of the drafts; one
        the judges have scored stays, and the reason is said."""
        chosen = self._selected()
        if chosen is None:
            return False
        kind, draft = chosen
        removed = ([i for i in self.indicators if i.group == draft.key] if kind == "group"
                   else [draft])
        scored = [i for i in removed if i.scores]
        if scored:
            self.problem.setText("、".join(f"“{i.code} {i.name}”" for i in scored)
                                 + f"已有评委评分 {sum(i.scores for i in scored)} 项，不能删除")
            return False
        self.indicators = [i for i in self.indicators if i not in removed]
        if kind == "group":
            self.groups = [g for g in self.groups if g is not draft]
        self.problem.clear()
        self._refresh()
        return True

    # --- saving ------------------------------------------------------------------------
    def save(self) -> bool:
        services = off_thread(self.services)
        try:
            services.assessment.save_scheme(
                self.view.quarter, self.groups, self.indicators,
                {"flag_count": self.flags.value(), "flag_min_score": self.min_score.value(),
                 "flag_mode": self.mode.key(), "veto_excludes": self.veto.isChecked(),
                 "red_count": self.red.value(), "black_count": self.black.value()})
        except Exception as error:  # noqa: BLE001 (shown to the person, nothing saved)
            self.problem.setText(str(error))
            show_error(self, error)
            return False
        self.accept()
        return True
