"""自评: a central village office files its cluster's self-report for the newest quarter
(what it did, the points it claims, the records that show it); the town reads them all."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.services import Services
from ui.assessment_tables import fill, read_only_table
from ui.background import off_thread, run_in_background, show_error


def _newest(services: Services) -> tuple[str | None, list[dict[str, Any]]]:
    quarters = services.assessment.quarters()
    if not quarters:
        return None, []
    quarter = quarters[0]["quarter"]
    return quarter, services.assessment.self_reports(quarter)


class SelfReportTab(QWidget):
    def __init__(self, services: Services, office_cluster: str | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.quarter: str | None = None
        self.heading = QLabel("正在读取…")
        self.heading.setWordWrap(True)
        self.table = read_only_table(["联合党组织", "自评得分", "佐证记录", "自评情况"], stretch=3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("本季度完成的主要工作，例如：召开联席会议 3 次")
        self.summary.setMaximumHeight(90)
        self.points = QLineEdit()
        self.points.setPlaceholderText("例如：92")
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText("佐证记录的 ID，多个用空格或逗号分开（可从记录中复制）")
        self.submit = QPushButton("报送自评")
        self.submit.clicked.connect(self.send)
        self.form: QWidget | None = None
        if office_cluster:  # only a central village office reports; the town reads
            self.form = QWidget()
            form = QFormLayout(self.form)
            form.addRow("自评情况", self.summary)
            form.addRow("自评得分", self.points)
            form.addRow("佐证记录", self.evidence)
            form.addRow("", self.submit)
            layout.addWidget(self.form)

    def refresh(self) -> None:
        services = self.services
        run_in_background(self, lambda _p: _newest(services), on_done=self._show)

    def _show(self, found: tuple[str | None, list[dict[str, Any]]]) -> None:
        self.quarter, reports = found
        if self.quarter is None:
            self.heading.setText("还没有擂台比武方案，暂不能报送自评。")
            self.submit.setEnabled(False)
            return
        # The newest quarter, whichever the quarter box above shows (an office sees only
        # finished quarters there, and reports on the one under way).
        self.heading.setText(f"正在评比的 {self.quarter} 季度的自评（{len(reports)} 份）")
        fill(self.table, [[r["cluster"], "" if r["claimed_points"] is None
                           else f"{r['claimed_points']:g}", len(r["evidence"]), r["summary"]]
                          for r in reports], [r["id"] for r in reports], numeric=(1, 2))

    def send(self) -> bool:
        """File the self-report; a refused value is shown and nothing is written."""
        if self.quarter is None:
            return False
        values: dict[str, Any] = {"summary": self.summary.toPlainText().strip(),
                                  "evidence": "\n".join(re.split(r"[\s,，、]+",
                                                                 self.evidence.text().strip()))}
        text = self.points.text().strip()
        try:
            if text:
                values["claimed_points"] = float(text)
            services = off_thread(self.services)
            values["scheme_id"] = services.assessment.scheme_id(self.quarter)
            services.self_reports.create(**values)
        except ValueError:
            self.heading.setText(f"自评得分应为数字，收到：{text}")
            return False
        except Exception as error:  # noqa: BLE001 (shown to the person; nothing written)
            show_error(self, error)
            return False
        self.summary.clear()
        self.points.clear()
        self.evidence.clear()
        self.refresh()
        return True
