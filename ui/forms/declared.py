"""Form widgets made from field declarations: a plain field of a record type (text, date,
number, choice ...) needs no code in its form, and every widget a form builds itself gets
the declared hint and length limit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from desktop_app.records.fields import Field, Kind
from ui.widgets import ChoiceCombo, OptionalDateEdit

LONG_TEXT_HEIGHT = 90
NO_NUMBER = "（未填）"  # a spin box at its minimum shows this: the value is "not given"


def apply_declaration(spec: Field, widget: QWidget) -> None:
    """The declared hint as placeholder (unless the form set one) and the length limit."""
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        if spec.hint and not widget.placeholderText():
            widget.setPlaceholderText(spec.hint)
    if isinstance(widget, QLineEdit) and spec.longest is not None:
        widget.setMaxLength(spec.longest)


@dataclass
class PlainField:
    """A widget for one declared field, with how to read and set its value."""

    widget: QWidget
    get: Callable[[], Any]
    set: Callable[[Any], None]

    @classmethod
    def for_field(cls, spec: Field) -> PlainField | None:
        """The widget for ``spec``'s kind; None for kinds that need a form's own code
        (references, lists of rows), which the form must build itself."""
        maker = _MAKERS.get(spec.kind)
        return maker(spec) if maker else None


def _text(spec: Field) -> PlainField:
    edit = QLineEdit()
    return PlainField(edit, lambda: edit.text().strip(), lambda v: edit.setText(v or ""))


def _long_text(spec: Field) -> PlainField:
    edit = QPlainTextEdit()
    edit.setMaximumHeight(LONG_TEXT_HEIGHT)
    return PlainField(edit, lambda: edit.toPlainText().strip(),
                      lambda v: edit.setPlainText(v or ""))


def _date(spec: Field) -> PlainField:
    edit = OptionalDateEdit("填写")
    if spec.default is not None:
        edit.set_value(spec.default)
    return PlainField(edit, edit.value, edit.set_value)


def _time(spec: Field) -> PlainField:
    edit = QTimeEdit()
    edit.setDisplayFormat("HH:mm")

    def put(value: time | None) -> None:
        if value is not None:
            edit.setTime(QTime(value.hour, value.minute))

    return PlainField(edit, lambda: edit.time().toPython().replace(second=0), put)


def _number(spec: Field) -> PlainField:
    box: QSpinBox | QDoubleSpinBox = (QDoubleSpinBox() if spec.kind is Kind.DECIMAL
                                      else QSpinBox())
    low = int(spec.minimum) if spec.minimum is not None else 0
    high = int(spec.maximum) if spec.maximum is not None else 999_999_999
    # One step below the lowest value means "not given" (shown as NO_NUMBER).
    box.setRange(low - 1, high)
    box.setSpecialValueText(NO_NUMBER)
    box.setValue(spec.default if spec.default is not None else low - 1)

    def read() -> Any:
        value = box.value()
        return None if value < low else value

    def put(value: Any) -> None:
        box.setValue(low - 1 if value is None else value)

    return PlainField(box, read, put)


def _choice(spec: Field) -> PlainField:
    optional = not spec.required and spec.default is None  # e.g. an outcome not reached yet
    combo = ChoiceCombo((spec.choices or {}).items(), empty=NO_NUMBER if optional else None)
    if spec.default is not None:
        combo.set_key(spec.default)
    return PlainField(combo, combo.key, combo.set_key)


def _flag(spec: Field) -> PlainField:
    box = QCheckBox()
    return PlainField(box, box.isChecked, lambda v: box.setChecked(bool(v)))


_MAKERS: dict[Kind, Callable[[Field], PlainField]] = {
    Kind.TEXT: _text, Kind.LONG_TEXT: _long_text, Kind.DATE: _date, Kind.TIME: _time,
    Kind.NUMBER: _number, Kind.DECIMAL: _number, Kind.CHOICE: _choice, Kind.FLAG: _flag,
}

__all__ = ["PlainField", "apply_declaration"]
