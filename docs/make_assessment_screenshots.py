"""Screenshots of the 擂台比武 page (town PC and a central village office) at 1024×700.

Run from the project folder::

    .venv/bin/python docs/make_assessment_screenshots.py

Builds the sample town in a temporary file and saves ``docs/screenshots/assessment_*.png``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QElapsedTimer  # noqa: E402

from desktop_app.demo import build_demo  # noqa: E402
from desktop_app.services import Services  # noqa: E402
from desktop_app.storage.database import Database  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.assessment_page import AssessmentPage  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
TODAY = date(2026, 12, 2)


def wait(until: Callable[[], bool], ms: int = 20000) -> None:
    timer = QElapsedTimer()
    timer.start()
    while not until() and timer.elapsed() < ms:
        QCoreApplication.processEvents()


def page_for(services: Services) -> AssessmentPage:
    page = AssessmentPage(services)
    page.resize(1024, 700)
    page.show()
    loaded: list[bool] = []
    page.loaded.connect(lambda: loaded.append(True))
    wait(lambda: bool(loaded))
    return page


def settle(ms: int = 600) -> None:
    timer = QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QCoreApplication.processEvents()


def main() -> None:
    make_application()
    with tempfile.TemporaryDirectory() as work:
        db = Database(Path(work) / "demo.db")
        build_demo(db, today=TODAY)
        office = db.node.cluster_id
        db.set_node(cluster_id=None)  # the town PC
        services = Services(db)
        page = page_for(services)
        page.quarter.setCurrentIndex(1)  # the last finalised quarter
        settle(1500)
        page.ranking.selectRow(0)
        settle(300)
        page.grab().save(str(OUT / "assessment_results.png"))
        page.ranking.selectRow(0)
        settle(300)
        dialog = page.open_evidence(3)  # B1 任务按期解决率 of the flag holder
        assert dialog is not None
        wait(lambda: bool(dialog.rows))
        settle(300)
        dialog.grab().save(str(OUT / "assessment_evidence.png"))
        dialog.close()
        page.tabs.setCurrentIndex(1)
        page.quarter.setCurrentIndex(0)  # the draft: scores may still be entered
        settle(2000)
        page.grab().save(str(OUT / "assessment_scores.png"))
        page.tabs.setCurrentIndex(3)
        settle(300)
        page.grab().save(str(OUT / "assessment_flags.png"))
        page.tabs.setCurrentIndex(4)
        settle(300)
        page.grab().save(str(OUT / "assessment_scheme.png"))
        dialog = page.edit_scheme()
        assert dialog is not None
        settle(300)
        dialog.grab().save(str(OUT / "assessment_scheme_dialog.png"))
        dialog.reject()
        page.tabs.setCurrentIndex(page._charts_index)
        page.quarter.setCurrentIndex(1)
        settle(3000)
        page.grab().save(str(OUT / "assessment_charts.png"))
        page.close()
        db.set_node(cluster_id=office)  # a central village office: its own card
        village = page_for(Services(db))
        settle(1500)
        village.grab().save(str(OUT / "assessment_village.png"))
        village.tabs.setCurrentIndex(1)
        settle(500)
        village.grab().save(str(OUT / "assessment_self_report.png"))
        village.close()
        db.close()


if __name__ == "__main__":
    main()
