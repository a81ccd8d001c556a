"""人民调解协议书: the agreement of a successful mediation (人民调解法 Art 29: the parties, the
facts and matters in dispute, the agreed terms and how and by when they are performed).

The one document that prints the parties' names whole (docs/privacy.md); their ID numbers are
not kept by the app, so the sheet leaves a line to write each in by hand. The 司法确认 window
(30 days from the agreement taking effect) is said in the closing terms.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.documents import layout
from desktop_app.documents.compose import GAP, Composer
from desktop_app.documents.render import Options, produce
from desktop_app.documents.tables import SIGN_HERE, Cell
from desktop_app.documents.text import BLANK_DATE, cn_date
from desktop_app.records.errors import UserError
from desktop_app.records.masking import NAME_LIST_SEPARATORS
from desktop_app.services import Services

TEMPLATE = "register"  # a form sheet: title, office, number, one body
WEIGHTS = (40, 116)
ROW_MM = 10
TERMS = (
    "本协议一式三份，双方当事人、人民调解委员会各执一份。",
    "本协议自双方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效。",
    "当事人应当按照约定履行。双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院"
    "申请司法确认{deadline}。",
)


def _label(text: str) -> Cell:
    return Cell(text, bold=True, align="center")


def parties_of(text: str) -> list[str]:
    """Each party named in the dispute's 当事人 (``张三（申请人）、李四（被申请人）``)."""
    return [p for n, p in enumerate(NAME_LIST_SEPARATORS.split(text or "")) if n % 2 == 0 and p]


def write_agreement(dispute: dict, number: str, body: Composer) -> None:
    body.paragraph(f"编号：{number}", layout.NOTE)
    table = body.table(WEIGHTS, min_row_mm=ROW_MM)
    for order, party in enumerate(parties_of(dispute["parties"]) or ["", ""], 1):
        table.row([_label(f"当事人{order}"), party])
        table.row([_label("身份证号码"), ""])
        table.row([_label("住址、联系方式"), ""])
    table.row([_label("纠纷类别"), dispute["category_label"]])
    table.row([_label("纠纷主要事实、争议事项"), dispute["summary"] or ""])
    table.row([_label("调解员"), dispute["mediators"] or ""])
    body.add_table(table)
    body.paragraph("经人民调解委员会调解，双方当事人自愿达成如下协议：", layout.BODY)
    for line in (dispute["agreement"] or "").splitlines() or [""]:
        if line.strip():
            body.paragraph(line.strip(), layout.BODY)
    deadline = (f"（截至{cn_date(dispute['confirm_by'])}）" if dispute["confirm_by"] else "")
    for term in TERMS:
        body.paragraph(term.format(deadline=deadline), layout.BODY)
    body.blank()
    body.sign_off(["当事人（签名或按指印）：", SIGN_HERE])
    body.sign_off(["当事人（签名或按指印）：", SIGN_HERE])
    body.sign_off(["人民调解员（签名）：", SIGN_HERE, GAP, "记录人（签名）：", SIGN_HERE])
    body.closing([f"{dispute['village']}人民调解委员会（盖章）",
                  cn_date(dispute["agreement_on"], BLANK_DATE)], sealed=True)


def export_agreement(services: Services, dispute_id: str, out: Path | str,
                     options: Options | None = None) -> Path:
    """Write the 人民调解协议书 of dispute ``dispute_id`` to ``out`` (.docx); refused for a
    dispute not settled by a successful mediation."""
    disputes = services.disputes
    record = disputes.get(dispute_id)  # NotFoundError before anything is written
    if record.outcome != "success":
        raise UserError("只有调解成功的纠纷才有人民调解协议书")
    dispute = disputes.rows([record.id], unmasked=True)[record.id]  # the parties, whole
    year = (record.agreement_on or record.registered_on).year
    number = f"（{year}）人调字第　　号"
    values = {"标题": "人民调解协议书", "单位": f"{dispute['village']}人民调解委员会",
              "日期": cn_date(record.agreement_on), "编号": number}
    return produce(TEMPLATE, values, lambda body: write_agreement(dispute, number, body), out,
                   options)
