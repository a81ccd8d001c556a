"""会议记录: the full internal record of a meeting.

Name, time, place, chair and recorder; who was present, attended without a vote or was
absent (with the reason); the agenda; for each item the gist of the discussion, the vote
and the outcome; the decisions with owner and deadline; the chair's and recorder's
signature lines.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.documents.compose import Composer
from desktop_app.documents.meeting_data import MeetingData, gather
from desktop_app.documents.render import Options, produce
from desktop_app.documents.text import cn_date, cn_datetime, joined
from desktop_app.services import Services

TEMPLATE = "minutes"


def write_minutes(data: MeetingData, body: Composer) -> None:
    """The content of the minutes, in the order a recorder writes them."""
    body.labelled("会议名称", data.title)
    body.labelled("会议类型", data.kind_label)
    body.labelled("会议时间", cn_datetime(data.start))
    body.labelled("会议地点", data.place or "—")
    body.labelled("主 持 人", data.chair or "—")
    body.labelled("记 录 人", data.recorder or "—")
    body.labelled(f"出席人员（{len(data.present)}人）", joined(data.present))
    body.labelled(f"列席人员（{len(data.non_voting)}人）", joined(data.non_voting))
    body.labelled(f"缺席人员（{len(data.absent)}人）", joined(data.absent))

    section = 1
    body.heading(1, section, "会议议题")
    if not data.items:
        body.paragraph("本次会议未列入议题。")
    for number, item in enumerate(data.items, 1):
        body.paragraph(f"{number}. {item.title}")

    if data.items:
        section += 1
        body.heading(1, section, "讨论和表决情况")
        for number, item in enumerate(data.items, 1):
            body.heading(2, number, item.title)
            body.labelled("讨论情况", item.discussion or "无记录。")
            body.labelled("表决情况", item.votes_text() if item.voted else "未表决。")
            body.labelled("议定结果", item.outcome_label)

    section += 1
    body.heading(1, section, "会议决定")
    if not data.decisions:
        body.paragraph("无。")
    titles = {item.agenda_item_id: item.title for item in data.items}
    for number, decision in enumerate(data.decisions, 1):
        details = [f"责任人：{decision.owner or '未指定'}",
                   f"完成时限：{cn_date(decision.deadline) or '未定'}"]
        if decision.agenda_item_id in titles:
            details.insert(0, f"议题：{titles[decision.agenda_item_id]}")
        body.paragraph(f"{number}. {decision.text}（{'；'.join(details)}）")

    if data.summary.strip():
        section += 1
        body.heading(1, section, "会议小结")
        body.paragraph(data.summary)

    body.blank()
    body.signatures(["主持人（签字）", "记录人（签字）"])
    body.closing([cn_date(data.start)])


def placeholders(data: MeetingData) -> dict[str, str]:
    return {"标题": "会议记录", "单位": data.cluster, "日期": cn_date(data.start), "编号": ""}


def export_minutes(services: Services, meeting_id: str, out: Path | str,
                   options: Options | None = None) -> Path:
    """Write the 会议记录 of meeting ``meeting_id`` to ``out`` (.docx)."""
    data = gather(services, meeting_id)
    return produce(TEMPLATE, placeholders(data), lambda body: write_minutes(data, body), out,
                   options)
