"""The two small editors of 修改方案: a group (name, weight) and an indicator (its group,
code, name, source picked by its Chinese name, scoring rule and the rule's parameters).
They edit drafts in memory (``services.assessment_scheme``); nothing is saved until the
scheme dialog's 保存. A bad entry is named under the fields and the editor stays open."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.assessment.registry import MANUAL_SOURCES, SOURCES, source_labels
from desktop_app.assessment.rules import RULE_LABELS
from desktop_app.services.assessment_scheme import GroupDraft, IndicatorDraft
from ui import theme
from ui.widgets import ChoiceCombo

ERROR_STYLE = "color: #c62828;"
BANDS_HINT = "写法：95:10，90:8，80:6（数值达到 95 得 10 分，达到 90 得 8 分……）"


def _buttons(dialog: QDialog, accept: Any) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _problem_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    return label


class GroupEditor(QDialog):
    """A new group, or ``group`` changed in place on OK."""

    def __init__(self, group: GroupDraft | None, taken: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = group
        self.taken = set(taken) - ({group.name} if group else set())
        self.setWindowTitle("修改指标类别" if group else "新增指标类别")
        self.name = QLineEdit(group.name if group else "")
        self.name.setPlaceholderText("例如：产业发展")
        self.weight = QDoubleSpinBox()
        self.weight.setRange(0, 100)
        self.weight.setDecimals(1)
        self.weight.setSuffix(" 分")
        self.weight.setValue(group.weight if group else 0)
        form = QFormLayout()
        form.addRow("类别名称", self.name)
        form.addRow("权重", self.weight)
        self.problem = _problem_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("各类别权重合计须为 100 分，可在保存方案前调整。"))
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, self.check))

    def check(self) -> bool:
        name = self.name.text().strip()
        if not name:
            self.problem.setText("请填写类别名称")
        elif name in self.taken:
            self.problem.setText(f"已有指标类别“{name}”")
        else:
            self.accept()
            return True
        return False

    def result_draft(self, key: str) -> GroupDraft:
        if self.group is None:
            return GroupDraft(key, self.name.text().strip(), self.weight.value())
        self.group.name, self.group.weight = self.name.text().strip(), self.weight.value()
        return self.group


def parse_bands(text: str) -> list[list[float]]:
    """``"95:10，90:8"`` -> [[95, 10], [90, 8]]; a bad one raises ValueError."""
    bands = []
    for part in re.split(r"[，,；;\s]+", text.strip()):
        if not part:
            continue
        threshold, _, points = part.replace("：", ":").partition(":")
        bands.append([float(threshold), float(points)])
    if not bands:
        raise ValueError("no bands")
    return bands


def bands_text(bands: Sequence[Sequence[float]]) -> str:
    return "，".join(f"{t:g}:{p:g}" for t, p in bands)


class IndicatorEditor(QDialog):
    """A new indicator, or ``spec`` changed in place on OK."""

    def __init__(self, spec: IndicatorDraft | None, groups: Sequence[GroupDraft],
                 taken_codes: Sequence[str], group_key: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.taken = set(taken_codes) - ({spec.code} if spec else set())
        self.setWindowTitle("修改考核指标" if spec else "新增考核指标")
        self.setMinimumWidth(theme.px(520))
        self.group = ChoiceCombo([(g.key, g.name) for g in groups])
        self.group.set_key(spec.group if spec else group_key)
        self.code = QLineEdit(spec.code if spec else "")
        self.code.setPlaceholderText("例如：C2")
        self.name = QLineEdit(spec.name if spec else "")
        labels = source_labels()
        automatic = sorted((k for k in labels if k not in MANUAL_SOURCES),
                           key=lambda k: labels[k])
        self.source = ChoiceCombo([(k, f"{labels[k]}（人工）") for k in MANUAL_SOURCES]
                                  + [(k, labels[k]) for k in automatic])
        self.source.set_key(spec.source if spec else "jury")
        self.source_hint = QLabel()
        self.source_hint.setWordWrap(True)
        self.rule = ChoiceCombo(RULE_LABELS.items())
        self.rule.set_key(spec.rule if spec else "direct")
        self.max_points = QDoubleSpinBox()
        self.max_points.setRange(0, 100)
        self.max_points.setDecimals(1)
        self.max_points.setSuffix(" 分")
        self.max_points.setValue(spec.max_points if spec else 10)
        params = dict(spec.params) if spec else {}
        self.step = QDoubleSpinBox()
        self.step.setRange(0, 100)
        self.step.setDecimals(2)
        self.step.setSpecialValueText("满分 ÷ 联合党组织数")
        self.step.setValue(float(params.get("step", 0) or 0))
        self.bands = QLineEdit(bands_text(params.get("bands", [])))
        self.bands.setPlaceholderText(BANDS_HINT)
        self.bands.setToolTip(BANDS_HINT)
        self.per_event = QDoubleSpinBox()
        self.per_event.setRange(0, 100)
        self.per_event.setDecimals(1)
        self.per_event.setValue(float(params.get("per_event", 1)))
        self.lower_better = QCheckBox("数值越小越好（如用时、事件数）")
        self.lower_better.setChecked(bool(params.get("lower_better")))
        self.params = params
        self.form = QFormLayout()
        self.form.addRow("指标类别", self.group)
        self.form.addRow("编号", self.code)
        self.form.addRow("指标名称", self.name)
        self.form.addRow("来源", self.source)
        self.form.addRow("", self.source_hint)
        self.form.addRow("计分规则", self.rule)
        self.form.addRow("满分", self.max_points)
        self.form.addRow("每降一名少得", self.step)
        self.form.addRow("区间", self.bands)
        self.form.addRow("每次扣分", self.per_event)
        self.form.addRow("", self.lower_better)
        self.problem = _problem_label()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, self.check))
        self.source.currentIndexChanged.connect(self._source_chosen)
        self.rule.currentIndexChanged.connect(self._rule_chosen)
        self._source_chosen(fill_in=False)
        self._rule_chosen()

    def _source_chosen(self, _index: int = 0, *, fill_in: bool = True) -> None:
        key = self.source.key()
        source = SOURCES.get(key)
        if key in MANUAL_SOURCES:
            self.source_hint.setText("由评委（或实地查看人员）按评分表打分，计分规则通常为"
                                     "“按评分直接计分”。")
        elif source is not None:
            self.source_hint.setText(f"{source.hint}（单位：{source.unit or '—'}）")
        # a wrapped label in a form gets the height of one width too wide: ask for its own
        self.source_hint.setMinimumHeight(self.source_hint.heightForWidth(theme.px(380)))
        self.adjustSize()
        if fill_in and not self.name.text().strip():
            self.name.setText(source_labels().get(key, ""))
        if fill_in and key in MANUAL_SOURCES:
            self.rule.set_key("direct")
        if fill_in and source is not None:
            self.lower_better.setChecked(source.lower_better)
            if self.rule.key() == "direct":
                self.rule.set_key("proportional")

    def _rule_chosen(self, _index: int = 0) -> None:
        rule = self.rule.key()
        for widget, shown in ((self.step, rule == "rank"), (self.bands, rule == "bands"),
                              (self.per_event, rule == "deduct"),
                              (self.lower_better, rule in ("rank", "proportional", "bands"))):
            self.form.setRowVisible(widget, shown)
        self.adjustSize()

    def _chosen_params(self) -> dict[str, Any]:
        rule = self.rule.key()
        params = {k: v for k, v in self.params.items()
                  if k not in ("step", "bands", "per_event", "lower_better")}
        if rule == "rank" and self.step.value() > 0:
            params["step"] = self.step.value()
        if rule == "bands":
            params["bands"] = parse_bands(self.bands.text())
        if rule == "deduct":
            params["per_event"] = self.per_event.value()
        if rule in ("rank", "proportional", "bands") and self.lower_better.isChecked():
            params["lower_better"] = True
        if rule != "rank":
            params.pop("points", None)
        return params

    def check(self) -> bool:
        code, name = self.code.text().strip(), self.name.text().strip()
        problem = ""
        if not code or not name:
            problem = "请填写编号和指标名称"
        elif code in self.taken:
            problem = f"指标编号“{code}”已用过"
        elif self.max_points.value() <= 0:
            problem = "满分应大于 0"
        elif self.rule.key() == "deduct" and self.per_event.value() <= 0:
            problem = "每次扣分应大于 0"
        else:
            try:
                self._chosen_params()
            except ValueError:
                problem = f"区间写得不对。{BANDS_HINT}"
        self.problem.setText(problem)
        if problem:
            return False
        self.accept()
        return True

    def result_draft(self) -> IndicatorDraft:
        values = dict(group=self.group.key(), code=self.code.text().strip(),
                      name=self.name.text().strip(), source=self.source.key(),
                      rule=self.rule.key(), max_points=self.max_points.value(),
                      params=self._chosen_params())
        if self.spec is None:
            return IndicatorDraft(**values)
        for name, value in values.items():
            setattr(self.spec, name, value)
        return self.spec
