"""会议纪要: the formal document of what a meeting decided.

An opening line (when, who chaired, where, how many items), then one section per item the
meeting decided on (会议同意 / 会议决定 …), each decision with its owner and deadline, and at
the end the 出席 / 请假 / 列席 lists with their labels in 黑体.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.documents import fonts
from desktop_app.documents.compose import Composer
from desktop_app.documents.meeting_data import DecisionLine, MeetingData, gather
from desktop_app.documents.render import Options, produce
from desktop_app.documents.text import cn_date, joined
from desktop_app.services import Services

TEMPLATE = "summary"
# What the meeting did with an item, as the 纪要 says it: "会议同意……".
VERBS = {
    "approved": "会议同意",
    "approved_in_principle": "会议原则同意",
    "deferred": "会议决定暂缓",
    "further_study": "会议决定另行研究",
    "returned": "会议决定退回修改",
    "rejected": "会议不同意",
    "heard": "会议听取了",
}


def decision_text(decision: DecisionLine) -> str:
    """The decision with ``（责任人：X；完成时限：2026年12月11日）``."""
    owner = decision.owner or "未指定"
    deadline = cn_date(decision.deadline) or "未定"
    return f"{decision.text}（责任人：{owner}；完成时限：{deadline}）"


def write_summary(data: MeetingData, body: Composer) -> None:
    decided = [item for item in data.items
               if item.outcome != "heard"
               or any(d.agenda_item_id == item.agenda_item_id for d in data.decisions)]
    who = data.chair or data.cluster
    place = f"在{data.place}" if data.place else ""
    verb = "主持召开" if data.chair else "召开"
    body.paragraph(f"{cn_date(data.start)}，{who}{place}{verb}{data.title}，"
                   f"研究了{len(data.items)}项议题。现将会议议定事项纪要如下：")
    number = 0
    for item in decided:
        number += 1
        body.heading(1, number, f"关于{item.title}")
        verb = VERBS.get(item.outcome, f"会议意见：{item.outcome_label}，")
        body.paragraph(f"{verb}“{item.title}”。")
        for decision in data.decisions:
            if decision.agenda_item_id == item.agenda_item_id:
                body.paragraph(decision_text(decision))
    known = {item.agenda_item_id for item in decided}
    others = [d for d in data.decisions if d.agenda_item_id not in known]
    if others:
        number += 1
        body.heading(1, number, "其他事项")
        for decision in others:
            body.paragraph(decision_text(decision))
    if not decided and not others:
        body.paragraph("本次会议未作出决定。")
    body.blank()
    body.labelled("出席", joined(data.present), label_font=fonts.HEITI)
    body.labelled("请假", joined(data.absent), label_font=fonts.HEITI)
    body.labelled("列席", joined(data.non_voting), label_font=fonts.HEITI)


def placeholders(data: MeetingData) -> dict[str, str]:
    return {"标题": f"{data.title}纪要", "单位": data.cluster, "日期": cn_date(data.start),
            "编号": ""}


def export_summary(services: Services, meeting_id: str, out: Path | str,
                   options: Options | None = None) -> Path:
    """Write the 会议纪要 of meeting ``meeting_id`` to ``out`` (.docx)."""
    data = gather(services, meeting_id)
    return produce(TEMPLATE, placeholders(data), lambda body: write_summary(data, body), out,
                   options)
