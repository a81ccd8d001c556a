"""修改方案: the groups' weights (the total shown as they change, must be 100) and the
流动红旗 rule of a draft quarter, saved together."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.types.assessment import FLAG_MODES
from desktop_app.services import Services
from ui.background import off_thread, show_error
from ui.widgets import ChoiceCombo


class SchemeDialog(QDialog):
    def __init__(self, services: Services, view: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.view = view
        self.setWindowTitle(f"修改方案 · {view.quarter}")
        form = QFormLayout()
        self.weights: dict[str, QDoubleSpinBox] = {}
        for group in view.groups:
            box = QDoubleSpinBox()
            box.setRange(0, 100)
            box.setDecimals(1)
            box.setValue(group.weight)
            box.valueChanged.connect(self._update_total)
            self.weights[group.name] = box
            form.addRow(f"{group.name}（分）", box)
        self.total = QLabel()
        form.addRow("合计", self.total)
        rule = view.flag_rule
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
        form.addRow("流动红旗面数", self.flags)
        form.addRow("夺旗最低分", self.min_score)
        form.addRow("夺旗名次", self.mode)
        form.addRow("", self.veto)
        form.addRow("红榜名额", self.red)
        form.addRow("黑榜名额", self.black)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_total()

    def _update_total(self) -> None:
        total = round(sum(box.value() for box in self.weights.values()), 2)
        good = total == 100
        self.total.setText(f"{total:g} 分" + ("" if good else "（应为 100 分）"))
        self.total.setStyleSheet("" if good else "color: #c62828; font-weight: bold;")
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setEnabled(good)

    def save(self) -> bool:
        services = off_thread(self.services)
        try:
            services.assessment.set_weights(
                self.view.quarter, {name: box.value() for name, box in self.weights.items()})
            services.assess_schemes.update(
                self.view.scheme_id, flag_count=self.flags.value(),
                flag_min_score=self.min_score.value(), flag_mode=self.mode.key(),
                veto_excludes=self.veto.isChecked(), red_count=self.red.value(),
                black_count=self.black.value())
        except Exception as error:  # noqa: BLE001 (shown to the person)
            show_error(self, error)
            return False
        self.accept()
        return True
