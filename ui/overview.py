"""工作台 (overview): what this database holds, and whether it is the sample town."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.services import ListQuery, Services

COUNTED = (
    ("clusters", "联合党组织"),
    ("villages", "村庄"),
    ("people", "人员"),
    ("duty", "值班记录"),
    ("agenda", "议题"),
    ("tasks", "工作任务"),
    ("meetings", "会议"),
    ("activities", "志愿服务活动"),
)


class OverviewPage(QWidget):
    def __init__(self, services: Services) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        title = QLabel(services.db.node.name or "联建台账")
        title.setObjectName("pageTitle")
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        layout.addWidget(title)
        if "示例" in (services.db.node.name or ""):
            notice = QLabel("这是示例数据：村庄、人员和事项均为演示而编造。")
            notice.setStyleSheet("color: #a15c00; background: #fff4e0; padding: 6px;")
            layout.addWidget(notice)
        form = QFormLayout()
        self.counts: dict[str, QLabel] = {}
        for name, label in COUNTED:
            total = getattr(services, name).list(ListQuery(limit=0)).total
            value = QLabel(f"{total:,}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight)
            self.counts[name] = value
            form.addRow(label + "：", value)
        overdue = services.tasks.list(ListQuery(overdue=True, limit=0)).total
        self.counts["overdue"] = QLabel(f"{overdue:,}")
        form.addRow("逾期任务：", self.counts["overdue"])
        layout.addLayout(form)
        layout.addStretch(1)
