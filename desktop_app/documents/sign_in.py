"""志愿服务活动签到表: the sign-in sheet of a volunteer activity.

The activity (name, date and time, place, team, content), then one row per registered
participant (name, village, phone, hours already recorded) with room to sign in, sign out
and sign, plus blank rows for volunteers who join on the day. Phone numbers are printed
masked (the sheet is passed round).
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.documents import layout
from desktop_app.documents.compose import Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import Cell
from desktop_app.documents.text import cn_date, cn_time, hours
from desktop_app.services import Services
from desktop_app.services.volunteers import activity_hours

TEMPLATE = "sign_in"
COLUMNS = [("序号", 11), ("姓名", 18), ("所在村 / 单位", 26), ("联系电话", 31), ("签到", 14),
           ("签退", 14), ("小时数", 17), ("本人签字", 25)]
INFO_WEIGHTS = (22, 56, 24, 54)
INFO_ROW_MM = 8
MIN_ROWS = 10  # the sheet always has room for this many names
EXTRA_BLANK_ROWS = 3
ROW_HEIGHT_MM = 10


def write_sign_in(activity: dict, participants: list[dict], body: Composer) -> None:
    length = activity_hours(activity["start_time"], activity["end_time"])
    # the date, then the times on a line of their own: "09:00—12:30" is never cut
    when = (f"{cn_date(activity['held_on'])}\n{cn_time(activity['start_time'])}"
            f"—{cn_time(activity['end_time'])}（{hours(length)}小时）")

    def label(text: str) -> Cell:
        return Cell(text, bold=True, align="center")

    info = body.table(INFO_WEIGHTS, min_row_mm=INFO_ROW_MM)
    info.row([label("活动名称"), Cell(activity["title"], span=3)])
    info.row([label("活动时间"), when, label("服务对象"),
              f"{activity['people_served']}人次"])
    info.row([label("活动地点"), activity["place"] or "",
              label("志愿服务队"), activity["team"] or ""])
    info.row([label("服务内容"), Cell(activity["content"] or "", span=3)])
    body.add_table(info)
    body.paragraph(f"已登记 {len(participants)} 人。", layout.NOTE)
    table = body.table([w for _, w in COLUMNS])
    table.header([name for name, _ in COLUMNS])
    for number, person in enumerate(participants, 1):
        table.row([Cell(str(number), align="center"), person["name"], person["place"],
                   person["phone"], "", "", Cell(hours(person["hours"]), align="center"), ""],
                  min_height_mm=ROW_HEIGHT_MM)
    blanks = max(MIN_ROWS - len(participants), 0) + EXTRA_BLANK_ROWS
    for number in range(len(participants) + 1, len(participants) + blanks + 1):
        table.row([Cell(str(number), align="center")], min_height_mm=ROW_HEIGHT_MM)
    body.add_table(table)
    body.signatures(["活动负责人（签字）", "记录人（签字）"], style=layout.NOTE,
                    height_mm=None)


def export_sign_in(services: Services, activity_id: str, out: Path | str,
                   options: Options | None = None) -> Path:
    """Write the sign-in sheet of volunteer activity ``activity_id`` to ``out`` (.docx)."""
    activities = services.activities
    activity = activities.rows([activities.get(activity_id).id])[activity_id]
    rows = activities.participants(activity_id)
    people = services.people.rows([r.person_id for r in rows])
    participants = []
    for row in rows:
        person = people.get(row.person_id, {})
        participants.append({"name": person.get("name", row.person_id),
                             "place": person.get("village") or person.get("post") or "",
                             "phone": person.get("phone", ""),  # masked by rows()
                             "hours": row.hours})
    cluster = services.clusters.get(activity["cluster_id"], include_deleted=True).name
    values = {"标题": "志愿服务活动签到表", "单位": cluster, "日期": cn_date(activity["held_on"]),
              "编号": ""}
    return produce(TEMPLATE, values, lambda body: write_sign_in(activity, participants, body),
                   out, options)
