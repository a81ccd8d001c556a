"""培训签到表: a training session (topic, date and hours, place, teacher), then one row per
person who signed up (name, village, phone masked, hours) with room to sign, plus blank rows
for those who come on the day. The sheet of 志愿服务 (``sign_in.py``), for a training."""

from __future__ import annotations

from pathlib import Path

from desktop_app.documents import layout
from desktop_app.documents.compose import Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import Cell
from desktop_app.documents.text import cn_date, hours
from desktop_app.services import Services

TEMPLATE = "sign_in"
COLUMNS = [("序号", 11), ("姓名", 20), ("所在村 / 单位", 30), ("联系电话", 33), ("学时", 16),
           ("本人签字", 36)]
INFO_WEIGHTS = (22, 56, 22, 56)
MIN_ROWS = 10
EXTRA_BLANK_ROWS = 3
ROW_HEIGHT_MM = 10


def write_training_sign_in(training: dict, attendees: list[dict], body: Composer) -> None:
    def label(text: str) -> Cell:
        return Cell(text, bold=True, align="center")

    info = body.table(INFO_WEIGHTS, min_row_mm=8)
    info.row([label("培训主题"), Cell(training["title"], span=3)])
    info.row([label("培训日期"), cn_date(training["held_on"]), label("学时"),
              f"{hours(training['hours'])}学时"])
    info.row([label("培训地点"), training["place"] or "", label("类别"), training["kind"] or ""])
    teacher = f"{training['teacher'] or ''}（{training['teacher_kind_label']}）"
    info.row([label("主讲"), Cell(teacher, span=3)])
    body.add_table(info)
    body.paragraph(f"已报名 {len(attendees)} 人。", layout.NOTE)
    table = body.table([w for _, w in COLUMNS])
    table.header([name for name, _ in COLUMNS])
    for number, person in enumerate(attendees, 1):
        table.row([Cell(str(number), align="center"), person["name"], person["place"],
                   person["phone"], Cell(hours(person["hours"]), align="center"), ""],
                  min_height_mm=ROW_HEIGHT_MM)
    blanks = max(MIN_ROWS - len(attendees), 0) + EXTRA_BLANK_ROWS
    for number in range(len(attendees) + 1, len(attendees) + blanks + 1):
        table.row([Cell(str(number), align="center")], min_height_mm=ROW_HEIGHT_MM)
    body.add_table(table)
    body.signatures(["培训负责人（签字）", "记录人（签字）"], style=layout.NOTE, height_mm=None)


def export_training_sign_in(services: Services, training_id: str, out: Path | str,
                            options: Options | None = None) -> Path:
    """Write the sign-in sheet of training ``training_id`` to ``out`` (.docx)."""
    trainings = services.trainings
    training = trainings.rows([trainings.get(training_id).id])[training_id]
    signed = trainings.attendees(training_id)
    people = services.people.rows(list(signed))
    attendees = [{"name": people.get(pid, {}).get("name", pid),
                  "place": people.get(pid, {}).get("village") or
                  people.get(pid, {}).get("post") or "",
                  "phone": people.get(pid, {}).get("phone", ""),  # masked by rows()
                  "hours": spent} for pid, spent in signed.items()]
    cluster = services.clusters.get(training["cluster_id"], include_deleted=True).name
    values = {"标题": "培训签到表", "单位": cluster, "日期": cn_date(training["held_on"]),
              "编号": ""}
    return produce(TEMPLATE, values,
                   lambda body: write_training_sign_in(training, attendees, body), out, options)
