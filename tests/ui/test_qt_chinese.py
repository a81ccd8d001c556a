"""Qt's own texts (message box buttons, file dialogs) speak Simplified Chinese."""

from __future__ import annotations

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QDialogButtonBox

from ui.app import QT_TRANSLATION, make_application


def test_standard_buttons_are_chinese(qapp):
    make_application()
    make_application()  # again, as the tests and the smoke test do: one translator still
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Yes
                               | QDialogButtonBox.StandardButton.No
                               | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(button.text() for button in buttons.buttons()) == ["取消", "否(&N)", "是(&Y)"]
    assert len(qapp.findChildren(QTranslator, QT_TRANSLATION)) == 1


def test_the_calendar_speaks_chinese_on_an_english_windows(qapp):
    """The date pickers' calendar says 十二月 and 周一, not December and Mon."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QCalendarWidget

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    make_application()
    calendar = QCalendarWidget()
    assert calendar.locale().monthName(12) == "十二月"
    assert calendar.locale().dayName(1, QLocale.FormatType.ShortFormat) == "周一"
