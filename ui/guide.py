"""使用指南 (F1): the offline user guide, ``resources/guide/guide.md`` with its pictures.

A window beside the main one (not modal: the user follows the steps while reading), with the
guide's sections on the left to jump to.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, QUrl
from PySide6.QtGui import QImage, QPixmap, QTextCursor, QTextDocument
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QTextBrowser, QWidget

from desktop_app.config.paths import resource_path
from ui import theme, window_state

GUIDE = ("guide", "guide.md")


class GuideWindow(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("联建台账 使用指南")
        self.sections = QListWidget()
        self.sections.setFixedWidth(theme.px(170))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        path = resource_path(*GUIDE)
        self.browser.setSearchPaths([str(path.parent)])
        self.browser.setSource(QUrl.fromLocalFile(str(path)),
                               QTextDocument.ResourceType.MarkdownResource)
        for heading in self.headings():
            self.sections.addItem(heading)
        self.sections.currentTextChanged.connect(self.show_section)
        layout = QHBoxLayout(self)
        layout.addWidget(self.sections)
        layout.addWidget(self.browser, 1)
        self._fit_screen()

    def headings(self) -> list[str]:
        """The guide's sections (its level-2 headings), in order."""
        document = self.browser.document()
        block, found = document.begin(), []
        while block.isValid():
            if block.blockFormat().headingLevel() == 2:
                found.append(block.text())
            block = block.next()
        return found

    def show_section(self, heading: str) -> None:
        """Scroll so that ``heading`` is at the top."""
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() == 2 and block.text() == heading:
                top = document.documentLayout().blockBoundingRect(block).top()
                self.browser.verticalScrollBar().setValue(int(top))
                return
            block = block.next()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self.fit_pictures()

    def fit_pictures(self) -> None:
        """Pictures no wider than the text (taken at 1024 pixels; smaller on small screens)."""
        document = self.browser.document()
        scroll_bar = self.browser.verticalScrollBar().sizeHint().width()  # shown or soon shown
        room = (self.browser.contentsRect().width() - scroll_bar
                - 2 * int(document.documentMargin()) - 8)
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                picture = fragment.charFormat().toImageFormat()
                if picture.isValid():
                    image = document.resource(QTextDocument.ResourceType.ImageResource,
                                              QUrl(picture.name()))
                    natural = image.width() if isinstance(image, QImage | QPixmap) else 0
                    if natural and room > 0:
                        picture.setWidth(min(natural, room))
                        picture.setHeight(image.height() * min(natural, room) / natural)
                        cursor = QTextCursor(document)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(fragment.position() + fragment.length(),
                                           QTextCursor.MoveMode.KeepAnchor)
                        cursor.setCharFormat(picture)
                it += 1
            block = block.next()

    def _fit_screen(self) -> None:
        """As large as reads well, within the screen less the taskbar and the frame."""
        self.resize(window_state.fitting_size(QSize(theme.px(980), theme.px(720)), self))
