"""“四议两公开”事项登记表: the register sheet of one agenda item.

The item (title, villages, source, date, content, analysis, measures), then one boxed table
per step (all six, also those not held yet, to be filled in by hand): date, form,
attendance due / present / ratio, votes, outcome, the text, dissent, the town's attendees
(steps 3 and 4), the publication and supervision opinions (steps 5 and 6), and signature
lines.
"""

from __future__ import annotations

from pathlib import Path

from db.models import DecisionStep
from desktop_app.documents import layout
from desktop_app.documents.compose import GAP, Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import SIGN_HERE, Cell
from desktop_app.documents.text import BLANK_DATE, cn_date, cn_ordinal, count
from desktop_app.records.procedure import PUBLICATION_STEPS, percent
from desktop_app.records.vocabulary import DECISION_STEPS, STEP_BODIES, STEP_OUTCOMES
from desktop_app.services import Services

TEMPLATE = "register"
WEIGHTS = (24, 54, 24, 54)  # label, value, label, value
SIGN_HEIGHT_MM = 14
ROW_MM = 8  # a form row leaves room to write by hand
# What the text of each step is called on the sheet.
TEXT_LABELS = {1: "提议内容", 2: "商议意见", 3: "审议意见", 4: "决议内容", 5: "公开内容",
               6: "实施结果"}
SIGNERS = {
    1: "主持人（签字）：　　　　　　记录人（签字）：",
    2: "主持人（签字）：　　　　　　记录人（签字）：",
    3: "主持人（签字）：　　　　　　记录人（签字）：",
    4: "主持人（签字）：　　　　　　记录人（签字）：",
    5: "公开经办人（签字）：　　　　村务监督委员会（签字）：",
    6: "公开经办人（签字）：　　　　村务监督委员会（签字）：",
}


def _label(text: str) -> Cell:
    """A row label of the form: bold and centred."""
    return Cell(text, bold=True, align="center")


def _votes(step: DecisionStep | None) -> str:
    if step is None or all(v is None for v in (step.votes_for, step.votes_against,
                                                  step.votes_abstain)):
        return ""
    return (f"赞成 {step.votes_for or 0} 票，反对 {step.votes_against or 0} 票，"
            f"弃权 {step.votes_abstain or 0} 票")


def step_table(body: Composer, number: int, step: DecisionStep | None):
    """The boxed table of step ``number``; ``step`` is None when it was not held yet."""
    table = body.table(WEIGHTS, min_row_mm=ROW_MM)
    table.header([Cell(f"第{cn_ordinal(number)}步　{DECISION_STEPS[number]}", span=4)])
    held = cn_date(step.held_on) if step and step.held_on else BLANK_DATE
    outcome = STEP_OUTCOMES.get(step.outcome, step.outcome) if step else ""
    where = (step.body if step else "") or STEP_BODIES[number]
    if number in PUBLICATION_STEPS:
        table.row([_label("公开时间"), held,
                   _label("公开形式"), step.form if step else ""])
        table.row([_label("公开地点"), where,
                   _label("结果"), outcome])
    else:
        table.row([_label("时间"), held,
                   _label("会议形式"), step.form if step else ""])
        table.row([_label("召集主体"), where,
                   _label("结果"), outcome])
        due, present = (step.due, step.present) if step else (None, None)
        table.row([_label("应到人数"), count(due),
                   _label("实到人数"), count(present)])
        ratio = percent(present, due) if step else ""
        table.row([_label("到会比例"), ratio,
                   _label("表决结果"), _votes(step)])
    table.row([_label(TEXT_LABELS[number]),
               Cell(step.text if step else "", span=3)], min_height_mm=16)
    if number not in PUBLICATION_STEPS:
        table.row([_label("不同意见"),
                   Cell((step.dissent or "无") if step else "", span=3)])
    if number in (3, 4):
        table.row([_label("镇列席人员及职务"),
                   Cell(step.town_attendees if step else "", span=3)])
    if number == 6:
        table.row([_label("监督意见"),
                   Cell(step.supervision if step else "", span=3)], min_height_mm=16)
    table.row([_label("签字"), Cell(SIGNERS[number], span=3)],
              min_height_mm=SIGN_HEIGHT_MM)
    body.add_table(table)


def write_register(services: Services, agenda_id: str, body: Composer) -> None:
    agenda = services.agenda
    item = agenda.get(agenda_id)
    row = agenda.rows([agenda_id])[agenda_id]
    steps = {step.step: step for step in agenda.steps(agenda_id)}
    info = body.table(WEIGHTS, min_row_mm=ROW_MM)
    info.header([Cell("议题基本情况", span=4)])
    info.row([_label("议题名称"), Cell(item.title, span=3)])
    info.row([_label("涉及村"), row.get("villages") or "",
              _label("议题来源"), row.get("source_label") or ""])
    info.row([_label("提出日期"), cn_date(item.raised_on),
              _label("办理状态"), row.get("status_label") or ""])
    info.row([_label("议题内容"), Cell(item.description, span=3)])
    info.row([_label("研判情况"), Cell(item.analysis, span=3)])
    info.row([_label("工作措施"), Cell(item.measures, span=3)])
    body.add_table(info)
    for number in DECISION_STEPS:
        body.paragraph("", layout.NORMAL)
        step_table(body, number, steps.get(number))
    body.blank()
    body.sign_off(["党支部书记（签字）：", SIGN_HERE, GAP])
    body.closing([BLANK_DATE])


def export_register(services: Services, agenda_id: str, out: Path | str,
                    options: Options | None = None) -> Path:
    """Write the 四议两公开 register sheet of agenda item ``agenda_id`` to ``out``."""
    item = services.agenda.get(agenda_id)  # NotFoundError before anything is written
    cluster = services.clusters.get(item.cluster_id, include_deleted=True).name
    values = {"标题": "“四议两公开”事项登记表", "单位": cluster, "日期": cn_date(item.raised_on),
              "编号": ""}
    return produce(TEMPLATE, values, lambda body: write_register(services, agenda_id, body),
                   out, options)
