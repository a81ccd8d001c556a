"""Sensitive text fields in a form (a talent's phone, the groups a 共富工坊 helps): an existing
value loads masked and read-only; 显示 shows the whole value after a reason, logged by
``services.privacy.reveal``; a value left masked is saved as it was."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLineEdit, QPushButton, QWidget

from desktop_app.records.errors import UserError
from desktop_app.records.fields import Field
from desktop_app.records.masking import mask
from ui.forms.declared import apply_declaration


class SensitiveField(QWidget):
    """A line edit with a 显示 button (shown while the value is masked)."""

    def __init__(self, spec: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.edit = QLineEdit()
        apply_declaration(spec, self.edit)
        self.button = QPushButton("显示")
        self.button.setToolTip("查看完整内容：需写明原因，查看人、时间和电脑都会记录")
        self.button.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        self.masked = False
        self._saved = ""

    def load_masked(self, value: str | None) -> None:
        self._saved = value or ""
        if not value:
            self.edit.setText("")
            return
        self.edit.setMaxLength(32767)  # the mask may be longer than a typed value may be
        self.edit.setText(mask(value))
        self.edit.setReadOnly(True)
        self.masked = True
        self.button.show()

    def show_whole(self, value: str) -> None:
        self.edit.setText(value)
        apply_declaration(self.spec, self.edit)
        self.edit.setReadOnly(False)
        self.masked = False
        self.button.hide()

    def value(self) -> str:
        """What saving keeps: the saved value while masked, else what was typed."""
        return self._saved if self.masked else self.edit.text().strip()

    def as_plain(self):
        from ui.forms.declared import PlainField

        return PlainField(self, self.value, self.load_masked)


def ask_reason(parent: QWidget, label: str) -> str | None:
    """The reason for looking, typed by the officer; None if cancelled."""
    reason, ok = QInputDialog.getText(
        parent, f"显示{label}", f"查看完整的{label}，请写明原因（将记录查看人、时间和电脑）：")
    return reason if ok else None


def reveal(form, table: str, name: str, field: SensitiveField) -> None:
    """显示 for ``form``'s saved record: ask why, log it, show the value."""
    reason = form.ask_reason(field.spec.label)
    if reason is None:
        return
    try:
        value = form.services.privacy.reveal(table, form.record_id, name, reason)
    except UserError as error:
        form.show_error(name, str(error))
        return
    field.show_whole(value)
