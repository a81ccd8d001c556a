"""First start: set up this office, or open the sample town."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import ValidationError
from desktop_app.services.office_setup import OfficePlan, check_plan

ERROR_STYLE = "color: #b3261e;"


class WelcomeDialog(QDialog):
    """``choice`` is "office" (with ``plan``) or "sample" after the dialog is accepted."""

    def __init__(self, db_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("欢迎使用联建台账")
        self.resize(560, 560)
        self.choice: str | None = None
        self.plan: OfficePlan | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(f"这台电脑上还没有数据库。\n数据库将保存在：{db_path}")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        office = QGroupBox("设置本值班室")
        form = QFormLayout(office)
        # Placeholders, not values: the sample's 大王镇 is not the user's town.
        self.town = QLineEdit()
        self.town.setPlaceholderText("例如：大王镇")
        self.county = QLineEdit()
        self.county.setPlaceholderText("例如：广饶县")
        self.cluster = QLineEdit()
        self.cluster.setPlaceholderText("例如：黄璩联合党总支")
        self.villages = QPlainTextEdit()
        self.villages.setPlaceholderText("每行一个村，第一个为中心村，例如：\n黄璩村\n韩璩村\n杨璩村\n黄店村")
        self.office = QLineEdit()
        self.office.setPlaceholderText("例如：黄璩中心村值班室")
        self.errors: dict[str, QLabel] = {}
        for name, label, widget in (("town", "镇", self.town), ("county", "县", self.county),
                                    ("cluster", "联合党组织", self.cluster),
                                    ("villages", "所辖村", self.villages),
                                    ("office", "值班室名称", self.office)):
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.hide()
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(label, box)
            self.errors[name] = error
        set_up = QPushButton("设置本值班室")
        set_up.clicked.connect(self.choose_office)
        form.addRow("", set_up)
        layout.addWidget(office)

        sample = QGroupBox("先看看示例")
        row = QHBoxLayout(sample)
        row.addWidget(QLabel("打开一个编造的示例镇（29 个联合党组织、97 个村），\n"
                             "用来熟悉操作。"), 1)
        open_sample = QPushButton("打开示例镇")
        open_sample.clicked.connect(self.choose_sample)
        row.addWidget(open_sample)
        layout.addWidget(sample)

    def choose_office(self) -> None:
        for label in self.errors.values():
            label.hide()
        plan = OfficePlan(self.town.text(), self.county.text(), self.cluster.text(),
                          self.villages.toPlainText().splitlines(), self.office.text())
        try:
            self.plan = check_plan(plan)
        except ValidationError as error:
            self.errors[error.field].setText(error.message)
            self.errors[error.field].show()
            return
        self.choice = "office"
        self.accept()

    def choose_sample(self) -> None:
        self.choice = "sample"
        self.accept()
