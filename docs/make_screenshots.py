"""Screenshots of the main screens and forms for the README, taken offscreen.

Run from the project folder::

    .venv/bin/python docs/make_screenshots.py               # builds the sample town in a temp file
    .venv/bin/python docs/make_screenshots.py --db my.db    # a copy of my.db (left untouched)
    .venv/bin/python docs/make_screenshots.py --guide       # the user guide's pictures

It starts a shift (an officer of the office's cluster) on a temporary copy of the database,
opens the main window at 1024×768 (less a 40-pixel taskbar: the duty offices' screens), and
saves each main screen and the task, agenda item (with
its 四议两公开 timeline), meeting and volunteer-activity forms to ``docs/screenshots/*.png``.
``--guide`` takes them at the same size, scaled to 760 pixels wide, into
``resources/guide/images/`` for the user guide (F1).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from desktop_app.demo import build_demo  # noqa: E402
from desktop_app.services import ListQuery, Services  # noqa: E402
from desktop_app.storage.database import Database  # noqa: E402
from ui.app import make_application  # noqa: E402
from ui.forms.activity_form import ActivityForm  # noqa: E402
from ui.forms.agenda_form import AgendaForm  # noqa: E402
from ui.forms.meeting_form import MeetingForm  # noqa: E402
from ui.forms.task_form import TaskForm  # noqa: E402
from ui.list_page import ListPage  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

SIZE = (1024, 740)  # 1024×768 less the taskbar
WIDTH = 0  # scale the pictures down to this width (0: as taken)
GUIDE_SIZE, GUIDE_WIDTH = SIZE, 760
SCREEN_FILES = {  # navigation title -> file name; other screens are saved as screen_N.png
    "工作台": "dashboard", "值班": "duty", "议题": "agenda", "任务": "tasks", "会议": "meetings",
    "志愿服务": "volunteers", "人员与村庄": "people", "同步": "sync", "设置": "settings",
    "排班": "rota", "治理": "governance", "产业": "industry", "人才": "talent",
    "擂台比武": "assessment",
}


def wait(app: QApplication, done: Callable[[], bool] = lambda: True, seconds: float = 10.0,
         settle: float = 0.3) -> None:
    """Process events until ``done()`` (or the time is up), then a little longer."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    end = time.monotonic() + settle
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, out: Path, name: str) -> Path:
    path = out / f"{name}.png"
    picture = widget.grab()
    if WIDTH and picture.width() > WIDTH:  # the guide's: smaller, and 256 colours
        image = picture.scaledToWidth(WIDTH, Qt.TransformationMode.SmoothTransformation).toImage()
        picture = image.convertToFormat(QImage.Format.Format_Indexed8,
                                        Qt.ImageConversionFlag.DiffuseDither)
    if not picture.save(str(path)):
        raise OSError(f"could not write {path}")
    print(f"  {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return path


def prepare(source: Path | None, work: Path) -> Path:
    path = work / "lianjian.db"
    if source is None:
        print("building the sample town …", flush=True)
        db = Database(path)
        build_demo(db)
        db.close()
    else:
        print(f"copying {source} …", flush=True)
        with sqlite3.connect(source) as src, sqlite3.connect(path) as dst:
            src.backup(dst)
    return path


def start_shift(services: Services) -> str:
    """Put a committee member of the office's cluster on duty (unless someone is)."""
    shift = services.duty.current()
    cluster_id = services.db.node.cluster_id
    if shift is not None:
        return services.duty.rows([shift.id])[shift.id]["officers"]
    people = services.people.list(ListQuery(cluster_id=cluster_id, limit=None,
                                            extra={"role": "village_committee"})).items
    officer = next((p for p in people if p.cluster_id == cluster_id), people[0])
    services.duty.start(cluster_id, [officer.id])
    return officer.name


def agenda_item_with_steps(services: Services, cluster_id: str, steps: int = 3) -> str:
    """An item of the cluster with at least ``steps`` 四议两公开 steps recorded (made if none)."""
    ids = services.agenda.ids(ListQuery(cluster_id=cluster_id, limit=None))
    rows = services.agenda.rows(ids)
    found = [i for i in ids if rows[i]["steps_done"] >= steps and rows[i]["next_step"]]
    if found:
        return found[0]
    item = services.agenda.create(
        cluster_id=cluster_id, title="黄璩村至韩璩村生产路硬化", source="villagers",
        category="基础设施", analysis="生产路长期失修，雨天无法通行；两村需统筹资金。",
        measures="两村分段施工，年底前完成；资金由两村按受益户数分担。")
    services.agenda.record_step(item.id, 1, text="提议硬化黄璩村至韩璩村生产路")
    services.agenda.record_step(item.id, 2, due=9, present=9, votes_for=8, votes_abstain=1,
                                form="举手表决")
    services.agenda.record_step(item.id, 3, due=42, present=35, votes_for=33, votes_against=1,
                                votes_abstain=1, form="举手表决")
    return item.id


def richest(ids: list[str], describe: Callable[[list[str]], dict], score: Callable[[dict], tuple]
            ) -> str | None:
    """Of the first 200 records, the one that shows the most (the first of equals)."""
    rows = describe(ids[:200])
    return max(ids[:200], key=lambda i: score(rows[i]), default=None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="a database to copy (default: the sample town)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--guide", action="store_true",
                        help="the user guide's pictures, into resources/guide/images/")
    args = parser.parse_args()
    if args.guide:
        global SIZE, WIDTH
        SIZE, WIDTH = GUIDE_SIZE, GUIDE_WIDTH
        args.out = ROOT / "resources" / "guide" / "images"
    args.out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    with tempfile.TemporaryDirectory(prefix="lianjian-screens-") as work:
        os.environ["LIANJIAN_HOME"] = str(Path(work) / "home")  # settings stay in the temp dir
        db = Database(prepare(args.db, Path(work)))
        try:
            shoot(app, Services(db), args.out)
        finally:
            db.close()
    if args.guide:
        keep_only_the_guides(args.out)


def keep_only_the_guides(folder: Path) -> None:
    """The package carries the guide's pictures: drop the ones guide.md does not show."""
    guide = (folder.parent / "guide.md").read_text(encoding="utf-8")
    for picture in folder.glob("*.png"):
        if f"images/{picture.name}" not in guide:
            picture.unlink()


def shoot(app: QApplication, services: Services, out: Path) -> None:
    officer = start_shift(services)
    cluster_id = services.db.node.cluster_id
    print(f"on duty: {officer}; saving to {out}", flush=True)
    window = MainWindow(services)
    window.resize(*SIZE)
    window.show()
    for number, title in enumerate(window.screen_titles()):
        name = SCREEN_FILES.get(title, f"screen_{number + 1}")
        screen = window.screen(title)
        if name == "dashboard":
            wait(app, lambda s=screen: s.snapshot is not None, settle=1.0)
            for canvas in screen.canvases:
                canvas.draw()
        lists = [screen] if isinstance(screen, ListPage) else screen.findChildren(ListPage)
        wait(app, lambda pages=lists: all(p.count_label.text().startswith("共") for p in pages
                                          if p.isVisible()))
        save(window, out, name)

    tasks = services.tasks.ids(ListQuery(cluster_id=cluster_id, limit=None,
                                         extra={"open_only": True}))
    task_id = richest(tasks, services.tasks.rows,
                      lambda r: (bool(r["assignee"]), r["status"] == "in_progress",
                                 r["villages"].count("、")))
    item_id = agenda_item_with_steps(services, cluster_id)
    meetings = services.meetings.ids(ListQuery(cluster_id=cluster_id, limit=None,
                                               order_by="-start"))
    meeting_id = richest(meetings, services.meetings.rows, lambda r: (r["items"], r["present"]))
    activities = services.activities.ids(ListQuery(cluster_id=cluster_id, limit=None,
                                                   date_to=date.today(), order_by="-held_on"))
    activity_id = richest(activities, services.activities.rows,
                          lambda r: (r["participants"], r["held_on"]))

    forms: list[tuple[str, QWidget]] = [
        ("task_form", TaskForm(services, task_id, window)),
        ("agenda_form", AgendaForm(services, item_id, window)),
        ("meeting_form", MeetingForm(services, meeting_id, window)),
        ("activity_form", ActivityForm(services, activity_id, window)),
    ]
    for name, form in forms:
        form.show()
        wait(app)
        save(form, out, name)
        if isinstance(form, MeetingForm):
            for tab, suffix in ((1, "attendees"), (3, "decisions")):
                form.tabs.setCurrentIndex(tab)
                wait(app)
                save(form, out, f"{name}_{suffix}")
        form.done(0)
    window.close()


if __name__ == "__main__":
    main()
