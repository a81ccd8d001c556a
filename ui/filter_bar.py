"""The filters above a list, in one row where the page is wide enough and in two where not.

A list's search box, choices (joint Party organisation, village, status), dates and check
boxes need about 1,000 pixels in one row: the window would not fit a 1024×768 screen. Below
that width the dates and check boxes move to a second row, so the bar asks only for the wider
of its two halves.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget


class FilterBar(QWidget):
    def __init__(self, first: list[QWidget], second: list[QWidget], *, stretch: QWidget,
                 parent: QWidget | None = None) -> None:
        """``first`` always stays in the top row, ``stretch`` (one of them) takes its spare
        room; ``second`` joins it when there is room and moves below it when there is not."""
        super().__init__(parent)
        self._first, self._second = first, second
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._top, self._bottom = QHBoxLayout(), QHBoxLayout()
        layout.addLayout(self._top)
        layout.addLayout(self._bottom)
        for widget in first:
            self._top.addWidget(widget, 1 if widget is stretch else 0)
        for widget in second:
            self._top.addWidget(widget)
        self._bottom.addStretch(1)
        self.one_row = True

    def _width_of(self, widgets: list[QWidget]) -> int:
        shown = [widget for widget in widgets if widget.isVisibleTo(self)]
        widths = [max(widget.minimumSizeHint().width(), widget.minimumWidth())
                  for widget in shown]
        return sum(widths) + self._top.spacing() * max(len(shown) - 1, 0)

    def one_row_width(self) -> int:
        return self._width_of(self._first + self._second)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt naming)
        """As narrow as the two-row arrangement allows, whichever is shown now."""
        narrowest = max(self._width_of(self._first), self._width_of(self._second))
        return QSize(narrowest, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self.arrange(event.size().width() >= self.one_row_width())

    def arrange(self, one_row: bool) -> None:
        if one_row == self.one_row:
            return
        self.one_row = one_row
        for widget in self._second:
            (self._bottom if one_row else self._top).removeWidget(widget)
        if one_row:
            for widget in self._second:
                self._top.addWidget(widget)
        else:
            for index, widget in enumerate(self._second):
                self._bottom.insertWidget(index, widget)
        self.updateGeometry()
