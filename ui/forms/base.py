"""What every record form shares: a field grid with errors beside the fields, save through a
service, sensitive fields loaded masked (显示 logged), and a question before unsaved changes
are thrown away."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.records.errors import UserError, ValidationError
from desktop_app.records.fields import Field, Kind
from desktop_app.records.types import record_type
from desktop_app.services import Services
from ui import icons
from ui.background import in_place, off_thread
from ui.forms.declared import PlainField, apply_declaration
from ui.forms.sensitive import SensitiveField, ask_reason, reveal
from ui.widgets import NOTICE_STYLE

ERROR_STYLE = "color: #b3261e;"
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's "no maximum" (not exported by PySide6)


class _FieldsArea(QScrollArea):
    """A form's fields, scrolled only when the screen is too short for them: the size it
    asks for is theirs (a plain QScrollArea asks for at most 24 lines of text, and would
    scroll a form that fits)."""

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        widget = self.widget()
        if widget is None:
            return super().sizeHint()
        frame = 2 * self.frameWidth()
        return widget.sizeHint() + QSize(frame, frame)


class RecordForm(QDialog):
    """Subclasses build their fields in ``build()``, and implement ``values()`` and
    ``write(values)`` (create or update through a service, returning the record id)."""

    title_new = "新建"
    title_edit = "编辑"
    # The record type the form edits (a table name, e.g. "work_task"): labels, hints and
    # limits come from its declaration, and every declared form field the subclass does not
    # build itself gets a plain widget (``ui.forms.declared``) at the end of the form.
    record_table = ""
    # Declared fields the subclass edits inside another field's row (e.g. 类别 beside 来源).
    also_edits: tuple[str, ...] = ()
    # The service the form writes through (e.g. "tasks"): if it records duty matters, which
    # only the officer on shift may do, the form says so at once when nobody is on shift.
    service_name = ""
    # Whether the form's service calls run on a worker (``ui.background.wait_for``); a dialog
    # whose reads and save are of a row or two may keep them here.
    calls_off_thread = True

    def __init__(self, services: Services, record_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Every read and save of the form runs on a worker; the window keeps painting.
        self.services = off_thread(services) if self.calls_off_thread else in_place(services)
        self.record_id = record_id
        self.saved_id: str | None = None
        self.setWindowTitle(self.title_edit if record_id else self.title_new)
        self.form = QFormLayout()
        self.fields_area: _FieldsArea | None = None  # see scroll_fields
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_labels: dict[str, QLabel] = {}
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        icons.with_icon(self.buttons.button(QDialogButtonBox.StandardButton.Save), "保存")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():  # Enter never presses 保存 (see keyPressEvent)
            button.setAutoDefault(False)
            button.setDefault(False)
        if record_id:  # who changed what, from the operation log
            self.history_button = self.buttons.addButton(
                "修改历史…", QDialogButtonBox.ButtonRole.HelpRole)
            self.history_button.setAutoDefault(False)
            self.history_button.clicked.connect(self.show_history)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)  # Ctrl+S
        layout = QVBoxLayout(self)
        if self._needs_a_shift():
            notice = QLabel("当前无人值班：请先到“值班”页面开始值班，才能保存。")
            notice.setStyleSheet(NOTICE_STYLE)
            layout.addWidget(notice)
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        layout.addLayout(self.form)
        self.declared = record_type(self.record_table) if self.record_table else None
        self.plain: dict[str, PlainField] = {}
        self.sensitive: dict[str, SensitiveField] = {}
        self.build()
        self._add_plain_fields()
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        if record_id:
            self.load(record_id)
            self._load_plain_fields(record_id)
        self._initial = self.collect()

    def _needs_a_shift(self) -> bool:
        service = getattr(self.services, self.service_name, None) if self.service_name else None
        return bool(getattr(service, "requires_shift", False)) and (
            self.services.db.officer_id is None)

    # --- for subclasses -----------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def load(self, record_id: str) -> None:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def write(self, values: dict[str, Any]) -> str:
        raise NotImplementedError

    def scroll_fields(self) -> None:
        """Put the field grid in a scroll area (a long form, or one with more below its
        fields): on a 1024×768 screen, at any 字号, the form then fits with its 保存 button
        in sight, and a field shown with an error is scrolled into view."""
        outer = self.layout()
        assert isinstance(outer, QVBoxLayout)
        index = next(n for n in range(outer.count()) if outer.itemAt(n).layout() is self.form)
        outer.takeAt(index)
        box = QWidget()
        self.form.setParent(None)
        box.setLayout(self.form)
        self.fields_area = _FieldsArea()
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields_area.setWidget(box)
        outer.insertWidget(index, self.fields_area, 1)

    def add_field(self, name: str, widget: QWidget, label: str | None = None) -> QWidget:
        """A labelled field with a (hidden) error line right under it; the label is the
        declared one unless given (for a field whose meaning differs by context)."""
        if label is None:
            assert self.declared is not None, "a form without record_table names its labels"
            label = self.declared.label_of(name)
            spec = self.declared.get(name)
            if spec is not None:
                apply_declaration(spec, widget)
        error = QLabel()
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        if widget.maximumHeight() < QWIDGETSIZE_MAX:  # a text box of capped height stays
            column.setAlignment(widget, Qt.AlignmentFlag.AlignTop)  # up beside its label (it
        self.form.addRow(label, box)  # was centred in a taller row, the label above it)
        self.error_labels[name] = error
        return widget

    # --- declared fields the subclass does not build ----------------------------------
    def _add_plain_fields(self) -> None:
        if self.declared is None:
            return
        for spec in self.declared.form_fields:
            if spec.name in self.error_labels or spec.name in self.also_edits:
                continue
            plain = self.plain_field(spec)
            if plain is None:
                continue
            self.plain[spec.name] = plain
            self.add_field(spec.name, plain.widget)

    def plain_field(self, spec: Field) -> PlainField | None:
        """The widget of a declared field the form does not build itself (by its kind); a
        sensitive text loads masked, with 显示."""
        if spec.sensitive and spec.kind is Kind.TEXT:
            return self.sensitive_field(spec.name).as_plain()
        return PlainField.for_field(spec)

    # --- sensitive fields (``ui.forms.sensitive``) ------------------------------------
    def sensitive_field(self, name: str) -> SensitiveField:
        """The declared text ``name`` as a sensitive field: an existing value loads masked
        (``load_masked``); 显示 asks why and logs it through ``services.privacy``."""
        assert self.declared is not None
        field = SensitiveField(self.declared.field(name))
        field.button.clicked.connect(lambda: reveal(self, self.record_table, name, field))
        self.sensitive[name] = field
        return field

    @property
    def masked(self) -> set[str]:
        """Sensitive fields still masked (saved as they were)."""
        return {name for name, field in self.sensitive.items() if field.masked}

    @property
    def reveal_buttons(self) -> dict[str, QPushButton]:
        return {name: field.button for name, field in self.sensitive.items()}

    def ask_reason(self, label: str) -> str | None:
        return ask_reason(self, label)

    def _load_plain_fields(self, record_id: str) -> None:
        if not self.plain:
            return
        service = getattr(self.services, self.service_name)
        record = service.get(record_id)
        for name, plain in self.plain.items():
            plain.set(getattr(record, name))

    def collect(self) -> dict[str, Any]:
        """What the form would save: the subclass's values and the plain fields'."""
        return {**self.values(), **{name: p.get() for name, p in self.plain.items()}}

    # --- saving -------------------------------------------------------------------
    def save(self) -> None:
        """保存: write and close; on an error the form stays open and says why."""
        if self.write_form():
            self.accept()

    def write_form(self) -> bool:
        """Write what the form holds (``saved_id``); False after showing why it could not."""
        self.clear_errors()
        values = self.collect()
        try:
            self.saved_id = self.write(dict(values))
        except ValidationError as error:
            self.show_error(error.field, error.message)
            return False
        except UserError as error:
            self.show_error(None, str(error))
            return False
        except Exception as error:  # a bug: logged and shown; the form keeps what was typed
            from ui.errors import report

            self.show_error(None, "保存时发生意外错误，内容没有保存，仍保留在表单中。")
            report(self, error)
            return False
        self._initial = values
        return True

    def show_error(self, field: str | None, message: str) -> None:
        label = self.error_labels.get(field) if field else None
        if label is None:
            label = self.general_error
        label.setText(message)
        label.show()
        if self.fields_area is not None and label is not self.general_error:
            self.fields_area.ensureWidgetVisible(label.parentWidget())  # the field and its error

    def clear_errors(self) -> None:
        for label in (*self.error_labels.values(), self.general_error):
            label.clear()
            label.hide()

    def visible_errors(self) -> dict[str, str]:
        """Field -> message of the errors now shown (for tests and accessibility)."""
        shown = {name: label.text() for name, label in self.error_labels.items() if label.text()}
        if self.general_error.text():
            shown["_"] = self.general_error.text()
        return shown

    def show_history(self) -> None:
        from ui.history_dialog import HistoryDialog

        assert self.record_id is not None
        HistoryDialog(self.services, self.record_id, self.windowTitle(), self).exec()

    # --- the keyboard -------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        from ui.window_state import fit_on_screen

        fit_on_screen(self)  # 1024×768: the form's buttons stay on the screen
        for button in self.buttons.buttons():  # the button box makes 保存 default on show
            button.setDefault(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt naming)
        """Enter moves to the next field, as on a paper form, instead of saving a form that
        is half filled in; Ctrl+S or 保存 saves. In a text box Enter starts a new line, and on
        a focused button it presses that button."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            focused = self.focusWidget()
            if isinstance(focused, QAbstractButton):
                focused.click()
            else:
                self.focusNextChild()
            return
        super().keyPressEvent(event)

    # --- leaving --------------------------------------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.collect() != self._initial

    def reject(self) -> None:
        if self.has_unsaved_changes():
            answer = QMessageBox.question(
                self, "放弃修改？", "有尚未保存的修改，确定要关闭吗？",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
