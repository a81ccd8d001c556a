"""Word documents (python-docx), laid out per GB/T 9704-2012, without Qt.

Each kind has one function that reads what it needs through the services, fills its
template and saves the file atomically; the CLI (``lianjian-cli export …``) and the GUI
call the same functions. Every failure a person can fix (an unknown id, a bad period, a
broken template, a file open in Word) is a :class:`~desktop_app.records.errors.UserError`.

Fonts: documents ask for the standard's fonts (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312,
黑体, 宋体). ``Options(substitutes=Settings.load().font_substitutes)`` (the CLI's
``--substitute-fonts``) writes the user's replacements instead, for a PC that lacks them.

Modules: ``layout`` (page, styles, page numbers), ``fonts``, ``tables``, ``template``
(loading and placeholders), ``compose`` (writing at ``{{正文}}``), ``writer`` (atomic save),
``render`` (the shared steps), and one module per kind.
"""

from __future__ import annotations

from desktop_app.documents.certificate import Issuer, issue_certificate, reprint_certificate
from desktop_app.documents.duty_log import export_duty_log
from desktop_app.documents.ledger import LedgerFilter, export_ledger
from desktop_app.documents.minutes import export_minutes
from desktop_app.documents.register import export_register
from desktop_app.documents.render import Options
from desktop_app.documents.sign_in import export_sign_in
from desktop_app.documents.summary import export_summary
from desktop_app.documents.template import TEMPLATES

__all__ = [
    "TEMPLATES",
    "Issuer",
    "LedgerFilter",
    "Options",
    "export_duty_log",
    "export_ledger",
    "export_minutes",
    "export_register",
    "export_sign_in",
    "export_summary",
    "issue_certificate",
    "reprint_certificate",
]
